/*
 * Waiting for signals, and sending them to many (POSIX): sigsuspend (the mask swap and the wait
 * are one step; the old mask is back after the handler), pause, sigwait, sigwaitinfo and
 * sigtimedwait (the signal taken, its siginfo: si_code SI_USER with si_pid, CLD_EXITED with
 * si_status; EAGAIN, EINTR, EINVAL, EFAULT with the signal kept), killpg, kill(-1, sig) (all but
 * init and the caller), raise, and abort (SIGABRT even when blocked or ignored, after a handler).
 */
#include <signal.h>
#include <stdint.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000u)

static volatile int usr1_runs, usr2_runs;
static sigset_t mask_in_handler;

static void on_usr1(int sig) {
    (void)sig;
    usr1_runs++;
    sigprocmask(SIG_BLOCK, NULL, &mask_in_handler);
}

static void on_usr2(int sig) {
    (void)sig;
    usr2_runs++;
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

static sigset_t current_mask(void) {
    sigset_t m;
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &m), 0);
    return m;
}

static void handle(int sig, void (*h)(int)) {
    struct sigaction act = {.sa_handler = h};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void suspend_pending(void) {
    sigset_t usr1 = set_of(SIGUSR1, 0), old;
    handle(SIGUSR1, on_usr1);
    usr1_runs = 0;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(usr1_runs, 0);
    /* The suspend mask lets SIGUSR1 through and blocks SIGUSR2: the handler runs under it. */
    sigset_t during = set_of(SIGUSR2, 0);
    CHECK_ERR(sigsuspend(&during), EINTR);
    CHECK_EQ(usr1_runs, 1);
    CHECK_EQ(mask_in_handler, set_of(SIGUSR1, SIGUSR2));
    CHECK_EQ(current_mask(), set_of(SIGUSR1, 0));
    PASS("sigsuspend: a pending signal its mask lets through runs at once; the old mask is back after");
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

static void suspend_waits(void) {
    sigset_t block = set_of(SIGUSR1, SIGUSR2), old;
    handle(SIGUSR1, on_usr1);
    handle(SIGUSR2, on_usr2);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &block, &old), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        /* Neither a blocked SIGUSR2 nor an ignored SIGURG ends the wait; SIGUSR1 does. */
        usr1_runs = usr2_runs = 0;
        sigset_t only_usr2 = set_of(SIGUSR2, 0);
        int r = sigsuspend(&only_usr2);
        _exit(r == -1 && errno == EINTR && usr1_runs == 1 && usr2_runs == 0 ? 0 : 1);
    }
    sleep_ms(30);
    CHECK_EQ(kill(pid, SIGUSR2), 0);
    CHECK_EQ(kill(pid, SIGURG), 0);
    sleep_ms(30);
    CHECK_EQ(waitpid(pid, NULL, WNOHANG), 0);
    CHECK_EQ(kill(pid, SIGUSR1), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("sigsuspend waits until a signal its mask lets through runs a handler");

    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sigset_t none = set_of(0, 0);
        sigsuspend(&none);
        _exit(1);
    }
    sleep_ms(20);
    CHECK_EQ(kill(pid, SIGTERM), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
    PASS("sigsuspend: a signal whose default action terminates ends the process");

    CHECK_ERR(sigsuspend(KERNEL_ADDR), EFAULT);
    CHECK_ERR(sigsuspend((sigset_t *)8), EFAULT);
    CHECK_EQ(current_mask(), block);
    PASS("sigsuspend: a bad mask pointer is EFAULT, the mask unchanged");
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

static void pause_returns(void) {
    handle(SIGUSR1, on_usr1);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        usr1_runs = 0;
        int r = pause();
        _exit(r == -1 && errno == EINTR && usr1_runs == 1 ? 0 : 1);
    }
    sleep_ms(30);
    CHECK_EQ(kill(pid, SIGUSR1), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("pause returns -1/EINTR after a handler ran");
}

static void sigwait_family(void) {
    sigset_t block = set_of(SIGUSR1, SIGUSR2), old, pend;
    handle(SIGUSR1, on_usr1);
    handle(SIGUSR2, on_usr2);
    usr1_runs = usr2_runs = 0;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &block, &old), 0);

    CHECK_EQ(raise(SIGUSR1), 0);
    int sig = 0;
    CHECK_EQ(sigwait(&block, &sig), 0);
    CHECK_EQ(sig, SIGUSR1);
    CHECK_EQ(sigpending(&pend), 0);
    CHECK_EQ(pend, 0);
    CHECK_EQ(usr1_runs, 0);
    PASS("sigwait takes a pending blocked signal; its handler does not run");

    siginfo_t info;
    memset(&info, 0xa5, sizeof(info));
    CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    CHECK_EQ(sigwaitinfo(&block, &info), SIGUSR2);
    CHECK_EQ(info.si_signo, SIGUSR2);
    CHECK_EQ(info.si_code, SI_USER);
    CHECK_EQ(info.si_pid, getpid());
    CHECK_EQ(info.si_errno, 0);
    CHECK_EQ(info.si_uid, 0);
    PASS("sigwaitinfo: si_signo, si_code SI_USER, si_pid of the sender");

    /* Waiting for one a child sends later. */
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sleep_ms(30);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    CHECK_EQ(sigwaitinfo(&block, &info), SIGUSR1);
    CHECK_EQ(info.si_pid, pid);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("sigwaitinfo waits for a signal of the set to come");

    /* SIGCHLD, ignored by default, is kept for a waiter while blocked. */
    sigset_t chld = set_of(SIGCHLD, 0);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &chld, NULL), 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(4);
    struct timespec second = {1, 0};
    CHECK_EQ(sigtimedwait(&chld, &info, &second), SIGCHLD);
    CHECK_EQ(info.si_code, CLD_EXITED);
    CHECK_EQ(info.si_pid, pid);
    CHECK_EQ(info.si_status, 4);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 4);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        kill(getpid(), SIGTERM);
        _exit(1);
    }
    CHECK_EQ(sigtimedwait(&chld, &info, &second), SIGCHLD);
    CHECK_EQ(info.si_code, CLD_KILLED);
    CHECK_EQ(info.si_status, SIGTERM);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
    /* One that came before the wait is kept too. */
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(6);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    struct timespec none = {0, 0};
    CHECK_EQ(sigtimedwait(&chld, &info, &none), SIGCHLD);
    CHECK_EQ(info.si_status, 6);
    CHECK_EQ(sigprocmask(SIG_UNBLOCK, &chld, NULL), 0);
    PASS("sigtimedwait takes a blocked SIGCHLD: CLD_EXITED with si_status, CLD_KILLED with the signal");

    struct timespec zero = {0, 0}, short_wait = {0, 50000000};
    CHECK_ERR(sigtimedwait(&block, &info, &zero), EAGAIN);
    long long t0 = now_ms();
    CHECK_ERR(sigtimedwait(&block, &info, &short_wait), EAGAIN);
    CHECK(now_ms() - t0 >= 50);
    sigset_t kill_stop = set_of(SIGKILL, SIGSTOP);
    CHECK_ERR(sigtimedwait(&kill_stop, NULL, &zero), EAGAIN);
    PASS("sigtimedwait: EAGAIN at once with a zero timeout, after the timeout otherwise");

    struct timespec bad = {0, 1000000000}, negative = {-1, 0};
    CHECK_ERR(sigtimedwait(&block, &info, &bad), EINVAL);
    CHECK_ERR(sigtimedwait(&block, &info, &negative), EINVAL);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_ERR(sigtimedwait(&block, KERNEL_ADDR, &zero), EFAULT);
    CHECK_ERR(sigtimedwait(&block, (siginfo_t *)8, &zero), EFAULT);
    CHECK_EQ(sigpending(&pend), 0);
    CHECK_EQ(pend, set_of(SIGUSR1, 0));
    CHECK_ERR(sigtimedwait(KERNEL_ADDR, &info, &zero), EFAULT);
    CHECK_ERR(sigtimedwait(&block, &info, KERNEL_ADDR), EFAULT);
    CHECK_EQ(sigtimedwait(&block, NULL, &zero), SIGUSR1);
    PASS("sigtimedwait: EINVAL for a bad timeout, EFAULT for a bad pointer (the signal stays pending)");

    /* Another signal's handler ends the wait with EINTR. */
    handle(SIGALRM, on_usr2);
    usr2_runs = 0;
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sleep_ms(30);
        kill(getppid(), SIGALRM);
        _exit(0);
    }
    struct timespec long_wait = {5, 0};
    CHECK_ERR(sigtimedwait(&block, &info, &long_wait), EINTR);
    CHECK_EQ(usr2_runs, 1);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    signal(SIGALRM, SIG_DFL);
    PASS("sigtimedwait: a handler of another signal ends it with EINTR");

    CHECK_EQ(usr1_runs, 0);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
}

