/* Path names, a component at a time (the kernel's walks: fs/namei.c, fs/ramfs.c). */
#ifndef LIB_PATH_H
#define LIB_PATH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Path names, a component at a time: the next component of the path at *p, after the slashes
 * before it. Returns where it starts and sets *len (0: no component is left); *p moves to the
 * character after it (a slash, or the end). path_last(p): only slashes, or nothing, follow p.
 * "//a///b/" gives "a" (not last), then "b" (last: the slash after it ends the path).
 */
const char *path_next(const char **p, size_t *len);
bool path_last(const char *p);

#endif
