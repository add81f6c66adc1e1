/*
 * ext2: a regular file's bytes (see fs/ext2.h), a block at a time through the buffer cache.
 * Invariant: the bytes of a file's last block past its size are zero (a new block is zeroed, a
 * cut zeroes the tail), so growing a file shows zeros without writing. Copies to and from user
 * memory stop at the end of a user page, so a bad buffer faults at the start of a run: a short
 * write changed exactly what it counts. A write that fails half-way gives back the blocks it took
 * past the file's end, so the inode never holds a block e2fsck would find past its size.
 */
#include "ext2_internal.h"
#include <abi/errno.h>
#include <lib/string.h>

long ext2_read(struct vnode *v, struct uaddr buf, size_t n, uint32_t off) {
    struct ext2_node *node = ext2_node_of(v);
    struct ext2_fs *fs = ext2_fs_of(v);
    size_t done = 0;
    int err = 0;

    ext2_lock(fs);
    if (off >= v->size)
        n = 0;
    else if (n > v->size - off)
        n = v->size - off;
    while (done < n) {
        uint32_t pos = off + (uint32_t)done, in = pos % fs->block_size, block;
        struct uaddr to = user_offset(buf, done);
        size_t run = n - done;
        if (run > fs->block_size - in)
            run = fs->block_size - in;
        if (run > user_page_left(to))
            run = user_page_left(to);
        err = ext2_bmap(node, pos / fs->block_size, false, &block);
        if (err)
            break;
        if (!block) {
            err = clear_user(to, run);
        } else {
            struct buf *b = ext2_bread(fs, block, &err);
            if (!b)
                break;
            err = copy_to_user(to, b->data + in, run);
            brelse(b);
        }
        if (err)
            break;
        done += run;
    }
    ext2_unlock(fs);
    return done ? (long)done : err;
}

/* The first file block past `size`. */
static uint32_t blocks_for(const struct ext2_fs *fs, uint32_t size) {
    return (uint32_t)(((uint64_t)size + fs->block_size - 1) >> fs->log_block_size);
}

long ext2_write(struct vnode *v, struct uaddr buf, size_t n, uint32_t off) {
    struct ext2_node *node = ext2_node_of(v);
    struct ext2_fs *fs = ext2_fs_of(v);
    size_t done = 0;
    int err = 0;

    if ((uint64_t)off + n > FILE_SIZE_MAX)
        n = off < FILE_SIZE_MAX ? FILE_SIZE_MAX - off : 0;
    ext2_lock(fs);
    while (done < n) {
        uint32_t pos = off + (uint32_t)done, in = pos % fs->block_size, block;
        struct uaddr from = user_offset(buf, done);
        size_t run = n - done;
        if (run > fs->block_size - in)
            run = fs->block_size - in;
        if (run > user_page_left(from))
            run = user_page_left(from);
        err = ext2_bmap(node, pos / fs->block_size, true, &block);
        if (err)
            break;
        struct buf *b = ext2_bread(fs, block, &err);
        if (!b)
            break;
        err = copy_from_user(b->data + in, from, run);
        if (!err)
            bdirty(b);
        brelse(b);
        if (err)
            break;
        done += run;
        if (pos + run > v->size)
            v->size = pos + (uint32_t)run;
    }
    if (err)
        ext2_free_blocks_from(node, blocks_for(fs, v->size)); /* what the failed part took */
    if (done) {
        node->di.i_mtime = node->di.i_ctime = ext2_now();
        int e = ext2_iupdate(node);
        err = err ? err : e;
    }
    ext2_unlock(fs);
    return done ? (long)done : err;
}

int ext2_truncate_locked(struct ext2_node *n, uint32_t size) {
    struct ext2_fs *fs = ext2_fs_of(&n->v);
    int err = 0;

    if (size < n->v.size) {
        err = ext2_free_blocks_from(n, blocks_for(fs, size));
        if (err)
            return err;
        uint32_t in = size % fs->block_size, block = 0;
        if (in) {
            /* The kept part of the last block: its bytes past the new end become zeros. */
            err = ext2_bmap(n, size / fs->block_size, false, &block);
            struct buf *b = !err && block ? ext2_bread(fs, block, &err) : NULL;
            if (b) {
                memset(b->data + in, 0, fs->block_size - in);
                bdirty(b);
                brelse(b);
            }
            if (err)
                return err;
        }
    }
    n->v.size = size;
    n->di.i_mtime = n->di.i_ctime = ext2_now();
    return ext2_iupdate(n);
}

int ext2_truncate(struct vnode *v, uint32_t size) {
    struct ext2_fs *fs = ext2_fs_of(v);

    ext2_lock(fs);
    int err = ext2_truncate_locked(ext2_node_of(v), size);
    ext2_unlock(fs);
    return err;
}
