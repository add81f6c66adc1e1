/* Shared inside the libc. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <abi/syscall.h>
#include <abi/thread.h>
#include <stdint.h>

long __syscall(long nr, long a, long b, long c, long d, long e, long f);
void __sigreturn(void);
void __sigreturn_info(void); /* the same for an SA_SIGINFO handler */

/* Turns a raw result into the C convention: -1 with errno set for -errno. */
long __result(long r);

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
    volatile int cancel_pending;
    int cancel_state;
    volatile int *volatile waiting_on; /* the futex word it sleeps on at a cancellation point */
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
