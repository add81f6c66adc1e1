/* Shared by ramfs.c (the tree) and ramfs_data.c (files' bytes); not part of fs's interface. */
#ifndef FS_RAMFS_INTERNAL_H
#define FS_RAMFS_INTERNAL_H

#include <arch/layout.h>
#include <fs/ramfs.h>
#include <lib/compiler.h>

#define RAMFS_DIRECT 8       /* data pages a node points to itself */
#define RAMFS_PER_INDEX 1024 /* page pointers in an index page */

/* One mounted ramfs. */
struct ramfs {
    uint32_t next_ino;
    uint32_t used, limit; /* bytes of memory its files hold, and at most */
};

struct ramfs_node {
    struct vnode v; /* first: a vnode of ramfs is a ramfs_node */
    char name[NAME_MAX + 1];
    struct ramfs_node *parent;    /* NULL for the root, and once unlinked or removed */
    struct ramfs_node *children;  /* directories: the entries, oldest first */
    struct ramfs_node *next;      /* the next entry of the same directory */
    uint32_t seq;                 /* its place among its directory's entries (readdir's position) */
    uint32_t next_seq;            /* directories: the next entry's */
    uint32_t atime, mtime, ctime; /* seconds since the Epoch (stat); atime moves only by utimensat */
    /* Regular files. */
    const uint8_t *initrd;      /* the bytes in the initrd, until first changed; else NULL */
    void *direct[RAMFS_DIRECT]; /* data pages 0..7 */
    void **indirect;            /* an index page: data pages 8..1031 */
    void ***dindirect;          /* an index page of index pages: the rest */
    uint32_t data_pages;        /* data pages held (st_blocks) */
    struct vm_object *object;   /* the pages as mmap maps them while it is mapped (no reference) */
};

/* Memory a node counts for against the limit (kmalloc's class for it). */
#define RAMFS_NODE_COST 256u
_Static_assert(sizeof(struct ramfs_node) <= RAMFS_NODE_COST, "a node fits its kmalloc class");

static inline struct ramfs_node *ramfs_node_of(struct vnode *v) {
    return container_of(v, struct ramfs_node, v);
}

static inline struct ramfs *ramfs_of(const struct vnode *v) {
    return v->mnt->fs_data;
}

/* The node's contents changed (bytes written or cut, an entry made or removed): its modification
 * and status-change times become now. */
static inline void ramfs_modified(struct ramfs_node *n) {
    n->mtime = n->ctime = vfs_now();
}

/* Takes `bytes` of the limit: false when they are not there (ENOSPC). */
bool ramfs_charge(struct ramfs *fs, uint32_t bytes);
void ramfs_uncharge(struct ramfs *fs, uint32_t bytes);

/* ramfs_data.c: a regular file's bytes (the vnode operations of struct vnode_ops). */
long ramfs_read(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
long ramfs_write(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
int ramfs_truncate(struct vnode *v, uint32_t size);
const void *ramfs_span(struct vnode *v, uint32_t off, uint32_t *len);
int ramfs_mmap_object(struct vnode *v, struct vm_object **out);
/* Frees every page of a file (it is going away). */
void ramfs_free_data(struct ramfs_node *n);

#endif
