/*
 * Stress of the mutex's and the condition variable's slow paths, long enough that the scheduler's
 * preemption lands in every window of them: a mutex contended by two threads whose counts must
 * add up exactly and who must both finish (an unlock that misses a sleeper strands it forever:
 * with two threads nobody else wakes it), several threads on one mutex, and a condition-variable
 * ping-pong, which stops for good at a lost wake-up (both sides asleep). A watchdog in the main
 * thread turns a stall into a failure instead of a hang.
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>

#include "check.h"

#define RUN_US 1000000 /* each stress runs this long: about 50 time slices, each a chance */
#define STALL_US 2000000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static volatile int stop;
static volatile long counter; /* under m */
static volatile long done_threads;

struct worker {
    pthread_t t;
    long own; /* increments this thread made */
};

static void *mutex_worker(void *arg) {
    struct worker *w = arg;
    while (!stop) {
        pthread_mutex_lock(&m);
        long c = counter;
        counter = c + 1;
        pthread_mutex_unlock(&m);
        w->own++;
    }
    __atomic_fetch_add(&done_threads, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Waits until `*count` reaches `want`, failing after STALL_US with `what`. */
static void wait_count(volatile long *count, long want, const char *what) {
    for (int i = 0; i < STALL_US / 10000 && *count < want; i++)
        usleep(10000);
    if (*count < want)
        FAIL("%s: %ld of %ld threads finished %d s after the stop", what, *count, want, STALL_US / 1000000);
}

static void contended_mutex(int nthreads) {
    struct worker w[4] = {0};
    stop = 0;
    counter = 0;
    done_threads = 0;
    for (int i = 0; i < nthreads; i++)
        CHECK_EQ(pthread_create(&w[i].t, NULL, mutex_worker, &w[i]), 0);
    usleep(RUN_US);
    stop = 1;
    wait_count(&done_threads, nthreads, "a thread stranded asleep on the mutex (a lost wake-up)");
    long sum = 0;
    for (int i = 0; i < nthreads; i++) {
        CHECK_EQ(pthread_join(w[i].t, NULL), 0);
        CHECK(w[i].own > 0);
        sum += w[i].own;
    }
    CHECK_EQ(counter, sum);
    CHECK_EQ(pthread_mutex_trylock(&m), 0); /* left free */
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
}

static void mutex_slow_path(void) {
    contended_mutex(2);
    PASS("2 threads on one mutex for 1 s: both finish, the count is exact");
    contended_mutex(4);
    PASS("4 threads on one mutex for 1 s: all finish, the count is exact");
}

/* ---- condition variable ping-pong ---- */

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;             /* under m: whose move it is, 0 or 1 */
static volatile long rounds; /* moves made */

static volatile long kicks;
static uint64_t handed_ns; /* under m: when the last move was made */
static uint64_t worst_ns;  /* under m: the longest a side waited for its turn after it */

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* SIGALRM, every tick, to side 0 only: a switch to the other side wherever side 0 returns to user
 * mode, as a second CPU's thread would run meanwhile. One in a few lands in pthread_cond_wait
 * between the mutex's release and the sleep (the release wakes the other side: a system call). */
static void yield_now(int sig) {
    (void)sig;
    kicks++;
    sched_yield();
}

static void *ping_pong(void *arg) {
    int me = (int)(intptr_t)arg;
    if (me == 0) {
        sigset_t alrm;
        sigemptyset(&alrm);
        sigaddset(&alrm, SIGALRM);
        pthread_sigmask(SIG_UNBLOCK, &alrm, NULL);
    }
    pthread_mutex_lock(&m);
    while (!stop) {
        while (turn != me && !stop)
            pthread_cond_wait(&cv, &m);
        /* A handoff takes microseconds; a lost wake-up waits for the next tick's handler (its
         * EINTR is a spurious wake-up that rescues the waiter), milliseconds. */
        uint64_t now = now_ns();
        if (handed_ns && now - handed_ns > worst_ns)
            worst_ns = now - handed_ns;
        turn = !me;
        handed_ns = now;
        rounds++;
        pthread_cond_signal(&cv);
        /* The other side runs now, wakes from its wait and blocks on the mutex we hold: our
         * next wait's release of the mutex then wakes it, a system call between the release
         * and the sleep where preemption lands often (the window of a lost wake-up). */
        sched_yield();
    }
    pthread_mutex_unlock(&m);
    __atomic_fetch_add(&done_threads, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void condvar_ping_pong(void) {
    pthread_t t[2];
    sigset_t alrm, old_mask;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    CHECK_EQ(pthread_sigmask(SIG_BLOCK, &alrm, &old_mask), 0); /* side 0 alone takes it */
    struct sigaction sa = {.sa_handler = yield_now, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
    struct itimerval every_tick = {{0, 10000}, {0, 10000}}, off = {{0, 0}, {0, 0}};
    stop = 0;
    kicks = 0;
    handed_ns = worst_ns = 0;
    rounds = 0;
    turn = 0;
    done_threads = 0;
    for (int i = 0; i < 2; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, ping_pong, (void *)(intptr_t)i), 0);
    CHECK_EQ(setitimer(ITIMER_REAL, &every_tick, NULL), 0);
    /* Both asleep in their waits with the other's move made is a lost wake-up: nothing moves
     * any more. Watch the moves until the time is up. */
    long last = -1;
    int still = 0;
    for (int waited = 0; waited < RUN_US; waited += 10000) {
        usleep(10000);
        long now = rounds;
        still = now == last ? still + 10000 : 0;
        if (still >= STALL_US / 2)
            FAIL("the ping-pong stopped after %ld moves: both sides wait (a lost wake-up)", now);
        last = now;
    }
    long before = rounds; /* a stall in the last second: it must move again within one */
    for (int i = 0; i < 100 && rounds == before; i++)
        usleep(10000);
    if (rounds == before)
        FAIL("the ping-pong stopped after %ld moves: both sides wait (a lost wake-up)", before);
    CHECK_EQ(setitimer(ITIMER_REAL, &off, NULL), 0);
    CHECK_EQ(pthread_mutex_lock(&m), 0);
    stop = 1;
    CHECK_EQ(pthread_cond_broadcast(&cv), 0);
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
    wait_count(&done_threads, 2, "ping-pong");
    for (int i = 0; i < 2; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
    CHECK(rounds > 100);
    CHECK(kicks > 20);
    printf("# the longest wait for a turn: %llu us in %ld moves, %ld handlers run\n",
           (unsigned long long)(worst_ns / 1000), rounds, kicks);
    if (worst_ns > 2000000)
        FAIL("a side waited %llu us for its turn after the move: a lost wake-up (rescued by a signal)",
             (unsigned long long)(worst_ns / 1000));
    sa.sa_handler = SIG_DFL;
    CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
    CHECK_EQ(pthread_sigmask(SIG_SETMASK, &old_mask, NULL), 0);
    PASS("a condition-variable ping-pong between 2 threads for 1 s, one of them switched away at "
         "every tick by a handler: no move waits more than 2 ms to be seen");
}

int main(void) {
    mutex_slow_path();
    condvar_ping_pong();
    return done_testing();
}
