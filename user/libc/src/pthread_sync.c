/*
 * Mutexes, condition variables, read-write locks, barriers and spin locks. Each sleeps with a
 * futex wait on one of its own words and is woken by a futex wake on it; the kernel checks the
 * word and queues the sleeper in one step, so a wake between our check and our sleep is never lost
 * (the wait returns EAGAIN instead and we look again).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* ---- mutexes ---- */

int pthread_mutexattr_init(pthread_mutexattr_t *attr) {
    memset(attr, 0, sizeof(*attr));
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr) {
    (void)attr;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type) {
    if (type != PTHREAD_MUTEX_NORMAL && type != PTHREAD_MUTEX_RECURSIVE && type != PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    attr->__type = type;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type) {
    *type = attr->__type;
    return 0;
}

static int check_pshared(int pshared) {
    return pshared == PTHREAD_PROCESS_PRIVATE || pshared == PTHREAD_PROCESS_SHARED ? 0 : EINVAL;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared) {
    if (check_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict attr, int *restrict pshared) {
    *pshared = attr->__pshared;
    return 0;
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr) {
    memset((void *)m, 0, sizeof(*m));
    if (attr) {
        m->__type = attr->__type;
        m->__pshared = attr->__pshared;
    }
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m) {
    return m->__lock ? EBUSY : 0;
}

/* Takes the lock word (0 free, 1 held, 2 held and maybe waited for); `rel` NULL: no limit. */
static int lock_word(volatile int *l, int clock, const struct timespec *abstime) {
    int c = __sync_val_compare_and_swap(l, 0, 1);
    if (c == 0)
        return 0;
    if (c != 2)
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        struct timespec rel;
        if (abstime) {
            int e = __abs_to_rel(clock, abstime, &rel);
            if (e)
                return e;
        }
        int r = __futex_wait(l, 2, abstime ? &rel : NULL);
        if (r == -ETIMEDOUT)
            return ETIMEDOUT;
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    }
    return 0;
}

/*
 * Who holds a recursive or error-checking mutex, or a write lock: the holder's struct __pthread
 * address in a private object (no call to learn it, and the same in a child forked from that
 * thread, which is that thread's copy); the kernel's thread id in a shared one, where another
 * process may have a thread at the same address.
 */
static int owner_id(int pshared) {
    return pshared ? gettid() : (int)(uintptr_t)__self();
}

static int mutex_lock(pthread_mutex_t *m, const struct timespec *abstime) {
    if (m->__type != PTHREAD_MUTEX_NORMAL) {
        int me = owner_id(m->__pshared);
        if (m->__owner == me) {
            if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
                return EDEADLK;
            if (m->__count == INT_MAX)
                return EAGAIN;
            m->__count++;
            return 0;
        }
        int e = lock_word(&m->__lock, CLOCK_REALTIME, abstime);
        if (e)
            return e;
        m->__owner = me;
        m->__count = 1;
        return 0;
    }
    return lock_word(&m->__lock, CLOCK_REALTIME, abstime);
}

int pthread_mutex_lock(pthread_mutex_t *m) {
    /* The uncontended normal mutex: one compare-and-swap, no call. */
    if (m->__type == PTHREAD_MUTEX_NORMAL && __sync_bool_compare_and_swap(&m->__lock, 0, 1))
        return 0;
    return mutex_lock(m, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime) {
    if (m->__type == PTHREAD_MUTEX_NORMAL && __sync_bool_compare_and_swap(&m->__lock, 0, 1))
        return 0;
    if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)
        return EINVAL;
    return mutex_lock(m, abstime);
}

int pthread_mutex_trylock(pthread_mutex_t *m) {
    if (m->__type == PTHREAD_MUTEX_RECURSIVE && m->__owner == owner_id(m->__pshared)) {
        if (m->__count == INT_MAX)
            return EAGAIN;
        m->__count++;
        return 0;
    }
    if (!__sync_bool_compare_and_swap(&m->__lock, 0, 1))
        return EBUSY;
    if (m->__type != PTHREAD_MUTEX_NORMAL) {
        m->__owner = owner_id(m->__pshared);
        m->__count = 1;
    }
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m) {
    if (m->__type != PTHREAD_MUTEX_NORMAL) {
        if (m->__owner != owner_id(m->__pshared))
            return EPERM;
        if (--m->__count > 0)
            return 0;
        m->__owner = 0;
    }
    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);
    return 0;
}

