/*
 * Signals and blocking calls: when a call fails with EINTR, when it is made again (SA_RESTART),
 * and when a signal must not be seen at all.
 *
 *  - Restarting is decided on the system-call return path only: a sigreturn whose restored %eax
 *    happens to be -EINTR is not a call to restart when an SA_RESTART handler comes next.
 *  - nanosleep is never restarted: it fails with EINTR and the time left in rem, SA_RESTART or not.
 *  - A stop and continue without handlers is invisible: a blocked read, nanosleep or waitpid goes
 *    on (POSIX), and a sleep still lasts its full time.
 *  - waitpid(WUNTRACED) reports the signal that stopped the child.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "check.h"

#define MS 1000000LL

#define HANDLER_FRAME() ((struct abi_sigframe *)((char *)__builtin_frame_address(0) + 4))

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * MS};
    while (nanosleep(&t, &t) == -1 && errno == EINTR)
        ;
}

/* A child that sends `sig` to `pid` after `ms` milliseconds. */
static pid_t send_later(pid_t pid, int sig, long ms) {
    fflush(stdout);
    pid_t k = fork();
    if (k == 0) {
        sleep_ms(ms);
        kill(pid, sig);
        _exit(0);
    }
    CHECK(k > 0);
    return k;
}

static void reap(pid_t pid) {
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

static volatile int a_ran, b_ran;

/* SIGUSR1, without SA_RESTART, SIGUSR2 in its mask: raises SIGUSR2, which comes on sigreturn. */
static void handler_a(int sig) {
    (void)sig;
    a_ran++;
    raise(SIGUSR2);
}

/* The same, and the interrupted code's %eax becomes -EINTR. */
static void handler_a_forging_eintr(int sig) {
    (void)sig;
    a_ran++;
    HANDLER_FRAME()->eax = (uint32_t)-EINTR;
    raise(SIGUSR2);
}

/* SIGUSR2, with SA_RESTART. */
static void handler_b(int sig) {
    (void)sig;
    b_ran++;
}

static void install_a_then_b(void (*a)(int)) {
    struct sigaction sa = {.sa_handler = a}, sb = {.sa_handler = handler_b, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    CHECK_EQ(sigaction(SIGUSR2, &sb, NULL), 0);
    a_ran = b_ran = 0;
}

/* A read interrupted by SIGUSR1 (EINTR); SIGUSR2 with SA_RESTART arrives as its handler returns. */
static void eintr_then_restart_handler(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    install_a_then_b(handler_a);
    pid_t k = send_later(getpid(), SIGUSR1, 30);
    char c;
    CHECK_ERR(read(fds[0], &c, 1), EINTR);
    CHECK_EQ(a_ran, 1);
    CHECK_EQ(b_ran, 1);
    reap(k);
    _exit(0);
}

/* The same with the -EINTR forged into the frame of a call that succeeded. */
static void forged_eintr_then_restart_handler(void) {
    install_a_then_b(handler_a_forging_eintr);
    long r = SYS_kill;
    __asm__ volatile("int $0x80" : "+a"(r) : "b"(getpid()), "c"(SIGUSR1) : "memory");
    CHECK_EQ(r, -EINTR); /* what sigreturn restored, not a rerun of anything */
    CHECK_EQ(a_ran, 1);
    CHECK_EQ(b_ran, 1);
    _exit(0);
}

static void sigreturn_is_not_restarted(void) {
    CHECK_EXITED(run_in_child(eintr_then_restart_handler), 0);
    CHECK_EXITED(run_in_child(forged_eintr_then_restart_handler), 0);
    PASS("sigreturn restoring -EINTR is not restarted when an SA_RESTART handler follows");
}

static void nothing(int sig) {
    (void)sig;
}

/* nanosleep(1 s) interrupted after about 100 ms: EINTR and a plausible rem, whatever SA_RESTART says. */
static void nanosleep_interrupted(int flags, const char *what) {
    struct sigaction sa = {.sa_handler = nothing, .sa_flags = flags};
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    pid_t k = send_later(getpid(), SIGUSR1, 100);
    struct timespec req = {1, 0}, rem = {-1, -1};
    long long start = now_ns();
    int r = nanosleep(&req, &rem);
    int e = errno;
    long long slept = now_ns() - start;
    reap(k);
    if (r != -1 || e != EINTR)
        FAIL("%s: nanosleep returned %d (errno %d) after %lld ms, want EINTR", what, r, e, slept / MS);
    long long left = rem.tv_sec * 1000000000LL + rem.tv_nsec;
    if (rem.tv_nsec < 0 || rem.tv_nsec >= 1000000000 || left <= 0 || left > 1000 * MS ||
        left < 1000 * MS - slept - 30 * MS)
        FAIL("%s: rem %ld.%09ld after sleeping %lld ms of 1000", what, (long)rem.tv_sec, rem.tv_nsec, slept / MS);
    signal(SIGUSR1, SIG_DFL);
}

static void nanosleep_is_never_restarted(void) {
    nanosleep_interrupted(0, "without SA_RESTART");
    nanosleep_interrupted(SA_RESTART, "with SA_RESTART");
    PASS("nanosleep interrupted by a handler fails with EINTR and the time left, even with SA_RESTART");
}

/*
 * What the children below do while the parent stops and continues them: each blocks in one call,
 * and exits 0 when the call ended as if nothing had happened.
 */
static int pipe_fds[2];

static void blocked_read(void) {
    char c = 0;
    long r = read(pipe_fds[0], &c, 1);
    if (r != 1 || c != 'x')
        FAIL("read returned %ld (errno %d)", r, errno);
    _exit(0);
}

static void blocked_nanosleep(void) {
    struct timespec req = {0, 400 * MS}, rem = {0, 0};
    long long start = now_ns();
    int r = nanosleep(&req, &rem);
    long long slept = now_ns() - start;
    if (r != 0 || slept < 400 * MS)
        FAIL("nanosleep(400 ms) returned %d (errno %d) after %lld ms", r, errno, slept / MS);
    _exit(0);
}

static void blocked_waitpid(void) {
    pid_t g = fork();
    if (g == 0) {
        sleep_ms(400);
        _exit(7);
    }
    int status = 0;
    pid_t r = waitpid(g, &status, 0);
    if (r != g)
        FAIL("waitpid returned %d (errno %d)", (int)r, errno);
    CHECK_EXITED(status, 7);
    _exit(0);
}

/* Runs `fn` in a child, sends it SIGCONT alone or SIGSTOP then SIGCONT while it blocks. */
static void stop_continue(void (*fn)(void), bool stop, const char *what) {
    CHECK_EQ(pipe(pipe_fds), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        fn();
    CHECK(pid > 0);
    sleep_ms(100);
    int status;
    if (stop) {
        CHECK_EQ(kill(pid, SIGSTOP), 0);
        CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
        if (!WIFSTOPPED(status))
            FAIL("%s: want stopped, got wait status 0x%x", what, status);
        sleep_ms(50);
    }
    CHECK_EQ(kill(pid, SIGCONT), 0);
    sleep_ms(50);
    CHECK_EQ(write(pipe_fds[1], "x", 1), 1);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        FAIL("%s: the blocked call saw the signals (wait status 0x%x)", what, status);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

static void stop_and_continue_are_invisible(void) {
    stop_continue(blocked_read, false, "read, SIGCONT");
    stop_continue(blocked_read, true, "read, SIGSTOP and SIGCONT");
    stop_continue(blocked_nanosleep, false, "nanosleep, SIGCONT");
    stop_continue(blocked_nanosleep, true, "nanosleep, SIGSTOP and SIGCONT");
    stop_continue(blocked_waitpid, false, "waitpid, SIGCONT");
    stop_continue(blocked_waitpid, true, "waitpid, SIGSTOP and SIGCONT");
    PASS("SIGCONT, or SIGSTOP then SIGCONT, without handlers: blocked read, nanosleep, waitpid go on");
}

/* A 5 s nanosleep, stopped at 0.2 s for 1 s: ends at 5 s, not earlier, nor 5 s after the continue. */
static void long_sleep(void) {
    struct timespec req = {5, 0}, rem = {0, 0};
    long long start = now_ns();
    int r = nanosleep(&req, &rem);
    long long slept = now_ns() - start;
    if (r != 0 || slept < 5000 * MS || slept > 5800 * MS)
        FAIL("nanosleep(5 s), stopped for 1 s: returned %d (errno %d) after %lld ms", r, errno, slept / MS);
    _exit(0);
}

static void stopped_sleep_keeps_its_time(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        long_sleep();
    CHECK(pid > 0);
    sleep_ms(200);
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    sleep_ms(1000);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a 5 s nanosleep stopped and continued ends after 5 s");
}

static void spin(void) {
    for (;;)
        sched_yield();
}

static void stop_signal_is_reported(void) {
    static const int stops[] = {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU};
    for (unsigned i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            spin();
        CHECK(pid > 0);
        CHECK_EQ(kill(pid, stops[i]), 0);
        int status;
        CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
        if (!WIFSTOPPED(status) || WSTOPSIG(status) != stops[i])
            FAIL("stopped by %d: wait status 0x%x", stops[i], status);
        CHECK_EQ(kill(pid, SIGKILL), 0);
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_SIGNALED(status, SIGKILL);
    }
    PASS("waitpid(WUNTRACED) reports SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU as the stop signal");
}

int main(void) {
    sigreturn_is_not_restarted();
    nanosleep_is_never_restarted();
    stop_and_continue_are_invisible();
    stopped_sleep_keeps_its_time();
    stop_signal_is_reported();
    return done_testing();
}
