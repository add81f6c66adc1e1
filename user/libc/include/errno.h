/* errno and the error numbers (abi/errno.h has the values). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

extern int errno;

#endif