/* ---- condition variables ---- */

int pthread_condattr_init(pthread_condattr_t *attr) {
    memset(attr, 0, sizeof(*attr));
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr) {
    (void)attr;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock) {
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return EINVAL;
    attr->__clock = clock;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr, clockid_t *restrict clock) {
    *clock = attr->__clock;
    return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared) {
    if (check_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict attr, int *restrict pshared) {
    *pshared = attr->__pshared;
    return 0;
}

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr) {
    memset((void *)c, 0, sizeof(*c));
    if (attr) {
        c->__clock = attr->__clock;
        c->__pshared = attr->__pshared;
    }
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *c) {
    (void)c;
    return 0;
}

/*
 * A waiter reads the sequence number, releases the mutex and sleeps while the number is
 * unchanged. A signal or broadcast after the mutex was released changes the number, so the sleep
 * either does not begin (EAGAIN) or is woken: no wake-up is lost. Waking more than asked (a
 * signal that wakes a thread which then finds nothing to do) is the spurious wake-up POSIX allows.
 */
static int cond_wait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime) {
    if (m->__type != PTHREAD_MUTEX_NORMAL && m->__owner != owner_id(m->__pshared))
        return EPERM;
    if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
        return EINVAL;
    __testcancel();
    unsigned seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
    int count = m->__count;
    int owner = m->__owner;
    m->__owner = 0;
    m->__count = 0;
    if (__atomic_exchange_n(&m->__lock, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(&m->__lock, 1);

    int e = 0;
    struct timespec rel;
    if (abstime)
        e = __abs_to_rel(c->__clock, abstime, &rel);
    int r = 0;
    if (e == 0) {
        r = __futex_wait_cp(&c->__seq, (int)seq, abstime ? &rel : NULL);
        if (r == -ETIMEDOUT)
            e = ETIMEDOUT;
    }

    /* Retaken as contended (2): other waiters woken by a broadcast may be queued on it. */
    int l = __atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE);
    while (l != 0) {
        __futex_wait(&m->__lock, 2, NULL);
        l = __atomic_exchange_n(&m->__lock, 2, __ATOMIC_ACQUIRE);
    }
    m->__owner = owner;
    m->__count = count;
    /* Acted on with the mutex held, as POSIX wants for the cleanup handlers; only when the
     * request ended the sleep: a waiter that a signal woke returns, so the wake-up is not lost
     * with it (the request waits for its next point). */
    if (r == -ECANCELED)
        __testcancel();
    return e;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m) {
    return cond_wait(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime) {
    return cond_wait(c, m, abstime);
}

int pthread_cond_signal(pthread_cond_t *c) {
    __atomic_fetch_add(&c->__seq, 1, __ATOMIC_RELEASE);
    __futex_wake(&c->__seq, 1);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c) {
    __atomic_fetch_add(&c->__seq, 1, __ATOMIC_RELEASE);
    __futex_wake(&c->__seq, INT_MAX);
    return 0;
}

/* ---- read-write locks ---- */

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr) {
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr) {
    (void)attr;
    return 0;
}

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared) {
    if (check_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *restrict attr, int *restrict pshared) {
    *pshared = attr->__pshared;
    return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *restrict rw, const pthread_rwlockattr_t *restrict attr) {
    memset((void *)rw, 0, sizeof(*rw));
    if (attr)
        rw->__pshared = attr->__pshared;
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *rw) {
    return rw->__readers || rw->__writer ? EBUSY : 0;
}

/* Waits until the lock is free for a reader (no writer) or a writer (no one), then takes it. */
static int rwlock_take(pthread_rwlock_t *rw, int write, int try, const struct timespec *abstime) {
    int me = owner_id(rw->__pshared);
    if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
        return EINVAL;
    for (;;) {
        __lock(&rw->__lock);
        if (rw->__writer == me) { /* it would wait for itself */
            __unlock(&rw->__lock);
            return try ? EBUSY : EDEADLK;
        }
        int free = write ? rw->__readers == 0 && rw->__writer == 0 : rw->__writer == 0;
        if (free) {
            if (write)
                rw->__writer = me;
            else if (rw->__readers == INT_MAX) {
                __unlock(&rw->__lock);
                return EAGAIN;
            } else
                rw->__readers++;
            __unlock(&rw->__lock);
            return 0;
        }
        unsigned seq = rw->__seq;
        __unlock(&rw->__lock);
        if (try)
            return EBUSY;
        struct timespec rel;
        if (abstime) {
            int e = __abs_to_rel(CLOCK_REALTIME, abstime, &rel);
            if (e)
                return e;
        }
        if (__futex_wait(&rw->__seq, (int)seq, abstime ? &rel : NULL) == -ETIMEDOUT)
            return ETIMEDOUT;
    }
}

int pthread_rwlock_rdlock(pthread_rwlock_t *rw) {
    return rwlock_take(rw, 0, 0, NULL);
}
int pthread_rwlock_tryrdlock(pthread_rwlock_t *rw) {
    return rwlock_take(rw, 0, 1, NULL);
}
int pthread_rwlock_timedrdlock(pthread_rwlock_t *restrict rw, const struct timespec *restrict abstime) {
    return rwlock_take(rw, 0, 0, abstime);
}
int pthread_rwlock_wrlock(pthread_rwlock_t *rw) {
    return rwlock_take(rw, 1, 0, NULL);
}
int pthread_rwlock_trywrlock(pthread_rwlock_t *rw) {
    return rwlock_take(rw, 1, 1, NULL);
}
int pthread_rwlock_timedwrlock(pthread_rwlock_t *restrict rw, const struct timespec *restrict abstime) {
    return rwlock_take(rw, 1, 0, abstime);
}

int pthread_rwlock_unlock(pthread_rwlock_t *rw) {
    int me = owner_id(rw->__pshared);
    __lock(&rw->__lock);
    if (rw->__writer == me) {
        rw->__writer = 0;
    } else if (rw->__readers > 0) {
        rw->__readers--;
    } else {
        __unlock(&rw->__lock);
        return EPERM;
    }
    int wake = rw->__writer == 0 && rw->__readers == 0;
    if (wake)
        rw->__seq++;
    __unlock(&rw->__lock);
    if (wake)
        __futex_wake(&rw->__seq, INT_MAX);
    return 0;
}

/* ---- barriers ---- */

int pthread_barrierattr_init(pthread_barrierattr_t *attr) {
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr) {
    (void)attr;
    return 0;
}

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared) {
    if (check_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *restrict attr, int *restrict pshared) {
    *pshared = attr->__pshared;
    return 0;
}

int pthread_barrier_init(pthread_barrier_t *restrict b, const pthread_barrierattr_t *restrict attr, unsigned count) {
    (void)attr;
    if (count == 0)
        return EINVAL;
    memset((void *)b, 0, sizeof(*b));
    b->__count = count;
    return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b) {
    return b->__waiting ? EBUSY : 0;
}

int pthread_barrier_wait(pthread_barrier_t *b) {
    __lock(&b->__lock);
    unsigned seq = b->__seq;
    if (++b->__waiting == b->__count) {
        /* The last to arrive opens the barrier for this round and is the "serial" thread. */
        b->__waiting = 0;
        __atomic_store_n(&b->__seq, seq + 1, __ATOMIC_RELEASE);
        __unlock(&b->__lock);
        __futex_wake(&b->__seq, INT_MAX);
        return PTHREAD_BARRIER_SERIAL_THREAD;
    }
    __unlock(&b->__lock);
    while (__atomic_load_n(&b->__seq, __ATOMIC_ACQUIRE) == seq)
        __futex_wait(&b->__seq, (int)seq, NULL);
    return 0;
}

/* ---- spin locks ---- */

int pthread_spin_init(pthread_spinlock_t *s, int pshared) {
    (void)pshared;
    *s = 0;
    return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s) {
    return *s ? EBUSY : 0;
}

int pthread_spin_lock(pthread_spinlock_t *s) {
    /* One processor: spinning only burns the holder's time, so give it the processor. */
    while (__atomic_exchange_n(s, 1, __ATOMIC_ACQUIRE) != 0)
        sched_yield();
    return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s) {
    return __atomic_exchange_n(s, 1, __ATOMIC_ACQUIRE) == 0 ? 0 : EBUSY;
}

int pthread_spin_unlock(pthread_spinlock_t *s) {
    __atomic_store_n(s, 0, __ATOMIC_RELEASE);
    return 0;
}
