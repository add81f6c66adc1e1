/*
 * The XSI signal functions, as POSIX words them: sighold adds a signal to the mask and sigrelse
 * takes it out; sigignore sets SIG_IGN; sigset sets a disposition and takes the signal out of the
 * mask (a handler it installs runs with the signal blocked), or with SIG_HOLD adds it to the mask
 * and leaves the disposition; sigset returns SIG_HOLD if the signal was blocked before, else the
 * previous disposition. A number that is no signal is EINVAL for each, and so is catching or
 * ignoring SIGKILL or SIGSTOP; a call that fails changes nothing.
 */
#include <signal.h>

#include "check.h"

static volatile int delivered;
static volatile int blocked_inside; /* the handler saw its own signal blocked */

static void handler(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    blocked_inside = sigismember(&now, sig);
    delivered |= 1 << sig;
}

static int blocked(int sig) {
    sigset_t now;
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &now), 0);
    return sigismember(&now, sig);
}

static int pending(int sig) {
    sigset_t set;
    CHECK_EQ(sigpending(&set), 0);
    return sigismember(&set, sig);
}

static sighandler_t disposition(int sig) {
    struct sigaction old;
    CHECK_EQ(sigaction(sig, NULL, &old), 0);
    return old.sa_handler;
}

static void hold_and_release(void) {
    CHECK_EQ(signal(SIGUSR1, handler), SIG_DFL);
    CHECK_EQ(sighold(SIGUSR1), 0);
    CHECK(blocked(SIGUSR1));
    CHECK_EQ(sighold(SIGUSR1), 0); /* holding twice is no error */
    delivered = 0;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(delivered, 0);
    CHECK(pending(SIGUSR1));
    PASS("sighold adds the signal to the mask: raised, it stays pending");

    CHECK_EQ(sigrelse(SIGUSR1), 0);
    CHECK_EQ(delivered, 1 << SIGUSR1);
    CHECK(!blocked(SIGUSR1));
    CHECK(!pending(SIGUSR1));
    CHECK_EQ(sigrelse(SIGUSR1), 0); /* releasing one not held is no error */
    CHECK(!blocked(SIGUSR1));
    PASS("sigrelse takes it out of the mask and the pending signal is delivered");
}

static void ignore(void) {
    CHECK_EQ(sigignore(SIGUSR2), 0);
    CHECK_EQ(disposition(SIGUSR2), SIG_IGN);
    CHECK_EQ(raise(SIGUSR2), 0); /* would end the test were it not ignored */
    CHECK(!pending(SIGUSR2));
    CHECK_EQ(signal(SIGUSR2, SIG_DFL), SIG_IGN);
    PASS("sigignore sets SIG_IGN: the signal is discarded");

    CHECK_ERR(sigignore(SIGKILL), EINVAL);
    CHECK_ERR(sigignore(SIGSTOP), EINVAL);
    CHECK_EQ(disposition(SIGKILL), SIG_DFL);
    CHECK_EQ(disposition(SIGSTOP), SIG_DFL);
    PASS("sigignore of SIGKILL or SIGSTOP is EINVAL");
}

static void set_handler(void) {
    delivered = 0;
    blocked_inside = 0;
    CHECK_EQ(sigset(SIGHUP, handler), SIG_DFL);
    CHECK_EQ(disposition(SIGHUP), handler);
    CHECK_EQ(raise(SIGHUP), 0);
    CHECK_EQ(delivered, 1 << SIGHUP);
    CHECK_EQ(blocked_inside, 1);
    CHECK(!blocked(SIGHUP));
    PASS("sigset installs a handler, which runs with its signal blocked; it returns SIG_DFL before");

    CHECK_EQ(sigset(SIGHUP, SIG_IGN), handler);
    CHECK_EQ(sigset(SIGHUP, SIG_DFL), SIG_IGN);
    CHECK_EQ(disposition(SIGHUP), SIG_DFL);
    PASS("sigset returns the previous disposition: a handler, SIG_IGN");

    CHECK_EQ(sighold(SIGHUP), 0);
    CHECK_EQ(sigset(SIGHUP, SIG_IGN), SIG_HOLD);
    CHECK(!blocked(SIGHUP));
    CHECK_EQ(disposition(SIGHUP), SIG_IGN);
    CHECK_EQ(signal(SIGHUP, SIG_DFL), SIG_IGN);
    PASS("sigset of a blocked signal unblocks it and returns SIG_HOLD");
}