static void killpg_and_kill_all(void) {
    int status;
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        for (;;)
            pause();
    }
    setpgid(pid, pid);
    CHECK_EQ(killpg(pid, 0), 0);
    CHECK_EQ(killpg(pid, SIGTERM), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
    CHECK_ERR(killpg(pid, SIGTERM), ESRCH);
    CHECK_ERR(killpg(-2, SIGTERM), EINVAL);
    CHECK_ERR(killpg(getpgrp(), 99), EINVAL);
    PASS("killpg signals a process group; ESRCH for none, EINVAL for a bad group or signal");

    /* kill(-1, sig): every process but init and the caller (this test and a sibling here). */
    sigset_t usr2 = set_of(SIGUSR2, 0), old;
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr2, &old), 0);
    usr2_runs = 0;
    signal(SIGUSR2, on_usr2);
    pid_t waiter = fork();
    CHECK(waiter >= 0);
    if (waiter == 0) {
        sigset_t none = set_of(0, 0);
        sigsuspend(&none);
        _exit(usr2_runs == 1 ? 5 : 1);
    }
    pid_t sender = fork();
    CHECK(sender >= 0);
    if (sender == 0) {
        signal(SIGUSR2, SIG_DFL);
        sigprocmask(SIG_UNBLOCK, &usr2, NULL);
        _exit(kill(-1, SIGUSR2) == 0 && kill(-1, 0) == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(sender, &status, 0), sender);
    CHECK_EXITED(status, 0); /* not killed by its own SIGUSR2 */
    CHECK_EQ(waitpid(waiter, &status, 0), waiter);
    CHECK_EXITED(status, 5);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(usr2_runs, 1);
    PASS("kill(-1, sig) reaches the other processes but not the caller");
}

