/*
 * uniq [-c] [-d | -u] [input [output]]: copies input (standard input, or "-") to output
 * (standard output), each run of equal adjacent lines as one. -c puts before each line how many
 * times it came (right-aligned in 7 columns, as coreutils does); -d prints only the lines that
 * came more than once, -u only those that came once.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: uniq [-c] [-d | -u] [input [output]]\n"

static bool counts, only_repeated, only_single;

static void emit(FILE *out, const char *line, long n) {
    if ((only_repeated && n < 2) || (only_single && n > 1))
        return;
    if (counts)
        fprintf(out, "%7ld ", n);
    fputs(line, out);
    if (line[0] == '\0' || line[strlen(line) - 1] != '\n')
        fputc('\n', out); /* a last line without a newline gets one */
}

int main(int argc, char **argv) {
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'c')
                counts = true;
            else if (*o == 'd')
                only_repeated = true;
            else if (*o == 'u')
                only_single = true;
            else {
                fprintf(stderr, "uniq: -%c: unknown option\n" USAGE, *o);
                return 2;
            }
        }
    }
    if (argc - i > 2) {
        fprintf(stderr, "uniq: %s: too many operands\n" USAGE, argv[i + 2]);
        return 2;
    }
    FILE *in = stdin, *out = stdout;
    if (i < argc && strcmp(argv[i], "-") != 0 && !(in = fopen(argv[i], "r"))) {
        fprintf(stderr, "uniq: %s: %s\n", argv[i], strerror(errno));
        return 1;
    }
    if (i + 1 < argc && !(out = fopen(argv[i + 1], "w"))) {
        fprintf(stderr, "uniq: %s: %s\n", argv[i + 1], strerror(errno));
        return 1;
    }
    char *line = NULL, *prev = NULL;
    size_t size = 0;
    long n = 0;
    while (getline(&line, &size, in) >= 0) {
        /* Lines compare without their newline: "a" at the end equals "a\n" before it. */
        size_t len = strlen(line), plen = prev ? strlen(prev) : 0;
        if (len && line[len - 1] == '\n')
            len--;
        if (plen && prev[plen - 1] == '\n')
            plen--;
        if (prev && len == plen && memcmp(line, prev, len) == 0) {
            n++;
            continue;
        }
        if (prev)
            emit(out, prev, n);
        free(prev);
        if (!(prev = strdup(line))) {
            fprintf(stderr, "uniq: %s\n", strerror(errno));
            return 1;
        }
        n = 1;
    }
    if (prev)
        emit(out, prev, n);
    free(prev);
    free(line);
    int status = 0;
    if (ferror(in)) {
        fprintf(stderr, "uniq: %s: %s\n", i < argc ? argv[i] : "-", strerror(errno));
        status = 1;
    }
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "uniq: %s: %s\n", i + 1 < argc ? argv[i + 1] : "standard output", strerror(errno));
        status = 1;
    }
    return status;
}
