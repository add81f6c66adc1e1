/*
 * What the programs that change files share: whether a path is a directory, a path's last name,
 * and the operands of cp and mv ("source target", or "source... dir", each source going into the
 * directory under its own last name).
 */
#ifndef USER_BIN_PATHS_H
#define USER_BIN_PATHS_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static inline bool is_directory(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The last component of a path ("c" for "/a/b/c" and for "c/"). */
static inline const char *base_name(const char *path, size_t *len) {
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    *len = end - start;
    return path + start;
}

/* Runs `op(source, target)` for each pair the operands name; `prog` names the program in its
 * messages. Returns the exit status: 0, 1 when an operation failed, 2 for a usage error. */
static inline int for_each_target(const char *prog, int argc, char **argv, int (*op)(const char *, const char *)) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s source target | %s source... dir\n", prog, prog);
        return 2;
    }
    const char *last = argv[argc - 1];
    if (!is_directory(last)) {
        if (argc > 3) {
            fprintf(stderr, "%s: %s: %s\n", prog, last, strerror(ENOTDIR));
            return 1;
        }
        return op(argv[1], last);
    }
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        size_t len;
        const char *name = base_name(argv[i], &len);
        size_t size = strlen(last) + 1 + len + 1;
        char *target = malloc(size);
        if (!target) {
            fprintf(stderr, "%s: %s\n", prog, strerror(errno));
            return 1;
        }
        snprintf(target, size, "%s/%.*s", last, (int)len, name);
        status |= op(argv[i], target);
        free(target);
    }
    return status;
}

#endif
