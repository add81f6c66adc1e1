/*
 * tee [-a] [-i] [file...]: copies standard input to standard output and to each file (emptied
 * first, or appended to with -a; -i ignores SIGINT). A file that cannot be opened or written is
 * named on standard error and the others are still copied to; the status is then 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes all n bytes: false on an error. */
static bool write_all(int fd, const char *buf, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf += w;
        n -= (size_t)w;
    }
    return true;
}

int main(int argc, char **argv) {
    int flags = O_WRONLY | O_CREAT | O_TRUNC, i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'a') {
                flags = O_WRONLY | O_CREAT | O_APPEND;
            } else if (*o == 'i') {
                signal(SIGINT, SIG_IGN);
            } else {
                fprintf(stderr, "tee: -%c: unknown option\nusage: tee [-a] [-i] [file...]\n", *o);
                return 2;
            }
        }
    }
    int n = argc - i;
    int *fds = calloc((size_t)n + 1, sizeof(*fds));
    if (!fds) {
        fprintf(stderr, "tee: %s\n", strerror(errno));
        return 1;
    }
    for (int k = 0; k < n; k++) {
        if ((fds[k] = open(argv[i + k], flags, 0666)) < 0) {
            fprintf(stderr, "tee: %s: %s\n", argv[i + k], strerror(errno));
            status = 1;
        }
    }
    char buf[4096];
    ssize_t got;
    bool out_ok = true;
    while ((got = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
            status = 1;
            break;
        }
        if (out_ok && !write_all(STDOUT_FILENO, buf, (size_t)got)) {
            fprintf(stderr, "tee: standard output: %s\n", strerror(errno));
            out_ok = false; /* the files still get everything */
            status = 1;
        }
        for (int k = 0; k < n; k++) {
            if (fds[k] >= 0 && !write_all(fds[k], buf, (size_t)got)) {
                fprintf(stderr, "tee: %s: %s\n", argv[i + k], strerror(errno));
                close(fds[k]);
                fds[k] = -1;
                status = 1;
            }
        }
    }
    for (int k = 0; k < n; k++) {
        if (fds[k] >= 0 && close(fds[k]) < 0) {
            fprintf(stderr, "tee: %s: %s\n", argv[i + k], strerror(errno));
            status = 1;
        }
    }
    free(fds);
    return status;
}
