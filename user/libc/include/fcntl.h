/* open() and its flags. */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <abi/fcntl.h>
#include <sys/types.h>

int open(const char *path, int flags, ...);

#endif
