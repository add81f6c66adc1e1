/*
 * No partial effects: a call whose output pointer cannot be written fails with EFAULT and changes
 * nothing. The pointers: a read-only page, an unmapped page, and 0xC0000000 - 1 (the first byte
 * is a user address, the rest are the kernel's). The calls: sigaction's and sigprocmask's old
 * value (they used to install the new action or mask, then fail), pipe's fds (no descriptor may be
 * left behind), nanosleep's rem (checked before sleeping, so an interruption cannot lose it), and
 * waitpid's status (the child stays a zombie).
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "check.h"

/* A read-only page, an unmapped page, and a pointer straddling the end of user space. */
#define N_BAD 3
static void *bad[N_BAD];

static void make_bad_pages(void) {
    bad[0] = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(bad[0] != MAP_FAILED);
    CHECK_EQ(*(volatile char *)bad[0], 0); /* mapped and readable */
    bad[1] = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(bad[1] != MAP_FAILED);
    CHECK_EQ(munmap(bad[1], 4096), 0);
    bad[2] = (void *)(0xC0000000u - 1);
}

#define FOR_EACH_BAD(p) for (void *p, **p##_ = bad; p##_ < bad + N_BAD && (p = *p##_, 1); p##_++)

static volatile int got;
static void handler(int sig) {
    (void)sig;
    got++;
}
static void other_handler(int sig) {
    (void)sig;
}

static void action_of(int sig, struct sigaction *out) {
    CHECK_EQ(sigaction(sig, NULL, out), 0);
}

static void sigaction_changes_nothing(void) {
    struct sigaction sa = {.sa_handler = handler}, now;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    /* As the kernel keeps it (with the libc's restorer), so that the raw call takes it too. */
    struct sigaction replacement;
    action_of(SIGUSR1, &replacement);
    replacement.sa_handler = other_handler;
    replacement.sa_flags |= SA_RESTART;

    FOR_EACH_BAD(p) {
        CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, &replacement, p), EFAULT);
        action_of(SIGUSR1, &now);
        if (now.sa_handler != handler || now.sa_mask != sa.sa_mask || (now.sa_flags & SA_RESTART))
            FAIL("sigaction with old at %p failed but installed the new action", p);
        CHECK_ERR(sigaction(SIGUSR1, &replacement, p), EFAULT); /* through the libc too */
        action_of(SIGUSR1, &now);
        CHECK(now.sa_handler == handler);
    }

    /* Setting SIG_IGN discards a pending instance: not when the call fails. */
    sigset_t usr2, old;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    CHECK_EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr2, &old), 0);
    CHECK_EQ(raise(SIGUSR2), 0);
    struct sigaction ignore = {.sa_handler = SIG_IGN};
    FOR_EACH_BAD(p) {
        CHECK_ERR(sigaction(SIGUSR2, &ignore, p), EFAULT);
    }
    got = 0;
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(got, 1); /* still pending, still caught */

    /* A call that fails for another reason leaves the old-value buffer alone. */
    struct sigaction sentinel;
    memset(&sentinel, 0x5A, sizeof(sentinel));
    struct sigaction copy = sentinel;
    CHECK_ERR(sigaction(SIGKILL, &replacement, &sentinel), EINVAL);
    CHECK_ERR(sigaction(0, &replacement, &sentinel), EINVAL);
    CHECK_ERR(sigaction(NSIG, NULL, &sentinel), EINVAL);
    CHECK(memcmp(&sentinel, &copy, sizeof(copy)) == 0);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    PASS("sigaction with an unwritable old action changes nothing");
}

static sigset_t mask_now(void) {
    sigset_t m;
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &m), 0);
    return m;
}

static void sigprocmask_changes_nothing(void) {
    sigset_t start, set, all;
    sigemptyset(&start);
    sigaddset(&start, SIGHUP);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &start, NULL), 0);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGHUP);
    sigfillset(&all);

    FOR_EACH_BAD(p) {
        CHECK_ERR(sigprocmask(SIG_BLOCK, &set, p), EFAULT);
        CHECK_EQ(mask_now(), start);
        CHECK_ERR(sigprocmask(SIG_UNBLOCK, &set, p), EFAULT);
        CHECK_EQ(mask_now(), start);
        CHECK_ERR(sigprocmask(SIG_SETMASK, &all, p), EFAULT);
        CHECK_EQ(mask_now(), start);
    }

    /* A pending signal the failed call would have unblocked stays pending and blocked. */
    signal(SIGHUP, handler);
    got = 0;
    CHECK_EQ(raise(SIGHUP), 0);
    FOR_EACH_BAD(p) {
        CHECK_ERR(sigprocmask(SIG_UNBLOCK, &start, p), EFAULT);
    }
    CHECK_EQ(got, 0);
    sigset_t none;
    sigemptyset(&none);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &none, NULL), 0);
    CHECK_EQ(got, 1);
    signal(SIGHUP, SIG_DFL);

    /* A bad `how` leaves the mask and the old-value buffer alone. */
    sigset_t sentinel = 0x5A5A5A5Au;
    CHECK_ERR(sigprocmask(99, &set, &sentinel), EINVAL);
    CHECK_EQ(sentinel, 0x5A5A5A5Au);
    CHECK_EQ(mask_now(), 0);
    PASS("sigprocmask with an unwritable old mask changes nothing");
}

/* The lowest free descriptor, found without keeping one. */
static void pipe_leaves_no_descriptor(void) {
    int before = lowest_free_fd();
    FOR_EACH_BAD(p) {
        CHECK_ERR(pipe(p), EFAULT);
        CHECK_EQ(lowest_free_fd(), before);
    }
    PASS("pipe with an unwritable fds array leaves no descriptor behind");
}

static void nanosleep_checks_rem_first(void) {
    struct timespec req = {0, 300 * 1000 * 1000};
    FOR_EACH_BAD(p) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        CHECK_ERR(nanosleep(&req, p), EFAULT);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long long ms = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        if (ms >= 200)
            FAIL("nanosleep with rem at %p slept %lld ms before failing", p, ms);
    }
    PASS("nanosleep with an unwritable rem fails at once, without sleeping");
}

static void waitpid_keeps_the_zombie(void) {
    pid_t pid = fork();
    if (pid == 0)
        _exit(5);
    CHECK(pid > 0);
    FOR_EACH_BAD(p) {
        CHECK_ERR(waitpid(pid, p, 0), EFAULT);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 5);
    PASS("waitpid with an unwritable status keeps the zombie and its status");
}

int main(void) {
    make_bad_pages();
    sigaction_changes_nothing();
    sigprocmask_changes_nothing();
    pipe_leaves_no_descriptor();
    nanosleep_checks_rem_first();
    waitpid_keeps_the_zombie();
    return done_testing();
}
