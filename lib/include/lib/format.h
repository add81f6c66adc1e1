/*
 * printf-style formatting engine shared by kprintf (kernel) and printf (user libc).
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%.
 * Flags: '-' (left-justify), '0' (zero pad), '+', ' ', '#'.
 * Width and precision, given as digits or '*'. Length modifiers: hh h l ll z t j.
 * An unknown conversion is printed verbatim, so a typo shows up in the output instead of
 * consuming arguments silently.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives `len` bytes of output; called with len > 0 only. */
typedef void (*format_sink_fn)(void *ctx, const char *s, size_t len);

/* Formats into `sink`; returns the number of bytes produced. */
int format_v(format_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/*
 * snprintf semantics: writes at most size - 1 bytes plus a terminator when size > 0 and returns
 * the length the full output would have had.
 */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int format_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
