/*
 * ext2: inodes in memory and the block map (see fs/ext2.h). An inode read from the disk becomes
 * an ext2_node, a vnode, kept while it is referenced: two opens of one file share it. Every change
 * to it is written into the inode table (in the cache) before the operation ends.
 *
 * The block map: a file's block i is i_block[i] for i < 12, then through one indirect block (of
 * block_size / 4 numbers), then a double and a triple indirect one. A 0 is a hole (reads as
 * zeros). i_blocks counts every block a file holds, indirect ones too, in 512-byte units.
 */
#define LOG_MODULE "ext2"

#include "ext2_internal.h"
#include <abi/errno.h>
#include <lib/log.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

/* Where inode `ino` sits: its block in the inode table and the offset in it. */
static int locate(struct ext2_fs *fs, uint32_t ino, uint32_t *block, uint32_t *off) {
    if (ino == 0 || ino > fs->sb.s_inodes_count)
        return ext2_corrupt(fs, "inode %u past the end", ino);
    uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group, i = (ino - 1) % fs->sb.s_inodes_per_group;
    *block = fs->gd[g].bg_inode_table + i / fs->inodes_per_block;
    *off = (i % fs->inodes_per_block) * fs->inode_size;
    return 0;
}

uint8_t ext2_ftype(uint32_t mode) {
    switch (mode & S_IFMT) {
    case S_IFREG:
        return EXT2_FT_REG;
    case S_IFDIR:
        return EXT2_FT_DIR;
    case S_IFCHR:
        return EXT2_FT_CHR;
    case S_IFIFO:
        return EXT2_FT_FIFO;
    case 0060000:
        return EXT2_FT_BLK;
    case 0140000:
        return EXT2_FT_SOCK;
    case 0120000:
        return EXT2_FT_LNK;
    default:
        return EXT2_FT_UNKNOWN;
    }
}

static const struct vnode_ops *ops_for(uint32_t mode) {
    return S_ISDIR(mode) ? &ext2_dir_ops : S_ISREG(mode) ? &ext2_file_ops : &ext2_other_ops;
}

static struct ext2_node *node_new(struct ext2_fs *fs, uint32_t ino, const struct ext2_dinode *di) {
    struct ext2_node *n = kzalloc(sizeof(*n));

    if (!n)
        return NULL;
    vnode_init(&n->v, fs->mnt, ops_for(di->i_mode), ino, di->i_mode);
    n->di = *di;
    n->v.nlink = di->i_links_count;
    n->v.size = di->i_size;
    n->v.uid = di->i_uid | (uint32_t)ext2_id_high(di, EXT2_OSD2_UID_HIGH) << 16;
    n->v.gid = di->i_gid | (uint32_t)ext2_id_high(di, EXT2_OSD2_GID_HIGH) << 16;
    n->next = fs->nodes;
    fs->nodes = n;
    return n;
}

int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out) {
    uint32_t block, off;
    int err;

    for (struct ext2_node *n = fs->nodes; n; n = n->next) {
        if (n->v.ino == ino) {
            vnode_ref(&n->v);
            *out = n;
            return 0;
        }
    }
    if (ino != EXT2_ROOT_INO && ino < fs->first_ino)
        return ext2_corrupt(fs, "a name for reserved inode %u", ino);
    err = locate(fs, ino, &block, &off);
    if (err)
        return err;
    struct buf *b = ext2_bread(fs, block, &err);
    if (!b)
        return err;
    struct ext2_dinode di;
    memcpy(&di, b->data + off, sizeof(di));
    brelse(b);
    uint32_t type = di.i_mode & S_IFMT;
    if (di.i_links_count == 0)
        return ext2_corrupt(fs, "a name for free inode %u", ino);
    if (ext2_ftype(di.i_mode) == EXT2_FT_UNKNOWN)
        return ext2_corrupt(fs, "inode %u has mode %#o", ino, di.i_mode);
    if (type == S_IFDIR && (di.i_size == 0 || di.i_size % fs->block_size || di.i_size_high))
        return ext2_corrupt(fs, "directory %u has size %u", ino, di.i_size);
    if (type == S_IFREG && (di.i_size_high || di.i_size > FILE_SIZE_MAX)) {
        log_warn("%s: inode %u is too large for a 32-bit offset", fs->dev->name, ino);
        return -EOVERFLOW;
    }
    struct ext2_node *n = node_new(fs, ino, &di);
    if (!n)
        return -ENOMEM;
    *out = n;
    return 0;
}

