/* open() flags, lseek() origins, fcntl() commands and access() modes (Linux i386 values). */
#ifndef ABI_FCNTL_H
#define ABI_FCNTL_H

#define O_RDONLY 0x0000
#define O_WRONLY 0x0001
#define O_RDWR 0x0002
#define O_ACCMODE 0x0003
#define O_CREAT 0x0040
#define O_EXCL 0x0080
#define O_NOCTTY 0x0100
#define O_TRUNC 0x0200
#define O_APPEND 0x0400
#define O_NONBLOCK 0x0800
#define O_DIRECTORY 0x10000
#define O_CLOEXEC 0x80000

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* fcntl commands, and the one descriptor flag. */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* Record locks (fcntl F_GETLK, F_SETLK, F_SETLKW; fs/vfs.h): Linux i386's struct flock. */
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

#ifndef __ASSEMBLER__
#include <stdint.h>
struct abi_flock {
    int16_t l_type;   /* F_RDLCK, F_WRLCK, F_UNLCK */
    int16_t l_whence; /* SEEK_SET, SEEK_CUR, SEEK_END: what l_start counts from */
    int32_t l_start;
    int32_t l_len; /* 0: to the end of the file, however far it grows; < 0: the bytes before */
    int32_t l_pid; /* F_GETLK: the owner of the lock in the way */
};
_Static_assert(sizeof(struct abi_flock) == 16, "struct flock is 16 bytes on Linux i386");
#endif

/* The *at calls (utimensat): AT_FDCWD as the directory resolves a relative path from the working
 * directory; AT_SYMLINK_NOFOLLOW is accepted (there are no symbolic links). Linux's values. */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100

/* access() modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#endif
