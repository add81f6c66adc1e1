/* panic(): report and halt; see lib/panic.h. */
#include <lib/format.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <stdarg.h>

static const struct panic_ops *ops;
static int panicking;

void panic_set_ops(const struct panic_ops *new_ops) {
    ops = new_ops;
}

void panic_at(const char *file, int line, const char *fmt, ...) {
    char msg[200];
    va_list ap;

    /* A panic inside panic (a fault while printing the backtrace, say): skip straight to halt. */
    if (panicking++ == 0) {
        va_start(ap, fmt);
        format_vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        kprintf("\nPANIC at %s:%d: %s\n", file, line, msg);
        if (ops && ops->backtrace)
            ops->backtrace();
        kprintf("Bail out! kernel panic at %s:%d\n", file, line);
    }
    if (ops && ops->halt)
        ops->halt();
    for (;;)
        ;
}