int ext2_inew(struct ext2_fs *fs, uint32_t ino, uint32_t mode, struct ext2_node **out) {
    uint32_t block, off, now = ext2_now();
    int err = locate(fs, ino, &block, &off);

    if (err)
        return err;
    struct buf *b = ext2_bread(fs, block, &err);
    if (!b)
        return err;
    struct ext2_dinode di = {.i_mode = (uint16_t)mode, .i_atime = now, .i_ctime = now, .i_mtime = now};
    di.i_generation = ((struct ext2_dinode *)(b->data + off))->i_generation + 1;
    /* The whole slot starts over; a large inode's extra part says how much of it is in use. */
    memset(b->data + off, 0, fs->inode_size);
    memcpy(b->data + off, &di, sizeof(di));
    if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
        uint16_t extra = fs->want_extra_isize;
        if (extra > fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE)
            extra = 0;
        memcpy(b->data + off + EXT2_GOOD_OLD_INODE_SIZE, &extra, sizeof(extra));
    }
    bdirty(b);
    brelse(b);
    struct ext2_node *n = node_new(fs, ino, &di);
    if (!n)
        return -ENOMEM;
    n->v.nlink = 0;
    *out = n;
    return 0;
}

int ext2_iupdate(struct ext2_node *n) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);
    uint32_t block, off;
    int err = locate(fs, n->v.ino, &block, &off);

    if (err)
        return err;
    n->di.i_mode = (uint16_t)n->v.mode;
    n->di.i_links_count = (uint16_t)n->v.nlink;
    n->di.i_size = n->v.size;
    n->di.i_uid = (uint16_t)n->v.uid;
    n->di.i_gid = (uint16_t)n->v.gid;
    ext2_set_id_high(&n->di, EXT2_OSD2_UID_HIGH, (uint16_t)(n->v.uid >> 16));
    ext2_set_id_high(&n->di, EXT2_OSD2_GID_HIGH, (uint16_t)(n->v.gid >> 16));
    struct buf *b = ext2_bread(fs, block, &err);
    if (!b)
        return err;
    memcpy(b->data + off, &n->di, sizeof(n->di));
    bdirty(b);
    brelse(b);
    return 0;
}

/* ---- the block map --------------------------------------------------------------------------- */

/* The first block of the inode's group: where its blocks are looked for first. */
static uint32_t goal_of(struct ext2_node *n) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);

    return fs->sb.s_first_data_block + (n->v.ino - 1) / fs->sb.s_inodes_per_group * fs->sb.s_blocks_per_group;
}

/* *slot, or a new block put there when it is 0 and `make` (then the inode holds one more). */
static int follow(struct ext2_node *n, uint32_t *slot, bool make, bool *made) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);

    *made = false;
    if (*slot) {
        return ext2_block_ok(fs, *slot) ? 0 : ext2_corrupt(fs, "inode %u points to block %u", n->v.ino, *slot);
    }
    if (!make)
        return 0;
    uint32_t block;
    int err = ext2_alloc_block(fs, goal_of(n), &block);
    if (err)
        return err;
    *slot = block;
    n->di.i_blocks += fs->block_size / 512;
    *made = true;
    return 0;
}

