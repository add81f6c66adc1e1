/*
 * Freestanding string and memory functions, shared by the kernel and the user libc.
 * Behaviour is that of ISO C; none of them allocates or fails.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
/* Returns strlen(s) or max, whichever is smaller; never reads past s[max - 1]. */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/*
 * Copies at most size - 1 bytes of src and always terminates dst when size > 0.
 * Returns strlen(src), so truncation happened when the result is >= size (BSD semantics).
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

#endif
