/*
 * Standard I/O. A FILE is a descriptor with an output buffer (stdout: flushed at each newline,
 * before reading stdin and at exit; stderr: unbuffered; a stream from fopen or fdopen: flushed
 * when full, at fclose and at exit) and an input buffer.
 * Formatting is lib/format.c, shared with the kernel's kprintf.
 *
 * Threads: each stream has a lock (recursive, as flockfile's is), held for a whole call, so one
 * printf's output is never cut by another thread's; a thread blocked reading one stream does not
 * hold up writers of another. The list of streams has a lock of its own.
 */
#include <errno.h>
#include <fcntl.h>
#include <lib/format.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

enum buffering { UNBUFFERED, LINE_BUFFERED, FULLY_BUFFERED };

struct file {
    int fd;
    enum buffering mode;
    int error, eof;
    size_t out_len;
    char out[BUFSIZ];
    size_t in_pos, in_len;
    char in[BUFSIZ];
    struct file *next; /* in the list of streams fopen and fdopen made */
    volatile int lock; /* a libc lock word (__lock) */
    void *owner;       /* the thread holding it */
    int depth;         /* how many times it holds it */
};

static void lock_file(FILE *f) {
    void *self = __self();
    if (f->owner == self) {
        f->depth++;
        return;
    }
    __lock(&f->lock);
    f->owner = self;
    f->depth = 1;
}

static void unlock_file(FILE *f) {
    if (--f->depth == 0) {
        f->owner = NULL;
        __unlock(&f->lock);
    }
}

void flockfile(FILE *f) {
    lock_file(f);
}

int ftrylockfile(FILE *f) {
    void *self = __self();
    if (f->owner == self) {
        f->depth++;
        return 0;
    }
    if (!__sync_bool_compare_and_swap(&f->lock, 0, 1))
        return -1;
    f->owner = self;
    f->depth = 1;
    return 0;
}

void funlockfile(FILE *f) {
    unlock_file(f);
}

static struct file files[3] = {
    {.fd = 0, .mode = FULLY_BUFFERED},
    {.fd = 1, .mode = LINE_BUFFERED},
    {.fd = 2, .mode = UNBUFFERED},
};

FILE *stdin = &files[0];
FILE *stdout = &files[1];
FILE *stderr = &files[2];

static int flush(FILE *f) {
    size_t done = 0;

    while (done < f->out_len) {
        /* Not a cancellation point: the stream's lock is held, and a thread ending here would
         * leave it taken (POSIX lets stdio's functions be cancellation points or not). */
        ssize_t n = __write_nocancel(f->fd, f->out + done, f->out_len - done);
        if (n <= 0) {
            f->error = 1;
            f->out_len = 0;
            return EOF;
        }
        done += (size_t)n;
    }
    f->out_len = 0;
    return 0;
}

static struct file *opened; /* fopen and fdopen's streams, flushed at exit too */
static volatile int opened_lock;

static void locked_flush(FILE *f) {
    lock_file(f);
    flush(f);
    unlock_file(f);
}

/* exit's flush: a stream another thread holds (a reader asleep in read, say) is flushed without
 * its lock rather than waited for, which could be forever. */
static void exit_flush(FILE *f) {
    if (ftrylockfile(f) == 0) {
        flush(f);
        unlock_file(f);
    } else {
        flush(f);
    }
}

static void flush_all(void (*each)(FILE *)) {
    each(stdout);
    each(stderr);
    __lock(&opened_lock);
    for (struct file *f = opened; f; f = f->next)
        each(f);
    __unlock(&opened_lock);
}

void __stdio_flush_all(void) {
    flush_all(exit_flush);
}

int fflush(FILE *f) {
    if (!f) {
        flush_all(locked_flush);
        return 0;
    }
    lock_file(f);
    int r = flush(f);
    unlock_file(f);
    return r;
}

/*
 * fork keeps the list still while it copies the process; a stream a thread other than the caller
 * was using (a reader blocked on a terminal, say) is unlocked in the child, which has only the
 * caller: waiting for it there would be forever.
 */
void __stdio_lock_all(void) {
    __lock(&opened_lock);
}

void __stdio_unlock_all(void) {
    __unlock(&opened_lock);
}

static void reset_lock(FILE *f, void *self) {
    if (f->owner != self) {
        f->owner = NULL;
        f->depth = 0;
        f->lock = 0;
    }
}

void __stdio_reset_child(void) {
    void *self = __self();
    for (int i = 0; i < 3; i++)
        reset_lock(&files[i], self);
    for (struct file *f = opened; f; f = f->next)
        reset_lock(f, self);
    __unlock(&opened_lock);
}

FILE *fdopen(int fd, const char *mode) {
    (void)mode; /* the descriptor's own access mode rules */
    struct file *f = calloc(1, sizeof(*f));
    if (!f)
        return NULL;
    f->fd = fd;
    f->mode = FULLY_BUFFERED;
    __lock(&opened_lock);
    f->next = opened;
    opened = f;
    __unlock(&opened_lock);
    return f;
}

/* "r", "w", "a", each with an optional "+" (read and write) and "e" (O_CLOEXEC); -1 otherwise. */
static int open_flags(const char *mode) {
    int flags;

    switch (*mode++) {
    case 'r':
        flags = O_RDONLY;
        break;
    case 'w':
        flags = O_WRONLY | O_CREAT | O_TRUNC;
        break;
    case 'a':
        flags = O_WRONLY | O_CREAT | O_APPEND;
        break;
    default:
        return -1;
    }
    for (; *mode; mode++) {
        if (*mode == '+')
            flags = (flags & ~O_ACCMODE) | O_RDWR;
        else if (*mode == 'e')
            flags |= O_CLOEXEC;
        else if (*mode != 'b')
            return -1;
    }
    return flags;
}

