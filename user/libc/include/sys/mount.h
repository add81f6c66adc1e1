/* Mounting file systems (Linux's calls; docs/syscalls.md: mount, umount). */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <abi/mount.h>

/*
 * Mounts the file system on the block device `source` (a path such as "/dev/hda") on the
 * directory `target`. `fstype` is "ext2" (or NULL: ext2); `flags` 0 or MS_RDONLY; `data` is not
 * used. 0, or -1 with errno.
 */
int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data);
/* Unmounts the file system mounted on `target`, writing everything back. 0, or -1 with errno. */
int umount(const char *target);

#endif
