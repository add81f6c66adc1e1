/*
 * Threads' life cycle (<pthread.h>): create and join with results, detach, self and equal, many
 * threads created and joined in a loop with nothing left behind, a thread ending while another
 * waits to join it, __thread variables and errno per thread, once, keys and their destructors,
 * attributes (and their errors), cancellation at a cancellation point with cleanup handlers.
 * Compare with Linux: `gcc -m32 -pthread pthread_test.c && qemu-i386 ./a.out`.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static void *add_one(void *arg) {
    return (void *)((intptr_t)arg + 1);
}

static pthread_t seen_self;
static void *record_self(void *arg) {
    (void)arg;
    seen_self = pthread_self();
    return NULL;
}

static void test_create_join(void) {
    pthread_t t;
    void *result = NULL;
    CHECK_EQ(pthread_create(&t, NULL, add_one, (void *)41), 0);
    CHECK_EQ(pthread_join(t, &result), 0);
    CHECK_EQ((intptr_t)result, 42);

    CHECK_EQ(pthread_create(&t, NULL, record_self, NULL), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    CHECK(pthread_equal(seen_self, t));
    CHECK(!pthread_equal(pthread_self(), t));
    CHECK(pthread_equal(pthread_self(), pthread_self()));
    CHECK_EQ(pthread_join(pthread_self(), NULL), EDEADLK);
    PASS("create runs start(arg); join returns its result; pthread_self is what create said");
}

static void *sleeper(void *arg) {
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    return arg;
}

static void test_join_waits(void) {
    /* The joiner sleeps in the futex wait on the thread's clear_tid word before the thread ends. */
    pthread_t t;
    void *result = NULL;
    CHECK_EQ(pthread_create(&t, NULL, sleeper, (void *)7), 0);
    CHECK_EQ(pthread_join(t, &result), 0);
    CHECK_EQ((intptr_t)result, 7);
    PASS("a thread that ends while another waits in join wakes it, with its result");
}

static void *exits_early(void *arg) {
    pthread_exit(arg);
    return NULL; /* not reached */
}

static void test_exit_value(void) {
    pthread_t t;
    void *result = NULL;
    CHECK_EQ(pthread_create(&t, NULL, exits_early, (void *)99), 0);
    CHECK_EQ(pthread_join(t, &result), 0);
    CHECK_EQ((intptr_t)result, 99);
    PASS("pthread_exit's value is what join returns");
}

static volatile int detached_ran;
static void *detached_fn(void *arg) {
    (void)arg;
    __atomic_fetch_add(&detached_ran, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static void test_detach(void) {
    pthread_attr_t attr;
    CHECK_EQ(pthread_attr_init(&attr), 0);
    CHECK_EQ(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED), 0);
    int state = -1;
    CHECK_EQ(pthread_attr_getdetachstate(&attr, &state), 0);
    CHECK_EQ(state, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 20; i++) {
        pthread_t t;
        CHECK_EQ(pthread_create(&t, &attr, detached_fn, NULL), 0);
    }
    /* And one detached after it was created, perhaps after it ended. */
    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, detached_fn, NULL), 0);
    CHECK_EQ(pthread_detach(t), 0);
    while (__atomic_load_n(&detached_ran, __ATOMIC_SEQ_CST) < 21)
        sched_yield();
    CHECK_EQ(pthread_attr_destroy(&attr), 0);
    PASS("detached threads run and end on their own (created so, or detached later)");
}

static void test_many_rounds(void) {
    /* 1,000 create/join rounds: every stack is unmapped at join, so memory stays level (the
     * kernel's own leak check at power-off counts the threads' kernel objects). */
    for (int i = 0; i < 1000; i++) {
        pthread_t t;
        void *result = NULL;
        CHECK_EQ(pthread_create(&t, NULL, add_one, (void *)(intptr_t)i), 0);
        CHECK_EQ(pthread_join(t, &result), 0);
        CHECK_EQ((intptr_t)result, i + 1);
    }
    /* Many at once, then joined. */
    pthread_t ts[16];
    for (int i = 0; i < 16; i++)
        CHECK_EQ(pthread_create(&ts[i], NULL, add_one, (void *)(intptr_t)i), 0);
    for (int i = 0; i < 16; i++) {
        void *result = NULL;
        CHECK_EQ(pthread_join(ts[i], &result), 0);
        CHECK_EQ((intptr_t)result, i + 1);
    }
    PASS("1,000 create/join rounds, then 16 threads at once, each with its result");
}

static __thread int tls_counter = 5;
static __thread char tls_buf[64];
static _Thread_local long long tls_wide;

