/* Shared inside the libc. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <abi/syscall.h>
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

#endif
