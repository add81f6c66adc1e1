/*
 * ext2: directories (see fs/ext2.h). A directory's blocks hold a chain of entries (inode, record
 * length, name length, file type, name); the records of a block cover it exactly. Removing an
 * entry gives its record to the one before it (or, first in its block, zeroes its inode); a new
 * entry takes the slack of a record longer than its own entry needs, else a new block. "." and
 * ".." are the first two entries of the first block.
 *
 * Every entry read is checked (its record inside the block, its name inside its record, its
 * inode inside the file system); a directory that names itself, or a directory reached by a name
 * whose ".." is not the directory it was found in (a second name for a directory: a loop), is
 * corrupted (EUCLEAN), so no walk can go round forever.
 *
 * A directory with a hashed index (dir_index, only large ones) is read as the plain chain its
 * index blocks also are; a change drops the index flag, as Linux's ext2 does, and e2fsck -fD
 * can rebuild it.
 */
#include "ext2_internal.h"
#include <abi/dirent.h>
#include <abi/errno.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

/* Where an entry is: the directory's block and the entry's offset in it (and the previous
 * entry's in the same block, or UINT32_MAX when it is the first). */
struct slot {
    uint32_t lblock, off, prev;
    uint32_t ino;
    uint8_t type;
};

/* The entry at `off` of a directory block, checked. */
static int entry_at(struct ext2_fs *fs, struct ext2_node *d, const uint8_t *data, uint32_t off,
                    struct ext2_dirent **out) {
    struct ext2_dirent *e = (struct ext2_dirent *)(data + off);

    if (fs->block_size - off < EXT2_DIRENT_HEADER || off % 4)
        return ext2_corrupt(fs, "directory %u: an entry at %u", d->v.ino, off);
    if (e->rec_len < EXT2_DIRENT_HEADER || e->rec_len % 4 || e->rec_len > fs->block_size - off ||
        (e->inode && (uint32_t)EXT2_DIRENT_HEADER + e->name_len > e->rec_len) || e->inode > fs->sb.s_inodes_count)
        return ext2_corrupt(fs, "directory %u: entry at %u: inode %u, record %u, name %u", d->v.ino, off, e->inode,
                            e->rec_len, e->name_len);
    *out = e;
    return 0;
}

/* The directory's block `lblock` (it has no holes). */
static struct buf *dir_block(struct ext2_node *d, uint32_t lblock, int *err) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    uint32_t block;

    *err = ext2_bmap(d, lblock, false, &block);
    if (*err)
        return NULL;
    if (!block) {
        *err = ext2_corrupt(fs, "directory %u has a hole at block %u", d->v.ino, lblock);
        return NULL;
    }
    return ext2_bread(fs, block, err);
}

static bool same_name(const struct ext2_dirent *e, const char *name, size_t len) {
    return e->inode && e->name_len == len && memcmp(e->name, name, len) == 0;
}

/*
 * A walk over a directory's entries, every one checked (entry_at), in order. Start with
 * dir_walk(d, from): dir_next then gives the entries at byte positions >= from (those before it
 * in the same block are read, to follow the chain, but not given).
 */
struct dir_cursor {
    struct ext2_node *d;
    uint32_t from;
    uint32_t lblock;          /* the block b holds */
    uint32_t off, prev, next; /* the entry e's offset, the one before it in the block (or
                               * UINT32_MAX), the one after it */
    struct buf *b;            /* held while dir_next's last answer was 1 */
    struct ext2_dirent *e;
};

static struct dir_cursor dir_walk(struct ext2_node *d, uint32_t from) {
    return (struct dir_cursor){.d = d, .from = from, .lblock = from / ext2_fs_of(&d->v)->block_size};
}

/* Stops a walk early: gives back the block it holds. */
static void dir_cursor_done(struct dir_cursor *c) {
    if (c->b)
        brelse(c->b);
    c->b = NULL;
}

/* Moves to the next entry: 1 (c->e, in c->b), 0 at the end, or an error; no block is held after
 * 0 or an error. */
