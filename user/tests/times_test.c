/* times(): the process's processor time and the ticks since boot, in sysconf(_SC_CLK_TCK) units. */
#include <sys/times.h>

#include "check.h"

static clock_t spin_ticks(clock_t ticks) {
    struct tms t;
    clock_t start = times(&t);
    clock_t now;
    do
        now = times(&t);
    while (now - start < ticks);
    return now;
}

static void ticks_follow_the_monotonic_clock(void) {
    long hz = sysconf(_SC_CLK_TCK);
    CHECK_EQ(hz, 100);
    struct tms t;
    struct timespec ts;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
    clock_t r = times(&t);
    CHECK(r != (clock_t)-1);
    clock_t expect = (clock_t)ts.tv_sec * hz + (clock_t)(ts.tv_nsec / (1000000000 / hz));
    CHECK(r >= expect && r <= expect + 2);
    /* 100 ms of sleep is 10 ticks of the return value, and almost none of processor time. */
    struct tms before, after;
    clock_t t0 = times(&before);
    struct timespec sleep = {0, 100 * 1000 * 1000};
    CHECK_EQ(nanosleep(&sleep, NULL), 0);
    clock_t t1 = times(&after);
    CHECK(t1 - t0 >= 10 && t1 - t0 < 30);
    CHECK(after.tms_utime - before.tms_utime <= 2);
    PASS("the return value counts sysconf(_SC_CLK_TCK) ticks a second, as CLOCK_MONOTONIC");
}

static void utime_is_the_processor_time(void) {
    struct tms before, after;
    times(&before);
    spin_ticks(20);
    times(&after);
    /* Alone on the processor, spinning 200 ms is about 20 ticks of processor time. */
    CHECK(after.tms_utime - before.tms_utime >= 10);
    CHECK(after.tms_utime - before.tms_utime <= 25);
    struct timespec cpu;
    CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu), 0);
    clock_t cpu_ticks = (clock_t)cpu.tv_sec * 100 + (clock_t)(cpu.tv_nsec / 10000000);
    CHECK(cpu_ticks >= after.tms_utime && cpu_ticks <= after.tms_utime + 1);
    CHECK_EQ(after.tms_stime, 0);
    PASS("tms_utime is CLOCK_PROCESS_CPUTIME_ID in ticks; tms_stime is 0");
}

static void children_times_are_zero(void) {
    struct tms t;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        times(&t);
        /* A new process starts with no processor time of its own. */
        _exit(t.tms_utime <= 1 && t.tms_cutime == 0 && t.tms_cstime == 0 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    pid = fork();
    if (pid == 0) {
        spin_ticks(10);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK(times(&t) != (clock_t)-1);
    /* The kernel does not add up waited-for children's time (documented in <sys/times.h>). */
    CHECK_EQ(t.tms_cutime, 0);
    CHECK_EQ(t.tms_cstime, 0);
    PASS("a child starts at zero; children's times are 0 (not counted by the kernel)");
}

int main(void) {
    ticks_follow_the_monotonic_clock();
    utime_is_the_processor_time();
    children_times_are_zero();
    return done_testing();
}
