/* Shared inside the libc. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <abi/syscall.h>
#include <abi/thread.h>
#include <stdint.h>

long __syscall(long nr, long a, long b, long c, long d, long e, long f);
void __sigreturn(void);
void __sigreturn_info(void); /* the same for an SA_SIGINFO handler */

/* Turns a raw result into the C convention: -1 with errno set for -errno. Inline, the test:
 * every wrapper ends with it (a pipe's round trip has four), and nearly every call succeeds. */
long __result_error(long r);
static inline long __result(long r) {
    return (unsigned long)r >= (unsigned long)-MAX_ERRNO ? __result_error(r) : r;
}

/*
 * Calls with up to three arguments go straight to `int $0x80` from the caller, with the arguments
 * already in the right registers: the whole user side of getpid is a mov and an int. More
 * arguments go through __syscall (syscall.S), which can load %ebp, the sixth.
 */
static inline long __syscall0(long nr) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr) : "memory");
    return r;
}

static inline long __syscall1(long nr, long a) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a) : "memory");
    return r;
}

static inline long __syscall2(long nr, long a, long b) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b) : "memory");
    return r;
}

static inline long __syscall3(long nr, long a, long b, long c) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static inline long __syscall4(long nr, long a, long b, long c, long d) {
    return __syscall(nr, a, b, c, d, 0, 0);
}

static inline long __syscall5(long nr, long a, long b, long c, long d, long e) {
    return __syscall(nr, a, b, c, d, e, 0);
}

static inline long __syscall6(long nr, long a, long b, long c, long d, long e, long f) {
    return __syscall(nr, a, b, c, d, e, f);
}

/*
 * The raw stubs, one per call of abi/syscall.h: `long __sys_<name>(args)` makes the call and
 * returns what the kernel left in %eax (-4095..-1 is -errno; __result turns it into errno). Each
 * argument has the C type of its kind (INT int, UINT uint32_t, PTR const void *), so the compiler
 * checks what a wrapper passes against the list.
 */
#define __SYS_TYPE_INT int
#define __SYS_TYPE_UINT uint32_t
#define __SYS_TYPE_PTR const void *

#define __SYS_PARAMS_0() void
#define __SYS_PARAMS_1(k1, a1) __SYS_TYPE_##k1 a1
#define __SYS_PARAMS_2(k1, a1, k2, a2) __SYS_PARAMS_1(k1, a1), __SYS_TYPE_##k2 a2
#define __SYS_PARAMS_3(k1, a1, k2, a2, k3, a3) __SYS_PARAMS_2(k1, a1, k2, a2), __SYS_TYPE_##k3 a3
#define __SYS_PARAMS_4(k1, a1, k2, a2, k3, a3, k4, a4) __SYS_PARAMS_3(k1, a1, k2, a2, k3, a3), __SYS_TYPE_##k4 a4
#define __SYS_PARAMS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5)                                                         \
    __SYS_PARAMS_4(k1, a1, k2, a2, k3, a3, k4, a4), __SYS_TYPE_##k5 a5
#define __SYS_PARAMS_6(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5, k6, a6)                                                 \
    __SYS_PARAMS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5), __SYS_TYPE_##k6 a6

#define __SYS_ARGS_0()
#define __SYS_ARGS_1(k1, a1) , (long)(a1)
#define __SYS_ARGS_2(k1, a1, k2, a2) __SYS_ARGS_1(k1, a1), (long)(a2)
#define __SYS_ARGS_3(k1, a1, k2, a2, k3, a3) __SYS_ARGS_2(k1, a1, k2, a2), (long)(a3)
#define __SYS_ARGS_4(k1, a1, k2, a2, k3, a3, k4, a4) __SYS_ARGS_3(k1, a1, k2, a2, k3, a3), (long)(a4)
#define __SYS_ARGS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5) __SYS_ARGS_4(k1, a1, k2, a2, k3, a3, k4, a4), (long)(a5)
#define __SYS_ARGS_6(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5, k6, a6)                                                   \
    __SYS_ARGS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5), (long)(a6)

#define __SYS_STUB(nr, name, restart, nargs, args)                                                                     \
    static inline long __sys_##name(__SYS_PARAMS_##nargs args) {                                                       \
        return __syscall##nargs(nr __SYS_ARGS_##nargs args);                                                           \
    }
ABI_SYSCALLS(__SYS_STUB)
#undef __SYS_STUB

void __stdio_flush_all(void);

/*
 * Threads (pthread.c). A thread's thread pointer (its %gs base, i386 TLS variant II) is the
 * address of its struct __pthread; the thread's static TLS block sits just below it, and %gs:0
 * holds the pointer itself, which is how the compiler's TLS accesses and __self() find it.
 */
#include <errno.h>
#include <pthread.h>

struct __pthread {
    struct __pthread *self;  /* at %gs:0 */
    volatile uint32_t alive; /* 1 until the kernel clears it (clear_tid) when the thread has ended */
    volatile int tid;        /* the kernel's id; in a forked child, still its parent's */
    volatile int detach;     /* JOINABLE, DETACHED or EXITING (thread_state in pthread.c) */
    void *(*start)(void *);
    void *arg;
    void *result;
    void *map; /* what pthread_create mapped for it (stack, TLS, this), freed after it ended */
    size_t map_len;
    volatile int cancel_pending; /* pthread_cancel's request, acted on at the next cancellation point */
    int cancel_state;
    struct __pthread_cleanup *cleanup;
    struct __pthread *next_dead; /* in the list of ended detached threads */
    struct {
        unsigned seq;
        void *value;
    } keys[PTHREAD_KEYS_MAX];
};

