/* File status. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <abi/stat.h>
#include <sys/types.h>

struct stat {
    dev_t st_dev;
    ino_t st_ino;
    mode_t st_mode;
    nlink_t st_nlink;
    uid_t st_uid;
    gid_t st_gid;
    dev_t st_rdev;
    off_t st_size;
    blksize_t st_blksize;
    blkcnt_t st_blocks;
    time_t st_atime;
    time_t st_mtime;
    time_t st_ctime;
};
_Static_assert(sizeof(struct stat) == sizeof(struct abi_stat), "struct stat is the kernel's abi_stat");

int stat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int mkdir(const char *path, mode_t mode);

#endif
