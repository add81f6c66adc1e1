/*
 * User and group ids (POSIX): everything starts as root; set*id change what the caller's
 * privilege allows; fork copies the ids; kill refuses (EPERM) a target whose user ids the
 * sender's do not match, unless the sender is root or sends SIGCONT within its session.
 * Each case that gives up root runs in a child of its own, since there is no way back.
 */
#include <signal.h>

#include "check.h"

#define NOBODY ((uid_t)-1)

static void check_ids(uid_t uid, uid_t euid, gid_t gid, gid_t egid) {
    CHECK_EQ(getuid(), uid);
    CHECK_EQ(geteuid(), euid);
    CHECK_EQ(getgid(), gid);
    CHECK_EQ(getegid(), egid);
}

static void setuid_as_root_sets_all(void) {
    CHECK_EQ(setuid(1), 0);
    check_ids(1, 1, 0, 0);
    /* The saved id became 1 too: root is gone for good. */
    CHECK_ERR(setuid(0), EPERM);
    CHECK_ERR(seteuid(0), EPERM);
    CHECK_EQ(setuid(1), 0); /* its own id is always allowed */
    check_ids(1, 1, 0, 0);
    /* Group ids: only the real (or saved) one now. */
    CHECK_ERR(setgid(5), EPERM);
    CHECK_ERR(setegid(5), EPERM);
    CHECK_EQ(setgid(0), 0);
    CHECK_EQ(setegid(0), 0);
    check_ids(1, 1, 0, 0);
}

static void seteuid_keeps_the_way_back(void) {
    CHECK_EQ(seteuid(7), 0);
    check_ids(0, 7, 0, 0);
    /* Not privileged now (effective 7), but the real and saved ids are still 0. */
    CHECK_ERR(seteuid(9), EPERM);
    CHECK_ERR(setuid(9), EPERM);
    CHECK_ERR(setgid(9), EPERM);
    CHECK_EQ(setuid(0), 0); /* unprivileged setuid: only the effective id, to the real one */
    check_ids(0, 0, 0, 0);
    CHECK_EQ(seteuid(9), 0); /* root again, so any id */
    CHECK_EQ(seteuid(0), 0);
    check_ids(0, 0, 0, 0);
}

static void group_ids(void) {
    CHECK_EQ(setgid(3), 0); /* root: real, effective and saved group ids */
    check_ids(0, 0, 3, 3);
    CHECK_EQ(setegid(4), 0);
    check_ids(0, 0, 3, 4);
    CHECK_EQ(setuid(2), 0); /* no longer privileged */
    CHECK_EQ(setegid(3), 0);
    CHECK_ERR(setegid(4), EPERM); /* neither the real nor the saved group id */
    CHECK_ERR(setgid(4), EPERM);
    CHECK_EQ(setgid(3), 0);
    check_ids(2, 2, 3, 3);
}

static void invalid_ids(void) {
    CHECK_ERR(setuid(NOBODY), EINVAL);
    CHECK_ERR(seteuid(NOBODY), EINVAL);
    CHECK_ERR(setgid((gid_t)-1), EINVAL);
    CHECK_ERR(setegid((gid_t)-1), EINVAL);
    CHECK_ERR(setuid(0x80000000u), EINVAL); /* ids stop at INT32_MAX: getuid never looks like an error */
    CHECK_ERR(setgid(0x80000000u), EINVAL);
    check_ids(0, 0, 0, 0);
    CHECK_EQ(setgid(0x7FFFFFFF), 0);
    CHECK_EQ(setuid(0x7FFFFFFF), 0);
    check_ids(0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF, 0x7FFFFFFF);
}

