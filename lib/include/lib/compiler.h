/* Compiler attributes and helpers used across the kernel, the libc and host tests. */
#ifndef LIB_COMPILER_H
#define LIB_COMPILER_H

#define __noreturn __attribute__((noreturn))
#define __force_inline inline __attribute__((always_inline))
#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __unused __attribute__((unused))
#define __printf_like(f, a) __attribute__((format(printf, f, a)))

/*
 * 1 in the debug kernel (`--config=debug`, docs/testing.md), whose toolchain defines it; 0 in
 * every other build, host tests and user programs included.
 */
#ifndef KERNEL_DEBUG
#define KERNEL_DEBUG 0
#endif

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a)-1) & ~((a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((a)-1))

#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
