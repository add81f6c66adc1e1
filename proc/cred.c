/* User and group ids: what the set*id calls may change, who may signal whom (proc/cred.h). */
#include <abi/errno.h>
#include <proc/cred.h>

static bool privileged(const struct proc_cred *c) {
    return c->euid == 0;
}

int cred_setuid(struct proc_cred *c, uint32_t uid) {
    if (uid > CRED_ID_MAX)
        return -EINVAL;
    if (privileged(c)) {
        c->uid = c->euid = c->suid = uid;
        return 0;
    }
    if (uid != c->uid && uid != c->suid)
        return -EPERM;
    c->euid = uid;
    return 0;
}

int cred_seteuid(struct proc_cred *c, uint32_t euid) {
    if (euid > CRED_ID_MAX)
        return -EINVAL;
    if (!privileged(c) && euid != c->uid && euid != c->suid)
        return -EPERM;
    c->euid = euid;
    return 0;
}

int cred_setgid(struct proc_cred *c, uint32_t gid) {
    if (gid > CRED_ID_MAX)
        return -EINVAL;
    if (privileged(c)) {
        c->gid = c->egid = c->sgid = gid;
        return 0;
    }
    if (gid != c->gid && gid != c->sgid)
        return -EPERM;
    c->egid = gid;
    return 0;
}

int cred_setegid(struct proc_cred *c, uint32_t egid) {
    if (egid > CRED_ID_MAX)
        return -EINVAL;
    if (!privileged(c) && egid != c->gid && egid != c->sgid)
        return -EPERM;
    c->egid = egid;
    return 0;
}

void cred_exec(struct proc_cred *c, bool set_uid, uint32_t uid, bool set_gid, uint32_t gid) {
    /* An owner beyond the ids a process may have (a disk's 32-bit ids) grants nothing. */
    if (set_uid && uid <= CRED_ID_MAX)
        c->euid = uid;
    if (set_gid && gid <= CRED_ID_MAX)
        c->egid = gid;
    c->suid = c->euid;
    c->sgid = c->egid;
}

bool cred_may_signal(const struct proc_cred *sender, const struct proc_cred *target) {
    if (privileged(sender))
        return true;
    return sender->uid == target->uid || sender->uid == target->suid || sender->euid == target->uid ||
           sender->euid == target->suid;
}
