/*
 * POSIX per-process timers (timer_create, timer_settime, timer_gettime, timer_getoverrun,
 * timer_delete): a signal with the timer's value and SI_TIMER, never early; relative and absolute
 * times on both clocks; periodic timers and overruns; SIGEV_NONE and SIGEV_THREAD; the limit; fork,
 * execve and exit; every error. Times are measured with CLOCK_MONOTONIC.
 */
#include "check.h"
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>

#define MS 1000000LL

static volatile int fired;
static volatile int last_code, last_value, last_signo;
static volatile long long fired_at;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static long long ts_ns(const struct timespec *ts) {
    return (long long)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static struct timespec ns_ts(long long ns) {
    return (struct timespec){(time_t)(ns / 1000000000), (long)(ns % 1000000000)};
}

static void on_timer(int sig, siginfo_t *info, void *context) {
    (void)context;
    fired++;
    last_signo = sig;
    last_code = info->si_code;
    last_value = info->si_value.sival_int;
    fired_at = now_ns();
}

static void catch_signal(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

static timer_t make(clockid_t clock, int notify, int sig, int value) {
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = notify;
    ev.sigev_signo = sig;
    ev.sigev_value.sival_int = value;
    timer_t t;
    CHECK_EQ(timer_create(clock, &ev, &t), 0);
    return t;
}

static void arm(timer_t t, int flags, long long value_ns, long long interval_ns) {
    struct itimerspec it = {ns_ts(interval_ns), ns_ts(value_ns)};
    CHECK_EQ(timer_settime(t, flags, &it, NULL), 0);
}

static void wait_fired(int count) {
    long long start = now_ns();
    while (fired < count && now_ns() - start < 3000 * MS) {
        struct timespec nap = {0, 5 * MS};
        nanosleep(&nap, NULL);
    }
    CHECK(fired >= count);
}

static void signal_notification(void) {
    catch_signal(SIGUSR1);
    static const clockid_t clocks[] = {CLOCK_MONOTONIC, CLOCK_REALTIME};
    for (int i = 0; i < 2; i++) {
        timer_t t = make(clocks[i], SIGEV_SIGNAL, SIGUSR1, 4242 + i);
        fired = 0;
        long long before = now_ns();
        arm(t, 0, 100 * MS, 0);
        wait_fired(1);
        CHECK(fired_at - before >= 100 * MS);
        CHECK(fired_at - before < 400 * MS);
        CHECK_EQ(last_signo, SIGUSR1);
        CHECK_EQ(last_code, SI_TIMER);
        CHECK_EQ(last_value, 4242 + i);
        struct itimerspec cur;
        CHECK_EQ(timer_gettime(t, &cur), 0);
        CHECK(ts_ns(&cur.it_value) == 0 && ts_ns(&cur.it_interval) == 0);
        struct timespec nap = {0, 100 * MS};
        CHECK_EQ(nanosleep(&nap, NULL), 0);
        CHECK_EQ(fired, 1);
        CHECK_EQ(timer_delete(t), 0);
    }
    PASS("SIGEV_SIGNAL: the signal once, never early, si_code SI_TIMER and si_value the timer's value");

    /* Never early, ten times over: 25 ms timers read before the call, the end in the handler. */
    timer_t t = make(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 1);
    for (int i = 0; i < 10; i++) {
        fired = 0;
        long long before = now_ns();
        arm(t, 0, 25 * MS, 0);
        while (!fired)
            ;
        CHECK(fired_at - before >= 25 * MS);
    }
    CHECK_EQ(timer_delete(t), 0);
    PASS("a timer never fires before its time");
}

static void settings_read_back(void) {
    timer_t t = make(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    struct itimerspec it = {{1, 250000000}, {2, 500000000}}, cur, old;
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) == 0 && ts_ns(&cur.it_interval) == 0);
    CHECK_EQ(timer_settime(t, 0, &it, NULL), 0);
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) <= 2500 * MS && ts_ns(&cur.it_value) > 2400 * MS);
    CHECK(cur.it_value.tv_nsec >= 0 && cur.it_value.tv_nsec < 1000000000);
    CHECK(cur.it_interval.tv_sec == 1 && cur.it_interval.tv_nsec == 250000000);
    struct itimerspec off = {{0, 0}, {0, 0}};
    CHECK_EQ(timer_settime(t, 0, &off, &old), 0);
    CHECK(ts_ns(&old.it_value) <= ts_ns(&cur.it_value) && ts_ns(&old.it_value) > 2400 * MS);
    CHECK(old.it_interval.tv_sec == 1 && old.it_interval.tv_nsec == 250000000);
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) == 0);
    PASS("timer_gettime: the time left (never more than set) and the interval; timer_settime gives the old");

    /* SIGEV_NONE: nothing is sent, the time left runs down, a one-shot timer ends disarmed. */
    catch_signal(SIGALRM);
    fired = 0;
    arm(t, 0, 100 * MS, 0);
    struct timespec nap = {0, 50 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 50 * MS);
    nap.tv_nsec = 100 * MS;
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) == 0);
    /* Periodic: the time left stays within one interval. */
    arm(t, 0, 30 * MS, 40 * MS);
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(timer_gettime(t, &cur), 0);
    CHECK(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 40 * MS);
    CHECK_EQ(fired, 0);
    CHECK_EQ(timer_delete(t), 0);
    PASS("SIGEV_NONE: no signal; timer_gettime follows the timer");
}

