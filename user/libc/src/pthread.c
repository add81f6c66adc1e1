/*
 * Threads: creation, join, detach, exit, thread-local storage, keys, once, cancellation, atfork
 * (docs/libc.md). The synchronization objects are pthread_sync.c.
 *
 * Memory of a thread pthread_create starts, one anonymous mapping, from low to high addresses:
 *   [guard pages (PROT_NONE)] [stack ... grows down] [static TLS block] [struct __pthread]
 * The thread pointer (the %gs base, thread_create's `tls`) is the struct's address; the TLS block
 * ends there (i386 TLS variant II: the linker places each __thread variable at a negative offset
 * from it, the size of the PT_TLS segment rounded up to its alignment). The kernel clears `alive`
 * and wakes one futex waiter on it once the thread has ended: only then may the mapping go.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

/* The PT_TLS segment's image and size (user/user.ld). */
extern char __tls_start[], __tdata_end[], __tls_end[], __tls_align[];

static __thread int errno_value;

int *__errno_location(void) {
    return &errno_value;
}

static size_t tls_align(void) {
    size_t a = (size_t)(uintptr_t)__tls_align;
    return a < 16 ? 16 : a;
}

/* Bytes from the start of the TLS block to the thread pointer. */
static size_t tls_offset(void) {
    size_t a = (size_t)(uintptr_t)__tls_align;
    size_t size = (size_t)(__tls_end - __tls_start);
    if (a < 1)
        a = 1;
    return (size + a - 1) & ~(a - 1);
}

/* Lays out a thread's TLS block and struct in [base, base + len) at its top; returns the struct. */
static struct __pthread *place_thread(char *base, size_t len) {
    uintptr_t top = (uintptr_t)base + len - sizeof(struct __pthread);
    struct __pthread *t = (struct __pthread *)(top & ~(uintptr_t)(tls_align() - 1));
    char *block = (char *)t - tls_offset();
    memcpy(block, __tls_start, (size_t)(__tdata_end - __tls_start));
    memset(block + (__tdata_end - __tls_start), 0, (size_t)(__tls_end - __tdata_end));
    memset(t, 0, sizeof(*t));
    t->self = t;
    return t;
}

/* What the TLS block and struct need, with room to align them. */
static size_t thread_area_size(void) {
    return tls_offset() + sizeof(struct __pthread) + tls_align();
}

static volatile int thread_count = 1; /* threads of the process that have not ended */
int __ever_threaded;                  /* has pthread_create made a thread? (internal.h) */

size_t __main_thread_area_size(void) {
    return thread_area_size();
}

int __init_main_thread(char *area, size_t len) {
    /* Nothing here may touch errno: it is a TLS variable, reachable only once set_tls is done. */
    struct __pthread *t = place_thread(area, len);
    t->tid = gettid();
    t->alive = 1;
    t->detach = 1; /* the main thread cannot be joined: no one is told when it ends */
    if (__sys_set_tls((uint32_t)(uintptr_t)t) != 0)
        return -1;
    return 0;
}

/* ---- the libc's locks ---- */

void __lock(volatile int *l) {
    int c = __sync_val_compare_and_swap(l, 0, 1);
    if (c == 0)
        return;
    /* Contended: mark it 2 so that the unlock wakes someone, and sleep while it stays so. */
    if (c != 2)
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        __futex_wait(l, 2, NULL);
        c = __atomic_exchange_n(l, 2, __ATOMIC_ACQUIRE);
    }
}

