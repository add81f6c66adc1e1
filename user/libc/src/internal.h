/* Shared inside the libc. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

#include <abi/syscall.h>

long __syscall(long nr, long a, long b, long c, long d, long e, long f);
void __sigreturn(void);

/* Turns a raw result into the C convention: -1 with errno set for -errno. */
long __result(long r);

#define SYSCALL0(nr) __syscall((nr), 0, 0, 0, 0, 0, 0)
#define SYSCALL1(nr, a) __syscall((nr), (long)(a), 0, 0, 0, 0, 0)
#define SYSCALL2(nr, a, b) __syscall((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define SYSCALL3(nr, a, b, c) __syscall((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SYSCALL6(nr, a, b, c, d, e, f)                                                                                 \
    __syscall((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

void __stdio_flush_all(void);

#endif
