/* mkdir [-p] dir...: makes each directory; -p makes the missing parents too, and is content
 * with a directory that already exists. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

/* mkdir -p: each prefix of the path that ends before a `/`, then the whole. A prefix that exists
 * is passed by, whatever it is: if it is a file, the next mkdir says ENOTDIR, naming the path. */
static int make_parents(char *path) {
    for (char *slash = path + 1; (slash = strchr(slash, '/')); slash++) {
        *slash = '\0';
        int r = mkdir(path, 0777);
        int err = errno;
        *slash = '/';
        if (r < 0 && err != EEXIST) {
            errno = err;
            return -1;
        }
    }
    if (mkdir(path, 0777) < 0 && !(errno == EEXIST && is_directory(path)))
        return -1;
    return 0;
}

int main(int argc, char **argv) {
    bool parents = false;
    int i = 1, status = 0;

    if (i < argc && strcmp(argv[i], "-p") == 0) {
        parents = true;
        i++;
    }
    if (i == argc) {
        fprintf(stderr, "usage: mkdir [-p] dir...\n");
        return 2;
    }
    for (; i < argc; i++) {
        if ((parents ? make_parents(argv[i]) : mkdir(argv[i], 0777)) < 0) {
            fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
