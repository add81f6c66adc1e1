/*
 * The environment: setenv, unsetenv, putenv (getenv is in stdlib.c).
 *
 * Who owns what: the kernel's envp (on the stack) and strings given to putenv belong to others and
 * are never freed. The first change copies the array of pointers into one of ours (`ours`), which
 * grows with realloc; a string setenv makes is ours and is freed when unsetenv or setenv drops it.
 * A program that assigns `environ` itself gets a fresh copy at its next change (its array is left
 * alone, and so is ours: it may still be pointed at).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static char **ours;     /* the array environ points at after a change, or NULL */
static size_t ours_cap; /* pointers it holds room for, its NULL included */
static char **made;     /* the strings setenv allocated that are still in use */
static size_t made_count, made_cap;

static bool valid_name(const char *name) {
    return name && *name && !strchr(name, '=');
}

static size_t env_count(void) {
    size_t n = 0;
    while (environ && environ[n])
        n++;
    return n;
}

/* Makes environ an array of ours with room for `extra` more entries; false with ENOMEM. */
static bool own_array(size_t extra) {
    size_t n = env_count();
    if (environ == ours && n + 1 + extra <= ours_cap)
        return true;
    size_t cap = (n + 1 + extra) * 2;
    char **a = environ == ours ? realloc(ours, cap * sizeof(char *)) : malloc(cap * sizeof(char *));
    if (!a) {
        errno = ENOMEM;
        return false;
    }
    if (environ != ours) {
        memcpy(a, environ, n * sizeof(char *));
        a[n] = NULL;
    }
    ours = environ = a;
    ours_cap = cap;
    return true;
}

/* Frees `s` if setenv made it (the strings of others are left alone). */
static void drop(char *s) {
    for (size_t i = 0; i < made_count; i++) {
        if (made[i] == s) {
            made[i] = made[--made_count];
            free(s);
            return;
        }
    }
}

static bool remember(char *s) {
    if (made_count == made_cap) {
        size_t cap = made_cap ? made_cap * 2 : 8;
        char **m = realloc(made, cap * sizeof(char *));
        if (!m) {
            errno = ENOMEM;
            return false;
        }
        made = m;
        made_cap = cap;
    }
    made[made_count++] = s;
    return true;
}

/* The index of `name`'s entry (name is len bytes, no '='), or -1. */
static long find(const char *name, size_t len) {
    for (size_t i = 0; environ && environ[i]; i++) {
        if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
            return (long)i;
    }
    return -1;
}

/* Puts `entry` ("name=...", name len bytes) in the environment, in place of name's entry. */
static int put_entry(char *entry, size_t len) {
    if (!own_array(1))
        return -1;
    long i = find(entry, len);
    if (i >= 0) {
        char *old = environ[i];
        environ[i] = entry;
        if (old != entry)
            drop(old);
        return 0;
    }
    size_t n = env_count();
    environ[n] = entry;
    environ[n + 1] = NULL;
    return 0;
}

int setenv(const char *name, const char *value, int overwrite) {
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    size_t len = strlen(name);
    if (!overwrite && find(name, len) >= 0)
        return 0;
    size_t vlen = strlen(value);
    char *entry = malloc(len + vlen + 2);
    if (!entry) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(entry, name, len);
    entry[len] = '=';
    memcpy(entry + len + 1, value, vlen + 1);
    if (!remember(entry)) {
        free(entry);
        return -1;
    }
    if (put_entry(entry, len) < 0) {
        drop(entry);
        return -1;
    }
    return 0;
}

int unsetenv(const char *name) {
    if (!valid_name(name)) {
        errno = EINVAL;
        return -1;
    }
    size_t len = strlen(name);
    if (find(name, len) < 0)
        return 0;
    if (!own_array(0))
        return -1;
    long i;
    while ((i = find(name, len)) >= 0) {
        char *old = environ[i];
        size_t n = env_count();
        memmove(&environ[i], &environ[i + 1], (n - (size_t)i) * sizeof(char *));
        drop(old);
    }
    return 0;
}

int putenv(char *string) {
    const char *eq = string ? strchr(string, '=') : NULL;
    if (!eq || eq == string) {
        errno = EINVAL;
        return -1;
    }
    return put_entry(string, (size_t)(eq - string));
}
