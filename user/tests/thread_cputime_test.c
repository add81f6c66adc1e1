/*
 * Processor-time clocks of threads: CLOCK_THREAD_CPUTIME_ID counts the calling thread's time
 * alone, CLOCK_PROCESS_CPUTIME_ID every thread's; pthread_getcpuclockid gives a clock another
 * thread may read, which stops being valid once the thread has ended.
 */
#include <pthread.h>
#include <stdint.h>

#include "check.h"

#define MS 1000000LL

static long long read_ns(clockid_t clock) {
    struct timespec ts;
    CHECK_EQ(clock_gettime(clock, &ts), 0);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static volatile int go_on = 1;
static volatile long long spinner_own, sleeper_own;

static void *spinner(void *arg) {
    (void)arg;
    while (go_on)
        ;
    spinner_own = read_ns(CLOCK_THREAD_CPUTIME_ID);
    return NULL;
}

static int wake_sleeper[2]; /* a pipe: the sleeper waits for a byte */

/* Asleep until the main thread has read its clock (it may not end before: its clock would be
 * gone, EINVAL; a usleep as long as the main thread's two waits lost that race under load). */
static void *sleeper(void *arg) {
    char c;
    (void)arg;
    while (read(wake_sleeper[0], &c, 1) < 0)
        ;
    sleeper_own = read_ns(CLOCK_THREAD_CPUTIME_ID);
    return NULL;
}

static void each_thread_its_own_time(void) {
    pthread_t spin, sleep;
    clockid_t spin_clock, sleep_clock, mine;
    struct timespec res;

    CHECK_EQ(clock_getres(CLOCK_THREAD_CPUTIME_ID, &res), 0);
    CHECK(res.tv_sec == 0 && res.tv_nsec == 10 * MS);
    CHECK_EQ(sysconf(_SC_THREAD_CPUTIME), _POSIX_THREAD_CPUTIME);
    long long process_before = read_ns(CLOCK_PROCESS_CPUTIME_ID);
    long long main_before = read_ns(CLOCK_THREAD_CPUTIME_ID); /* exec and start-up took some */
    CHECK_EQ(pthread_create(&spin, NULL, spinner, NULL), 0);
    CHECK_EQ(pipe(wake_sleeper), 0);
    CHECK_EQ(pthread_create(&sleep, NULL, sleeper, NULL), 0);
    CHECK_EQ(pthread_getcpuclockid(spin, &spin_clock), 0);
    CHECK_EQ(pthread_getcpuclockid(sleep, &sleep_clock), 0);
    CHECK_EQ(pthread_getcpuclockid(pthread_self(), &mine), 0);
    CHECK(spin_clock != sleep_clock && spin_clock != mine);
    CHECK_EQ(clock_getres(spin_clock, &res), 0);

    usleep(150000);
    long long spun_mid = read_ns(spin_clock); /* read from here, while it runs */
    usleep(150000);
    long long spun_late = read_ns(spin_clock);
    long long slept = read_ns(sleep_clock);
    long long main_own = read_ns(mine) - main_before;
    go_on = 0;
    CHECK_EQ(write(wake_sleeper[1], "x", 1), 1);
    CHECK_EQ(pthread_join(spin, NULL), 0);
    CHECK_EQ(pthread_join(sleep, NULL), 0);
    CHECK(close(wake_sleeper[0]) == 0 && close(wake_sleeper[1]) == 0);
    long long process = read_ns(CLOCK_PROCESS_CPUTIME_ID) - process_before;

    /* The spinner had the processor nearly all of the 300 ms: the others slept. */
    CHECK(spun_mid >= 100 * MS);
    CHECK(spun_late >= spun_mid + 100 * MS);
    CHECK(spinner_own >= spun_late);
    /* The sleeper and we ran for a few instructions: at most a tick or two each. */
    CHECK(sleeper_own <= 20 * MS);
    CHECK(slept <= 20 * MS);
    CHECK(main_own <= 20 * MS);
    CHECK(main_own <= read_ns(CLOCK_THREAD_CPUTIME_ID) - main_before);
    /* The process's time is its threads' time. */
    CHECK(process >= spinner_own);
    CHECK(process <= spinner_own + sleeper_own + read_ns(CLOCK_THREAD_CPUTIME_ID) - main_before + 20 * MS);
    PASS("CLOCK_THREAD_CPUTIME_ID and pthread_getcpuclockid: a spinning thread's clock runs, a "
         "sleeping one's does not; the process's clock sums them");
}

static void *quick(void *arg) {
    (void)arg;
    return NULL;
}

static void ended_thread_has_no_clock(void) {
    pthread_t t;
    clockid_t clock;
    struct timespec ts;

    CHECK_EQ(pthread_create(&t, NULL, quick, NULL), 0);
    CHECK_EQ(pthread_getcpuclockid(t, &clock), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    CHECK_ERR(clock_gettime(clock, &ts), EINVAL);
    CHECK_ERR(clock_getres(clock, &ts), EINVAL);
    CHECK_ERR(clock_gettime(-3, &ts), EINVAL); /* not a thread's clock: the low bits differ */
    CHECK_ERR(clock_gettime(-2, &ts), EINVAL); /* a thread's, of thread 0: none */
    PASS("the clock of a thread that has ended is EINVAL");
}

int main(void) {
    each_thread_its_own_time();
    ended_thread_has_no_clock();
    return done_testing();
}
