/* A device number's parts (glibc's <sys/sysmacros.h>). The kernel numbers devices major << 8 | minor
 * (fs/vfs.h), as Linux's first scheme did. */
#ifndef _SYS_SYSMACROS_H
#define _SYS_SYSMACROS_H

#include <sys/types.h>

#define major(dev) ((unsigned)((dev) >> 8) & 0xffffffu)
#define minor(dev) ((unsigned)(dev)&0xffu)
#define makedev(maj, min) ((dev_t)(((unsigned)(maj) << 8) | ((unsigned)(min)&0xffu)))

#endif
