/* open(), fcntl() and their flags. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <abi/fcntl.h>
#include <sys/types.h>

/* The third argument, the mode of a file O_CREAT makes, is read only with O_CREAT. */
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
/* F_DUPFD, F_DUPFD_CLOEXEC, F_SETFD and F_SETFL take an int third argument. */
int fcntl(int fd, int cmd, ...);

#endif
