/* File status. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <abi/stat.h>
#include <sys/types.h>
#include <time.h> /* struct timespec, which POSIX has this header give too */

/* Permission bits (POSIX fixes these values); S_ISUID, S_ISGID and S_ISVTX come from abi/stat.h. */
#define S_IRWXU 0700
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXG 0070
#define S_IRGRP 0040
#define S_IWGRP 0020
#define S_IXGRP 0010
#define S_IRWXO 0007
#define S_IROTH 0004
#define S_IWOTH 0002
#define S_IXOTH 0001

/* File types no file system here makes (Linux's values), for programs that test for them. */
#define S_IFBLK 0060000
#define S_IFLNK 0120000
#define S_IFSOCK 0140000
#define S_ISBLK(m) (((m)&S_IFMT) == S_IFBLK)
#define S_ISLNK(m) (((m)&S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)

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
/* The process's file mode creation mask (open's and mkdir's modes lose its bits; 0 at boot,
 * inherited by fork and exec): sets it to mask & 0777 and returns the old one. */
mode_t umask(mode_t mask);
/* Sets a file's permission bits (07777): its owner or root only (EPERM); EROFS, and a path's
 * errors. fchmod an open file (EROFS for a pipe). */
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);

/*
 * Sets a file's access time (times[0]) and modification time (times[1]); NULL sets both to now,
 * a tv_nsec of UTIME_NOW sets that one to now, UTIME_OMIT leaves it alone. Times are kept in
 * whole seconds. The status-change time becomes now. utimensat takes a path (relative ones from
 * the working directory: dirfd must be AT_FDCWD; flags 0 or AT_SYMLINK_NOFOLLOW), futimens an
 * open file. Errors: EINVAL (a bad tv_nsec or flag, a dirfd with a relative path), EPERM (a
 * time given explicitly by neither the owner nor root), EROFS (a read-only file system, or a
 * file that keeps no times: a device, a pipe), EBADF, EFAULT, ENOENT and the other errors of a
 * path, EIO.
 */
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif
