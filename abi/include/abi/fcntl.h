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

/* access() modes. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#endif