static void fork_copies_ids(void) {
    CHECK_EQ(setgid(6), 0);
    CHECK_EQ(setuid(5), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        check_ids(5, 5, 6, 6);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

/* A child as user 1 may not signal its parent or init (root), with signal 0 too. */
static void kill_root_is_eperm(void) {
    pid_t parent = getppid();
    CHECK_EQ(setuid(1), 0);
    CHECK_ERR(kill(parent, 0), EPERM);
    CHECK_ERR(kill(parent, SIGTERM), EPERM);
    CHECK_ERR(kill(1, 0), EPERM);
    CHECK_ERR(kill(999999, 0), ESRCH); /* no such process comes before permission */
    CHECK_ERR(kill(parent, 99), EINVAL);
    CHECK_EQ(kill(getpid(), 0), 0); /* itself, always */
    /* SIGCONT within the session is allowed (the parent is not stopped: nothing happens). */
    CHECK_EQ(kill(parent, SIGCONT), 0);
    /* A group of root's only: EPERM; the caller's own group includes itself: allowed. */
    CHECK_EQ(setpgid(0, 0), 0);
    CHECK_ERR(kill(-getpgid(parent), 0), EPERM);
    CHECK_EQ(kill(0, 0), 0);
    /* Every process but init and itself: all root here, so nobody. */
    CHECK_ERR(kill(-1, 0), EPERM);
}

/* The effective id is 1 but the real one 0: the real id still matches root's. */
static void kill_by_real_id(void) {
    pid_t parent = getppid();
    CHECK_EQ(seteuid(1), 0);
    CHECK_EQ(kill(parent, 0), 0);
}

/* Two processes of user 1 signal each other; root signals either. */
static void kill_same_user(void) {
    CHECK_EQ(setuid(1), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        pause();
        _exit(1);
    }
    CHECK_EQ(kill(pid, SIGTERM), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
}

/* The target's effective id does not count: a root process that took effective id 3 is out of
 * reach of user 3 (its real and saved ids are 0), while it reaches user 3 by its effective id. */
static void kill_ignores_target_effective_id(void) {
    int go[2], done[2];
    CHECK_EQ(pipe(go), 0);
    CHECK_EQ(pipe(done), 0);
    pid_t me = getpid();
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char c;
        if (setuid(3) != 0 || read(go[0], &c, 1) != 1)
            _exit(2);
        c = kill(me, 0) == -1 && errno == EPERM ? 'y' : 'n'; /* the verdict goes through the pipe */
        if (write(done[1], &c, 1) != 1)
            _exit(2);
        pause();
        _exit(3); /* the parent kills it */
    }
    CHECK_EQ(seteuid(3), 0);
    CHECK_EQ(write(go[1], "x", 1), 1);
    char c;
    CHECK_EQ(read(done[0], &c, 1), 1);
    CHECK_EQ(c, 'y');                /* the child got EPERM */
    CHECK_EQ(kill(pid, SIGKILL), 0); /* effective 3 == the child's real 3 */
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
}

/* tgkill has kill's rule: a thread of root's process (the parent's first, tid = pid) is EPERM. */
static void tgkill_root_is_eperm(void) {
    pid_t parent = getppid();
    CHECK_EQ(setuid(1), 0);
    CHECK_ERR(tgkill(parent, parent, 0), EPERM);
    CHECK_ERR(tgkill(parent, parent, SIGTERM), EPERM);
    CHECK_ERR(tgkill(1, 1, SIGKILL), EPERM);
    CHECK_ERR(tgkill(parent, 999999, 0), ESRCH); /* no such thread comes before permission */
    CHECK_EQ(tgkill(getpid(), gettid(), 0), 0);  /* itself, always */
}

/* si_uid is the sender's real user id: kill, tgkill (raise), and the child's for SIGCHLD. */
static void siginfo_carries_uid(void) {
    sigset_t set;
    siginfo_t info;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGCHLD);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
    CHECK_EQ(setuid(5), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(kill(getppid(), SIGUSR1) == 0 ? 0 : 2);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    CHECK_EQ(sigwaitinfo(&usr1, &info), SIGUSR1);
    CHECK_EQ(info.si_code, SI_USER);
    CHECK_EQ(info.si_pid, pid);
    CHECK_EQ(info.si_uid, 5);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    CHECK_EQ(sigwaitinfo(&chld, &info), SIGCHLD);
    CHECK_EQ(info.si_pid, pid);
    CHECK_EQ(info.si_uid, 5);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(sigwaitinfo(&usr1, &info), SIGUSR1);
    CHECK_EQ(info.si_code, SI_TKILL);
    CHECK_EQ(info.si_uid, 5);
}

static void in_child(void (*fn)(void), const char *name) {
    CHECK_EXITED(run_in_child(fn), 0);
    PASS(name);
}

int main(void) {
    check_ids(0, 0, 0, 0);
    PASS("everything starts as root");
    in_child(setuid_as_root_sets_all, "setuid as root sets all three ids; after it, only its own");
    in_child(seteuid_keeps_the_way_back, "seteuid changes only the effective id; the real one brings root back");
    in_child(group_ids, "setgid/setegid: root sets any; others only the real or saved group id");
    in_child(invalid_ids, "ids above INT32_MAX ((uid_t)-1 too) are EINVAL; INT32_MAX is an id");
    in_child(fork_copies_ids, "fork copies the ids");
    in_child(kill_root_is_eperm, "kill: EPERM towards root's processes, ESRCH first, SIGCONT in the session, groups");
    in_child(kill_by_real_id, "kill: the sender's real id counts too");
    in_child(kill_same_user, "kill: the same user signals its own processes");
    in_child(kill_ignores_target_effective_id, "kill: the target's effective id does not count, the sender's does");
    in_child(tgkill_root_is_eperm, "tgkill: EPERM towards a thread of root's process, ESRCH first, itself always");
    in_child(siginfo_carries_uid,
             "si_uid is the sender's real user id (kill, raise's tgkill), the child's for SIGCHLD");
    /* Root signals any user's process. */
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (setuid(8) != 0)
            _exit(2);
        pause();
        _exit(1);
    }
    sched_yield();
    CHECK_EQ(kill(pid, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("root signals another user's process");
    return done_testing();
}
