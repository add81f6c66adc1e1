/*
 * cp source target, cp source... dir: copies the file source to target (made, or emptied and
 * rewritten), or each source into the directory dir under its own name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include <unistd.h>

/* 0, or 1 after saying which file failed and why. */
static int copy(const char *source, const char *target) {
    struct stat st;
    int in = open(source, O_RDONLY);
    if (in < 0 || fstat(in, &st) < 0) {
        fprintf(stderr, "cp: %s: %s\n", source, strerror(errno));
        if (in >= 0)
            close(in);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "cp: %s: %s (cp copies files)\n", source, strerror(EISDIR));
        close(in);
        return 1;
    }
    struct stat tst;
    if (stat(target, &tst) == 0 && tst.st_dev == st.st_dev && tst.st_ino == st.st_ino) {
        fprintf(stderr, "cp: %s and %s are the same file\n", source, target);
        close(in);
        return 1;
    }
    /* A new file gets the source's permission bits (POSIX), so a copied program still runs; a
     * file that exists keeps its own. */
    int out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
    if (out < 0) {
        fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
        close(in);
        return 1;
    }
    char buf[1024];
    ssize_t n;
    int status = 0;
    while (status == 0 && (n = read(in, buf, sizeof(buf))) != 0) {
        if (n < 0) {
            fprintf(stderr, "cp: %s: %s\n", source, strerror(errno));
            status = 1;
        }
        for (ssize_t done = 0, w; status == 0 && done < n; done += w) {
            if ((w = write(out, buf + done, (size_t)(n - done))) < 0) {
                fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
                status = 1;
            }
        }
    }
    close(in);
    if (close(out) < 0 && status == 0) {
        fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
        status = 1;
    }
    return status;
}

int main(int argc, char **argv) {
    return for_each_target("cp", argc, argv, copy);
}
