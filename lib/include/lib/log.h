/*
 * Kernel console output and leveled logging.
 *
 * Output goes to one console sink that the architecture registers at boot (COM1 on x86); before
 * that, it is dropped. Every line of log output is prefixed with the time since boot when a clock
 * has been registered, the level for warnings and errors, and the module tag of the calling file:
 *
 *     #define LOG_MODULE "pmm"
 *     #include <lib/log.h>
 *     log_info("%u pages free", n);   ->   [    0.012345] pmm: 32000 pages free
 */
#ifndef LIB_LOG_H
#define LIB_LOG_H

#include <lib/compiler.h>
#include <stddef.h>
#include <stdint.h>

enum log_level {
    LOG_DEBUG,
    LOG_INFO,
    LOG_WARN,
    LOG_ERROR,
};

typedef void (*console_write_fn)(const char *s, size_t len);
typedef uint64_t (*log_clock_fn)(void);

/* Registers where console output goes; returns the previous sink (NULL at first). */
console_write_fn console_set_sink(console_write_fn write);
/* Registers the clock (nanoseconds since boot) that stamps log lines. */
void log_set_clock(log_clock_fn now_ns);
/* Messages below `level` are dropped. The default is LOG_INFO. */
void log_set_level(enum log_level level);
/* Parses "debug", "info", "warn" or "error" into a level; returns -EINVAL for anything else. */
int log_level_parse(const char *name);

/* Writes raw formatted text to the console; returns the number of bytes. */
int kprintf(const char *fmt, ...) __printf_like(1, 2);
void console_write(const char *s, size_t len);

void log_write(enum log_level level, const char *module, const char *fmt, ...) __printf_like(3, 4);

#define log_debug(...) log_write(LOG_DEBUG, LOG_MODULE, __VA_ARGS__)
#define log_info(...) log_write(LOG_INFO, LOG_MODULE, __VA_ARGS__)
#define log_warn(...) log_write(LOG_WARN, LOG_MODULE, __VA_ARGS__)
#define log_error(...) log_write(LOG_ERROR, LOG_MODULE, __VA_ARGS__)

#endif
