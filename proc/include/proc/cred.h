/*
 * A process's user and group ids (POSIX credentials), and the two decisions made from them: what
 * the set*id calls may change, and whom kill may signal.
 *
 * Each process has a real id (who it is), an effective id (whose privileges it uses) and a saved
 * set-id (an effective id it may return to), for the user and for the group. init starts as root
 * (all six 0), fork copies them, exec keeps them but for a set-user-ID or set-group-ID file's
 * (cred_exec). A process whose effective user id is 0 is privileged. File access checks the
 * effective ids (access(2) the real ones) against each file's owner, group and mode (fs/perm.c).
 *
 * Functions here take the credentials to change, never the current process, so the caller decides
 * whose they are; they change nothing when they fail.
 */
#ifndef PROC_CRED_H
#define PROC_CRED_H

#include <stdbool.h>
#include <stdint.h>

struct proc_cred {
    uint32_t uid, euid, suid; /* real, effective, saved set-user-ID */
    uint32_t gid, egid, sgid; /* real, effective, saved set-group-ID */
};

/* Ids are 0 .. CRED_ID_MAX, so that getuid's result is never in the range of errors ([-4095, -1]
 * as a long) and every call keeps one convention; (uid_t)-1, "no id" in POSIX, is refused too. */
#define CRED_ID_MAX 0x7FFFFFFFu

/* setuid: privileged, all three user ids become `uid`; otherwise only the effective one, to the
 * real or saved id. 0, -EINVAL (not an id), -EPERM. */
int cred_setuid(struct proc_cred *c, uint32_t uid);
/* seteuid: the effective user id, to any id when privileged, else to the real or saved one. */
int cred_seteuid(struct proc_cred *c, uint32_t euid);
/* setgid and setegid: the same rules for the group ids (privileged: effective user id 0). */
int cred_setgid(struct proc_cred *c, uint32_t gid);
int cred_setegid(struct proc_cred *c, uint32_t egid);

/*
 * exec's change (POSIX execve): a set-user-ID file (`set_uid`) makes its owner `uid` the
 * effective user id, a set-group-ID one its group `gid` the effective group id; then the saved
 * ids become the effective ones, whatever the file. The real ids never change.
 */
void cred_exec(struct proc_cred *c, bool set_uid, uint32_t uid, bool set_gid, uint32_t gid);

/* POSIX kill: may a process with `sender` signal one with `target`? Yes when the sender is
 * privileged, or its real or effective user id is the target's real or saved set-user-ID. */
bool cred_may_signal(const struct proc_cred *sender, const struct proc_cred *target);

#endif
