/* Shared inside the libc. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <abi/syscall.h>

long __syscall(long nr, long a, long b, long c, long d, long e, long f);
void __sigreturn(void);

/* Turns a raw result into the C convention: -1 with errno set for -errno. */
long __result(long r);

/*
 * Calls with up to three arguments go straight to `int $0x80` from the caller, with the arguments
 * already in the right registers: the whole user side of getpid is a mov and an int.
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

#define SYSCALL0(nr) __syscall0(nr)
#define SYSCALL1(nr, a) __syscall1((nr), (long)(a))
#define SYSCALL2(nr, a, b) __syscall2((nr), (long)(a), (long)(b))
#define SYSCALL3(nr, a, b, c) __syscall3((nr), (long)(a), (long)(b), (long)(c))
#define SYSCALL6(nr, a, b, c, d, e, f) __syscall((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

void __stdio_flush_all(void);

#endif