void __unlock(volatile int *l) {
    if (__atomic_exchange_n(l, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(l, 1);
}

int __abs_to_rel(int clock, const struct timespec *abs, struct timespec *rel) {
    if (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000L)
        return EINVAL;
    struct timespec now;
    if (clock_gettime(clock, &now) != 0)
        return EINVAL;
    rel->tv_sec = abs->tv_sec - now.tv_sec;
    rel->tv_nsec = abs->tv_nsec - now.tv_nsec;
    if (rel->tv_nsec < 0) {
        rel->tv_nsec += 1000000000L;
        rel->tv_sec--;
    }
    if (rel->tv_sec < 0)
        return ETIMEDOUT;
    return 0;
}

/* ---- creation, exit, join ---- */

enum thread_state { JOINABLE, DETACHED, EXITING };

static volatile int dead_lock;
static struct __pthread *dead; /* ended detached threads whose mapping is still to be freed */

/* Frees the mappings of detached threads the kernel has finished with. */
static void reap_dead(void) {
    __lock(&dead_lock);
    struct __pthread **link = &dead;
    while (*link) {
        struct __pthread *t = *link;
        if (__atomic_load_n(&t->alive, __ATOMIC_ACQUIRE) == 0) {
            *link = t->next_dead;
            munmap(t->map, t->map_len);
        } else {
            link = &t->next_dead;
        }
    }
    __unlock(&dead_lock);
}

static void add_dead(struct __pthread *t) {
    if (!t->map)
        return; /* the main thread: nothing to free */
    __lock(&dead_lock);
    t->next_dead = dead;
    dead = t;
    __unlock(&dead_lock);
}

void __thread_entry(void); /* thread_entry.S: calls __pthread_start with the thread pointer */

__attribute__((noreturn)) void __pthread_start(struct __pthread *self) {
    self->tid = (int)gettid();
    pthread_exit(self->start(self->arg));
}

#define DEFAULT_STACK (128 * 1024)

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr, void *(*start)(void *),
                   void *restrict arg) {
    pthread_attr_t defaults;
    if (!attr) {
        pthread_attr_init(&defaults);
        attr = &defaults;
    }
    reap_dead();

    size_t guard = attr->__stackaddr ? 0 : (attr->__guardsize + PAGESIZE - 1) & ~(size_t)(PAGESIZE - 1);
    size_t stack = attr->__stackaddr ? 0 : (attr->__stacksize + 15) & ~(size_t)15;
    size_t len = (guard + stack + thread_area_size() + PAGESIZE - 1) & ~(size_t)(PAGESIZE - 1);
    char *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return EAGAIN;
    if (guard && mprotect(map, guard, PROT_NONE) != 0) {
        munmap(map, len);
        return EAGAIN;
    }
    struct __pthread *t = place_thread(map, len);
    t->map = map;
    t->map_len = len;
    t->start = start;
    t->arg = arg;
    t->alive = 1;
    t->detach = attr->__detachstate == PTHREAD_CREATE_DETACHED ? DETACHED : JOINABLE;

    uintptr_t sp = attr->__stackaddr ? (uintptr_t)attr->__stackaddr + attr->__stacksize : (uintptr_t)t - tls_offset();
    struct abi_thread_start ts = {
        .eip = (uint32_t)(uintptr_t)__thread_entry,
        .esp = (uint32_t)(sp & ~(uintptr_t)15),
        .tls = (uint32_t)(uintptr_t)t,
        .clear_tid = (uint32_t)(uintptr_t)&t->alive,
    };
    __ever_threaded = 1;
    __atomic_fetch_add(&thread_count, 1, __ATOMIC_SEQ_CST);
    long tid = __sys_thread_create(&ts);
    if (tid < 0) {
        __atomic_fetch_sub(&thread_count, 1, __ATOMIC_SEQ_CST);
        munmap(map, len);
        return tid == -ENOMEM ? EAGAIN : (int)-tid;
    }
    t->tid = (int)tid;
    *thread = t;
    return 0;
}

static void run_key_destructors(struct __pthread *self);

void pthread_exit(void *result) {
    struct __pthread *self = __self();
    self->cancel_state = PTHREAD_CANCEL_DISABLE; /* no cancellation inside the handlers */
    while (self->cleanup) {
        struct __pthread_cleanup *c = self->cleanup;
        self->cleanup = c->next;
        c->fn(c->arg);
    }
    run_key_destructors(self);
    self->result = result;

    /* The last thread ends the process as exit(0) would: atexit functions, streams flushed. */
    if (__atomic_sub_fetch(&thread_count, 1, __ATOMIC_SEQ_CST) == 0)
        exit(0);
    int was = __sync_val_compare_and_swap(&self->detach, JOINABLE, EXITING);
    if (was == DETACHED)
        add_dead(self); /* freed by a later reap once the kernel has cleared `alive` */
    __sys_thread_exit();
    for (;;)
        ;
}

int pthread_join(pthread_t t, void **result) {
    struct __pthread *self = __self();
    if (t == self)
        return EDEADLK;
    if (t->detach == DETACHED)
        return EINVAL;
    __testcancel();
    for (;;) {
        uint32_t alive = __atomic_load_n(&t->alive, __ATOMIC_ACQUIRE);
        if (alive == 0)
            break;
        if (__futex_wait_cp(&t->alive, (int)alive, NULL) == -ECANCELED)
            __testcancel();
    }
    if (result)
        *result = t->result;
    munmap(t->map, t->map_len);
    return 0;
}

int pthread_detach(pthread_t t) {
    int was = __sync_val_compare_and_swap(&t->detach, JOINABLE, DETACHED);
    if (was == DETACHED)
        return EINVAL;
    if (was == EXITING) { /* it ended joinable: no one will join it now */
        t->detach = DETACHED;
        add_dead(t);
        reap_dead();
    }
    return 0;
}

pthread_t pthread_self(void) {
    return __self();
}

int pthread_equal(pthread_t a, pthread_t b) {
    return a == b;
}

int pthread_kill(pthread_t t, int sig) {
    /* The caller's own id from the kernel: a forked child's thread keeps its parent's in t->tid. */
    int saved = errno;
    int r = tgkill(getpid(), t == __self() ? gettid() : t->tid, sig) == 0 ? 0 : errno;
    errno = saved;
    return r;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
    int saved = errno;
    int r = sigprocmask(how, set, old) == 0 ? 0 : errno;
    errno = saved;
    return r;
}

int pthread_getcpuclockid(pthread_t t, clockid_t *clock) {
    /* Our own id from the kernel: a forked child's thread keeps its parent's in t->tid. */
    if (t != __self() && !__atomic_load_n(&t->alive, __ATOMIC_ACQUIRE))
        return ESRCH;
    *clock = ABI_CLOCK_THREAD_CPU(t == __self() ? (int)gettid() : t->tid);
    return 0;
}

static int concurrency;
int pthread_getconcurrency(void) {
    return concurrency;
}
int pthread_setconcurrency(int level) {
    if (level < 0)
        return EINVAL;
    concurrency = level;
    return 0;
}

int pthread_getschedparam(pthread_t t, int *restrict policy, struct sched_param *restrict param) {
    (void)t;
    *policy = SCHED_OTHER;
    param->sched_priority = 0;
    return 0;
}

int pthread_setschedparam(pthread_t t, int policy, const struct sched_param *param) {
    (void)t;
    if (policy != SCHED_OTHER)
        return policy == SCHED_FIFO || policy == SCHED_RR ? ENOTSUP : EINVAL;
    return param->sched_priority == 0 ? 0 : EINVAL;
}

/* ---- once ---- */

int pthread_once(pthread_once_t *once, void (*init)(void)) {
    /* 0 not run, 1 running, 2 done: latecomers sleep on the word while it is 1. */
    for (;;) {
        int s = __sync_val_compare_and_swap(once, 0, 1);
        if (s == 2)
            return 0;
        if (s == 0) {
            init();
            __atomic_store_n(once, 2, __ATOMIC_RELEASE);
            __futex_wake(once, INT_MAX);
            return 0;
        }
        __futex_wait(once, 1, NULL);
    }
}

/* ---- keys ---- */

static volatile int keys_lock;
static struct {
    unsigned seq; /* odd while the key exists: a thread's value counts only if its seq matches */
    void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *)) {
    __lock(&keys_lock);
    for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
        if (keys[k].seq % 2 == 0) {
            keys[k].seq++;
            keys[k].destructor = destructor;
            *key = k;
            __unlock(&keys_lock);
            return 0;
        }
    }
    __unlock(&keys_lock);
    return EAGAIN;
}