static void absolute_times(void) {
    catch_signal(SIGUSR2);
    static const clockid_t clocks[] = {CLOCK_MONOTONIC, CLOCK_REALTIME};
    for (int i = 0; i < 2; i++) {
        timer_t t = make(clocks[i], SIGEV_SIGNAL, SIGUSR2, i);
        struct timespec now;
        CHECK_EQ(clock_gettime(clocks[i], &now), 0);
        fired = 0;
        long long before = now_ns();
        arm(t, TIMER_ABSTIME, ts_ns(&now) + 150 * MS, 0);
        struct itimerspec cur;
        CHECK_EQ(timer_gettime(t, &cur), 0);
        CHECK(ts_ns(&cur.it_value) > 100 * MS && ts_ns(&cur.it_value) <= 150 * MS);
        wait_fired(1);
        CHECK(fired_at - before >= 150 * MS - 2 * MS); /* the clocks are read apart: a little slack */
        CHECK(fired_at - before < 500 * MS);
        /* A time already past: at once. */
        fired = 0;
        before = now_ns();
        arm(t, TIMER_ABSTIME, ts_ns(&now), 0);
        wait_fired(1);
        CHECK(fired_at - before < 100 * MS);
        CHECK_EQ(timer_delete(t), 0);
    }
    PASS("TIMER_ABSTIME on CLOCK_MONOTONIC and CLOCK_REALTIME; a time that has passed fires at once");
}

static void periodic_and_overruns(void) {
    catch_signal(SIGUSR1);
    timer_t t = make(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 7);
    fired = 0;
    long long start = now_ns();
    arm(t, 0, 100 * MS, 50 * MS);
    wait_fired(5);
    long long took = now_ns() - start;
    CHECK(took >= 300 * MS && took < 1000 * MS);
    CHECK_EQ(timer_getoverrun(t), 0);
    PASS("a periodic timer: the first at it_value, then one each it_interval, no overrun");

    /* Blocked, the signal is pending once; the expiries meanwhile are its overruns. */
    sigset_t usr1, old;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    arm(t, 0, 10 * MS, 10 * MS);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, &old), 0);
    fired = 0;
    struct timespec nap = {0, 300 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    struct itimerspec off = {{0, 0}, {0, 0}};
    CHECK_EQ(timer_settime(t, 0, &off, NULL), 0);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(fired, 1);
    int overruns = timer_getoverrun(t);
    CHECK(overruns >= 20 && overruns <= 31);
    PASS("expiries while the signal is pending are counted by timer_getoverrun");

    /* A timer shorter than a tick: at most one signal a tick, and overruns for the rest. */
    fired = 0;
    arm(t, 0, 1, 1000);
    start = now_ns();
    while (now_ns() - start < 100 * MS)
        ;
    CHECK_EQ(timer_settime(t, 0, &off, NULL), 0);
    CHECK(fired >= 3 && fired <= 12);
    CHECK(timer_getoverrun(t) >= 1000);
    CHECK_EQ(timer_delete(t), 0);
    PASS("an interval below a tick: one signal a tick, the rest overruns");
}

static void default_event(void) {
    sigset_t alrm, old;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &alrm, &old), 0);
    timer_t first = make(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    timer_t t;
    CHECK_EQ(timer_create(CLOCK_MONOTONIC, NULL, &t), 0);
    CHECK(t != first);
    arm(t, 0, 20 * MS, 0);
    siginfo_t info;
    CHECK_EQ(sigwaitinfo(&alrm, &info), SIGALRM);
    CHECK_EQ(info.si_code, SI_TIMER);
    CHECK_EQ(info.si_value.sival_int, (int)t);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(timer_delete(t), 0);
    CHECK_EQ(timer_delete(first), 0);
    PASS("no sigevent: SIGALRM, with the timer's id as si_value");
}

