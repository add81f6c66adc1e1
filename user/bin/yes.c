/*
 * yes [string...]: prints its arguments, separated by spaces (or "y" for none), one line after
 * another until the output is gone (a closed pipe ends it with SIGPIPE, or an error with status 1).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    char line[1024];
    size_t len = 0;

    if (argc < 2) {
        strcpy(line, "y\n");
        len = 2;
    }
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (len + n + 1 >= sizeof(line)) {
            fprintf(stderr, "yes: the line is too long (%zu bytes at most)\n", sizeof(line) - 1);
            return 1;
        }
        memcpy(line + len, argv[i], n);
        len += n;
        line[len++] = i + 1 < argc ? ' ' : '\n';
    }
    for (;;) {
        if (fwrite(line, 1, len, stdout) != len) {
            fprintf(stderr, "yes: %s\n", strerror(errno));
            return 1;
        }
    }
}