static int dir_next(struct dir_cursor *c) {
    struct ext2_fs *fs = ext2_fs_of(&c->d->v);
    int err;

    for (;;) {
        if (c->b && c->next >= fs->block_size) {
            dir_cursor_done(c);
            c->lblock++;
        }
        if (!c->b) {
            if (c->lblock >= c->d->v.size / fs->block_size)
                return 0;
            c->b = dir_block(c->d, c->lblock, &err);
            if (!c->b)
                return err;
            c->off = UINT32_MAX; /* none yet: the first entry's prev */
            c->next = 0;
        }
        c->prev = c->off;
        c->off = c->next;
        err = entry_at(fs, c->d, c->b->data, c->off, &c->e);
        if (err) {
            dir_cursor_done(c);
            return err;
        }
        c->next = c->off + c->e->rec_len; /* entry_at: the record ends inside the block, after off */
        if (c->lblock * fs->block_size + c->off >= c->from)
            return 1;
    }
}

/* Finds the entry `name`: 0 and *s, -ENOENT, or an error. */
static int find(struct ext2_node *d, const char *name, size_t len, struct slot *s) {
    struct dir_cursor c = dir_walk(d, 0);
    int err;

    while ((err = dir_next(&c)) > 0) {
        if (same_name(c.e, name, len)) {
            *s = (struct slot){
                .lblock = c.lblock, .off = c.off, .prev = c.prev, .ino = c.e->inode, .type = c.e->file_type};
            dir_cursor_done(&c);
            return 0;
        }
    }
    return err ? err : -ENOENT;
}

static void touch_dir(struct ext2_node *d) {
    d->di.i_mtime = d->di.i_ctime = ext2_now();
    d->di.i_flags &= ~(uint32_t)EXT2_INDEX_FL; /* a hashed index we do not keep up would lie */
}

/* Adds the entry `name` -> ino to directory d (which has no such name). */
static int add_entry(struct ext2_node *d, const char *name, size_t len, uint32_t ino, uint32_t mode) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    uint32_t need = EXT2_DIRENT_SIZE(len), blocks = d->v.size / fs->block_size;
    uint8_t type = (fs->sb.s_feature_incompat & EXT2_INCOMPAT_FILETYPE) ? ext2_ftype(mode) : 0;
    struct dir_cursor c = dir_walk(d, 0);
    struct buf *b = NULL;
    struct ext2_dirent *e = NULL;
    int err;

    while (!e && (err = dir_next(&c)) > 0) {
        struct ext2_dirent *cur = c.e;
        uint32_t used = cur->inode ? EXT2_DIRENT_SIZE(cur->name_len) : 0;
        if (cur->rec_len - used >= need) {
            b = c.b; /* kept: the new entry goes in it */
            if (used) {
                /* Split: the new entry takes the slack after this one. */
                e = (struct ext2_dirent *)(b->data + c.off + used);
                e->rec_len = (uint16_t)(cur->rec_len - used);
                cur->rec_len = (uint16_t)used;
            } else {
                e = cur;
            }
        }
    }
    if (err < 0)
        return err;
    if (!e) {
        /* A new block at the end, one empty record over all of it. */
        uint32_t block;
        err = ext2_bmap(d, blocks, true, &block);
        if (err)
            return err;
        b = ext2_bread(fs, block, &err);
        if (!b) {
            ext2_free_blocks_from(d, blocks);
            return err;
        }
        d->v.size += fs->block_size;
        e = (struct ext2_dirent *)b->data;
        e->rec_len = (uint16_t)fs->block_size;
    }
    e->inode = ino;
    e->name_len = (uint8_t)len;
    e->file_type = type;
    memcpy(e->name, name, len);
    bdirty(b);
    brelse(b);
    touch_dir(d);
    return ext2_iupdate(d);
}

/* Takes out the entry at s (found by find). */
static int remove_entry(struct ext2_node *d, const struct slot *s) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    int err;
    struct buf *b = dir_block(d, s->lblock, &err);

    if (!b)
        return err;
    struct ext2_dirent *e = (struct ext2_dirent *)(b->data + s->off);
    if (s->prev == UINT32_MAX) {
        e->inode = 0;
    } else {
        struct ext2_dirent *p = (struct ext2_dirent *)(b->data + s->prev);
        p->rec_len = (uint16_t)(p->rec_len + e->rec_len);
    }
    bdirty(b);
    brelse(b);
    (void)fs;
    touch_dir(d);
    return ext2_iupdate(d);
}

/* Points the entry at s to another inode. */
static int retarget(struct ext2_node *d, const struct slot *s, uint32_t ino, uint32_t mode) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    int err;
    struct buf *b = dir_block(d, s->lblock, &err);

    if (!b)
        return err;
    struct ext2_dirent *e = (struct ext2_dirent *)(b->data + s->off);
    e->inode = ino;
    if (fs->sb.s_feature_incompat & EXT2_INCOMPAT_FILETYPE)
        e->file_type = ext2_ftype(mode);
    bdirty(b);
    brelse(b);
    touch_dir(d);
    return ext2_iupdate(d);
}

