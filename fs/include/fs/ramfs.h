/*
 * The root file system: a read-only tree in memory, filled from the initrd at boot. File contents
 * stay where the boot loader put them (the initrd pages are reserved), so "unpacking" only builds
 * the tree of names.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <fs/file.h>
#include <stddef.h>
#include <stdint.h>

#define PATH_MAX 256
#define NAME_MAX 59

struct ramfs_node {
    char name[NAME_MAX + 1];
    uint32_t mode; /* S_IFDIR or S_IFREG | permissions */
    uint32_t ino;
    const uint8_t *data;
    uint32_t size;
    struct ramfs_node *parent;
    struct ramfs_node *children; /* directories: first child */
    struct ramfs_node *next;     /* next sibling */
};

/* Creates the empty root directory. */
void ramfs_init(void);

/*
 * Adds a node at absolute `path`, creating missing parent directories. Adding an existing
 * directory again is fine. Returns 0, -EEXIST, -ENOTDIR, -ENAMETOOLONG, -EINVAL or -ENOMEM.
 */
int ramfs_add(const char *path, uint32_t mode, const void *data, size_t size);

/*
 * Unpacks a cpio "newc" archive (the initrd) into the tree. Returns the number of entries added
 * or -EINVAL for a malformed archive (what came before the bad entry stays).
 */
int ramfs_unpack_cpio(const void *archive, size_t size);

/*
 * Resolves `path`, absolute or relative to `cwd` (an absolute, normalized path), handling ".",
 * ".." (the root's is the root) and repeated slashes. A name followed by a slash must be a
 * directory, so "file/" is -ENOTDIR. Returns the node, or NULL with *err = -ENOENT (also for an
 * empty path), -ENOTDIR or -ENAMETOOLONG (a component longer than NAME_MAX, or `path` itself of
 * PATH_MAX bytes or more: a relative path is measured alone, whatever the length of `cwd`). When
 * `canonical` is not NULL it receives the normalized absolute path.
 */
struct ramfs_node *ramfs_lookup(const char *cwd, const char *path, int *err, char canonical[PATH_MAX]);

/*
 * What creating `path` (mkdir, open with O_CREAT) gives on this read-only tree, in Linux's order:
 * -EEXIST when it exists; the error resolving the directory it would be in (-ENOENT, -ENOTDIR,
 * -ENAMETOOLONG; -ENOENT for an empty path); otherwise -EROFS.
 */
int ramfs_create_error(const char *cwd, const char *path);

/* Opens a node; -EROFS for any write access, -EISDIR reading a directory as a file is allowed
 * (reads fail with EISDIR). */
int ramfs_open(struct ramfs_node *node, int flags, struct file **out);

void ramfs_stat(const struct ramfs_node *node, struct abi_stat *st);

#endif