static void *tls_fn(void *arg) {
    /* A new thread starts from the initial image, whatever the creator changed in its own. */
    if (tls_counter != 5 || tls_buf[0] != 0 || tls_wide != 0)
        return (void *)1;
    tls_counter = (int)(intptr_t)arg;
    tls_wide = 0x123456789LL;
    strcpy(tls_buf, "thread");
    errno = 0;
    if (close(-1) != -1 || errno != EBADF)
        return (void *)2;
    sched_yield();
    if (tls_counter != (int)(intptr_t)arg || errno != EBADF || strcmp(tls_buf, "thread") != 0)
        return (void *)3;
    if (&tls_counter == (int *)arg) /* never the main thread's */
        return (void *)4;
    return (void *)&tls_counter;
}

static void test_tls(void) {
    tls_counter = 77;
    strcpy(tls_buf, "main");
    errno = 0;
    pthread_t t[3];
    void *r[3];
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, tls_fn, (void *)(intptr_t)(100 + i)), 0);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(pthread_join(t[i], &r[i]), 0);
    for (int i = 0; i < 3; i++) {
        CHECK((uintptr_t)r[i] > 4);
        CHECK(r[i] != (void *)&tls_counter);
    }
    CHECK(r[0] != r[1] && r[1] != r[2]);
    CHECK_EQ(tls_counter, 77);
    CHECK_EQ(strcmp(tls_buf, "main"), 0);
    CHECK_EQ(tls_wide, 0);
    CHECK_EQ(errno, 0); /* the threads' EBADF stayed theirs */
    PASS("__thread/_Thread_local variables and errno: one copy per thread, from the initial image");
}

static int once_runs;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static void once_init(void) {
    struct timespec ts = {0, 5 * 1000 * 1000};
    nanosleep(&ts, NULL); /* the others arrive while it runs */
    once_runs++;
}
static void *once_fn(void *arg) {
    (void)arg;
    CHECK_EQ(pthread_once(&once, once_init), 0);
    return (void *)(intptr_t)once_runs;
}

static void test_once(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, once_fn, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        CHECK_EQ(pthread_join(t[i], &r), 0);
        CHECK_EQ((intptr_t)r, 1); /* each returned after init had finished */
    }
    CHECK_EQ(pthread_once(&once, once_init), 0);
    CHECK_EQ(once_runs, 1);
    PASS("pthread_once runs init once; the others wait for it to finish");
}

static pthread_key_t key_a, key_b;
static int destroyed[8];
static int destroy_count;
static void destroy(void *v) {
    destroyed[destroy_count++ % 8] = (int)(intptr_t)v;
}
static void destroy_resets(void *v) {
    /* A destructor that sets a value again is called again, up to the iteration limit. */
    destroy(v);
    if ((intptr_t)v < 3)
        pthread_setspecific(key_b, (void *)((intptr_t)v + 1));
}
static void *key_fn(void *arg) {
    (void)arg;
    if (pthread_getspecific(key_a) != NULL)
        return (void *)1;
    pthread_setspecific(key_a, (void *)10);
    pthread_setspecific(key_b, (void *)1);
    return pthread_getspecific(key_a);
}

static void test_keys(void) {
    CHECK_EQ(pthread_key_create(&key_a, destroy), 0);
    CHECK_EQ(pthread_key_create(&key_b, destroy_resets), 0);
    CHECK(key_a != key_b);
    CHECK_EQ(pthread_setspecific(key_a, (void *)55), 0);
    pthread_t t;
    void *r;
    CHECK_EQ(pthread_create(&t, NULL, key_fn, NULL), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK_EQ((intptr_t)r, 10);
    CHECK_EQ((intptr_t)pthread_getspecific(key_a), 55); /* main's own value */
    CHECK_EQ(destroy_count, 4);                         /* 10, then 1, 2, 3 from key_b */
    int sum = 0;
    for (int i = 0; i < 4; i++)
        sum += destroyed[i];
    CHECK_EQ(sum, 16);
    CHECK_EQ(pthread_key_delete(key_a), 0);
    CHECK_EQ(pthread_setspecific(key_a, NULL), EINVAL);
    CHECK_EQ(pthread_key_delete(key_a), EINVAL);
    pthread_key_t again;
    CHECK_EQ(pthread_key_create(&again, NULL), 0);
    CHECK(pthread_getspecific(again) == NULL); /* a new key starts NULL, even in a reused slot */
    CHECK_EQ(pthread_key_delete(again), 0);
    CHECK_EQ(pthread_key_delete(key_b), 0);
    PASS("keys: a value per thread, NULL at first; destructors at thread exit, repeated while set");
}

static void test_attr(void) {
    pthread_attr_t a;
    CHECK_EQ(pthread_attr_init(&a), 0);
    size_t size = 0;
    CHECK_EQ(pthread_attr_getstacksize(&a, &size), 0);
    CHECK(size >= PTHREAD_STACK_MIN);
    CHECK_EQ(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1), EINVAL);
    CHECK_EQ(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN), 0);
    CHECK_EQ(pthread_attr_getstacksize(&a, &size), 0);
    CHECK_EQ(size, PTHREAD_STACK_MIN);
    CHECK_EQ(pthread_attr_setdetachstate(&a, 5), EINVAL);
    CHECK_EQ(pthread_attr_setguardsize(&a, 0), 0);
    CHECK_EQ(pthread_attr_getguardsize(&a, &size), 0);
    CHECK_EQ(size, 0);
    int v = -1;
    CHECK_EQ(pthread_attr_getinheritsched(&a, &v), 0);
    CHECK_EQ(v, PTHREAD_INHERIT_SCHED);
    CHECK_EQ(pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED), 0);
    CHECK_EQ(pthread_attr_setinheritsched(&a, 9), EINVAL);
    CHECK_EQ(pthread_attr_setschedpolicy(&a, SCHED_OTHER), 0);
