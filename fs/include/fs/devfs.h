/*
 * devfs: the device nodes under /dev. A driver registers a character device by name with the
 * function that opens it, and devfs shows it as a node `S_IFCHR | mode` in its one directory; a
 * block device (dev/block.h) is registered with itself and shown as `S_IFBLK | mode`.
 * devfs itself provides null (reads end at once, writes vanish) and zero (reads give zeros,
 * writes vanish). Its tree is read-only: nothing is created, removed or renamed in it from user
 * space (EROFS), while the devices themselves are read and written as their drivers allow.
 */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

#include <dev/block.h>
#include <fs/file.h>
#include <stdint.h>

#define DEVFS_MAX 16      /* devices */
#define DEVFS_NAME_MAX 15 /* bytes of a device's name */

/*
 * Opens a device: a new struct file with one reference and the device's own file_ops, its
 * flags O_ACCMODE | O_APPEND | O_NONBLOCK as the open asked; or -errno (-ENOMEM...). `flags`
 * also has O_NOCTTY when the open asked for it (a terminal then does not become the caller's
 * controlling terminal, fs/tty.h); the VFS drops it from the file's flags. The VFS then attaches
 * the node's vnode to it, so fstat describes the node.
 */
typedef int (*devfs_open_fn)(int flags, struct file **out);

/*
 * Registers device `name` with permissions `mode` (the S_IFCHR is added) and number `rdev`
 * (major << 8 | minor, Linux's numbers where a device has one). Before or after devfs is mounted.
 * 0, -EEXIST (the name is taken), -ENOSPC (DEVFS_MAX devices already), -EINVAL (an empty or too
 * long name, one with a slash, a missing open).
 */
int devfs_register(const char *name, uint32_t mode, uint32_t rdev, devfs_open_fn open);

/*
 * Registers block device `dev` as node `name` (S_IFBLK | mode, number rdev): opening it gives a
 * file of the device's raw bytes through the buffer cache (blockdev_open). Errors as above.
 */
int devfs_register_block(const char *name, uint32_t mode, uint32_t rdev, struct block_device *dev);

/*
 * Opens block device `dev` as a file (fs/blockdev.c): read and write move bytes at the file's
 * offset through the buffer cache (a write is on the disk when it returns: the cache writes
 * through); a read at or past the end gives 0, a write there -ENOSPC; lseek's SEEK_END is the
 * device's size; fsync is bsync of the device. 0 or -ENOMEM.
 */
int blockdev_open(struct block_device *dev, int flags, struct file **out);

/* The block device of devfs node `v` (mount finds its disk by path), or NULL when v is not a
 * block node of devfs. */
struct block_device *devfs_block_device(struct vnode *v);

/* Mounts devfs, with null and zero registered, on the directory at absolute path `where`.
 * 0 or the errors of vfs_attach, -ENOMEM. */
int devfs_mount(const char *where);

#endif