static inline struct __pthread *__self(void) {
    struct __pthread *self;
    __asm__("mov %%gs:0, %0" : "=r"(self));
    return self;
}

/* Sets up the main thread's TLS block and thread pointer in [area, area + len), len at least
 * __main_thread_area_size(); 0 or -1 (set_tls refused). */
size_t __main_thread_area_size(void);
int __init_main_thread(char *area, size_t len);

/* The futex calls: 0 or -errno (EAGAIN, ETIMEDOUT, EINTR), and how many woke. */
struct timespec;
static inline int __futex_wait(volatile void *addr, int val, const struct timespec *rel) {
    return (int)__sys_futex((const void *)addr, ABI_FUTEX_WAIT, (uint32_t)val, rel);
}
static inline int __futex_wake(volatile void *addr, int n) {
    return (int)__sys_futex((const void *)addr, ABI_FUTEX_WAKE, (uint32_t)n, 0);
}

/* The libc's own locks (malloc's, stdio's, the thread list's): a futex word, 0 free, 1 held,
 * 2 held with waiters. Not recursive. */
void __lock(volatile int *l);
void __unlock(volatile int *l);

/* Cancellation points call this (pthread.c): exits the thread if it is to be cancelled. */
void __testcancel(void);

/*
 * System calls as cancellation points (XSH 2.9.5; docs/libc.md). __cancel_bit() is what a call
 * made as a cancellation point adds to its number: ABI_SYSCALL_CANCEL_POINT while the thread's
 * cancellation is enabled, so that a pthread_cancel (thread_cancel) ends its sleep and it fails
 * with ECANCELED; nothing while disabled, so the call is left alone. __sys_cp_<name>(args) makes
 * call <name> so: it acts on a request already pending first (the thread ends there), and on
 * ECANCELED after it. A call that moved data returns it: the request waits for the next point.
 * Inside the libc, a function that is not a cancellation point (or holds a lock the thread's end
 * would leave taken) uses the plain __sys_<name>.
 */
extern int __ever_threaded; /* has pthread_create made a thread? (pthread.c) */
static inline long __cancel_bit(void) {
    /* Only another thread's pthread_cancel can come while the call sleeps: a process that never
     * had one makes plain calls (a request of its own is seen by __cancel_enter's check), which
     * keeps the kernel's cancellation path off single-threaded programs' reads and writes. */
    if (!__ever_threaded)
        return 0;
    return __self()->cancel_state == PTHREAD_CANCEL_ENABLE ? (long)ABI_SYSCALL_CANCEL_POINT : 0;
}
static inline long __cancel_enter(long nr) {
    if (__builtin_expect(__self()->cancel_pending, 0)) /* the common case inline: no request */
        __testcancel();
    return nr | __cancel_bit();
}
static inline long __cancel_leave(long r) {
    if (r == -ECANCELED) {
        __testcancel();
        r = -EINTR; /* a request for another thread (its id reused): as an interruption */
    }
    return r;
}
#define __SYS_CP_STUB(nr, name, restart, nargs, args)                                                                  \
    static inline long __sys_cp_##name(__SYS_PARAMS_##nargs args) {                                                    \
        return __cancel_leave(__syscall##nargs(__cancel_enter(nr) __SYS_ARGS_##nargs args));                           \
    }
ABI_SYSCALLS(__SYS_CP_STUB)
#undef __SYS_CP_STUB

/* read, write, close and waitpid as no cancellation points (syscalls.c): for the libc's functions
 * that are not points, or hold a lock around the call. -1 and errno as the public ones. */
ssize_t __read_nocancel(int fd, void *buf, size_t n);
ssize_t __write_nocancel(int fd, const void *buf, size_t n);
int __close_nocancel(int fd);
pid_t __waitpid_nocancel(pid_t pid, int *status, int options);

/* A futex wait that is a cancellation point's sleep: -ECANCELED when a pending pthread_cancel
 * ended it (or kept it from starting), which the caller acts on once its state allows (a
 * condition wait retakes its mutex first). A wake that came first wins: 0, and the request waits
 * for the next point, so a woken waiter never swallows a wake-up and then ends. */
static inline int __futex_wait_cp(volatile void *addr, int val, const struct timespec *rel) {
    return (int)__syscall4(SYS_futex | __cancel_bit(), (long)addr, ABI_FUTEX_WAIT, val, (long)rel);
}

/* An absolute time on `clock` to the relative time from now; ETIMEDOUT when it has passed,
 * EINVAL for a bad tv_nsec. */
int __abs_to_rel(int clock, const struct timespec *abs, struct timespec *rel);

/* fork's part of pthread_atfork and of the libc's locks (pthread.c, stdio.c, malloc.c). */
void __fork_prepare(void);
void __fork_parent(void);
void __fork_child(void);
void __malloc_lock(void);
void __malloc_unlock(void);
void __stdio_lock_all(void);
void __stdio_unlock_all(void);
void __stdio_reset_child(void);

#endif
