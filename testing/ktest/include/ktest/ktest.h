/*
 * In-kernel tests.
 *
 *     KTEST(pmm, alloc_and_free) {
 *         void *p = ...;
 *         KEXPECT_NE(p, NULL);          // records a failure, goes on
 *         KASSERT_EQ(count(), 3);       // records a failure and ends this test
 *     }
 *
 * KTEST registers the test in the .ktests linker section; the runner (ktest_run) executes the ones
 * the kernel command line selects (`ktest=all`, `ktest=pmm`, `ktest=pmm.alloc_and_free,vm`) and
 * reports each in TAP on the console: "ok 3 - pmm.alloc_and_free" or "not ok 3 - ..." followed by
 * "# file:line: ..." diagnostics. The harness (testing/qemu_test.py) turns each into a test case.
 */
#ifndef KTEST_KTEST_H
#define KTEST_KTEST_H

#include <arch/fault_catch.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <stdbool.h>
#include <stdint.h>

struct ktest_ctx {
    bool failed;
};

struct ktest {
    const char *suite;
    const char *name;
    void (*fn)(struct ktest_ctx *ctx);
    const char *file;
    int line;
};

#define KTEST(suite, name)                                                                                             \
    static void ktest_fn_##suite##_##name(struct ktest_ctx *ktest_ctx);                                                \
    static const struct ktest ktest_##suite##_##name __section(".ktests")                                              \
        __used __aligned(4) = {#suite, #name, ktest_fn_##suite##_##name, __FILE__, __LINE__};                          \
    static void ktest_fn_##suite##_##name(struct ktest_ctx *ktest_ctx __unused)

/* Reports a failed check; returns false so checks can be used in conditions. */
bool ktest_fail(struct ktest_ctx *ctx, const char *file, int line, const char *fmt, ...) __printf_like(4, 5);

#define KTEST_CMP_(a, op, b, fatal)                                                                                    \
    do {                                                                                                               \
        long long ka_ = (long long)(a), kb_ = (long long)(b);                                                          \
        if (!(ka_ op kb_)) {                                                                                           \
            ktest_fail(ktest_ctx, __FILE__, __LINE__, "expected %s %s %s, got %lld (0x%llx) vs %lld (0x%llx)", #a,     \
                       #op, #b, ka_, ka_, kb_, kb_);                                                                   \
            if (fatal)                                                                                                 \
                return;                                                                                                \
        }                                                                                                              \
    } while (0)

#define KEXPECT_EQ(a, b) KTEST_CMP_(a, ==, b, 0)
#define KEXPECT_NE(a, b) KTEST_CMP_(a, !=, b, 0)
#define KEXPECT_LT(a, b) KTEST_CMP_(a, <, b, 0)
#define KEXPECT_LE(a, b) KTEST_CMP_(a, <=, b, 0)
#define KEXPECT_GT(a, b) KTEST_CMP_(a, >, b, 0)
#define KEXPECT_GE(a, b) KTEST_CMP_(a, >=, b, 0)
#define KEXPECT_TRUE(c) KTEST_CMP_(!!(c), ==, 1, 0)
#define KEXPECT_FALSE(c) KTEST_CMP_(!!(c), ==, 0, 0)
#define KASSERT_EQ(a, b) KTEST_CMP_(a, ==, b, 1)
#define KASSERT_NE(a, b) KTEST_CMP_(a, !=, b, 1)
#define KASSERT_LT(a, b) KTEST_CMP_(a, <, b, 1)
#define KASSERT_LE(a, b) KTEST_CMP_(a, <=, b, 1)
#define KASSERT_GT(a, b) KTEST_CMP_(a, >, b, 1)
#define KASSERT_GE(a, b) KTEST_CMP_(a, >=, b, 1)
#define KASSERT_TRUE(c) KTEST_CMP_(!!(c), ==, 1, 1)

#define KEXPECT_STREQ(a, b)                                                                                            \
    do {                                                                                                               \
        const char *ka_ = (a), *kb_ = (b);                                                                             \
        if (!ka_ || !kb_ || strcmp(ka_, kb_) != 0)                                                                     \
            ktest_fail(ktest_ctx, __FILE__, __LINE__, "expected %s == %s, got \"%s\" vs \"%s\"", #a, #b, ka_, kb_);    \
    } while (0)

/*
 * Runs `stmt`, which must raise CPU exception `vector` in kernel mode; the test fails if it does
 * not. Afterwards `ktest_fault` describes the exception (vector, error, cr2, eip).
 */
#define KEXPECT_FAULT(vector, stmt)                                                                                    \
    do {                                                                                                               \
        if (fault_catch_begin(&ktest_fault, (vector)) == 0) {                                                          \
            stmt;                                                                                                      \
            fault_catch_end();                                                                                         \
            ktest_fail(ktest_ctx, __FILE__, __LINE__, "expected exception %d from: %s", (vector), #stmt);              \
        }                                                                                                              \
    } while (0)

extern struct fault_catcher ktest_fault;

/*
 * Runs the tests selected by `filter` (comma-separated "suite" or "suite.name"; "all" or "" for
 * every test) and prints the TAP report. Returns the number of failed tests, or 1 when the filter
 * selects no test at all.
 */
int ktest_run(const char *filter);

/* Number of tests linked into this kernel. */
unsigned ktest_count(void);

#endif
