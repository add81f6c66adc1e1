/* struct stat as the kernel fills it, and the file-type bits of st_mode. */
#ifndef ABI_STAT_H
#define ABI_STAT_H

#include <stdint.h>

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFBLK 0060000
#define S_IFREG 0100000
#define S_IFIFO 0010000

/* The mode bits above the permissions: set-user-ID and set-group-ID on exec, and the sticky bit
 * (a directory whose entries only their owner, the directory's or root may remove). */
#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000

#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)

struct abi_stat {
    uint32_t st_dev;
    uint32_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t st_rdev;
    int32_t st_size;
    int32_t st_blksize;
    int32_t st_blocks;
    int32_t st_atime_sec;
    int32_t st_mtime_sec;
    int32_t st_ctime_sec;
};
_Static_assert(sizeof(struct abi_stat) == 52, "struct abi_stat is part of the ABI");

/* utimensat's tv_nsec values that are not nanoseconds (Linux's): the time becomes now, or is left
 * as it is. Times are kept in whole seconds: nanoseconds (0..999999999) are dropped. */
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

#endif
