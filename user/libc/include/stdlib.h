/* General utilities. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void abort(void);
int atexit(void (*fn)(void));
int atoi(const char *s);
long atol(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int abs(int x);
long labs(long x);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
char *getenv(const char *name);
/* Runs `command` with /bin/sh -c and returns its wait status (-1 with errno when the fork or wait
 * failed; an exec that fails is status 127); the caller ignores SIGINT and SIGQUIT and blocks
 * SIGCHLD meanwhile. system(NULL): nonzero when there is a shell. */
int system(const char *command);
/*
 * The environment (environ, "name=value" strings). setenv copies name and value (overwrite 0
 * leaves an existing entry alone), unsetenv removes every entry of name (none is no error); both
 * fail with EINVAL for a NULL or empty name or one with '=', ENOMEM when out of memory. putenv
 * puts `string` itself in the environment (changing it later changes the environment; the libc
 * never frees it); EINVAL if it has no '=' or starts with one (glibc would unset the name). The
 * strings setenv made are freed when replaced or removed: a pointer getenv gave is then stale.
 */
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);
int rand(void);
void srand(unsigned seed);
/*
 * Replaces the "XXXXXX" that ends `template` with characters that make a new file's name, creates
 * it (mode 0600) and returns a descriptor open for reading and writing. -1 with EINVAL if the
 * template does not end in XXXXXX (it is left alone), else with open's error.
 */
int mkstemp(char *template);

#endif