int pthread_key_delete(pthread_key_t key) {
    if (key >= PTHREAD_KEYS_MAX || keys[key].seq % 2 == 0)
        return EINVAL;
    __lock(&keys_lock);
    keys[key].seq++;
    keys[key].destructor = NULL;
    __unlock(&keys_lock);
    return 0;
}

void *pthread_getspecific(pthread_key_t key) {
    struct __pthread *self = __self();
    if (key >= PTHREAD_KEYS_MAX || self->keys[key].seq != keys[key].seq)
        return NULL;
    return self->keys[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value) {
    if (key >= PTHREAD_KEYS_MAX || keys[key].seq % 2 == 0)
        return EINVAL;
    struct __pthread *self = __self();
    self->keys[key].seq = keys[key].seq;
    self->keys[key].value = (void *)value;
    return 0;
}

static void run_key_destructors(struct __pthread *self) {
    for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
        int ran = 0;
        for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
            void (*fn)(void *) = keys[k].destructor;
            void *v = self->keys[k].value;
            if (!fn || !v || self->keys[k].seq != keys[k].seq)
                continue;
            self->keys[k].value = NULL;
            fn(v);
            ran = 1;
        }
        if (!ran)
            break;
    }
}

/* ---- cancellation ---- */

int pthread_cancel(pthread_t t) {
    __atomic_store_n(&t->cancel_pending, 1, __ATOMIC_SEQ_CST);
    /* The kernel's request makes the thread's cancellation points fail with ECANCELED, a sleep in
     * one included; it is sent after our flag is set, so the thread that sees ECANCELED finds the
     * flag. No request to ourselves (our next point sees the flag) nor to a thread that has ended
     * (the kernel cleared `alive`; its id may be another's later). In a forked child the other
     * threads' ids are the parent's: only pthread_self() names a thread there, handled above. */
    if (t != __self() && __atomic_load_n(&t->alive, __ATOMIC_ACQUIRE)) {
        long r = __sys_thread_cancel(t->tid);
        if (r < 0 && r != -ESRCH) /* ESRCH: it ended meanwhile, nothing to interrupt */
            return (int)-r;
    }
    return 0;
}

