/* Strings and memory: lib/string.h plus what only programs need. */
#ifndef _STRING_H
#define _STRING_H

#include <lib/string.h>

char *strdup(const char *s);
char *strndup(const char *s, size_t n);
char *strerror(int err);
/* A description of signal `sig` ("Terminated" for SIGTERM), as glibc words it. */
char *strsignal(int sig);
/* The name of error number `err` ("EBADF"), or NULL if it has none (a GNU extension). */
const char *strerrorname_np(int err);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *restrict s, const char *restrict delim);

#endif
