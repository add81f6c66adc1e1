/*
 * Threads' synchronization (<pthread.h>): a contended mutex counter, the three mutex types with
 * their errors, trylock and timedlock, a condition-variable queue between producers and consumers,
 * signal against broadcast, timed waits, read-write locks, barriers and spin locks.
 * Compare with Linux: `gcc -m32 -pthread pthread_sync_test.c && qemu-i386 ./a.out`.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define THREADS 4
#define ROUNDS 20000

static pthread_mutex_t counter_m = PTHREAD_MUTEX_INITIALIZER;
static volatile int counter;

static void *count_fn(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&counter_m);
        int v = counter; /* a read-modify-write the timer may cut: only the lock keeps it whole */
        if (i % 1000 == 0)
            sched_yield(); /* switch while holding it: the others contend and sleep */
        counter = v + 1;
        pthread_mutex_unlock(&counter_m);
    }
    return NULL;
}

static void test_counter(void) {
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, count_fn, NULL), 0);
    for (int i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
    CHECK_EQ(counter, THREADS * ROUNDS);
    CHECK_EQ(pthread_mutex_destroy(&counter_m), 0);
    PASS("4 threads x 20,000 increments under a contended mutex: none lost");
}

static void *trylock_fn(void *m) {
    return (void *)(intptr_t)pthread_mutex_trylock(m);
}

static void *unlock_fn(void *m) {
    return (void *)(intptr_t)pthread_mutex_unlock(m);
}

static void test_types(void) {
    pthread_mutexattr_t a;
    pthread_mutex_t m;
    int type = -1;
    pthread_t t;
    void *r;

    CHECK_EQ(pthread_mutexattr_init(&a), 0);
    CHECK_EQ(pthread_mutexattr_gettype(&a, &type), 0);
    CHECK_EQ(type, PTHREAD_MUTEX_DEFAULT);
    CHECK_EQ(pthread_mutexattr_settype(&a, 42), EINVAL);

    CHECK_EQ(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE), 0);
    CHECK_EQ(pthread_mutex_init(&m, &a), 0);
    CHECK_EQ(pthread_mutex_lock(&m), 0);
    CHECK_EQ(pthread_mutex_lock(&m), 0);
    CHECK_EQ(pthread_mutex_trylock(&m), 0);
    CHECK_EQ(pthread_create(&t, NULL, trylock_fn, &m), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK_EQ((intptr_t)r, EBUSY);
    CHECK_EQ(pthread_create(&t, NULL, unlock_fn, &m), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK_EQ((intptr_t)r, EPERM); /* not its owner */
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
    CHECK_EQ(pthread_mutex_destroy(&m), EBUSY); /* still held once */
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
    CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
    CHECK_EQ(pthread_mutex_destroy(&m), 0);
    PASS("recursive mutex: locked again by its owner, released as often; EPERM for the others");

    CHECK_EQ(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK), 0);
    CHECK_EQ(pthread_mutex_init(&m, &a), 0);
    CHECK_EQ(pthread_mutex_unlock(&m), EPERM);
    CHECK_EQ(pthread_mutex_lock(&m), 0);
    CHECK_EQ(pthread_mutex_lock(&m), EDEADLK);
    CHECK_EQ(pthread_create(&t, NULL, unlock_fn, &m), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK_EQ((intptr_t)r, EPERM);
    CHECK_EQ(pthread_mutex_unlock(&m), 0);
    CHECK_EQ(pthread_mutex_destroy(&m), 0);
    CHECK_EQ(pthread_mutexattr_destroy(&a), 0);
    PASS("error-checking mutex: EDEADLK when its owner locks it again, EPERM to unlock another's");

    pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;
    CHECK_EQ(pthread_mutex_trylock(&n), 0);
    CHECK_EQ(pthread_mutex_trylock(&n), EBUSY);
    struct timespec abs;
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &abs), 0);
    abs.tv_nsec += 30 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000L) {
        abs.tv_nsec -= 1000000000L;
        abs.tv_sec++;
    }
    CHECK_EQ(pthread_mutex_timedlock(&n, &abs), ETIMEDOUT);
    struct timespec now;
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    CHECK(now.tv_sec > abs.tv_sec || (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec));
    struct timespec bad = {abs.tv_sec, 1000000000L};
    CHECK_EQ(pthread_mutex_timedlock(&n, &bad), EINVAL);
    CHECK_EQ(pthread_mutex_unlock(&n), 0);
    CHECK_EQ(pthread_mutex_timedlock(&n, &abs), 0); /* free: taken, whatever the time */
    CHECK_EQ(pthread_mutex_unlock(&n), 0);
    PASS("trylock EBUSY; timedlock ETIMEDOUT at the deadline, EINVAL for a bad time");
}