void __testcancel(void) {
    struct __pthread *self = __self();
    if (self->cancel_pending && self->cancel_state == PTHREAD_CANCEL_ENABLE)
        pthread_exit(PTHREAD_CANCELED);
}

void pthread_testcancel(void) {
    __testcancel();
}

int pthread_setcancelstate(int state, int *old) {
    if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
        return EINVAL;
    struct __pthread *self = __self();
    if (old)
        *old = self->cancel_state;
    self->cancel_state = state;
    return 0;
}

static __thread int cancel_type;

int pthread_setcanceltype(int type, int *old) {
    if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
        return EINVAL;
    if (old)
        *old = cancel_type;
    cancel_type = type; /* remembered; cancellation stays deferred (pthread.h) */
    return 0;
}

void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg) {
    struct __pthread *self = __self();
    c->fn = fn;
    c->arg = arg;
    c->next = self->cleanup;
    self->cleanup = c;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *c, int run) {
    __self()->cleanup = c->next;
    if (run)
        c->fn(c->arg);
}

/* ---- attributes ---- */

int pthread_attr_init(pthread_attr_t *attr) {
    memset(attr, 0, sizeof(*attr));
    attr->__stacksize = DEFAULT_STACK;
    attr->__guardsize = PAGESIZE;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr) {
    (void)attr;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state) {
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attr->__detachstate = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state) {
    *state = attr->__detachstate;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size) {
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->__stacksize = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size) {
    *size = attr->__stacksize;
    return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size) {
    if (size < PTHREAD_STACK_MIN || !addr)
        return EINVAL;
    attr->__stackaddr = addr;
    attr->__stacksize = size;
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict attr, void **restrict addr, size_t *restrict size) {
    *addr = attr->__stackaddr;
    *size = attr->__stacksize;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size) {
    attr->__guardsize = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size) {
    *size = attr->__guardsize;
    return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit) {
    if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
        return EINVAL;
    attr->__inheritsched = inherit;
    return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict attr, int *restrict inherit) {
    *inherit = attr->__inheritsched;
    return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy) {
    if (policy == SCHED_FIFO || policy == SCHED_RR)
        return ENOTSUP;
    if (policy != SCHED_OTHER)
        return EINVAL;
    attr->__policy = policy;
    return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *restrict attr, int *restrict policy) {
    *policy = attr->__policy;
    return 0;
}

