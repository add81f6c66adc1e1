/* What the programs that show a file's mode share (ls -l, stat): its ten letters. */
#ifndef USER_BIN_MODES_H
#define USER_BIN_MODES_H

#include <sys/stat.h>

/* The ten letters of `mode` (and a NUL) into out[11], as ls -l shows them ("drwxr-xr-x"): an x
 * bit under setuid, setgid or sticky shows as s or t, a missing one as S or T; '?' for a type
 * with no letter. */
static inline void mode_string(mode_t mode, char out[11]) {
    static const char rwx[] = "rwxrwxrwx";
    out[0] = S_ISDIR(mode)    ? 'd'
             : S_ISREG(mode)  ? '-'
             : S_ISCHR(mode)  ? 'c'
             : S_ISBLK(mode)  ? 'b'
             : S_ISFIFO(mode) ? 'p'
             : S_ISLNK(mode)  ? 'l'
             : S_ISSOCK(mode) ? 's'
                              : '?';
    for (int i = 0; i < 9; i++)
        out[1 + i] = mode & (0400 >> i) ? rwx[i] : '-';
    if (mode & S_ISUID)
        out[3] = mode & S_IXUSR ? 's' : 'S';
    if (mode & S_ISGID)
        out[6] = mode & S_IXGRP ? 's' : 'S';
    if (mode & S_ISVTX)
        out[9] = mode & S_IXOTH ? 't' : 'T';
    out[10] = '\0';
}

#endif
