/*
 * glob: the paths that match a pattern, one component at a time. A component without * ? [ is
 * taken as it is (after quote removal); one with them is matched (fnmatch) against the names of
 * the directory reached so far, except `.` and `..`, which a pattern never matches (so `rm -r .*`
 * cannot climb out: bash 5.2 and zsh agree; glibc's glob would give them). Only the whole path is checked to exist, at
 * the end (stat: there are no symbolic links), as a shell does: `ls /bin/l*` reads /bin and nothing else.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct search {
    int flags;
    int (*errfunc)(const char *path, int error);
    glob_t *g;
    size_t first; /* gl_pathv index of this call's first result */
    int status;   /* 0, GLOB_NOSPACE or GLOB_ABORTED: the search stops at the first */
};

static bool has_magic(const char *s, size_t len, int flags) {
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '*' || s[i] == '?' || s[i] == '[')
            return true;
        if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
            i++;
    }
    return false;
}

/* Appends a copy of path to the results (a slash after a directory with GLOB_MARK). */
static void add_path(struct search *sr, const char *path, size_t len) {
    glob_t *g = sr->g;
    bool mark = false;

    if (sr->flags & GLOB_MARK) {
        struct stat st;
        mark = stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (len == 0 || path[len - 1] != '/');
    }
    char **v = realloc(g->gl_pathv, (g->gl_offs + g->gl_pathc + 2) * sizeof(*v));
    char *copy = malloc(len + 2);
    if (!v || !copy) {
        if (v)
            g->gl_pathv = v;
        free(copy);
        sr->status = GLOB_NOSPACE;
        return;
    }
    memcpy(copy, path, len);
    if (mark)
        copy[len++] = '/';
    copy[len] = '\0';
    g->gl_pathv = v;
    v[g->gl_offs + g->gl_pathc++] = copy;
    v[g->gl_offs + g->gl_pathc] = NULL;
}

/* Appends `name` (len bytes) to the path being built in *buf; false when out of memory. */
static bool extend(char **buf, size_t *size, size_t at, const char *name, size_t len) {
    if (at + len + 2 > *size) {
        size_t want = 2 * (at + len + 2);
        char *b = realloc(*buf, want);
        if (!b)
            return false;
        *buf = b;
        *size = want;
    }
    memcpy(*buf + at, name, len);
    (*buf)[at + len] = '\0';
    return true;
}

/* Copies len bytes of a literal component, without the backslashes that quote. */
static size_t unquote(char *to, const char *from, size_t len, int flags) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (from[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
            i++;
        to[n++] = from[i];
    }
    return n;
}

/*
 * The path so far is (*buf)[0, at); `rest` is the pattern still to match (slashes included).
 * Adds every existing path it leads to.
 */
static void search(struct search *sr, char **buf, size_t *size, size_t at, const char *rest) {
    /* Slashes pass into the path as they are. */
    while (*rest == '/') {
        if (!extend(buf, size, at++, "/", 1)) {
            sr->status = GLOB_NOSPACE;
            return;
        }
        rest++;
    }
    if (*rest == '\0') {
        struct stat st;
        if (stat(*buf, &st) == 0)
            add_path(sr, *buf, at);
        return;
    }
    size_t len = strcspn(rest, "/");
    if (!has_magic(rest, len, sr->flags)) {
        if (!extend(buf, size, at, rest, len)) {
            sr->status = GLOB_NOSPACE;
            return;
        }
        size_t n = unquote(*buf + at, rest, len, sr->flags);
        (*buf)[at + n] = '\0';
        search(sr, buf, size, at + n, rest + len);
        return;
    }

    char *component = strndup(rest, len);
    DIR *dir = opendir(at ? *buf : ".");
    if (!component || !dir) {
        int error = errno;
        free(component);
        if (dir)
            closedir(dir);
        if (!component)
            sr->status = GLOB_NOSPACE;
        else if ((sr->errfunc && sr->errfunc(at ? *buf : ".", error)) || (sr->flags & GLOB_ERR))
            sr->status = GLOB_ABORTED;
        return;
    }
    int fnm = FNM_PERIOD | ((sr->flags & GLOB_NOESCAPE) ? FNM_NOESCAPE : 0);
    struct dirent *d;
    while (sr->status == 0 && (d = readdir(dir))) {
        if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 || fnmatch(component, d->d_name, fnm) != 0)
            continue;
        if (!extend(buf, size, at, d->d_name, strlen(d->d_name)))
            sr->status = GLOB_NOSPACE;
        else
            search(sr, buf, size, at + strlen(d->d_name), rest + len);
    }
    closedir(dir);
    free(component);
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *pattern, int flags, int (*errfunc)(const char *path, int error), glob_t *pglob) {
    if (!(flags & GLOB_APPEND)) {
        pglob->gl_pathc = 0;
        pglob->gl_pathv = NULL;
        if (!(flags & GLOB_DOOFFS))
            pglob->gl_offs = 0;
    }
    if (!pglob->gl_pathv) {
        pglob->gl_pathv = calloc(pglob->gl_offs + 1, sizeof(char *));
        if (!pglob->gl_pathv)
            return GLOB_NOSPACE;
    }

    struct search sr = {.flags = flags, .errfunc = errfunc, .g = pglob, .first = pglob->gl_pathc};
    size_t size = 64;
    char *buf = malloc(size);
    if (!buf)
        return GLOB_NOSPACE;
    buf[0] = '\0';
    search(&sr, &buf, &size, 0, pattern);
    free(buf);
    if (sr.status)
        return sr.status;

    if (pglob->gl_pathc == sr.first) {
        if (!(flags & GLOB_NOCHECK))
            return GLOB_NOMATCH;
        add_path(&sr, pattern, strlen(pattern));
        return sr.status;
    }
    if (!(flags & GLOB_NOSORT))
        qsort(pglob->gl_pathv + pglob->gl_offs + sr.first, pglob->gl_pathc - sr.first, sizeof(char *), compare);
    return 0;
}

void globfree(glob_t *pglob) {
    if (pglob->gl_pathv)
        for (size_t i = 0; i < pglob->gl_pathc; i++)
            free(pglob->gl_pathv[pglob->gl_offs + i]);
    free(pglob->gl_pathv);
    pglob->gl_pathv = NULL;
    pglob->gl_pathc = 0;
}
