/*
 * sigpending reports the signals that are pending because they are blocked (POSIX), and only
 * those: none at first, the ones raised while blocked, a blocked SIGCONT too, none once they are
 * unblocked and delivered, none that SIG_IGN discarded, none in a child after fork. A bad pointer
 * is EFAULT, and the call changes nothing.
 */
#include <signal.h>
#include <stdint.h>

#include "check.h"

static volatile int delivered;

static void handler(int sig) {
    delivered |= 1 << sig;
}

static sigset_t pending(void) {
    sigset_t set;
    sigfillset(&set); /* so that a call that writes nothing shows */
    CHECK_EQ(sigpending(&set), 0);
    return set;
}

static sigset_t set_of(int a, int b) {
    sigset_t s;
    sigemptyset(&s);
    if (a)
        sigaddset(&s, a);
    if (b)
        sigaddset(&s, b);
    return s;
}

static void none_at_first(void) {
    CHECK_EQ(pending(), 0);
    PASS("nothing is pending at first");
}

static void blocked_ones_are_pending(void) {
    sigset_t block = set_of(SIGUSR1, SIGUSR2), old;
    sigaddset(&block, SIGHUP);
    signal(SIGUSR1, handler);
    signal(SIGUSR2, handler);
    signal(SIGHUP, handler);

    CHECK_EQ(sigprocmask(SIG_BLOCK, &block, &old), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_EQ(pending(), set_of(SIGUSR1, SIGUSR2)); /* not SIGHUP, never raised */
    CHECK_EQ(delivered, 0);
    PASS("signals raised while blocked are pending, and only they");

    /* Unblocking delivers them before sigprocmask returns: nothing is left pending. */
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(delivered, (1 << SIGUSR1) | (1 << SIGUSR2));
    CHECK_EQ(pending(), 0);
    PASS("once unblocked and delivered, they are no longer pending");
}

static void blocked_sigcont_is_pending(void) {
    sigset_t cont = set_of(SIGCONT, 0), old;

    signal(SIGCONT, handler);
    delivered = 0;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &cont, &old), 0);
    CHECK_EQ(raise(SIGCONT), 0);
    CHECK_EQ(pending(), cont);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(delivered, 1 << SIGCONT);
    CHECK_EQ(pending(), 0);
    signal(SIGCONT, SIG_DFL);
    PASS("a blocked SIGCONT stays pending until unblocked");
}

static void ignoring_discards(void) {
    sigset_t usr1 = set_of(SIGUSR1, 0), old;

    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(pending(), usr1);
    signal(SIGUSR1, SIG_IGN); /* POSIX: discards a pending instance, blocked or not */
    CHECK_EQ(pending(), 0);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    signal(SIGUSR1, handler);
    PASS("setting SIG_IGN discards a pending blocked signal");
}

static void child_starts_with_none(void) {
    sigset_t usr2 = set_of(SIGUSR2, 0), old;
    int status;

    delivered = 0;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr2, &old), 0);
    CHECK_EQ(raise(SIGUSR2), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sigset_t set = usr2;
        _exit(sigpending(&set) == 0 && set == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(pending(), usr2); /* the parent's is still there */
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(delivered, 1 << SIGUSR2);
    PASS("a child of fork has nothing pending; its parent keeps its own");
}

static void bad_pointers(void) {
    static void *const bad[] = {NULL, (void *)0x1000u, (void *)0xC0000000u, (void *)(0xC0000000u - 2),
                                (void *)0xFFFFFFFEu};
    sigset_t usr1 = set_of(SIGUSR1, 0), old;

    delivered = 0;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_ERR(sigpending(bad[i]), EFAULT);
    CHECK_ERR(sigpending((sigset_t *)(uintptr_t)handler), EFAULT); /* read-only text */
    CHECK_EQ(pending(), usr1);                                     /* nothing consumed */
    CHECK_EQ(delivered, 0);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(delivered, 1 << SIGUSR1);
    PASS("a bad pointer is EFAULT (NULL, unmapped, kernel, straddling, read-only) and changes nothing");
}

int main(void) {
    none_at_first();
    blocked_ones_are_pending();
    blocked_sigcont_is_pending();
    ignoring_discards();
    child_starts_with_none();
    bad_pointers();
    return done_testing();
}