static void set_hold(void) {
    CHECK_EQ(signal(SIGCHLD, handler), SIG_DFL);
    CHECK(!blocked(SIGCHLD));
    CHECK_EQ(sigset(SIGCHLD, SIG_HOLD), handler);
    CHECK(blocked(SIGCHLD));
    CHECK_EQ(disposition(SIGCHLD), handler);
    PASS("sigset(SIG_HOLD) blocks the signal, keeps its handler and returns it");

    CHECK_EQ(sigset(SIGCHLD, SIG_HOLD), SIG_HOLD);
    delivered = 0;
    CHECK_EQ(raise(SIGCHLD), 0);
    CHECK_EQ(delivered, 0);
    CHECK(pending(SIGCHLD));
    CHECK_EQ(sigrelse(SIGCHLD), 0);
    CHECK_EQ(delivered, 1 << SIGCHLD);
    PASS("sigset(SIG_HOLD) of a held signal returns SIG_HOLD; the signal waits until sigrelse");
    CHECK_EQ(signal(SIGCHLD, SIG_DFL), handler);
}

static void bad_numbers(void) {
    sigset_t before, after;
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &before), 0);
    int bad[] = {0, -1, NSIG, 1000};
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_ERR(sighold(bad[i]), EINVAL);
        CHECK_ERR(sigrelse(bad[i]), EINVAL);
        CHECK_ERR(sigignore(bad[i]), EINVAL);
        errno = 0;
        CHECK_EQ(sigset(bad[i], SIG_IGN), SIG_ERR);
        CHECK_EQ(errno, EINVAL);
        errno = 0;
        CHECK_EQ(sigset(bad[i], SIG_HOLD), SIG_ERR);
        CHECK_EQ(errno, EINVAL);
    }
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &after), 0);
    CHECK_EQ(after, before);
    PASS("a number that is no signal is EINVAL for each call and changes no mask");

    CHECK_EQ(sighold(SIGTERM), 0);
    int uncatchable[] = {SIGKILL, SIGSTOP};
    for (unsigned i = 0; i < 2; i++) {
        errno = 0;
        CHECK_EQ(sigset(uncatchable[i], handler), SIG_ERR);
        CHECK_EQ(errno, EINVAL);
        errno = 0;
        CHECK_EQ(sigset(uncatchable[i], SIG_IGN), SIG_ERR);
        CHECK_EQ(errno, EINVAL);
        CHECK_EQ(disposition(uncatchable[i]), SIG_DFL);
    }
    CHECK(blocked(SIGTERM));
    CHECK_EQ(sigrelse(SIGTERM), 0);
    PASS("sigset cannot catch or ignore SIGKILL or SIGSTOP: EINVAL");
}

/* sigpause: a held signal that is already pending runs at once; one sent later while waiting
 * runs too; the mask is back afterwards; a bad number is EINVAL without waiting. */
static void pause_for(void) {
    delivered = 0;
    CHECK(sigset(SIGUSR1, handler) != SIG_ERR);
    CHECK_EQ(sighold(SIGUSR1), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK(!delivered);
    errno = 0;
    CHECK_EQ(sigpause(SIGUSR1), -1);
    CHECK_EQ(errno, EINTR);
    CHECK_EQ(delivered, 1 << SIGUSR1);
    CHECK(blocked(SIGUSR1));
    PASS("sigpause: a pending held signal runs its handler, EINTR, and the signal is held again");

    delivered = 0;
    pid_t parent = getpid(), child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        struct timespec ts = {0, 100000000};
        nanosleep(&ts, NULL);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    CHECK_EQ(sigpause(SIGUSR1), -1);
    CHECK_EQ(errno, EINTR);
    CHECK_EQ(delivered, 1 << SIGUSR1);
    CHECK(blocked(SIGUSR1));
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 0);
    CHECK_EQ(sigpause(0), -1);
    CHECK_EQ(errno, EINVAL);
    CHECK_EQ(sigpause(NSIG), -1);
    CHECK_EQ(errno, EINVAL);
    CHECK_EQ(sigrelse(SIGUSR1), 0);
    PASS("sigpause: waits for a signal sent later; EINVAL for a number that is no signal");
}

int main(void) {
    hold_and_release();
    ignore();
    set_handler();
    set_hold();
    bad_numbers();
    pause_for();
    return done_testing();
}
