/*
 * panic() and ASSERT(): for broken kernel invariants only. A user program's mistake must never
 * reach here; it gets an error code or a signal instead.
 *
 * panic prints "PANIC at file:line: message" and a backtrace, reports "Bail out!" in the test
 * protocol and then halts through the architecture's hook (which ends QEMU with a failure status).
 */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

#include <lib/compiler.h>

struct panic_ops {
    /* Prints a symbolized backtrace of the caller. */
    void (*backtrace)(void);
    /* Stops the machine for good. */
    __noreturn void (*halt)(void);
};

/* Registers how panic() reports and halts; until then panic spins forever. */
void panic_set_ops(const struct panic_ops *ops);

__noreturn void panic_at(const char *file, int line, const char *fmt, ...) __printf_like(3, 4);

#define panic(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)

/*
 * Checked in every build: invariants are cheap to test and expensive to debug, and the product
 * kernel should stop at a broken one rather than run on. Checks too slow for that are DEBUG_ASSERT.
 */
#define ASSERT(cond)                                                                                                   \
    do {                                                                                                               \
        if (unlikely(!(cond)))                                                                                         \
            panic_at(__FILE__, __LINE__, "assertion failed: %s", #cond);                                               \
    } while (0)

#define ASSERT_MSG(cond, ...)                                                                                          \
    do {                                                                                                               \
        if (unlikely(!(cond)))                                                                                         \
            panic_at(__FILE__, __LINE__, __VA_ARGS__);                                                                 \
    } while (0)

/*
 * Checked only in the debug kernel, for invariants that cost real time to test (walking a list,
 * reading a page). Elsewhere the condition is still compiled, so it cannot rot, but never run.
 */
#define DEBUG_ASSERT(cond)                                                                                             \
    do {                                                                                                               \
        if (KERNEL_DEBUG && unlikely(!(cond)))                                                                         \
            panic_at(__FILE__, __LINE__, "assertion failed: %s", #cond);                                               \
    } while (0)

#define DEBUG_ASSERT_MSG(cond, ...)                                                                                    \
    do {                                                                                                               \
        if (KERNEL_DEBUG && unlikely(!(cond)))                                                                         \
            panic_at(__FILE__, __LINE__, __VA_ARGS__);                                                                 \
    } while (0)

#endif