#ifndef __linux__
    CHECK_EQ(pthread_attr_setschedpolicy(&a, SCHED_FIFO), ENOTSUP); /* no priorities here */
#endif
    CHECK_EQ(pthread_attr_setschedpolicy(&a, 99), EINVAL);
    CHECK_EQ(pthread_attr_getschedpolicy(&a, &v), 0);
    CHECK_EQ(v, SCHED_OTHER);
    CHECK_EQ(pthread_attr_setscope(&a, PTHREAD_SCOPE_SYSTEM), 0);
    CHECK_EQ(pthread_attr_setscope(&a, PTHREAD_SCOPE_PROCESS), ENOTSUP);
    CHECK_EQ(pthread_attr_getscope(&a, &v), 0);
    CHECK_EQ(v, PTHREAD_SCOPE_SYSTEM);

    /* A small stack, no guard: it runs. */
    pthread_t t;
    void *r;
    CHECK_EQ(pthread_create(&t, &a, add_one, (void *)1), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK_EQ((intptr_t)r, 2);

    /* A stack of our own. */
    size_t len = 64 * 1024;
    char *stack = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(stack != MAP_FAILED);
    CHECK_EQ(pthread_attr_setstack(&a, stack, len), 0);
    void *addr;
    CHECK_EQ(pthread_attr_getstack(&a, &addr, &size), 0);
    CHECK(addr == stack && size == len);
    CHECK_EQ(pthread_create(&t, &a, record_self, NULL), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    CHECK(pthread_equal(seen_self, t));
    CHECK_EQ(munmap(stack, len), 0);
    CHECK_EQ(pthread_attr_destroy(&a), 0);

    clockid_t clock;
    CHECK_EQ(pthread_getcpuclockid(pthread_self(), &clock), 0); /* thread_cputime_test reads it */
    PASS("attributes: stack size, own stack, guard, detach state, sched and scope, with errors");
}

static volatile int cleanup_ran;
static pthread_mutex_t cancel_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cancel_c = PTHREAD_COND_INITIALIZER;
static volatile int cancel_waiting;
static void cleanup_unlock(void *m) {
    cleanup_ran = 1;
    pthread_mutex_unlock(m);
}
static void *cancel_fn(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cancel_m);
    pthread_cleanup_push(cleanup_unlock, &cancel_m);
    cancel_waiting = 1;
    for (;;)
        pthread_cond_wait(&cancel_c, &cancel_m); /* a cancellation point */
    pthread_cleanup_pop(0);
    return NULL;
}
static void *cancel_disabled_fn(void *arg) {
    (void)arg;
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    while (!cancel_waiting)
        sched_yield();
    pthread_testcancel(); /* disabled: nothing happens */
    pthread_setcancelstate(old, NULL);
    pthread_testcancel();
    return (void *)1;
}

static void test_cancel(void) {
    pthread_t t;
    void *r = NULL;
    CHECK_EQ(pthread_create(&t, NULL, cancel_fn, NULL), 0);
    while (!cancel_waiting)
        sched_yield();
    CHECK_EQ(pthread_mutex_lock(&cancel_m), 0); /* it is asleep in the wait now */
    CHECK_EQ(pthread_mutex_unlock(&cancel_m), 0);
    CHECK_EQ(pthread_cancel(t), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    CHECK(cleanup_ran);
    CHECK_EQ(pthread_mutex_trylock(&cancel_m), 0); /* the handler released it */
    CHECK_EQ(pthread_mutex_unlock(&cancel_m), 0);

    cancel_waiting = 0;
    CHECK_EQ(pthread_create(&t, NULL, cancel_disabled_fn, NULL), 0);
    CHECK_EQ(pthread_cancel(t), 0);
    cancel_waiting = 1;
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    CHECK_EQ(pthread_setcancelstate(7, NULL), EINVAL);
    PASS("cancel wakes a thread in pthread_cond_wait, runs its cleanup with the mutex held; "
         "disabled cancellation waits");
}

int main(void) {
    test_create_join();
    test_join_waits();
    test_exit_value();
    test_detach();
    test_many_rounds();
    test_tls();
    test_once();
    test_keys();
    test_attr();
    test_cancel();
    return done_testing();
}
