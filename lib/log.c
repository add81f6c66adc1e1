/* Console sink and leveled logging; see lib/log.h. */
#include <abi/errno.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/string.h>
#include <stdarg.h>

static console_write_fn console_sink;
static log_clock_fn log_clock;
static enum log_level log_threshold = LOG_INFO;

console_write_fn console_set_sink(console_write_fn write) {
    console_write_fn old = console_sink;

    console_sink = write;
    return old;
}

void log_set_clock(log_clock_fn now_ns) {
    log_clock = now_ns;
}

void log_set_level(enum log_level level) {
    log_threshold = level;
}

int log_level_parse(const char *name) {
    static const char *const names[] = {"debug", "info", "warn", "error"};

    for (unsigned i = 0; i < ARRAY_SIZE(names); i++) {
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    }
    return -EINVAL;
}

void console_write(const char *s, size_t len) {
    if (console_sink)
        console_sink(s, len);
}

static void console_format_sink(void *ctx, const char *s, size_t len) {
    (void)ctx;
    console_write(s, len);
}

int kprintf(const char *fmt, ...) {
    va_list ap;

    va_start(ap, fmt);
    int n = format_v(console_format_sink, NULL, fmt, ap);
    va_end(ap);
    return n;
}

/*
 * A log line is formatted into one buffer and written with a single sink call, so lines from
 * interrupt handlers cannot land in the middle of another line.
 */
void log_write(enum log_level level, const char *module, const char *fmt, ...) {
    static const char *const prefixes[] = {"", "", "WARN ", "ERROR "};
    char line[256];
    size_t n = 0;
    va_list ap;

    if (level < log_threshold)
        return;
    if (log_clock) {
        uint64_t ns = log_clock();
        uint32_t sec = (uint32_t)(ns / 1000000000u);
        uint32_t usec = (uint32_t)(ns % 1000000000u) / 1000u;
        n += (size_t)format_snprintf(line, sizeof(line), "[%5u.%06u] ", sec, usec);
    }
    n += (size_t)format_snprintf(line + n, sizeof(line) - n, "%s%s: ", prefixes[level], module);
    if (n < sizeof(line)) {
        va_start(ap, fmt);
        n += (size_t)format_vsnprintf(line + n, sizeof(line) - n, fmt, ap);
        va_end(ap);
    }
    if (n > sizeof(line) - 2)
        n = sizeof(line) - 2;
    line[n++] = '\n';
    console_write(line, n);
}
