/* mount(2)'s flags, with Linux's values. */
#ifndef ABI_MOUNT_H
#define ABI_MOUNT_H

#define MS_RDONLY 1 /* nothing in the file system may change */

#endif
