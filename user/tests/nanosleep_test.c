/*
 * nanosleep and signals (POSIX): a stop and a continue do not end a sleep (it still ends at its
 * original time, or at once if that passed while stopped); a handler that runs ends it with
 * EINTR and the time left in `rem`. The child measures its own sleep with CLOCK_MONOTONIC.
 */
#include "check.h"
#include <signal.h>

#define MS 1000000LL

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void pause_ms(long ms) {
    struct timespec req = {ms / 1000, (ms % 1000) * MS};
    CHECK_EQ(nanosleep(&req, NULL), 0);
}

/* A child that sleeps `ms` and exits 0 when nanosleep returned 0 after at least that long and
 * before `ms + late_ms`; 1, 2 or 3 otherwise. */
static pid_t sleeper(long ms, long late_ms) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec req = {ms / 1000, (ms % 1000) * MS};
        long long start = now_ns();
        if (nanosleep(&req, NULL) != 0)
            _exit(1);
        long long took = now_ns() - start;
        _exit(took < ms * MS ? 2 : took >= (ms + late_ms) * MS ? 3 : 0);
    }
    return pid;
}

static void test_stop_and_continue(void) {
    int status;

    /* Stopped and continued at once (the suite's case: the stop and the continue may both be
     * pending when the sleeper next runs). */
    pid_t pid = sleeper(2000, 1000);
    pause_ms(300);
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a sleep stopped and continued at once sleeps its whole time and returns 0");

    /* Stopped for a while, continued before its end: it ends at its original time. */
    pid = sleeper(2000, 1000);
    pause_ms(300);
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
    pause_ms(500);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a sleep stopped for a while ends at its original time");

    /* Stopped past its end: it returns 0 once continued. */
    long long start = now_ns();
    pid = sleeper(300, 2000);
    pause_ms(100);
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    pause_ms(700);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK(now_ns() - start >= 800 * MS);
    PASS("a sleep stopped past its end returns 0 once continued");

    /* Several stops and continues, and a signal it ignores, all invisible. */
    pid = sleeper(1500, 1000);
    for (int i = 0; i < 5; i++) {
        pause_ms(100);
        CHECK_EQ(kill(pid, SIGTSTP), 0);
        CHECK_EQ(kill(pid, SIGCHLD), 0); /* ignored by default */
        CHECK_EQ(kill(pid, SIGCONT), 0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("repeated stops, continues and ignored signals leave the sleep alone");
}

static volatile int handled;

static void on_usr1(int sig) {
    (void)sig;
    handled++;
}

static void test_interrupted(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART; /* nanosleep is never restarted, whatever the flags */
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);

    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec req = {2, 0}, rem = {-1, -1};
        long long start = now_ns();
        int r = nanosleep(&req, &rem);
        long long took = now_ns() - start;
        long long left = (long long)rem.tv_sec * 1000000000 + rem.tv_nsec;
        if (r != -1 || errno != EINTR || handled != 1)
            _exit(1);
        if (rem.tv_nsec < 0 || rem.tv_nsec >= 1000000000)
            _exit(2);
        /* What is left is what was asked less what passed, to a tick or two. */
        if (left > 2000 * MS - took + 20 * MS || left < 2000 * MS - took - 20 * MS)
            _exit(3);
        _exit(0);
    }
    pause_ms(500);
    CHECK_EQ(kill(pid, SIGUSR1), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a handler ends the sleep with EINTR and the time left in rem");
}

int main(void) {
    test_stop_and_continue();
    test_interrupted();
    return done_testing();
}
