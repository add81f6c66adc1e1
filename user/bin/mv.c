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

static bool is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The last component of a path ("c" for "/a/b/c" and for "c/"). */
static const char *base_name(const char *path, size_t *len) {
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    *len = end - start;
    return path + start;
}

static int move(const char *source, const char *target) {
    if (rename(source, target) < 0) {
        fprintf(stderr, "mv: %s -> %s: %s\n", source, target, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: mv source target | mv source... dir\n");
        return 2;
    }
    const char *last = argv[argc - 1];
    if (!is_directory(last)) {
        if (argc > 3) {
            fprintf(stderr, "mv: %s: %s\n", last, strerror(ENOTDIR));
            return 1;
        }
        return move(argv[1], last);
    }
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        size_t len;
        const char *name = base_name(argv[i], &len);
        size_t size = strlen(last) + 1 + len + 1;
        char *target = malloc(size);
        if (!target) {
            fprintf(stderr, "mv: %s\n", strerror(errno));
            return 1;
        }
        snprintf(target, size, "%s/%.*s", last, (int)len, name);
        status |= move(argv[i], target);
        free(target);
    }
    return status;
}
