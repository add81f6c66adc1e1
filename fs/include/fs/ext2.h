/*
 * ext2, revision 1 as `mke2fs -t ext2` writes it (block size 1, 2 or 4 KiB; the features
 * sparse_super, large_file, filetype, and resize_inode, dir_index and ext_attr left alone), read
 * and write, over a block device through the buffer cache (dev/block.h). docs/storage.md tells
 * the layout as we use it.
 *
 * Mounting reads and checks the superblock and the group descriptors: an image that is not ext2
 * (wrong magic) or uses a feature we do not know is refused with EINVAL, one whose numbers are
 * impossible (counts that do not add up, a bitmap or inode table past the end) with EUCLEAN,
 * each with a kernel log line. Later, a bad number met in an inode or a directory (a block past
 * the end, a broken entry, a directory that contains itself) fails that one operation with
 * EUCLEAN and a log line; a disk error fails it with EIO. Nothing on the disk can panic the kernel.
 *
 * A read-write mount marks the file system "not clean" on the disk until it is unmounted, as
 * Linux does, so that e2fsck checks it after a power cut. Unmounting writes everything back
 * (bsync) and marks it clean again. Every block an operation changes is written before it
 * returns (the cache writes through): a power cut loses no write that returned. Only the
 * superblock's and groups' free counts wait in memory for sync(2) or umount; e2fsck recounts
 * them after a cut. fsync(2) on a file writes again whatever the disk refused (bsync).
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <dev/block.h>
#include <fs/vfs.h>

/*
 * Mounts the ext2 file system on `dev` on the directory at absolute path `where` (read-only when
 * `read_only`). 0, -EBUSY (the device is mounted already, or `where` is a mount point), -EINVAL
 * (not ext2, or a feature we lack), -EUCLEAN, -EIO, -ENOMEM, and vfs_attach's errors.
 */
int ext2_mount(struct block_device *dev, const char *where, bool read_only);

/*
 * mount(2) of ext2: the block device at path `source` mounted on the directory at `target`
 * (both absolute or relative to the working directory). ext2_mount's errors, and -ENOTBLK
 * (`source` is not a block device node of devfs), vfs_lookup's errors for either path.
 */
int ext2_mount_path(const char *source, const char *target, bool read_only);

#endif