int ext2_bmap(struct ext2_node *n, uint32_t lblock, bool make, uint32_t *out) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);
    uint64_t p = fs->per_block, i = lblock;
    uint32_t *slot, levels;
    bool made, changed = false;
    int err;

    if (i < EXT2_NDIR) {
        slot = &n->di.i_block[i];
        levels = 0;
    } else if ((i -= EXT2_NDIR) < p) {
        slot = &n->di.i_block[EXT2_IND];
        levels = 1;
    } else if ((i -= p) < p * p) {
        slot = &n->di.i_block[EXT2_DIND];
        levels = 2;
    } else if ((i -= p * p) < p * p * p) {
        slot = &n->di.i_block[EXT2_TIND];
        levels = 3;
    } else {
        return -EFBIG;
    }
    err = follow(n, slot, make, &made);
    changed = made;
    uint32_t cur = *slot;
    for (uint32_t level = levels; !err && cur && level > 0; level--) {
        uint64_t span = 1;
        for (uint32_t k = 1; k < level; k++)
            span *= p;
        struct buf *b = ext2_bread(fs, cur, &err);
        if (!b)
            break;
        uint32_t *entry = (uint32_t *)b->data + (i / span) % p;
        err = follow(n, entry, make, &made);
        if (made) {
            bdirty(b);
            changed = true;
        }
        cur = *entry;
        brelse(b);
    }
    if (changed) {
        int e = ext2_iupdate(n);
        if (!err)
            err = e;
    }
    if (!err)
        *out = cur;
    return err;
}

/* Frees the blocks of the subtree at *slot (`levels` of indirection above its data blocks, the
 * first of them the file's block `base`) that hold file blocks `first` on. */
static int free_tree(struct ext2_node *n, uint32_t *slot, uint32_t levels, uint64_t base, uint64_t first) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);
    uint64_t span = 1;
    int err = 0;

    for (uint32_t k = 0; k < levels; k++)
        span *= fs->per_block;
    if (*slot == 0 || first >= base + span)
        return 0;
    if (!ext2_block_ok(fs, *slot)) {
        err = ext2_corrupt(fs, "inode %u points to block %u", n->v.ino, *slot);
        *slot = 0; /* forgotten: the next e2fsck finds the lost blocks */
        return err;
    }
    if (levels > 0) {
        struct buf *b = ext2_bread(fs, *slot, &err);
        if (!b)
            return err;
        uint64_t child = span / fs->per_block;
        uint32_t *entries = (uint32_t *)b->data;
        for (uint32_t k = 0; k < fs->per_block; k++) {
            if (entries[k]) {
                int e = free_tree(n, &entries[k], levels - 1, base + k * child, first);
                if (!err)
                    err = e;
            }
        }
        bdirty(b);
        brelse(b);
    }
    if (first <= base) {
        int e = ext2_free_block(fs, *slot);
        if (!err)
            err = e;
        *slot = 0;
        if (n->di.i_blocks >= fs->block_size / 512)
            n->di.i_blocks -= fs->block_size / 512;
    }
    return err;
}

int ext2_free_blocks_from(struct ext2_node *n, uint32_t first) {
    uint64_t p = ext2_fs_of(&n->v)->per_block, base = EXT2_NDIR;
    int err = 0, e;

    for (uint32_t i = first; i < EXT2_NDIR; i++) {
        e = free_tree(n, &n->di.i_block[i], 0, i, first);
        err = err ? err : e;
    }
    e = free_tree(n, &n->di.i_block[EXT2_IND], 1, base, first);
    err = err ? err : e;
    base += p;
    e = free_tree(n, &n->di.i_block[EXT2_DIND], 2, base, first);
    err = err ? err : e;
    base += p * p;
    e = free_tree(n, &n->di.i_block[EXT2_TIND], 3, base, first);
    err = err ? err : e;
    e = ext2_iupdate(n);
    return err ? err : e;
}

/* ---- the node's life ------------------------------------------------------------------------- */

static void unlist(struct ext2_fs *fs, struct ext2_node *n) {
    for (struct ext2_node **link = &fs->nodes; *link; link = &(*link)->next) {
        if (*link == n) {
            *link = n->next;
            return;
        }
    }
}