int pthread_attr_setschedparam(pthread_attr_t *restrict attr, const struct sched_param *restrict param) {
    if (param->sched_priority != 0)
        return EINVAL;
    attr->__priority = param->sched_priority;
    return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *restrict attr, struct sched_param *restrict param) {
    param->sched_priority = attr->__priority;
    return 0;
}

int pthread_attr_setscope(pthread_attr_t *attr, int scope) {
    if (scope == PTHREAD_SCOPE_PROCESS)
        return ENOTSUP;
    if (scope != PTHREAD_SCOPE_SYSTEM)
        return EINVAL;
    attr->__scope = scope;
    return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict attr, int *restrict scope) {
    *scope = attr->__scope;
    return 0;
}

/* ---- fork ---- */

#define ATFORK_MAX 32
static volatile int atfork_lock;
static struct {
    void (*prepare)(void), (*parent)(void), (*child)(void);
} atfork[ATFORK_MAX];
static int atfork_count;

int pthread_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void)) {
    __lock(&atfork_lock);
    if (atfork_count == ATFORK_MAX) {
        __unlock(&atfork_lock);
        return ENOMEM;
    }
    atfork[atfork_count].prepare = prepare;
    atfork[atfork_count].parent = parent;
    atfork[atfork_count].child = child;
    atfork_count++;
    __unlock(&atfork_lock);
    return 0;
}

/*
 * Around fork: the prepare handlers in the reverse order of registration, then the libc's own
 * locks are taken, so that the child never starts with a lock held by a thread it does not have;
 * after it, the parent and child handlers in registration order.
 */
/*
 * A process that never had a second thread nor an atfork handler has nothing to lock: no other
 * thread can hold a lock. Skipping writes here matters: each page fork's caller writes after the
 * fork is a copy-on-write fault, in the parent and again in the child.
 */
static int fork_plain(void) {
    return !__ever_threaded && atfork_count == 0;
}

void __fork_prepare(void) {
    if (fork_plain())
        return;
    __lock(&atfork_lock);
    for (int i = atfork_count - 1; i >= 0; i--)
        if (atfork[i].prepare)
            atfork[i].prepare();
    __stdio_lock_all();
    __malloc_lock();
    __lock(&dead_lock);
    __lock(&keys_lock);
}

void __fork_parent(void) {
    if (fork_plain())
        return;
    __unlock(&keys_lock);
    __unlock(&dead_lock);
    __malloc_unlock();
    __stdio_unlock_all();
    for (int i = 0; i < atfork_count; i++)
        if (atfork[i].parent)
            atfork[i].parent();
    __unlock(&atfork_lock);
}

void __fork_child(void) {
    /* The child has one thread, the caller; the locks the caller took are released as in the
     * parent. The other threads' memory stays mapped in the child, unused: it cannot know when
     * they would have ended. Nothing is written when there is nothing to release (each page
     * written is a copy-on-write fault): self->tid keeps the parent's id (see pthread_kill). */
    if (fork_plain())
        return;
    thread_count = 1;
    dead = NULL;
    __unlock(&keys_lock);
    __unlock(&dead_lock);
    __malloc_unlock();
    __stdio_reset_child();
    for (int i = 0; i < atfork_count; i++)
        if (atfork[i].child)
            atfork[i].child();
    __unlock(&atfork_lock);
}
