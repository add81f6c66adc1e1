/* Kernel command line: space-separated words, each `key` or `key=value`. */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Looks up `key`. Returns false when absent. When present, copies its value (empty for a bare
 * word) into `value` (truncated to size - 1 bytes and terminated) if value is not NULL.
 * A key given twice: the last one wins.
 */
bool cmdline_get(const char *cmdline, const char *key, char *value, size_t size);

#endif
