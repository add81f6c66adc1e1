#include <lib/path.h>

const char *path_next(const char **p, size_t *len) {
    const char *s = *p;

    while (*s == '/')
        s++;
    const char *name = s;
    while (*s && *s != '/')
        s++;
    *len = (size_t)(s - name);
    *p = s;
    return name;
}

bool path_last(const char *p) {
    while (*p == '/')
        p++;
    return *p == '\0';
}
