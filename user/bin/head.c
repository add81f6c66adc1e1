/*
 * head [-n lines | -lines] [file...]: the first lines (10 unless told) of each file, or of
 * standard input. With more than one file, each one's lines come under a "==> name <=="
 * heading. -lines is the old form of -n lines that fingers still type (head -5).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int head(FILE *f, const char *name, long lines) {
    char *line = NULL;
    size_t size = 0;

    for (long i = 0; i < lines && getline(&line, &size, f) >= 0; i++)
        fputs(line, stdout);
    free(line);
    if (ferror(f)) {
        fprintf(stderr, "head: %s: %s\n", name, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    long lines = 10;
    int i = 1, status = 0;

    if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && strcmp(argv[i], "--") != 0) {
        const char *value;
        if (argv[i][1] >= '0' && argv[i][1] <= '9')
            value = argv[i] + 1;
        else if (argv[i][1] == 'n')
            value = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : NULL;
        else {
            fprintf(stderr, "head: %s: unknown option\nusage: head [-n lines] [file...]\n", argv[i]);
            return 2;
        }
        char *end;
        lines = value ? strtol(value, &end, 10) : -1;
        if (!value || *value == '\0' || *end != '\0' || lines < 0) {
            fprintf(stderr, "head: %s: not a number of lines\nusage: head [-n lines] [file...]\n",
                    value ? value : "-n");
            return 2;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        return head(stdin, "-", lines);
    bool headings = argc - i > 1, printed = false;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        /* A blank line between parts: none before the first one printed (as coreutils). */
        if (headings)
            printf("%s==> %s <==\n", printed ? "\n" : "", argv[i]);
        printed = true;
        status |= head(f, argv[i], lines);
        fclose(f);
    }
    return status;
}
