/*
 * Message catalogs (XSI <nl_types.h>): messages by set and number, read from a file gencat made.
 *
 * The file (docs/libc.md, "Message catalogs"): the 8 bytes "LUNECAT1", a uint32_t count, then
 * `count` entries of four uint32_t (set, message, offset, length), sorted by set and then message,
 * then the texts, each followed by a NUL; an offset counts from the first text's first byte and a
 * length leaves the NUL out. Numbers are little-endian (i386's).
 *
 * catopen reads the whole file into memory, so a catalog is plain memory of the process: fork
 * gives the child its own copy, exec drops it (POSIX lets catalogs be closed by exec).
 */
#ifndef _NL_TYPES_H
#define _NL_TYPES_H

#define NL_SETD 1       /* the set of messages given before any $set */
#define NL_CAT_LOCALE 1 /* catopen's oflag: use LC_MESSAGES (there is one locale: the same) */

typedef struct __nl_cat *nl_catd;
typedef int nl_item;

/*
 * Opens a catalog: `name` with a '/' is the file's path; without one, each template of NLSPATH
 * (':'-separated; %N the name, %L and %l and the others the locale, which is empty here, %% a %)
 * is tried in turn, and with no NLSPATH, /lib/nls/NAME. (nl_catd)-1 with errno: ENOENT and the
 * other open errors, EINVAL (not a catalog), ENOMEM.
 */
nl_catd catopen(const char *name, int oflag);
/* Message `msg` of set `set`, or `s` (errno ENOMSG; EBADF for a catalog that is not open). The
 * text belongs to the catalog: valid until catclose. */
char *catgets(nl_catd catd, int set, int msg, const char *s);
/* 0, or -1 with errno EBADF. */
int catclose(nl_catd catd);

#endif