/* A bounded queue: producers wait while full, consumers while empty. */
#define QSIZE 4
#define ITEMS 2000
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], qhead, qlen;

static void *producer(void *arg) {
    int base = (int)(intptr_t)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qm);
        while (qlen == QSIZE)
            pthread_cond_wait(&not_full, &qm);
        queue[(qhead + qlen++) % QSIZE] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qm);
    }
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    long long sum = 0;
    for (int i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&qm);
        while (qlen == 0)
            pthread_cond_wait(&not_empty, &qm);
        sum += queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qlen--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qm);
    }
    static long long sums[2];
    static int next;
    pthread_mutex_lock(&qm);
    int me = next++;
    sums[me] = sum;
    pthread_mutex_unlock(&qm);
    return &sums[me];
}

static void test_queue(void) {
    pthread_t p[2], c[2];
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(pthread_create(&c[i], NULL, consumer, NULL), 0);
        CHECK_EQ(pthread_create(&p[i], NULL, producer, (void *)(intptr_t)(i * 100000)), 0);
    }
    long long total = 0;
    for (int i = 0; i < 2; i++) {
        void *r;
        CHECK_EQ(pthread_join(p[i], NULL), 0);
        CHECK_EQ(pthread_join(c[i], &r), 0);
        total += *(long long *)r;
    }
    long long want = 0;
    for (int i = 0; i < 2; i++)
        for (int k = 1; k <= ITEMS; k++)
            want += i * 100000 + k;
    CHECK_EQ(total, want);
    CHECK_EQ(qlen, 0);
    PASS("a 4-slot queue, 2 producers and 2 consumers on condition variables: every item once");
}

static pthread_mutex_t bm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bc = PTHREAD_COND_INITIALIZER;
static int go, woke, waiting;

static void *wait_go(void *arg) {
    (void)arg;
    pthread_mutex_lock(&bm);
    waiting++;
    while (!go)
        pthread_cond_wait(&bc, &bm);
    woke++;
    pthread_mutex_unlock(&bm);
    return NULL;
}

static void test_broadcast(void) {
    pthread_t t[5];
    for (int i = 0; i < 5; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, wait_go, NULL), 0);
    for (;;) {
        pthread_mutex_lock(&bm);
        int n = waiting;
        pthread_mutex_unlock(&bm);
        if (n == 5)
            break;
        sched_yield();
    }
    pthread_mutex_lock(&bm);
    go = 1;
    CHECK_EQ(pthread_cond_broadcast(&bc), 0);
    pthread_mutex_unlock(&bm);
    for (int i = 0; i < 5; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
    CHECK_EQ(woke, 5);
    PASS("broadcast wakes every waiter");

    pthread_condattr_t ca;
    pthread_cond_t c;
    clockid_t clock = -1;
    CHECK_EQ(pthread_condattr_init(&ca), 0);
    CHECK_EQ(pthread_condattr_getclock(&ca, &clock), 0);
    CHECK_EQ(clock, CLOCK_REALTIME);
    CHECK_EQ(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC), 0);
    CHECK_EQ(pthread_condattr_setclock(&ca, 77), EINVAL);
    CHECK_EQ(pthread_cond_init(&c, &ca), 0);
    struct timespec abs, now;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &abs), 0);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000L) {
        abs.tv_nsec -= 1000000000L;
        abs.tv_sec++;
    }
    pthread_mutex_lock(&bm);
    CHECK_EQ(pthread_cond_timedwait(&c, &bm, &abs), ETIMEDOUT);
    CHECK_EQ(pthread_mutex_trylock(&bm), EBUSY); /* held again on return */
    pthread_mutex_unlock(&bm);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &now), 0);
    CHECK(now.tv_sec > abs.tv_sec || (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec));
    CHECK_EQ(pthread_cond_destroy(&c), 0);
    CHECK_EQ(pthread_condattr_destroy(&ca), 0);
    PASS("cond_timedwait: ETIMEDOUT at the deadline on the attribute's clock, mutex held again");
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile int readers_in, max_readers, writer_in, rw_bad;