static volatile int thread_calls, thread_value;
static volatile pthread_t thread_caller;

static void on_expiry(union sigval v) {
    thread_value = v.sival_int;
    thread_caller = pthread_self();
    thread_calls++;
}

static void thread_notification(void) {
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_value.sival_int = 99;
    ev.sigev_notify_function = on_expiry;
    for (int round = 0; round < 3; round++) {
        timer_t t;
        CHECK_EQ(timer_create(CLOCK_MONOTONIC, &ev, &t), 0);
        thread_calls = 0;
        long long before = now_ns();
        arm(t, 0, 50 * MS, 0);
        while (!thread_calls && now_ns() - before < 3000 * MS) {
            struct timespec nap = {0, 5 * MS};
            nanosleep(&nap, NULL);
        }
        CHECK_EQ(thread_calls, 1);
        CHECK(now_ns() - before >= 50 * MS);
        CHECK_EQ(thread_value, 99);
        CHECK(!pthread_equal(thread_caller, pthread_self()));
        /* Periodic, then deleted: the calls stop. */
        arm(t, 0, 20 * MS, 20 * MS);
        struct timespec nap = {0, 200 * MS};
        CHECK_EQ(nanosleep(&nap, NULL), 0);
        CHECK_EQ(timer_delete(t), 0);
        int calls = thread_calls;
        CHECK(calls >= 5);
        CHECK_EQ(nanosleep(&nap, NULL), 0);
        CHECK_EQ(thread_calls, calls);
    }
    ev.sigev_notify_function = NULL;
    timer_t t;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, &t), EINVAL);
    PASS("SIGEV_THREAD: the function with the value, in another thread; none after timer_delete");
}

static void limits_and_errors(void) {
    timer_t t[TIMER_MAX], extra;
    for (int i = 0; i < TIMER_MAX; i++)
        t[i] = make(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, &extra), EAGAIN);
    CHECK_EQ(timer_delete(t[5]), 0);
    CHECK_EQ(timer_create(CLOCK_MONOTONIC, &ev, &extra), 0);
    CHECK_EQ(extra, t[5]);
    for (int i = 0; i < TIMER_MAX; i++)
        CHECK_EQ(timer_delete(t[i]), 0);
    PASS("TIMER_MAX timers a process, then EAGAIN; a deleted timer's place is taken again");

    CHECK_ERR(timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &extra), EINVAL);
    CHECK_ERR(timer_create(99, &ev, &extra), EINVAL);
    CHECK_ERR(timer_create(-1, &ev, &extra), EINVAL);
    ev.sigev_notify = 5;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, &extra), EINVAL);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 0;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, &extra), EINVAL);
    ev.sigev_signo = NSIG;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, &extra), EINVAL);
    ev.sigev_signo = SIGUSR1;
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, (struct sigevent *)0xC0000000, &extra), EFAULT);
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, (timer_t *)0xC0000000), EFAULT);
    CHECK_ERR(timer_create(CLOCK_MONOTONIC, &ev, (timer_t *)(void *)limits_and_errors), EFAULT); /* read-only text */
    /* None of those left a timer behind: all TIMER_MAX can still be made. */
    for (int i = 0; i < TIMER_MAX; i++)
        t[i] = make(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    for (int i = 0; i < TIMER_MAX; i++)
        CHECK_EQ(timer_delete(t[i]), 0);
    PASS("timer_create: EINVAL for a bad clock, notification or signal; EFAULT leaves no timer");

    timer_t good = make(CLOCK_MONOTONIC, SIGEV_NONE, 0, 0);
    struct itimerspec it = {{0, 0}, {1, 0}}, cur;
    static const timer_t bad_ids[] = {-1, TIMER_MAX, 1000, INT_MIN};
    for (unsigned i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
        CHECK_ERR(timer_settime(bad_ids[i], 0, &it, NULL), EINVAL);
        CHECK_ERR(timer_gettime(bad_ids[i], &cur), EINVAL);
        CHECK_ERR(timer_getoverrun(bad_ids[i]), EINVAL);
        CHECK_ERR(timer_delete(bad_ids[i]), EINVAL);
    }
    CHECK_ERR(timer_settime(good, 2, &it, NULL), EINVAL);
    static const struct itimerspec bad[] = {
        {{0, 0}, {0, 1000000000}}, {{0, 0}, {0, -1}}, {{0, 0}, {-1, 0}}, {{0, 1000000000}, {1, 0}}, {{-1, 0}, {1, 0}},
    };
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_ERR(timer_settime(good, 0, &bad[i], NULL), EINVAL);
    CHECK_ERR(timer_settime(good, 0, NULL, NULL), EFAULT);
    CHECK_ERR(timer_settime(good, 0, &it, (struct itimerspec *)0xC0000000), EFAULT);
    /* Read-only text: a bad `old` fails the call before the timer changes. */
    CHECK_ERR(timer_settime(good, 0, &it, (struct itimerspec *)(void *)limits_and_errors), EFAULT);
    CHECK_ERR(timer_gettime(good, NULL), EFAULT);
    CHECK_EQ(timer_gettime(good, &cur), 0);
    CHECK(ts_ns(&cur.it_value) == 0); /* the failed calls changed nothing */
    CHECK_EQ(timer_delete(good), 0);
    CHECK_ERR(timer_delete(good), EINVAL);
    CHECK_ERR(timer_gettime(good, &cur), EINVAL);
    PASS("EINVAL for a timer that does not exist, bad flags or times; EFAULT with nothing changed");
}

