/* Path names that match a pattern (POSIX glob), as the shell expands `ls *.c`. */
#ifndef _GLOB_H
#define _GLOB_H

#include <stddef.h>

typedef struct {
    size_t gl_pathc; /* how many paths matched */
    char **gl_pathv; /* gl_offs NULLs, then the paths, then NULL */
    size_t gl_offs;  /* NULLs to reserve at the start of gl_pathv (GLOB_DOOFFS) */
} glob_t;

/* Flags (glibc's values). */
#define GLOB_ERR 0x01      /* stop at a directory that cannot be read */
#define GLOB_MARK 0x02     /* a slash after each directory found */
#define GLOB_NOSORT 0x04   /* in the order the directories give them */
#define GLOB_DOOFFS 0x08   /* reserve gl_offs slots */
#define GLOB_NOCHECK 0x10  /* no match: the pattern itself is the result */
#define GLOB_APPEND 0x20   /* add to the paths of an earlier call */
#define GLOB_NOESCAPE 0x40 /* a backslash does not quote */

/* Results other than 0. */
#define GLOB_NOSPACE 1 /* out of memory */
#define GLOB_ABORTED 2 /* a directory could not be read and GLOB_ERR or errfunc said stop */
#define GLOB_NOMATCH 3 /* nothing matched (and no GLOB_NOCHECK) */

/*
 * Finds the paths that match `pattern`, each component of it matched as fnmatch does with
 * FNM_PERIOD (a name that starts with a period needs a period in the pattern), and sorts them
 * (strcmp) unless GLOB_NOSORT. A directory that cannot be read is passed to errfunc (if any);
 * a nonzero answer or GLOB_ERR stops with GLOB_ABORTED. Release the result with globfree.
 */
int glob(const char *pattern, int flags, int (*errfunc)(const char *path, int error), glob_t *pglob);
void globfree(glob_t *pglob);

#endif