/* The inode ".." of directory d names (the second entry of its first block). */
static int parent_of(struct ext2_node *d, uint32_t *ino) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    struct ext2_dirent *dot, *dotdot;
    int err;
    struct buf *b = dir_block(d, 0, &err);

    if (!b)
        return err;
    err = entry_at(fs, d, b->data, 0, &dot);
    if (!err)
        err = entry_at(fs, d, b->data, dot->rec_len, &dotdot);
    if (!err && (dot->rec_len >= fs->block_size || !same_name(dot, ".", 1) || !same_name(dotdot, "..", 2) ||
                 dot->inode != d->v.ino))
        err = ext2_corrupt(fs, "directory %u does not start with . and ..", d->v.ino);
    if (!err)
        *ino = dotdot->inode;
    brelse(b);
    return err;
}

/* ---- the lock held from here on: one node reference dropped without taking it again ----- */

/* Drops a reference of ours while holding the lock (vnode_put would take it again). */
static void put_locked(struct ext2_node *n) {
    n->v.refs--;
    n->v.mnt->busy--;
    if (n->v.refs == 0) {
        struct ext2_fs *fs = ext2_fs_of(&n->v);
        if (n->v.nlink == 0) {
            ext2_free_blocks_from(n, 0);
            n->v.size = 0;
            n->di.i_dtime = ext2_now();
            ext2_iupdate(n);
            ext2_free_inode(fs, n->v.ino, S_ISDIR(n->v.mode));
        }
        for (struct ext2_node **link = &fs->nodes; *link; link = &(*link)->next) {
            if (*link == n) {
                *link = n->next;
                break;
            }
        }
        kfree(n);
    }
}

int ext2_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out) {
    struct ext2_node *d = ext2_node_of(dir), *n = NULL;
    struct ext2_fs *fs = ext2_fs_of(dir);
    bool dotdot = len == 2 && name[0] == '.' && name[1] == '.';
    struct slot s;
    int err;

    ext2_lock(fs);
    if (dir->nlink == 0) {
        err = -ENOENT;
    } else if (dotdot) {
        err = parent_of(d, &s.ino);
        if (!err && d->v.ino == EXT2_ROOT_INO && s.ino != EXT2_ROOT_INO)
            err = ext2_corrupt(fs, "the root's .. is %u", s.ino);
    } else {
        err = find(d, name, len, &s);
        if (!err && (s.ino == d->v.ino || s.ino == EXT2_ROOT_INO))
            err = ext2_corrupt(fs, "directory %u names %s %u", d->v.ino, s.ino == EXT2_ROOT_INO ? "the root" : "itself",
                               s.ino);
    }
    if (!err)
        err = ext2_iget(fs, s.ino, &n);
    if (!err && dotdot && !S_ISDIR(n->v.mode))
        err = ext2_corrupt(fs, "directory %u: .. is not a directory", d->v.ino);
    if (!err && !dotdot && S_ISDIR(n->v.mode)) {
        /* Only one name per directory: its .. must be where we found it. */
        uint32_t up;
        err = parent_of(n, &up);
        if (!err && up != d->v.ino)
            err = ext2_corrupt(fs, "directory %u is in %u, its .. says %u", n->v.ino, d->v.ino, up);
    }
    if (err && n)
        put_locked(n);
    ext2_unlock(fs);
    if (!err)
        *out = &n->v;
    return err;
}

/* Undoes a new inode that could not get its name: it and its blocks are freed. */
static void discard(struct ext2_node *n) {
    n->v.nlink = 0;
    put_locked(n);
}

