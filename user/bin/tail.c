/*
 * tail [-n [+]lines | -c [+]bytes] [file...]: the last 10 lines (or as many as told) of each
 * file, or of standard input. "+N" counts from the start instead: -n +N begins at line N, -c +N
 * at byte N (both from 1). With more than one file, each one's part comes under a
 * "==> name <==" heading, as head does. A last line without a newline counts as a line. -N is
 * the old form of -n N (tail -1).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: tail [-n [+]lines | -c [+]bytes] [file...]\n"

static bool bytes_mode, from_start;
static long count = 10;

/* Reads all of f into a new buffer: its length in *len, NULL after an error (errno set). */
static char *slurp(FILE *f, size_t *len) {
    size_t room = 4096, n = 0, got;
    char *buf = malloc(room);

    while (buf && (got = fread(buf + n, 1, room - n, f)) > 0) {
        n += got;
        if (n == room) {
            char *bigger = realloc(buf, room *= 2);
            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
        }
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Where the part to print starts in buf[0..len). */
static size_t start_of_part(const char *buf, size_t len) {
    if (bytes_mode) {
        if (from_start)
            return count > 1 ? ((size_t)(count - 1) < len ? (size_t)(count - 1) : len) : 0;
        return (size_t)count < len ? len - (size_t)count : 0;
    }
    if (from_start) {
        size_t pos = 0;
        for (long line = 1; line < count && pos < len; line++) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            pos = nl ? (size_t)(nl - buf) + 1 : len;
        }
        return pos;
    }
    /* Back from the end: the count-th newline before the last line (which may lack one). */
    size_t pos = len;
    if (pos > 0 && buf[pos - 1] == '\n')
        pos--;
    for (long lines = 0; pos > 0; pos--) {
        if (buf[pos - 1] == '\n' && ++lines == count)
            return pos;
    }
    return count > 0 ? 0 : len;
}

static int tail(FILE *f, const char *name) {
    size_t len;
    char *buf = slurp(f, &len);

    if (!buf) {
        fprintf(stderr, "tail: %s: %s\n", name, strerror(errno));
        return 1;
    }
    size_t start = start_of_part(buf, len);
    fwrite(buf + start, 1, len - start, stdout);
    free(buf);
    return 0;
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    while (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0) {
        const char *value;
        char option = argv[i][1];
        if (option >= '0' && option <= '9') {
            option = 'n'; /* -N: the old form of -n N that fingers still type (tail -1), as head's */
            value = argv[i];
        } else if (option != 'n' && option != 'c') {
            fprintf(stderr, "tail: %s: unknown option\n" USAGE, argv[i]);
            return 2;
        } else {
            value = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : NULL;
        }
        bytes_mode = option == 'c';
        from_start = value && value[0] == '+';
        const char *digits = value && (value[0] == '+' || value[0] == '-') ? value + 1 : value;
        char *end;
        count = digits ? strtol(digits, &end, 10) : -1;
        if (!digits || *digits < '0' || *digits > '9' || *end != '\0' || count < 0) {
            fprintf(stderr, "tail: %s: not a number of %s\n" USAGE, value ? value : argv[i],
                    bytes_mode ? "bytes" : "lines");
            return 2;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return tail(stdin, "-");
    bool headings = argc - i > 1, printed = false;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "tail: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        /* A blank line between parts: none before the first one printed (coreutils'). */
        if (headings)
            printf("%s==> %s <==\n", printed ? "\n" : "", argv[i]);
        printed = true;
        fflush(stdout);
        status |= tail(f, argv[i]);
        fclose(f);
    }
    return status;
}
