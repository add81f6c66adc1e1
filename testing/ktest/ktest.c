/* The in-kernel test runner; see ktest.h for the protocol. */
#include <ktest/ktest.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/string.h>
#include <stdarg.h>

extern const struct ktest __ktests_start[], __ktests_end[];

struct fault_catcher ktest_fault;

unsigned ktest_count(void) {
    return (unsigned)(__ktests_end - __ktests_start);
}

bool ktest_fail(struct ktest_ctx *ctx, const char *file, int line, const char *fmt, ...) {
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    format_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    kprintf("# %s:%d: %s\n", file, line, msg);
    ctx->failed = true;
    return false;
}

/* Does the comma-separated `filter` select test `t`? */
static bool selected(const struct ktest *t, const char *filter) {
    char full[96];
    const char *p = filter;

    if (!*filter || strcmp(filter, "all") == 0)
        return true;
    format_snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t slen = strlen(t->suite);
        if ((len == slen && strncmp(p, t->suite, len) == 0) || (len == strlen(full) && strncmp(p, full, len) == 0))
            return true;
        p += len + (end != NULL);
    }
    return false;
}

int ktest_run(const char *filter) {
    unsigned planned = 0, n = 0;
    int failed = 0;

    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++)
        planned += selected(t, filter);
    kprintf("TAP version 13\n1..%u\n", planned);
    if (planned == 0) {
        /* A filter that selects nothing is a mistake (a renamed suite, a typo), never a pass. */
        kprintf("# ktest=%s selects no test\n", filter);
        return 1;
    }
    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
        if (!selected(t, filter))
            continue;
        struct ktest_ctx ctx = {.failed = false};
        kprintf("# run %s.%s (%s:%d)\n", t->suite, t->name, t->file, t->line);
        t->fn(&ctx);
        fault_catch_end();
        n++;
        kprintf("%sok %u - %s.%s\n", ctx.failed ? "not " : "", n, t->suite, t->name);
        failed += ctx.failed;
    }
    kprintf("# %u tests, %d failed\n", n, failed);
    return failed;
}
