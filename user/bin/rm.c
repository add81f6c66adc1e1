/*
 * rm [-r] [-f] path...: removes each file; -r also directories, with everything in them; -f says
 * nothing about (and does not fail for) a path that does not exist.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive, force;

static int remove_path(const char *path);

/* Empties directory `path`: its names are read first, then each is removed (whether a directory
 * being changed lists what changed is not something to rely on). 0, or -1 (something was said). */
static int remove_contents(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char **children = NULL;
    int n = 0, room = 0, result = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == room) {
            room = room ? 2 * room : 16;
            char **bigger = realloc(children, (size_t)room * sizeof(*children));
            if (!bigger)
                break;
            children = bigger;
        }
        size_t len = strlen(path) + 1 + strlen(e->d_name) + 1;
        if (!(children[n] = malloc(len)))
            break;
        snprintf(children[n++], len, "%s/%s", path, e->d_name);
    }
    if (e) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(ENOMEM));
        result = -1;
    }
    closedir(d);
    for (int i = 0; i < n; i++) {
        if (result == 0 && remove_path(children[i]) < 0)
            result = -1;
        free(children[i]);
    }
    free(children);
    return result;
}

static int remove_path(const char *path) {
    struct stat st;

    if (stat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "rm: %s: %s (use rm -r)\n", path, strerror(EISDIR));
            return -1;
        }
        if (remove_contents(path) < 0)
            return -1;
        if (rmdir(path) < 0) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (unlink(path) < 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'r' || *o == 'R')
                recursive = true;
            else if (*o == 'f')
                force = true;
            else {
                fprintf(stderr, "rm: -%c: unknown option\n", *o);
                goto usage;
            }
        }
    }
    if (i == argc && !force)
        goto usage;
    for (; i < argc; i++) {
        if (remove_path(argv[i]) < 0)
            status = 1;
    }
    return status;

usage:
    fprintf(stderr, "usage: rm [-r] [-f] path...\n");
    return 2;
}
