/* Conversions, sorting, the environment, abort. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * The digits of `s` in `base` (0: from the prefix, as C does) with an optional sign, saturating at
 * `max` (ERANGE). *neg tells whether a minus sign came first; the magnitude is returned.
 */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long max, int *neg) {
    const char *p = s;
    unsigned long long v = 0;
    int any = 0;

    *neg = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (;; p++) {
        int d;
        if (isdigit((unsigned char)*p))
            d = *p - '0';
        else if (isalpha((unsigned char)*p))
            d = tolower((unsigned char)*p) - 'a' + 10;
        else
            break;
        if (d >= base)
            break;
        any = 1;
        if (v > (max - (unsigned)d) / (unsigned)base) {
            errno = ERANGE;
            v = max;
            while (isalnum((unsigned char)*p))
                p++;
            break;
        }
        v = v * (unsigned)base + (unsigned)d;
    }
    if (end)
        *end = (char *)(any ? p : s);
    return v;
}

unsigned long long strtoull(const char *s, char **end, int base) {
    int neg;
    unsigned long long v = parse(s, end, base, ULLONG_MAX, &neg);
    return neg ? -v : v;
}

unsigned long strtoul(const char *s, char **end, int base) {
    int neg;
    unsigned long v = (unsigned long)parse(s, end, base, ULONG_MAX, &neg);
    return neg ? -v : v;
}

long long strtoll(const char *s, char **end, int base) {
    int neg;
    unsigned long long v = parse(s, end, base, (unsigned long long)LLONG_MAX + 1, &neg);
    if (!neg && v > (unsigned long long)LLONG_MAX) {
        errno = ERANGE;
        return LLONG_MAX;
    }
    return neg ? (long long)(0 - v) : (long long)v;
}

long strtol(const char *s, char **end, int base) {
    int neg;
    unsigned long v = (unsigned long)parse(s, end, base, (unsigned long)LONG_MAX + 1, &neg);
    if (!neg && v > (unsigned long)LONG_MAX) {
        errno = ERANGE;
        return LONG_MAX;
    }
    return neg ? (long)(0 - v) : (long)v;
}

int atoi(const char *s) {
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s) {
    return strtol(s, NULL, 10);
}

int abs(int x) {
    return x < 0 ? -x : x;
}

long labs(long x) {
    return x < 0 ? -x : x;
}

static void swap(char *a, char *b, size_t size) {
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Insertion sort for short runs, otherwise quicksort on the middle element. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
    char *b = base;

    while (n > 8) {
        swap(b, b + (n / 2) * size, size);
        size_t last = 0;
        for (size_t i = 1; i < n; i++) {
            if (cmp(b + i * size, b) < 0)
                swap(b + ++last * size, b + i * size, size);
        }
        swap(b, b + last * size, size);
        /* Recurse into the smaller part, loop on the larger. */
        if (last < n - last - 1) {
            qsort(b, last, size, cmp);
            b += (last + 1) * size;
            n -= last + 1;
        } else {
            qsort(b + (last + 1) * size, n - last - 1, size, cmp);
            n = last;
        }
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size) > 0; j--)
            swap(b + (j - 1) * size, b + j * size, size);
    }
}

char *getenv(const char *name) {
    size_t len = strlen(name);

    for (char **e = environ; e && *e; e++) {
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return *e + len + 1;
    }
    return NULL;
}

static unsigned long rand_state = 1;

int rand(void) {
    rand_state = rand_state * 1103515245u + 12345u;
    return (int)((rand_state >> 1) & RAND_MAX);
}

void srand(unsigned seed) {
    rand_state = seed;
}

/*
 * POSIX: SIGABRT ends the process even when blocked or ignored; a handler runs first, and if it
 * returns the process ends all the same (the default action is put back and the signal sent again).
 */
void abort(void) {
    sigset_t abrt;

    fflush(NULL);
    sigemptyset(&abrt);
    sigaddset(&abrt, SIGABRT);
    struct sigaction now;
    if (sigaction(SIGABRT, NULL, &now) == 0 && now.sa_handler == SIG_IGN)
        signal(SIGABRT, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT); /* a handler runs here; the default action ends the process */
    signal(SIGABRT, SIG_DFL);
    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT);
    _exit(127);
}

void __assert_fail(const char *expr, const char *file, int line) {
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}

int execvp(const char *file, char *const argv[]) {
    char path[256];

    if (strchr(file, '/'))
        return execv(file, argv);
    const char *dirs = getenv("PATH");
    if (!dirs)
        dirs = "/bin";
    while (*dirs) {
        size_t len = strcspn(dirs, ":");
        if (len + 1 + strlen(file) + 1 <= sizeof(path)) {
            memcpy(path, dirs, len);
            path[len] = '/';
            strcpy(path + len + 1, file);
            execv(path, argv);
            if (errno != ENOENT)
                return -1;
        }
        dirs += len + (dirs[len] == ':');
    }
    errno = ENOENT;
    return -1;
}

/*
 * mkstemp's names: six characters from 62, drawn from a generator seeded by the pid and the clock
 * so that processes started together do not walk the same names. O_EXCL makes a name that exists
 * fail with EEXIST, and another is tried.
 */
int mkstemp(char *template) {
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static uint32_t state;
    size_t len = strlen(template);

    if (len < 6 || strcmp(template + len - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    state ^= (uint32_t)getpid() * 2654435761u ^ (uint32_t)now.tv_nsec ^ (uint32_t)now.tv_sec;
    for (int attempt = 0; attempt < 1000; attempt++) {
        for (size_t i = len - 6; i < len; i++) {
            state ^= state << 13; /* xorshift32 */
            state ^= state >> 17;
            state ^= state << 5;
            state += state == 0; /* xorshift stays at 0 once there */
            template[i] = chars[state % (sizeof(chars) - 1)];
        }
        int fd = open(template, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1; /* EEXIST */
}
