/*
 * wc [-l] [-w] [-c] [file...]: counts lines, words and bytes of each file (standard input for
 * none), printed as POSIX says: the counts asked for (all three by default) separated by spaces,
 * then the file's name; with more than one file, a total.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct counts {
    long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int count(int fd, const char *name, struct counts *c) {
    char buf[512];
    ssize_t n;
    int in_word = 0;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        c->bytes += n;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n')
                c->lines++;
            if (isspace((unsigned char)buf[i])) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                c->words++;
            }
        }
    }
    if (n < 0) {
        fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
        return 1;
    }
    return 0;
}

static void print(const struct counts *c, const char *name) {
    const char *sep = "";

    if (show_lines) {
        printf("%ld", c->lines);
        sep = " ";
    }
    if (show_words) {
        printf("%s%ld", sep, c->words);
        sep = " ";
    }
    if (show_bytes)
        printf("%s%ld", sep, c->bytes);
    printf("%s%s\n", name ? " " : "", name ? name : "");
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                show_lines = 1;
            else if (*o == 'w')
                show_words = 1;
            else if (*o == 'c')
                show_bytes = 1;
            else {
                fprintf(stderr, "wc: -%c: unknown option\nusage: wc [-l] [-w] [-c] [file...]\n", *o);
                return 2;
            }
        }
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    if (i == argc) {
        struct counts c = {0};
        status = count(STDIN_FILENO, "-", &c);
        print(&c, NULL);
        return status;
    }
    struct counts total = {0};
    int first = i;
    for (; i < argc; i++) {
        struct counts c = {0};
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= count(fd, argv[i], &c);
        close(fd);
        print(&c, argv[i]);
        total.lines += c.lines;
        total.words += c.words;
        total.bytes += c.bytes;
    }
    if (argc - first > 1)
        print(&total, "total");
    return status;
}