static int abort_pipe[2];

static void on_abrt(int sig) {
    (void)sig;
    char c = 'h';
    write(abort_pipe[1], &c, 1);
}

static void abort_ends(void) {
    int status;
    sigset_t abrt = set_of(SIGABRT, 0);
    CHECK_EQ(pipe(abort_pipe), 0);
    for (int how = 0; how < 3; how++) {
        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            if (how == 0)
                sigprocmask(SIG_BLOCK, &abrt, NULL);
            if (how == 1)
                signal(SIGABRT, SIG_IGN);
            if (how == 2)
                handle(SIGABRT, on_abrt);
            abort();
            _exit(1);
        }
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_SIGNALED(status, SIGABRT);
        CHECK(WCOREDUMP(status));
    }
    char c = 0;
    close(abort_pipe[1]);
    CHECK_EQ(read(abort_pipe[0], &c, 1), 1);
    CHECK_EQ(c, 'h');
    CHECK_EQ(read(abort_pipe[0], &c, 1), 0);
    close(abort_pipe[0]);
    PASS("abort ends the process with SIGABRT: blocked, ignored, or after a handler that returns");
}

int main(void) {
    suspend_pending();
    suspend_waits();
    pause_returns();
    sigwait_family();
    killpg_and_kill_all();
    abort_ends();
    return done_testing();
}
