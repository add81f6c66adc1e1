/* Directories: opendir, readdir, closedir, and the call under them, getdents64. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <abi/dirent.h> /* DT_* */
#include <sys/types.h>

struct dirent {
    ino_t d_ino;
    off_t d_off; /* where the next entry is (for seekdir-like use with lseek) */
    unsigned short d_reclen;
    unsigned char d_type; /* DT_DIR, DT_REG, DT_CHR... */
    char d_name[256];
};

typedef struct __dirstream DIR;

/* Opens the directory `path` (close-on-exec); NULL with errno (ENOENT, ENOTDIR, EMFILE, ENOMEM). */
DIR *opendir(const char *path);
/* The next entry ("." and ".." too), or NULL at the end (errno unchanged) or on an error (errno
 * set). The entry stays valid until the next readdir or closedir of the same DIR. */
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
int dirfd(DIR *dir);

/* Up to n bytes of struct abi_dirent64 records from the directory open at fd (Linux's call). */
ssize_t getdents64(int fd, void *buf, size_t n);

#endif