static void *reader(void *arg) {
    (void)arg;
    for (int i = 0; i < 200; i++) {
        pthread_rwlock_rdlock(&rw);
        int n = __atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
        if (n > max_readers)
            max_readers = n;
        if (writer_in)
            rw_bad = 1;
        sched_yield();
        __atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void *writer(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        pthread_rwlock_wrlock(&rw);
        writer_in = 1;
        if (readers_in)
            rw_bad = 1;
        sched_yield();
        writer_in = 0;
        pthread_rwlock_unlock(&rw);
    }
    return NULL;
}

static void test_rwlock(void) {
    pthread_t r[3], w;
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_create(&r[i], NULL, reader, NULL), 0);
    CHECK_EQ(pthread_create(&w, NULL, writer, NULL), 0);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_join(r[i], NULL), 0);
    CHECK_EQ(pthread_join(w, NULL), 0);
    CHECK(!rw_bad);
    CHECK(max_readers > 1);

    CHECK_EQ(pthread_rwlock_rdlock(&rw), 0);
    CHECK_EQ(pthread_rwlock_tryrdlock(&rw), 0);
    CHECK_EQ(pthread_rwlock_trywrlock(&rw), EBUSY);
#ifndef __linux__
    CHECK_EQ(pthread_rwlock_destroy(&rw), EBUSY); /* POSIX: may be detected (Linux does not) */
#endif
    CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
    CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
#ifndef __linux__
    CHECK_EQ(pthread_rwlock_unlock(&rw), EPERM); /* not held: ours says so (Linux does not) */
#endif
    CHECK_EQ(pthread_rwlock_wrlock(&rw), 0);
    CHECK_EQ(pthread_rwlock_wrlock(&rw), EDEADLK);
    CHECK_EQ(pthread_rwlock_tryrdlock(&rw), EBUSY);
    CHECK_EQ(pthread_rwlock_unlock(&rw), 0);
    CHECK_EQ(pthread_rwlock_destroy(&rw), 0);
    PASS("rwlock: readers together, a writer alone; trylocks EBUSY, EDEADLK, EPERM");
}

static pthread_barrier_t barrier;
static volatile int phase_count[3];
static void *barrier_fn(void *arg) {
    (void)arg;
    int serial = 0;
    for (int p = 0; p < 3; p++) {
        __atomic_fetch_add(&phase_count[p], 1, __ATOMIC_SEQ_CST);
        int r = pthread_barrier_wait(&barrier);
        if (r == PTHREAD_BARRIER_SERIAL_THREAD)
            serial++;
        else if (r != 0)
            return (void *)-1;
        if (phase_count[p] != 4) /* everyone got here before anyone left */
            return (void *)-1;
    }
    return (void *)(intptr_t)serial;
}

static void test_barrier(void) {
    CHECK_EQ(pthread_barrier_init(&barrier, NULL, 0), EINVAL);
    CHECK_EQ(pthread_barrier_init(&barrier, NULL, 4), 0);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, barrier_fn, NULL), 0);
    int serials = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        CHECK_EQ(pthread_join(t[i], &r), 0);
        CHECK((intptr_t)r >= 0);
        serials += (int)(intptr_t)r;
    }
    CHECK_EQ(serials, 3); /* one per round */
    CHECK_EQ(pthread_barrier_destroy(&barrier), 0);
    PASS("barrier: no one leaves a round before all 4 arrive; one serial thread per round");
}

static pthread_spinlock_t spin;
static volatile int spin_counter;
static void *spin_fn(void *arg) {
    (void)arg;
    for (int i = 0; i < 5000; i++) {
        pthread_spin_lock(&spin);
        int v = spin_counter;
        if (i % 500 == 0)
            sched_yield();
        spin_counter = v + 1;
        pthread_spin_unlock(&spin);
    }
    return NULL;
}

static void test_spin(void) {
    CHECK_EQ(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE), 0);
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, spin_fn, NULL), 0);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
    CHECK_EQ(spin_counter, 15000);
    CHECK_EQ(pthread_spin_trylock(&spin), 0);
    CHECK_EQ(pthread_spin_trylock(&spin), EBUSY);
    CHECK_EQ(pthread_spin_unlock(&spin), 0);
    CHECK_EQ(pthread_spin_destroy(&spin), 0);
    PASS("spin lock: 3 threads x 5,000 increments, none lost; trylock EBUSY");
}

int main(void) {
    test_counter();
    test_types();
    test_queue();
    test_broadcast();
    test_rwlock();
    test_barrier();
    test_spin();
    return done_testing();
}
