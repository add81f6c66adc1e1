/*
 * setitimer and getitimer of processor time (POSIX, XSI): ITIMER_VIRTUAL counts the process's user
 * time and sends SIGVTALRM, ITIMER_PROF its user and system time and sends SIGPROF. Time asleep
 * counts for neither; the time left reads back; periodic timers; fork and execve; the default
 * actions. Processor time is measured with times(), in the same ticks the timers count.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/times.h>

#define MS 1000000LL

static volatile int vtalrms, profs;

static void on_signal(int sig) {
    if (sig == SIGVTALRM)
        vtalrms++;
    else if (sig == SIGPROF)
        profs++;
}

static void catch_signal(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    CHECK_EQ(sigaction(sig, &sa, NULL), 0);
}

static long long tv_ns(const struct timeval *tv) {
    return (long long)tv->tv_sec * 1000000000 + (long long)tv->tv_usec * 1000;
}

static const struct itimerval off = {{0, 0}, {0, 0}};

static clock_t user_ticks(void) {
    struct tms t;
    times(&t);
    return t.tms_utime;
}

static clock_t cpu_ticks(void) {
    struct tms t;
    times(&t);
    return t.tms_utime + t.tms_stime;
}

static void virtual_counts_user_time(void) {
    catch_signal(SIGVTALRM);
    vtalrms = 0;
    struct itimerval it = {{0, 0}, {0, 150000}}, cur;
    clock_t start = user_ticks();
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
    while (!vtalrms)
        ;
    clock_t used = user_ticks() - start;
    CHECK_EQ(vtalrms, 1);
    /* 150 ms of user time is 15 ticks; the timer counts whole ticks charged to user mode. */
    CHECK(used >= 15 && used <= 20);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    PASS("ITIMER_VIRTUAL: SIGVTALRM after its time of user mode, then disarmed");

    /* Asleep, the process spends no processor time: the timer does not move. */
    it = (struct itimerval){{0, 0}, {0, 100000}};
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
    struct timespec nap = {0, 300 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    CHECK(tv_ns(&cur.it_value) >= 80 * MS && tv_ns(&cur.it_value) <= 100 * MS);
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
    CHECK_EQ(vtalrms, 1);
    PASS("ITIMER_VIRTUAL does not count time asleep");
}

static void virtual_skips_system_time_prof_counts_it(void) {
    static char buf[64 * 1024];
    catch_signal(SIGVTALRM);
    catch_signal(SIGPROF);
    vtalrms = profs = 0;
    int fd = open("/dev/zero", O_RDONLY);
    CHECK(fd >= 0);
    struct itimerval prof = {{0, 0}, {0, 200000}}, virt = {{0, 0}, {0, 200000}}, cur;
    struct tms before, after;
    times(&before);
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &virt, NULL), 0);
    CHECK_EQ(setitimer(ITIMER_PROF, &prof, NULL), 0);
    while (!profs)
        CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
    times(&after);
    CHECK_EQ(close(fd), 0);
    clock_t used = (after.tms_utime + after.tms_stime) - (before.tms_utime + before.tms_stime);
    CHECK(used >= 20 && used <= 25);
    /* Most of that was the kernel filling the buffer: the virtual timer has not run out. */
    CHECK(after.tms_stime - before.tms_stime >= 5);
    CHECK_EQ(vtalrms, 0);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    long long left = tv_ns(&cur.it_value);
    long long user_ns = (long long)(after.tms_utime - before.tms_utime) * 10 * MS;
    CHECK(left > 0 && left <= 200 * MS - user_ns + 10 * MS && left >= 200 * MS - user_ns - 10 * MS);
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
    PASS("ITIMER_PROF counts system time too (SIGPROF); ITIMER_VIRTUAL only user time");

    /* Asleep: neither moves. */
    CHECK_EQ(setitimer(ITIMER_PROF, &prof, NULL), 0);
    struct timespec nap = {0, 300 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_PROF, &cur), 0);
    CHECK(tv_ns(&cur.it_value) >= 180 * MS && tv_ns(&cur.it_value) <= 200 * MS);
    CHECK_EQ(setitimer(ITIMER_PROF, &off, NULL), 0);
    CHECK_EQ(profs, 1);
    PASS("ITIMER_PROF does not count time asleep");
}

