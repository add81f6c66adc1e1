/*
 * mv source target, mv source... dir: renames source to target, or moves each source into the
 * directory dir (keeping its name). A target that exists is replaced.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

static int move(const char *source, const char *target) {
    if (rename(source, target) < 0) {
        fprintf(stderr, "mv: %s -> %s: %s\n", source, target, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    return for_each_target("mv", argc, argv, move);
}