/* The last reference is gone: an inode with no name left is freed with its blocks. */
static void ext2_release(struct vnode *v) {
    struct ext2_node *n = ext2_node_of(v);
    struct ext2_fs *fs = ext2_fs_of(v);

    ext2_lock(fs);
    if (v->refs > 0) {
        /* A lookup found it again while we waited for the lock. */
        ext2_unlock(fs);
        return;
    }
    if (v->nlink == 0 && !fs->read_only) {
        int err = ext2_free_blocks_from(n, 0);
        n->di.i_dtime = ext2_now();
        v->size = 0;
        if (!err)
            err = ext2_iupdate(n);
        if (!err)
            err = ext2_free_inode(fs, v->ino, S_ISDIR(v->mode));
        if (err)
            log_warn("%s: freeing inode %u: %d", fs->dev->name, v->ino, err);
    }
    unlist(fs, n);
    ext2_unlock(fs);
    kfree(n);
}

void ext2_drop_nodes(struct ext2_fs *fs) {
    while (fs->nodes) {
        struct ext2_node *n = fs->nodes;
        fs->nodes = n->next;
        n->v.mnt->busy -= n->v.refs;
        kfree(n);
    }
}

static void ext2_stat(struct vnode *v, struct abi_stat *st) {
    struct ext2_node *n = ext2_node_of(v);

    st->st_blocks = (int32_t)n->di.i_blocks;
    st->st_atime_sec = (int32_t)n->di.i_atime;
    st->st_mtime_sec = (int32_t)n->di.i_mtime;
    st->st_ctime_sec = (int32_t)n->di.i_ctime;
}

/* The times go to the inode on the disk at once, as every change of it does here. */
static int ext2_set_times(struct vnode *v, const uint32_t *atime, const uint32_t *mtime) {
    struct ext2_fs *fs = ext2_fs_of(v);
    struct ext2_node *n = ext2_node_of(v);

    ext2_lock(fs);
    if (atime)
        n->di.i_atime = *atime;
    if (mtime)
        n->di.i_mtime = *mtime;
    n->di.i_ctime = ext2_now();
    int err = ext2_iupdate(n);
    ext2_unlock(fs);
    return err;
}

/* chmod and chown: the inode on the disk at once; nothing changes when it cannot be written. */
static int ext2_set_attr(struct vnode *v, uint32_t mode, uint32_t uid, uint32_t gid) {
    struct ext2_fs *fs = ext2_fs_of(v);
    struct ext2_node *n = ext2_node_of(v);
    struct vnode old = *v;
    uint32_t ctime = n->di.i_ctime;

    ext2_lock(fs);
    v->mode = mode;
    v->uid = uid;
    v->gid = gid;
    n->di.i_ctime = ext2_now();
    int err = ext2_iupdate(n);
    if (err) {
        v->mode = old.mode;
        v->uid = old.uid;
        v->gid = old.gid;
        n->di.i_ctime = ctime;
    }
    ext2_unlock(fs);
    return err;
}

/* Everything the file changed went through the write-through cache already: a write the disk
 * refused is written again now, and its error reported. */
static int ext2_fsync(struct vnode *v) {
    return bsync(ext2_fs_of(v)->dev);
}

const struct vnode_ops ext2_file_ops = {
    .read = ext2_read,
    .write = ext2_write,
    .truncate = ext2_truncate,
    .stat = ext2_stat,
    .set_times = ext2_set_times,
    .set_attr = ext2_set_attr,
    .release = ext2_release,
    .fsync = ext2_fsync,
};

const struct vnode_ops ext2_dir_ops = {
    .lookup = ext2_lookup,
    .create = ext2_create,
    .mkdir = ext2_mkdir,
    .unlink = ext2_unlink,
    .rmdir = ext2_rmdir,
    .rename = ext2_rename,
    .readdir = ext2_readdir,
    .stat = ext2_stat,
    .set_times = ext2_set_times,
    .set_attr = ext2_set_attr,
    .release = ext2_release,
    .fsync = ext2_fsync,
};

/* Symbolic links, devices, fifos, sockets: they have names and a stat, nothing more yet. */
const struct vnode_ops ext2_other_ops = {
    .stat = ext2_stat,
    .set_times = ext2_set_times,
    .set_attr = ext2_set_attr,
    .release = ext2_release,
    .fsync = ext2_fsync,
};