static void periodic_and_read_back(void) {
    catch_signal(SIGPROF);
    profs = 0;
    struct itimerval it = {{0, 20000}, {0, 50000}}, cur, old;
    clock_t start = cpu_ticks();
    CHECK_EQ(setitimer(ITIMER_PROF, &it, NULL), 0);
    while (cpu_ticks() - start < 30)
        ;
    CHECK_EQ(setitimer(ITIMER_PROF, &off, &old), 0);
    /* 300 ms: the first at 50 ms, then one each 20 ms: 13 (a tick either way). */
    CHECK(profs >= 11 && profs <= 15);
    CHECK(old.it_interval.tv_sec == 0 && old.it_interval.tv_usec == 20000);
    CHECK(tv_ns(&old.it_value) > 0 && tv_ns(&old.it_value) <= 20 * MS);
    PASS("a periodic ITIMER_PROF: the first at it_value, then one each it_interval");

    it = (struct itimerval){{1, 250000}, {2, 500000}};
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    CHECK(tv_ns(&cur.it_value) <= 2500 * MS && tv_ns(&cur.it_value) > 2400 * MS);
    CHECK(cur.it_interval.tv_sec == 1 && cur.it_interval.tv_usec == 250000);
    CHECK_EQ(getitimer(ITIMER_PROF, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, &old), 0);
    CHECK(tv_ns(&old.it_value) <= 2500 * MS && tv_ns(&old.it_value) > 2400 * MS);
    CHECK(old.it_interval.tv_sec == 1 && old.it_interval.tv_usec == 250000);
    /* The three timers are apart: the real one is untouched. */
    CHECK_EQ(getitimer(ITIMER_REAL, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    PASS("getitimer and setitimer's old value: the time left and the interval, per timer");

    static const struct itimerval bad[] = {{{0, 0}, {0, 1000000}}, {{0, -1}, {1, 0}}, {{0, 0}, {-1, 0}}};
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_ERR(setitimer(ITIMER_VIRTUAL, &bad[i], NULL), EINVAL);
        CHECK_ERR(setitimer(ITIMER_PROF, &bad[i], NULL), EINVAL);
    }
    CHECK_ERR(setitimer(ITIMER_PROF, NULL, NULL), EFAULT);
    CHECK_ERR(getitimer(ITIMER_VIRTUAL, (struct itimerval *)0xC0000000), EFAULT);
    it = (struct itimerval){{0, 0}, {1, 0}};
    CHECK_ERR(setitimer(ITIMER_VIRTUAL, &it, (struct itimerval *)0xC0000000), EFAULT);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    PASS("EINVAL for bad times, EFAULT with nothing changed");
}

static void processes(void) {
    int status;

    /* The default actions end the process. */
    static const int which[] = {ITIMER_VIRTUAL, ITIMER_PROF};
    static const int sig[] = {SIGVTALRM, SIGPROF};
    for (int i = 0; i < 2; i++) {
        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            signal(sig[i], SIG_DFL);
            struct itimerval it = {{0, 0}, {0, 50000}};
            setitimer(which[i], &it, NULL);
            /* Spin in user mode, looking at the time now and then: a loop of times() calls is
             * mostly system time, and ITIMER_VIRTUAL counts user time alone (2 runs in 8 saw
             * fewer than its 5 user ticks in 300). */
            for (clock_t start = cpu_ticks(); cpu_ticks() - start < 300;)
                for (volatile int n = 0; n < 100000; n++)
                    ;
            _exit(0);
        }
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_SIGNALED(status, sig[i]);
    }
    PASS("SIGVTALRM's and SIGPROF's default actions terminate");

    /* fork: the child starts with neither timer (POSIX), the parent keeps its own. */
    struct itimerval it = {{0, 0}, {5, 0}}, cur;
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &it, NULL), 0);
    CHECK_EQ(setitimer(ITIMER_PROF, &it, NULL), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct itimerval v, p;
        int zero = getitimer(ITIMER_VIRTUAL, &v) == 0 && getitimer(ITIMER_PROF, &p) == 0 && tv_ns(&v.it_value) == 0 &&
                   tv_ns(&p.it_value) == 0;
        _exit(zero ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(getitimer(ITIMER_VIRTUAL, &cur), 0);
    CHECK(tv_ns(&cur.it_value) > 4800 * MS);
    CHECK_EQ(setitimer(ITIMER_VIRTUAL, &off, NULL), 0);
    CHECK_EQ(getitimer(ITIMER_PROF, &cur), 0);
    CHECK(tv_ns(&cur.it_value) > 4800 * MS);
    CHECK_EQ(setitimer(ITIMER_PROF, &off, NULL), 0);
    PASS("a child of fork has neither timer; its parent keeps its own");

    /* execve keeps the time left: cat copying /dev/zero forever is ended by SIGPROF. */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) != 1)
            _exit(126);
        signal(SIGPROF, SIG_DFL);
        struct itimerval prof = {{0, 0}, {0, 200000}};
        setitimer(ITIMER_PROF, &prof, NULL);
        char *args[] = {"cat", "/dev/zero", NULL};
        execv("/bin/cat", args);
        _exit(127);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGPROF);
    PASS("execve keeps ITIMER_PROF");
}

int main(void) {
    virtual_counts_user_time();
    virtual_skips_system_time_prof_counts_it();
    periodic_and_read_back();
    processes();
    return done_testing();
}
