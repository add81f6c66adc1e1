/* open(), fcntl() and their flags. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <abi/fcntl.h>
#include <sys/types.h>

/* The third argument, the mode of a file O_CREAT makes, is read only with O_CREAT. */
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
/* POSIX record locks: F_GETLK, F_SETLK and F_SETLKW take a struct flock * (docs/syscalls.md:
 * shared read and exclusive write locks on byte ranges of a regular file, owned by the process,
 * not inherited by fork, all released when it closes any descriptor of the file or exits). */
struct flock {
    short l_type;   /* F_RDLCK, F_WRLCK, F_UNLCK */
    short l_whence; /* SEEK_SET, SEEK_CUR, SEEK_END */
    off_t l_start;
    off_t l_len; /* 0: to the end of the file, whatever its size */
    pid_t l_pid; /* F_GETLK: who holds the lock in the way */
};

/* F_DUPFD, F_DUPFD_CLOEXEC, F_SETFD and F_SETFL take an int third argument; F_GETLK, F_SETLK and
 * F_SETLKW a struct flock *. */
int fcntl(int fd, int cmd, ...);

#endif
