/* cat [file...]: copies each file (standard input for none, or for `-`) to standard output. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* 0, or 1 after saying what went wrong. */
static int copy(int fd, const char *name) {
    char buf[512];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        for (ssize_t done = 0, w; done < n; done += w) {
            if ((w = write(STDOUT_FILENO, buf + done, (size_t)(n - done))) < 0) {
                fprintf(stderr, "cat: write error: %s\n", strerror(errno));
                return 1;
            }
        }
    }
    if (n < 0) {
        fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int status = 0;

    if (argc == 1)
        return copy(STDIN_FILENO, "-");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            status |= copy(STDIN_FILENO, "-");
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= copy(fd, argv[i]);
        close(fd);
    }
    return status;
}