FILE *fopen(const char *path, const char *mode) {
    int flags = open_flags(mode);
    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    int fd = open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, mode);
    if (!f)
        close(fd);
    return f;
}

int fclose(FILE *f) {
    lock_file(f);
    int result = flush(f);
    unlock_file(f);

    if (close(f->fd) < 0)
        result = EOF;
    __lock(&opened_lock);
    for (struct file **link = &opened; *link; link = &(*link)->next) {
        if (*link == f) {
            *link = f->next;
            free(f);
            break;
        }
    }
    __unlock(&opened_lock);
    return result;
}

/* Appends bytes to f's buffer, flushing as its mode says. */
static void put_bytes(FILE *f, const char *s, size_t len) {
    if (f->mode == UNBUFFERED) {
        f->out_len = 0;
        while (len) {
            size_t run = len < BUFSIZ ? len : BUFSIZ;
            memcpy(f->out, s, run);
            f->out_len = run;
            flush(f);
            s += run;
            len -= run;
        }
        return;
    }
    for (size_t i = 0; i < len; i++) {
        f->out[f->out_len++] = s[i];
        if (f->out_len == BUFSIZ || (f->mode == LINE_BUFFERED && s[i] == '\n'))
            flush(f);
    }
}

static void file_sink(void *ctx, const char *s, size_t len) {
    put_bytes(ctx, s, len);
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
    lock_file(f);
    int n = format_v(file_sink, f, fmt, ap);
    unlock_file(f);
    return n;
}

int fprintf(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap) {
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
    return format_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = format_vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
    va_end(ap);
    return n;
}

int fputs(const char *s, FILE *f) {
    lock_file(f);
    put_bytes(f, s, strlen(s));
    int r = f->error ? EOF : 0;
    unlock_file(f);
    return r;
}

int puts(const char *s) {
    lock_file(stdout);
    put_bytes(stdout, s, strlen(s));
    put_bytes(stdout, "\n", 1);
    int r = stdout->error ? EOF : 0;
    unlock_file(stdout);
    return r;
}

int fputc(int c, FILE *f) {
    char ch = (char)c;
    lock_file(f);
    put_bytes(f, &ch, 1);
    int r = f->error ? EOF : (unsigned char)c;
    unlock_file(f);
    return r;
}

int putc(int c, FILE *f) {
    return fputc(c, f);
}

int putchar(int c) {
    return fputc(c, stdout);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f) {
    lock_file(f);
    put_bytes(f, p, size * n);
    size_t r = f->error ? 0 : n;
    unlock_file(f);
    return r;
}

static int getc_locked(FILE *f) {
    if (f->in_pos == f->in_len) {
        if (f == stdin)
            locked_flush(stdout); /* a prompt must be visible before we wait for input */
        ssize_t n = __read_nocancel(f->fd, f->in, sizeof(f->in)); /* as flush's write */
        if (n <= 0) {
            if (n == 0)
                f->eof = 1;
            else
                f->error = 1;
            return EOF;
        }
        f->in_pos = 0;
        f->in_len = (size_t)n;
    }
    return (unsigned char)f->in[f->in_pos++];
}

int fgetc(FILE *f) {
    lock_file(f);
    int c = getc_locked(f);
    unlock_file(f);
    return c;
}

int getc(FILE *f) {
    return fgetc(f);
}

int getchar(void) {
    return fgetc(stdin);
}

char *fgets(char *buf, int size, FILE *f) {
    int i = 0;

    if (size <= 0)
        return NULL;
    lock_file(f);
    while (i < size - 1) {
        int c = getc_locked(f);
        if (c == EOF)
            break;
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    unlock_file(f);
    if (i == 0)
        return NULL;
    buf[i] = '\0';
    return buf;
}

ssize_t getline(char **line, size_t *size, FILE *f) {
    size_t len = 0;
    int c;

    if (!*line)
        *size = 0;
    lock_file(f);
    while ((c = getc_locked(f)) != EOF) {
        if (len + 2 > *size) {
            size_t bigger = *size ? 2 * *size : 128;
            char *grown = realloc(*line, bigger);
            if (!grown) {
                f->error = 1;
                unlock_file(f);
                return -1;
            }
            *line = grown;
            *size = bigger;
        }
        (*line)[len++] = (char)c;
        if (c == '\n')
            break;
    }
    unlock_file(f);
    if (len == 0)
        return -1;
    (*line)[len] = '\0';
    return (ssize_t)len;
}

size_t fread(void *p, size_t size, size_t n, FILE *f) {
    char *out = p;
    size_t total = size * n, i = 0;

    lock_file(f);
    for (; i < total; i++) {
        int c = getc_locked(f);
        if (c == EOF)
            break;
        out[i] = (char)c;
    }
    unlock_file(f);
    return size ? i / size : 0;
}

int ferror(FILE *f) {
    return f->error;
}

int feof(FILE *f) {
    return f->eof;
}

int fileno(FILE *f) {
    return f->fd;
}

void perror(const char *s) {
    int err = errno;
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strerror(err));
    else
        fprintf(stderr, "%s\n", strerror(err));
}

void psignal(int sig, const char *s) {
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}