/* A new inode of `mode` named `name` in d: *out with a reference, its links set. */
static int make(struct ext2_node *d, const char *name, size_t len, uint32_t mode, struct ext2_node **out) {
    struct ext2_fs *fs = ext2_fs_of(&d->v);
    bool is_dir = S_ISDIR(mode);
    struct slot s;
    uint32_t ino, block;
    int err;

    if (d->v.nlink == 0)
        return -ENOENT;
    err = find(d, name, len, &s);
    if (err != -ENOENT)
        return err ? err : -EEXIST; /* made by another while the caller's walk slept */
    if (is_dir && d->v.nlink >= 65000)
        return -EMLINK;
    err = ext2_alloc_inode(fs, d->v.ino, is_dir, &ino);
    if (err)
        return err;
    struct ext2_node *n;
    err = ext2_inew(fs, ino, mode, &n);
    if (err) {
        ext2_free_inode(fs, ino, is_dir);
        return err;
    }
    vfs_new_owner(&d->v, &n->v.uid, &n->v.gid); /* on the disk with the links, below */
    if (is_dir) {
        /* Its first block: "." and "..". */
        struct buf *b = NULL;
        err = ext2_bmap(n, 0, true, &block);
        if (!err)
            b = ext2_bread(fs, block, &err);
        if (!b) {
            discard(n);
            return err;
        }
        struct ext2_dirent *dot = (struct ext2_dirent *)b->data;
        struct ext2_dirent *dotdot = (struct ext2_dirent *)(b->data + 12);
        uint8_t t = (fs->sb.s_feature_incompat & EXT2_INCOMPAT_FILETYPE) ? EXT2_FT_DIR : 0;
        *dot = (struct ext2_dirent){.inode = ino, .rec_len = 12, .name_len = 1, .file_type = t};
        dot->name[0] = '.';
        *dotdot = (struct ext2_dirent){
            .inode = d->v.ino, .rec_len = (uint16_t)(fs->block_size - 12), .name_len = 2, .file_type = t};
        memcpy(dotdot->name, "..", 2);
        bdirty(b);
        brelse(b);
        n->v.size = fs->block_size;
    }
    n->v.nlink = is_dir ? 2 : 1;
    err = ext2_iupdate(n);
    if (!err)
        err = add_entry(d, name, len, ino, mode);
    if (err) {
        discard(n);
        return err;
    }
    if (is_dir) {
        d->v.nlink++;
        err = ext2_iupdate(d);
    }
    *out = n;
    return err;
}

int ext2_create(struct vnode *dir, const char *name, size_t len, uint32_t mode, struct vnode **out) {
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct ext2_node *n;

    ext2_lock(fs);
    int err = make(ext2_node_of(dir), name, len, mode, &n);
    ext2_unlock(fs);
    if (!err)
        *out = &n->v;
    return err;
}

int ext2_mkdir(struct vnode *dir, const char *name, size_t len, uint32_t mode) {
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct ext2_node *n;

    ext2_lock(fs);
    int err = make(ext2_node_of(dir), name, len, mode, &n);
    if (!err)
        put_locked(n); /* it stays, by its name */
    ext2_unlock(fs);
    return err;
}

/* Finds `name` in d and checks it is still `victim` (the caller's walk may have slept). */
static int find_victim(struct ext2_node *d, const char *name, size_t len, struct vnode *victim, struct slot *s) {
    if (d->v.nlink == 0)
        return -ENOENT;
    int err = find(d, name, len, s);
    return err ? err : s->ino == victim->ino ? 0 : -ENOENT;
}

int ext2_unlink(struct vnode *dir, const char *name, size_t len, struct vnode *victim) {
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct slot s;

    ext2_lock(fs);
    int err = find_victim(ext2_node_of(dir), name, len, victim, &s);
    if (!err)
        err = remove_entry(ext2_node_of(dir), &s);
    if (!err) {
        victim->nlink--;
        ext2_node_of(victim)->di.i_ctime = ext2_now();
        err = ext2_iupdate(ext2_node_of(victim));
    }
    ext2_unlock(fs);
    return err;
}

/* Is directory d empty (only "." and "..")? 1, 0, or an error. */
static int is_empty(struct ext2_node *d) {
    struct dir_cursor c = dir_walk(d, 0);
    int err;

    while ((err = dir_next(&c)) > 0) {
        if (c.e->inode && !same_name(c.e, ".", 1) && !same_name(c.e, "..", 2)) {
            dir_cursor_done(&c);
            return 0;
        }
    }
    return err ? err : 1;
}

int ext2_rmdir(struct vnode *dir, const char *name, size_t len, struct vnode *victim) {
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct ext2_node *d = ext2_node_of(dir);
    struct slot s;

    ext2_lock(fs);
    int err = find_victim(d, name, len, victim, &s);
    if (!err) {
        err = is_empty(ext2_node_of(victim));
        err = err == 1 ? 0 : err == 0 ? -ENOTEMPTY : err;
    }
    if (!err)
        err = remove_entry(d, &s);
    if (!err) {
        victim->nlink = 0; /* freed at its last reference */
        ext2_node_of(victim)->di.i_ctime = ext2_now();
        err = ext2_iupdate(ext2_node_of(victim));
        d->v.nlink--; /* its ".." is gone */
        int e = ext2_iupdate(d);
        err = err ? err : e;
    }
    ext2_unlock(fs);
    return err;
}