/* waitpid, again after a handler of the parent's own timers interrupts it. */
static pid_t wait_child(pid_t pid, int *status) {
    pid_t r;
    while ((r = waitpid(pid, status, 0)) == -1 && errno == EINTR)
        ;
    return r;
}

static void processes(void) {
    int status;
    catch_signal(SIGUSR1);

    /* fork: the child has none of its parent's timers, and gets none of its signals. */
    timer_t t = make(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 3);
    fired = 0;
    arm(t, 0, 100 * MS, 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct itimerspec cur;
        if (timer_gettime(t, &cur) != -1 || errno != EINVAL)
            _exit(1);
        struct timespec nap = {0, 300 * MS};
        while (nanosleep(&nap, &nap) == -1 && errno == EINTR)
            ;
        _exit(fired == 0 ? 0 : 2);
    }
    CHECK_EQ(wait_child(pid, &status), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(fired, 1);
    CHECK_EQ(timer_delete(t), 0);
    PASS("a child of fork has no timers; its parent's timer fires in the parent only");

    /* execve deletes the timers: SIGUSR1's default action would end sleep 1. */
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGUSR1, SIG_DFL);
        timer_t mine = make(CLOCK_MONOTONIC, SIGEV_SIGNAL, SIGUSR1, 0);
        arm(mine, 0, 200 * MS, 0);
        char *args[] = {"sleep", "1", NULL};
        execv("/bin/sleep", args);
        _exit(127);
    }
    CHECK_EQ(wait_child(pid, &status), pid);
    CHECK_EXITED(status, 0);
    PASS("execve deletes the timers");

    /* A process that ends with armed timers (and a SIGEV_THREAD one) leaves nothing behind:
     * the harness counts the timers and the kernel's memory at power-off. */
    for (int round = 0; round < 20; round++) {
        pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            for (int i = 0; i < 8; i++)
                arm(make(CLOCK_REALTIME, SIGEV_SIGNAL, SIGUSR1, i), 0, 10 * MS, 10 * MS);
            struct sigevent ev;
            memset(&ev, 0, sizeof(ev));
            ev.sigev_notify = SIGEV_THREAD;
            ev.sigev_notify_function = on_expiry;
            timer_t th;
            if (timer_create(CLOCK_MONOTONIC, &ev, &th) != 0)
                _exit(1);
            arm(th, 0, 10 * MS, 10 * MS);
            /* A signal each tick ends every sleep: the time is the clock's, not what is left. */
            for (long long start = now_ns(); now_ns() - start < 30 * MS;) {
                struct timespec nap = {0, 5 * MS};
                nanosleep(&nap, NULL);
            }
            _exit(0);
        }
        CHECK_EQ(wait_child(pid, &status), pid);
        CHECK_EXITED(status, 0);
    }
    PASS("timers die with their process");
}

int main(void) {
    signal_notification();
    settings_read_back();
    absolute_times();
    periodic_and_overruns();
    default_event();
    thread_notification();
    limits_and_errors();
    processes();
    return done_testing();
}
