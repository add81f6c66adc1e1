/*
 * ramfs: a file system in memory, writable. The root of the tree is one, filled from the initrd at
 * boot; its files' bytes stay where the boot loader put them (the initrd pages are reserved)
 * until a file is first written or cut, when it moves into pages of its own.
 *
 * A file's data is kept in whole pages (kmalloc'd frames) found through a small index: eight
 * pages straight from the node, then an index page of 1024, then an index page of index pages, as
 * ext2 does; a page never written is a hole and reads as zeros. Directories list their entries
 * in the order they were made (the initrd's is sorted by name). Every vnode lives as long as it
 * has a name or a reference: an unlinked file stays until its last descriptor is closed.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <fs/vfs.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A new, empty ramfs (its root directory mode 0755) to vfs_attach. Its files may hold at most
 * `limit` bytes of memory (data and index pages, and the nodes themselves), past which calls fail
 * with ENOSPC, as they do when memory runs out first. NULL when out of memory.
 */
struct mount *ramfs_create(uint32_t limit);

/*
 * Unpacks a cpio "newc" archive (the initrd) into the ramfs of `m`: directories and regular files
 * (others are skipped), missing parents made as directories 0755, the files' bytes left in the
 * archive, which must stay. Returns the number of entries added or -EINVAL for a malformed
 * archive (what came before the bad entry stays).
 */
int ramfs_unpack_cpio(struct mount *m, const void *archive, size_t size);

/* Memory the files of `m` hold now (bytes counted against the limit), and changing the limit. */
uint32_t ramfs_used(const struct mount *m);
void ramfs_set_limit(struct mount *m, uint32_t limit);

#endif
