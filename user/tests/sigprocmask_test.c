/*
 * sigprocmask gives exactly POSIX's results: SIG_BLOCK adds, SIG_UNBLOCK removes, SIG_SETMASK
 * replaces, the old mask comes back in each case, a NULL set only reports (whatever `how` says),
 * SIGKILL and SIGSTOP can never be blocked, and a pending signal that a call unblocks is
 * delivered before the call returns.
 */
#include <signal.h>

#include "check.h"

static sigset_t set_of(int a, int b, int c) {
    sigset_t s;
    sigemptyset(&s);
    if (a)
        sigaddset(&s, a);
    if (b)
        sigaddset(&s, b);
    if (c)
        sigaddset(&s, c);
    return s;
}

/* Applies `how` with `set` and checks the old mask and the new one. */
static void expect(int how, sigset_t set, sigset_t want_old, sigset_t want_new, const char *what) {
    sigset_t old = 0x5A5A5A5Au, now;
    CHECK_EQ(sigprocmask(how, &set, &old), 0);
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
    if (old != want_old || now != want_new)
        FAIL("%s: old 0x%08x (want 0x%08x), now 0x%08x (want 0x%08x)", what, old, want_old, now, want_new);
}

static void each_how(void) {
    sigset_t none = set_of(0, 0, 0), all;
    sigfillset(&all);
    sigset_t all_but_unblockable = all;
    sigdelset(&all_but_unblockable, SIGKILL);
    sigdelset(&all_but_unblockable, SIGSTOP);

    expect(SIG_SETMASK, none, none, none, "SETMASK {}");
    expect(SIG_BLOCK, set_of(SIGUSR1, SIGUSR2, 0), none, set_of(SIGUSR1, SIGUSR2, 0), "BLOCK {USR1 USR2}");
    expect(SIG_BLOCK, set_of(SIGUSR1, SIGTERM, 0), set_of(SIGUSR1, SIGUSR2, 0), set_of(SIGUSR1, SIGUSR2, SIGTERM),
           "BLOCK {USR1 TERM}");
    expect(SIG_UNBLOCK, set_of(SIGUSR1, 0, 0), set_of(SIGUSR1, SIGUSR2, SIGTERM), set_of(SIGUSR2, SIGTERM, 0),
           "UNBLOCK {USR1}");
    expect(SIG_UNBLOCK, set_of(SIGHUP, 0, 0), set_of(SIGUSR2, SIGTERM, 0), set_of(SIGUSR2, SIGTERM, 0),
           "UNBLOCK {HUP}, not blocked");
    expect(SIG_BLOCK, set_of(SIGKILL, SIGSTOP, SIGHUP), set_of(SIGUSR2, SIGTERM, 0), set_of(SIGUSR2, SIGTERM, SIGHUP),
           "BLOCK {KILL STOP HUP}");
    expect(SIG_SETMASK, set_of(SIGINT, 0, 0), set_of(SIGUSR2, SIGTERM, SIGHUP), set_of(SIGINT, 0, 0), "SETMASK {INT}");
    expect(SIG_SETMASK, all, set_of(SIGINT, 0, 0), all_but_unblockable, "SETMASK everything");
    expect(SIG_UNBLOCK, set_of(SIGINT, SIGKILL, 0), all_but_unblockable, all_but_unblockable & ~set_of(SIGINT, 0, 0),
           "UNBLOCK {INT KILL}");
    expect(SIG_UNBLOCK, all, all_but_unblockable & ~set_of(SIGINT, 0, 0), none, "UNBLOCK everything");

    /* A NULL set only reports, whatever `how` says; a bad `how` with a set is refused. */
    expect(SIG_BLOCK, set_of(SIGUSR1, 0, 0), none, set_of(SIGUSR1, 0, 0), "BLOCK {USR1} again");
    sigset_t old = 0;
    CHECK_EQ(sigprocmask(12345, NULL, &old), 0);
    CHECK_EQ(old, set_of(SIGUSR1, 0, 0));
    sigset_t s = set_of(SIGUSR2, 0, 0);
    CHECK_ERR(sigprocmask(-1, &s, NULL), EINVAL);
    CHECK_ERR(sigprocmask(3, &s, NULL), EINVAL);
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &old), 0);
    CHECK_EQ(old, set_of(SIGUSR1, 0, 0));
    CHECK_EQ(sigprocmask(SIG_SETMASK, &none, NULL), 0);
    PASS("SIG_BLOCK, SIG_UNBLOCK and SIG_SETMASK give exactly the POSIX mask and old mask");
}

static volatile int got;
static void handler(int sig) {
    (void)sig;
    got++;
}

static void unblock_delivers_before_returning(void) {
    static const int hows[] = {SIG_UNBLOCK, SIG_SETMASK};
    signal(SIGUSR1, handler);
    for (unsigned i = 0; i < 2; i++) {
        sigset_t usr1 = set_of(SIGUSR1, 0, 0), none = set_of(0, 0, 0);
        CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
        got = 0;
        CHECK_EQ(raise(SIGUSR1), 0);
        CHECK_EQ(got, 0);
        CHECK_EQ(sigprocmask(hows[i], hows[i] == SIG_UNBLOCK ? &usr1 : &none, NULL), 0);
        CHECK_EQ(got, 1);
    }
    signal(SIGUSR1, SIG_DFL);
    PASS("a pending signal a call unblocks is delivered before the call returns");
}

static void block_all_then_kill(void) {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    raise(SIGKILL);
    _exit(3);
}

static void block_all_then_spin(void) {
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    for (;;)
        sched_yield();
}

static void kill_and_stop_cannot_be_blocked(void) {
    CHECK_SIGNALED(run_in_child(block_all_then_kill), SIGKILL);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        block_all_then_spin();
    CHECK(pid > 0);
    int status;
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    CHECK_EQ(WSTOPSIG(status), SIGSTOP);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("SIGKILL and SIGSTOP act on a process that blocked everything");
}

int main(void) {
    each_how();
    unblock_delivers_before_returning();
    kill_and_stop_cannot_be_blocked();
    return done_testing();
}
