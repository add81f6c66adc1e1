/*
 * alarm, setitimer and getitimer (POSIX; ITIMER_REAL): SIGALRM at the time asked, never before;
 * the time left; periodic timers; what fork and execve do to a timer; the default action; every
 * error. Times are measured with CLOCK_MONOTONIC, so the bounds hold however fast the host is.
 */
#include "check.h"
#include <signal.h>
#include <sys/time.h>

#define MS 1000000LL

static volatile int alarms;
static volatile long long alarm_at; /* CLOCK_MONOTONIC when the last handler ran */

static long long now_ns(void);

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
    alarm_at = now_ns();
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long long tv_ns(const struct timeval *tv) {
    return (long long)tv->tv_sec * 1000000000 + (long long)tv->tv_usec * 1000;
}

static void catch_alarms(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
}

static void test_alarm(void) {
    catch_alarms();
    alarms = 0;
    long long start = now_ns();
    CHECK_EQ(alarm(1), 0);
    struct timespec req = {5, 0}, rem = {0, 0};
    CHECK_ERR(nanosleep(&req, &rem), EINTR);
    long long took = now_ns() - start;
    CHECK_EQ(alarms, 1);
    CHECK(took >= 1000 * MS && took < 1500 * MS); /* never early; late only by a busy host */
    CHECK(rem.tv_sec >= 3 && rem.tv_sec <= 4);
    PASS("alarm(1): SIGALRM after a second, and a sleep ends with EINTR");

    CHECK_EQ(alarm(10), 0);
    CHECK_EQ(alarm(3), 10);
    CHECK_EQ(alarm(0), 3);
    CHECK_EQ(alarm(0), 0);
    struct itimerval it;
    CHECK_EQ(getitimer(ITIMER_REAL, &it), 0);
    CHECK(it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0);
    struct timespec nap = {0, 100 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(alarms, 1);
    PASS("alarm returns the seconds the earlier alarm had left; alarm(0) cancels it");
}

static void test_setitimer(void) {
    struct itimerval it = {{0, 250000}, {2, 500000}}, old, cur;

    catch_alarms();
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(tv_ns(&cur.it_value) <= 2500 * MS && tv_ns(&cur.it_value) > 2400 * MS);
    CHECK(cur.it_value.tv_usec >= 0 && cur.it_value.tv_usec < 1000000);
    CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 250000);
    struct itimerval off = {{0, 0}, {0, 0}};
    CHECK_EQ(setitimer(ITIMER_REAL, &off, &old), 0);
    CHECK(tv_ns(&old.it_value) <= tv_ns(&cur.it_value) && tv_ns(&old.it_value) > 2400 * MS);
    CHECK(old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 250000);
    CHECK_EQ(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    PASS("getitimer gives the time left (never more than set) and the interval; setitimer the old timer");

    /* Never early: ten one-shot timers of 25 ms (one that is rounded to a tick is early most
     * times). The start is read before the call, the end in the handler. */
    for (int i = 0; i < 10; i++) {
        struct itimerval once = {{0, 0}, {0, 25000}};
        alarms = 0;
        long long before = now_ns();
        CHECK_EQ(setitimer(ITIMER_REAL, &once, NULL), 0);
        while (!alarms)
            ;
        CHECK(alarm_at - before >= 25 * MS);
    }
    PASS("a timer never fires before its time");

    /* Periodic: the first after 100 ms, then every 50 ms. */
    alarms = 0;
    it = (struct itimerval){{0, 50000}, {0, 100000}};
    long long start = now_ns();
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    long long first = 0;
    while (alarms < 5) {
        struct timespec req = {1, 0};
        int before = alarms;
        CHECK_ERR(nanosleep(&req, NULL), EINTR);
        CHECK(alarms > before);
        if (!first)
            first = now_ns() - start;
    }
    long long took = now_ns() - start;
    CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
    CHECK(first >= 100 * MS && first < 500 * MS);
    CHECK(took >= 300 * MS && took < 1000 * MS);
    PASS("a periodic timer: the first expiry at it_value, then one each it_interval");

    /* An interval shorter than a tick fires at most once a tick: no storm, and it can be stopped. */
    alarms = 0;
    it = (struct itimerval){{0, 1}, {0, 1}};
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    start = now_ns();
    while (now_ns() - start < 200 * MS)
        ;
    CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
    CHECK(alarms >= 5 && alarms <= 21);
    PASS("a 1 us interval fires once a tick");

    /* The largest time: accepted and read back, no overflow. */
    it = (struct itimerval){{INT32_MAX, 999999}, {INT32_MAX, 0}};
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(cur.it_value.tv_sec > INT32_MAX - 5);
    CHECK(cur.it_interval.tv_sec == INT32_MAX && cur.it_interval.tv_usec == 999999);
    CHECK_EQ(alarm(0), INT32_MAX);
    PASS("the largest timer is kept as asked");
}

static void test_errors(void) {
    struct itimerval it = {{0, 0}, {1, 0}}, cur;
    static const int bad_which[] = {-1, 3, INT32_MIN};

    for (unsigned i = 0; i < sizeof(bad_which) / sizeof(bad_which[0]); i++) {
        CHECK_ERR(setitimer(bad_which[i], &it, NULL), EINVAL);
        CHECK_ERR(getitimer(bad_which[i], &cur), EINVAL);
    }
    static const struct itimerval bad[] = {
        {{0, 0}, {0, 1000000}},           {{0, 0}, {0, -1}}, {{0, 0}, {-1, 0}},
        {{0, 1000000}, {1, 0}},           {{-1, 0}, {1, 0}}, {{0, -1}, {1, 0}},
        {{0, 0}, {INT32_MIN, INT32_MIN}},
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_ERR(setitimer(ITIMER_REAL, &bad[i], NULL), EINVAL);
    CHECK_ERR(setitimer(ITIMER_REAL, NULL, NULL), EFAULT);
    CHECK_ERR(setitimer(ITIMER_REAL, (struct itimerval *)0xC0000000, NULL), EFAULT);
    CHECK_ERR(getitimer(ITIMER_REAL, NULL), EFAULT);
    CHECK_ERR(getitimer(ITIMER_REAL, (struct itimerval *)0xC0000000), EFAULT);
    /* A bad `old` fails the call before the timer changes. */
    CHECK_ERR(setitimer(ITIMER_REAL, &it, (struct itimerval *)0xC0000000), EFAULT);
    CHECK_ERR(setitimer(ITIMER_REAL, &it, (struct itimerval *)(void *)test_alarm), EFAULT); /* read-only text */
    CHECK_EQ(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    PASS("setitimer and getitimer: EINVAL for unknown timers and bad times, EFAULT with nothing changed");
}

static void test_processes(void) {
    int status;

    /* SIGALRM's default action ends the process. */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        alarm(1);
        struct timespec req = {5, 0};
        nanosleep(&req, NULL);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGALRM);
    PASS("SIGALRM's default action terminates");

    /* fork: the child starts with no timer (POSIX), the parent keeps its own. */
    CHECK_EQ(alarm(5), 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct itimerval cur;
        _exit(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(alarm(0), 5);
    PASS("a child of fork has no timer; its parent keeps its own");

    /* execve keeps the time left: sleep 5 is ended by the alarm set before. */
    long long start = now_ns();
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        alarm(1);
        char *args[] = {"sleep", "5", NULL};
        execv("/bin/sleep", args);
        _exit(127);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGALRM);
    CHECK(now_ns() - start < 2000 * MS);
    PASS("execve keeps the alarm");

    /* A process that exits with its timer armed leaves nothing behind. */
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct itimerval it = {{0, 10000}, {0, 10000}};
        setitimer(ITIMER_REAL, &it, NULL);
        _exit(0);
    }
    struct timespec nap = {0, 100 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a timer dies with its process");
}

int main(void) {
    test_alarm();
    test_setitimer();
    test_errors();
    test_processes();
    return done_testing();
}