int ext2_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *src, struct vnode *ndir,
                const char *nname, size_t nlen, struct vnode *dst) {
    struct ext2_fs *fs = ext2_fs_of(odir);
    struct ext2_node *od = ext2_node_of(odir), *nd = ext2_node_of(ndir), *sn = ext2_node_of(src);
    bool is_dir = S_ISDIR(src->mode);
    struct slot os, ns;
    int err;

    ext2_lock(fs);
    err = find_victim(od, oname, olen, src, &os);
    if (!err && ndir->nlink == 0)
        err = -ENOENT;
    if (!err && dst) {
        err = find_victim(nd, nname, nlen, dst, &ns);
        if (!err && S_ISDIR(dst->mode)) {
            err = is_empty(ext2_node_of(dst));
            err = err == 1 ? 0 : err == 0 ? -ENOTEMPTY : err;
        }
    } else if (!err) {
        err = find(nd, nname, nlen, &ns);
        err = err == -ENOENT ? 0 : err ? err : -EEXIST;
    }
    if (err)
        goto out;
    /* The new name first: if it cannot be made (ENOSPC), nothing has changed. */
    err = dst ? retarget(nd, &ns, src->ino, src->mode) : add_entry(nd, nname, nlen, src->ino, src->mode);
    if (err)
        goto out;
    if (dst) {
        struct ext2_node *dn = ext2_node_of(dst);
        if (S_ISDIR(dst->mode)) {
            dst->nlink = 0;
            nd->v.nlink--; /* dst's ".." is gone */
        } else {
            dst->nlink--;
        }
        dn->di.i_ctime = ext2_now();
        ext2_iupdate(dn);
    }
    /* The old entry moved if the new one went into the same block: look again. */
    err = find_victim(od, oname, olen, src, &os);
    if (!err)
        err = remove_entry(od, &os);
    if (!err && is_dir && od != nd) {
        struct ext2_dirent *dot, *dotdot;
        struct buf *b = dir_block(sn, 0, &err);
        if (b) {
            err = entry_at(fs, sn, b->data, 0, &dot);
            if (!err)
                err = entry_at(fs, sn, b->data, dot->rec_len, &dotdot);
            if (!err) {
                dotdot->inode = nd->v.ino;
                bdirty(b);
            }
            brelse(b);
        }
        od->v.nlink--;
        nd->v.nlink++;
        ext2_iupdate(od);
        ext2_iupdate(nd);
    }
    sn->di.i_ctime = ext2_now();
    int e = ext2_iupdate(sn);
    err = err ? err : e;
out:
    ext2_unlock(fs);
    return err;
}

static uint8_t dt_of(uint8_t ft) {
    static const uint8_t dt[] = {
        [EXT2_FT_UNKNOWN] = DT_UNKNOWN,
        [EXT2_FT_REG] = DT_REG,
        [EXT2_FT_DIR] = DT_DIR,
        [EXT2_FT_CHR] = DT_CHR,
        [EXT2_FT_BLK] = 6,
        [EXT2_FT_FIFO] = DT_FIFO,
        [EXT2_FT_SOCK] = 12,
        [EXT2_FT_LNK] = 10,
    };
    return ft < sizeof(dt) ? dt[ft] : DT_UNKNOWN;
}

/* Positions are byte offsets in the directory: an entry removed before the position only
 * lengthens the record before it, so the scan finds the next entry at or after the position. */
int ext2_readdir(struct vnode *dir, uint32_t *cookie, struct vfs_dirent *out) {
    struct ext2_fs *fs = ext2_fs_of(dir);
    struct dir_cursor c = dir_walk(ext2_node_of(dir), *cookie);
    int err = 0;

    ext2_lock(fs);
    if (dir->nlink == 0)
        err = -ENOENT;
    while (!err && (err = dir_next(&c)) > 0) {
        struct ext2_dirent *e = c.e;
        if (e->inode && e->name_len <= NAME_MAX && e->name_len > 0) {
            *out = (struct vfs_dirent){.ino = e->inode, .type = dt_of(e->file_type), .len = e->name_len};
            memcpy(out->name, e->name, e->name_len);
            *cookie = c.lblock * fs->block_size + c.next;
            dir_cursor_done(&c);
            break;
        }
        err = 0;
    }
    ext2_unlock(fs);
    return err;
}
