/*
 * ext2: the mounted instance (superblock and group descriptors, checked at mount), the lock that
 * lets one operation at a time into the file system, and the allocation of blocks and inodes
 * through the groups' bitmaps (see fs/ext2.h).
 */
#define LOG_MODULE "ext2"

#include "ext2_internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <fs/devfs.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <stdarg.h>

/* Every ext2 file system mounted, or being mounted: a disk is claimed before its superblock is
 * read, since reading it sleeps and another mount of the same disk may run meanwhile. */
static struct ext2_fs *mounted;

static void unlink_mounted(struct ext2_fs *fs) {
    for (struct ext2_fs **link = &mounted; *link; link = &(*link)->next) {
        if (*link == fs) {
            *link = fs->next;
            return;
        }
    }
}

/* ---- the lock ------------------------------------------------------------------------------- */

/*
 * A sleeping lock. The kernel is not preemptible, but reading a block sleeps, and an operation
 * that slept half-way (a directory entry removed, its inode not yet freed) must not be seen by
 * another: each vnode operation holds the lock from start to end.
 */
void ext2_lock(struct ext2_fs *fs) {
    bool was = irq_save();

    while (fs->locked)
        sleep_on(&fs->lock_wait, false);
    fs->locked = true;
    irq_restore(was);
}

void ext2_unlock(struct ext2_fs *fs) {
    fs->locked = false;
    wake_all(&fs->lock_wait);
}

int ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...) {
    char msg[128];
    va_list ap;

    va_start(ap, fmt);
    format_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    log_warn("%s: corrupted: %s", fs->dev->name, msg);
    return -EUCLEAN;
}

uint32_t ext2_now(void) {
    return vfs_now();
}

bool ext2_block_ok(const struct ext2_fs *fs, uint32_t block) {
    return block > fs->sb.s_first_data_block && block < fs->sb.s_blocks_count;
}

struct buf *ext2_bread(struct ext2_fs *fs, uint32_t block, int *err) {
    return bread(fs->dev, block, fs->block_size, err);
}

/* ---- allocation ------------------------------------------------------------------------------ */

static uint32_t blocks_in_group(const struct ext2_fs *fs, uint32_t g) {
    uint32_t start = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
    uint32_t left = fs->sb.s_blocks_count - start;

    return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* The first clear bit of `map` in [from, n), else [0, from); -1 if all are set. */
static long find_clear(const uint8_t *map, uint32_t n, uint32_t from) {
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = (from + k) % n;
        if (map[i / 8] == 0xFF) {
            k += 7 - i % 8; /* the rest of a full byte */
            continue;
        }
        if (!(map[i / 8] & (1u << (i % 8))))
            return (long)i;
    }
    return -1;
}

int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out) {
    uint32_t bpg = fs->sb.s_blocks_per_group, first = fs->sb.s_first_data_block;
    uint32_t g0 = goal > first && goal < fs->sb.s_blocks_count ? (goal - first) / bpg : 0;
    int err = 0;

    if (fs->sb.s_free_blocks_count == 0)
        return -ENOSPC;
    for (uint32_t k = 0; k < fs->groups; k++) {
        uint32_t g = (g0 + k) % fs->groups;
        if (fs->gd[g].bg_free_blocks_count == 0)
            continue;
        struct buf *b = ext2_bread(fs, fs->gd[g].bg_block_bitmap, &err);
        if (!b)
            return err;
        uint32_t from = k == 0 && goal > first ? (goal - first) % bpg : 0;
        long bit = find_clear(b->data, blocks_in_group(fs, g), from);
        if (bit < 0) {
            brelse(b);
            ext2_corrupt(fs, "group %u counts %u free blocks, its bitmap none", g, fs->gd[g].bg_free_blocks_count);
            continue;
        }
        b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
        bdirty(b);
        brelse(b);
        fs->gd[g].bg_free_blocks_count--;
        fs->sb.s_free_blocks_count--;
        fs->meta_dirty = true;
        uint32_t block = first + g * bpg + (uint32_t)bit;
        /* A new block holds zeros: an indirect block's empty slots, a hole's bytes. What the disk
         * had there does not matter, so it is not read (bget). */
        b = bget(fs->dev, block, fs->block_size, &err);
        if (!b) {
            ext2_free_block(fs, block);
            return err;
        }
        memset(b->data, 0, fs->block_size);
        bdirty(b);
        brelse(b);
        *out = block;
        return 0;
    }
    return -ENOSPC;
}

int ext2_free_block(struct ext2_fs *fs, uint32_t block) {
    if (!ext2_block_ok(fs, block))
        return ext2_corrupt(fs, "freeing block %u, past the end", block);
    uint32_t g = (block - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
    uint32_t bit = (block - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
    int err;
    struct buf *b = ext2_bread(fs, fs->gd[g].bg_block_bitmap, &err);

    if (!b)
        return err;
    if (!(b->data[bit / 8] & (1u << (bit % 8)))) {
        brelse(b);
        return ext2_corrupt(fs, "freeing block %u, free already", block);
    }
    b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
    bdirty(b);
    brelse(b);
    fs->gd[g].bg_free_blocks_count++;
    fs->sb.s_free_blocks_count++;
    fs->meta_dirty = true;
    return 0;
}

int ext2_alloc_inode(struct ext2_fs *fs, uint32_t parent_ino, bool dir, uint32_t *out) {
    uint32_t ipg = fs->sb.s_inodes_per_group;
    uint32_t g0 = parent_ino ? (parent_ino - 1) / ipg : 0;
    int err;

    if (fs->sb.s_free_inodes_count == 0)
        return -ENOSPC;
    for (uint32_t k = 0; k < fs->groups; k++) {
        uint32_t g = (g0 + k) % fs->groups;
        if (fs->gd[g].bg_free_inodes_count == 0)
            continue;
        struct buf *b = ext2_bread(fs, fs->gd[g].bg_inode_bitmap, &err);
        if (!b)
            return err;
        /* Group 0's first inodes are reserved (their bits are set, but a bitmap may lie). */
        uint32_t from = g == 0 ? fs->first_ino - 1 : 0;
        long bit = find_clear(b->data, ipg, from);
        if (bit >= 0 && g * ipg + (uint32_t)bit + 1 < fs->first_ino)
            bit = -1;
        if (bit < 0) {
            brelse(b);
            ext2_corrupt(fs, "group %u counts %u free inodes, its bitmap none", g, fs->gd[g].bg_free_inodes_count);
            continue;
        }
        b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
        bdirty(b);
        brelse(b);
        fs->gd[g].bg_free_inodes_count--;
        if (dir)
            fs->gd[g].bg_used_dirs_count++;
        fs->sb.s_free_inodes_count--;
        fs->meta_dirty = true;
        *out = g * ipg + (uint32_t)bit + 1;
        return 0;
    }
    return -ENOSPC;
}

int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool dir) {
    uint32_t g = (ino - 1) / fs->sb.s_inodes_per_group, bit = (ino - 1) % fs->sb.s_inodes_per_group;
    int err;
    struct buf *b = ext2_bread(fs, fs->gd[g].bg_inode_bitmap, &err);

    if (!b)
        return err;
    if (!(b->data[bit / 8] & (1u << (bit % 8)))) {
        brelse(b);
        return ext2_corrupt(fs, "freeing inode %u, free already", ino);
    }
    b->data[bit / 8] &= (uint8_t) ~(1u << (bit % 8));
    bdirty(b);
    brelse(b);
    fs->gd[g].bg_free_inodes_count++;
    if (dir && fs->gd[g].bg_used_dirs_count)
        fs->gd[g].bg_used_dirs_count--;
    fs->sb.s_free_inodes_count++;
    fs->meta_dirty = true;
    return 0;
}

/* ---- superblock and groups -------------------------------------------------------------------- */

int ext2_flush_meta(struct ext2_fs *fs) {
    uint32_t sb_block = EXT2_SUPER_OFFSET / fs->block_size, sb_off = EXT2_SUPER_OFFSET % fs->block_size;
    int err;
    struct buf *b;

    if (fs->read_only)
        return 0;
    fs->meta_dirty = false;
    fs->sb.s_wtime = ext2_now();
    b = ext2_bread(fs, sb_block, &err);
    if (!b)
        goto fail;
    memcpy(b->data + sb_off, &fs->sb, sizeof(fs->sb));
    bdirty(b);
    brelse(b);
    for (uint32_t i = 0; i < fs->gd_blocks; i++) {
        uint32_t per = fs->block_size / sizeof(struct ext2_group), first = i * per;
        uint32_t n = fs->groups - first < per ? fs->groups - first : per;
        b = ext2_bread(fs, fs->sb.s_first_data_block + 1 + i, &err);
        if (!b)
            goto fail;
        memcpy(b->data, &fs->gd[first], n * sizeof(struct ext2_group));
        bdirty(b);
        brelse(b);
    }
    return 0;
fail:
    log_warn("%s: cannot write the superblock or groups: %d", fs->dev->name, err);
    fs->meta_dirty = true;
    return err;
}

int ext2_sync(struct ext2_fs *fs) {
    int err = 0;

    ext2_lock(fs);
    if (fs->meta_dirty)
        err = ext2_flush_meta(fs);
    ext2_unlock(fs);
    return err;
}

/* sync(2): the counts kept in memory go to the disk (vfs_sync_all then runs bsync). */
static int ext2_sync_mount(struct mount *m) {
    return ext2_sync(m->fs_data);
}

/* ---- mount and unmount ------------------------------------------------------------------------ */

/* Reads the superblock into fs->sb and checks it: 0, -EINVAL (not ext2, or unknown features),
 * -EUCLEAN (impossible numbers), -EIO. Sets the geometry in fs. */
static int read_super(struct ext2_fs *fs, bool read_only) {
    struct ext2_super *sb = &fs->sb;
    int err;
    struct buf *b = bread(fs->dev, EXT2_SUPER_OFFSET / 1024, 1024, &err);

    if (!b)
        return err;
    memcpy(sb, b->data, sizeof(*sb));
    fs->want_extra_isize =
        (uint16_t)(b->data[EXT2_SUPER_WANT_EXTRA_ISIZE_OFFSET] | b->data[EXT2_SUPER_WANT_EXTRA_ISIZE_OFFSET + 1] << 8);
    brelse(b);
    /* The file system's own block size from now on: no 1 KiB buffer of the disk may linger. */
    binvalidate(fs->dev);

    if (sb->s_magic != EXT2_MAGIC) {
        log_warn("%s: not ext2 (magic %#x)", fs->dev->name, sb->s_magic);
        return -EINVAL;
    }
    if (sb->s_rev_level > 1) {
        log_warn("%s: ext2 revision %u unknown", fs->dev->name, sb->s_rev_level);
        return -EINVAL;
    }
    if (sb->s_rev_level == 0) {
        sb->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
        sb->s_inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        sb->s_feature_compat = sb->s_feature_incompat = sb->s_feature_ro_compat = 0;
    }
    if (sb->s_feature_incompat & ~(uint32_t)EXT2_INCOMPAT_FILETYPE) {
        log_warn("%s: incompatible features %#x", fs->dev->name, sb->s_feature_incompat);
        return -EINVAL;
    }
    if (!read_only &&
        (sb->s_feature_ro_compat & ~(uint32_t)(EXT2_RO_COMPAT_SPARSE_SUPER | EXT2_RO_COMPAT_LARGE_FILE))) {
        log_warn("%s: features %#x allow reading only", fs->dev->name, sb->s_feature_ro_compat);
        return -EINVAL;
    }
    if (sb->s_log_block_size > 2)
        return ext2_corrupt(fs, "block size 1024 << %u", sb->s_log_block_size);
    fs->log_block_size = 10 + sb->s_log_block_size;
    fs->block_size = 1024u << sb->s_log_block_size;
    fs->per_block = fs->block_size / 4;
    if (sb->s_first_data_block != (fs->block_size == 1024 ? 1u : 0u))
        return ext2_corrupt(fs, "first data block %u", sb->s_first_data_block);
    if (sb->s_blocks_count <= sb->s_first_data_block + 1 ||
        (uint64_t)sb->s_blocks_count * (fs->block_size / BLOCK_SECTOR_SIZE) > fs->dev->sectors)
        return ext2_corrupt(fs, "%u blocks on a disk of %u sectors", sb->s_blocks_count, fs->dev->sectors);
    if (sb->s_blocks_per_group < 8 || sb->s_blocks_per_group > fs->block_size * 8 || sb->s_blocks_per_group % 8)
        return ext2_corrupt(fs, "%u blocks per group", sb->s_blocks_per_group);
    if (sb->s_inodes_per_group < 8 || sb->s_inodes_per_group > fs->block_size * 8 || sb->s_inodes_per_group % 8)
        return ext2_corrupt(fs, "%u inodes per group", sb->s_inodes_per_group);
    uint32_t isz = sb->s_inode_size;
    if (isz < EXT2_GOOD_OLD_INODE_SIZE || isz > fs->block_size || (isz & (isz - 1)))
        return ext2_corrupt(fs, "inode size %u", isz);
    fs->inode_size = isz;
    fs->inodes_per_block = fs->block_size / isz;
    fs->itable_blocks = (sb->s_inodes_per_group + fs->inodes_per_block - 1) / fs->inodes_per_block;
    fs->groups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) / sb->s_blocks_per_group;
    if ((uint64_t)fs->groups * sb->s_inodes_per_group != sb->s_inodes_count)
        return ext2_corrupt(fs, "%u inodes in %u groups of %u", sb->s_inodes_count, fs->groups, sb->s_inodes_per_group);
    if (fs->groups * sizeof(struct ext2_group) > PAGE_SIZE) {
        log_warn("%s: %u groups: too large for us", fs->dev->name, fs->groups);
        return -EINVAL;
    }
    fs->gd_blocks = (fs->groups * (uint32_t)sizeof(struct ext2_group) + fs->block_size - 1) / fs->block_size;
    if (sb->s_first_ino < EXT2_GOOD_OLD_FIRST_INO || sb->s_first_ino >= sb->s_inodes_count)
        return ext2_corrupt(fs, "first inode %u", sb->s_first_ino);
    fs->first_ino = sb->s_first_ino;
    if (sb->s_free_blocks_count > sb->s_blocks_count || sb->s_free_inodes_count > sb->s_inodes_count)
        return ext2_corrupt(fs, "%u of %u blocks free, %u of %u inodes", sb->s_free_blocks_count, sb->s_blocks_count,
                            sb->s_free_inodes_count, sb->s_inodes_count);
    return 0;
}

/* Is [start, start + n) inside the file system, after the group descriptors? */
static bool range_ok(const struct ext2_fs *fs, uint32_t start, uint32_t n) {
    uint32_t meta_end = fs->sb.s_first_data_block + 1 + fs->gd_blocks;

    return start >= meta_end && start < fs->sb.s_blocks_count && n <= fs->sb.s_blocks_count - start;
}

/* Reads the group descriptors and checks each: 0, -EUCLEAN, -EIO, -ENOMEM. */
static int read_groups(struct ext2_fs *fs) {
    uint32_t free_blocks = 0, free_inodes = 0;
    int err;

    fs->gd = kzalloc(fs->gd_blocks * fs->block_size <= PAGE_SIZE ? fs->gd_blocks * fs->block_size : PAGE_SIZE);
    if (!fs->gd)
        return -ENOMEM;
    for (uint32_t i = 0; i < fs->gd_blocks; i++) {
        uint32_t per = fs->block_size / sizeof(struct ext2_group), first = i * per;
        uint32_t n = fs->groups - first < per ? fs->groups - first : per;
        struct buf *b = ext2_bread(fs, fs->sb.s_first_data_block + 1 + i, &err);
        if (!b)
            return err;
        memcpy(&fs->gd[first], b->data, n * sizeof(struct ext2_group));
        brelse(b);
    }
    for (uint32_t g = 0; g < fs->groups; g++) {
        const struct ext2_group *d = &fs->gd[g];
        if (!range_ok(fs, d->bg_block_bitmap, 1) || !range_ok(fs, d->bg_inode_bitmap, 1) ||
            !range_ok(fs, d->bg_inode_table, fs->itable_blocks))
            return ext2_corrupt(fs, "group %u: bitmaps at %u and %u, inode table at %u", g, d->bg_block_bitmap,
                                d->bg_inode_bitmap, d->bg_inode_table);
        if (d->bg_free_blocks_count > blocks_in_group(fs, g) || d->bg_free_inodes_count > fs->sb.s_inodes_per_group ||
            d->bg_used_dirs_count > fs->sb.s_inodes_per_group)
            return ext2_corrupt(fs, "group %u: %u blocks free, %u inodes free, %u directories", g,
                                d->bg_free_blocks_count, d->bg_free_inodes_count, d->bg_used_dirs_count);
        free_blocks += d->bg_free_blocks_count;
        free_inodes += d->bg_free_inodes_count;
    }
    /* The superblock's totals are only a summary (Linux recomputes them at mount): take the groups'. */
    fs->sb.s_free_blocks_count = free_blocks;
    fs->sb.s_free_inodes_count = free_inodes;
    return 0;
}

static void ext2_unmount(struct mount *m) {
    struct ext2_fs *fs = m->fs_data;

    ext2_lock(fs);
    ext2_drop_nodes(fs);
    if (!fs->read_only) {
        fs->sb.s_state |= EXT2_VALID_FS;
        ext2_flush_meta(fs);
    }
    int err = bsync(fs->dev);
    if (err)
        log_warn("%s: unmounted, but writing it back failed: %d", fs->dev->name, err);
    binvalidate(fs->dev);
    unlink_mounted(fs);
    kfree(fs->gd);
    kfree(fs);
}

static const struct vfs_fs_ops ext2_fs_ops = {
    .name = "ext2",
    .user_mounted = true,
    .unmount = ext2_unmount,
    .sync = ext2_sync_mount,
};

int ext2_mount(struct block_device *dev, const char *where, bool read_only) {
    for (struct ext2_fs *f = mounted; f; f = f->next) {
        if (f->dev == dev)
            return -EBUSY;
    }
    struct ext2_fs *fs = kzalloc(sizeof(*fs));
    struct ext2_node *root = NULL;
    struct mount *m = NULL;
    int err;

    if (!fs)
        return -ENOMEM;
    fs->dev = dev;
    fs->read_only = read_only;
    wait_queue_init(&fs->lock_wait);
    fs->next = mounted;
    mounted = fs;
    err = read_super(fs, read_only);
    if (!err)
        err = read_groups(fs);
    if (!err) {
        m = vfs_mount_new(&ext2_fs_ops, fs, read_only);
        err = m ? 0 : -ENOMEM;
    }
    if (!err) {
        fs->mnt = m;
        ext2_lock(fs);
        err = ext2_iget(fs, EXT2_ROOT_INO, &root);
        if (!err && !S_ISDIR(root->v.mode))
            err = ext2_corrupt(fs, "the root is not a directory (mode %#o)", root->v.mode);
        ext2_unlock(fs);
    }
    if (!err) {
        m->root = &root->v; /* its reference is the mount's */
        err = vfs_attach(m, where);
    }
    if (err) {
        if (root) {
            ext2_drop_nodes(fs);
        }
        if (m)
            vfs_mount_free(m);
        binvalidate(dev);
        unlink_mounted(fs);
        kfree(fs->gd);
        kfree(fs);
        return err;
    }
    if (!read_only) {
        /* Not clean until unmounted: a power cut before then makes e2fsck look. */
        fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
        fs->sb.s_mnt_count++;
        fs->sb.s_mtime = ext2_now();
        fs->meta_dirty = true;
        ext2_sync(fs);
    }
    log_info("%s: ext2 mounted on %s (%u blocks of %u bytes, %u free; %u inodes, %u free)%s", dev->name, where,
             fs->sb.s_blocks_count, fs->block_size, fs->sb.s_free_blocks_count, fs->sb.s_inodes_count,
             fs->sb.s_free_inodes_count, read_only ? ", read-only" : "");
    return 0;
}

/* The block device a device node names (its devfs node). */
static int device_of(const char *source, struct block_device **out) {
    struct vnode *v;
    int err = vfs_lookup(source, &v);

    if (err)
        return err;
    *out = devfs_block_device(v);
    vnode_put(v);
    return *out ? 0 : -ENOTBLK;
}

int ext2_mount_path(const char *source, const char *target, bool read_only) {
    struct block_device *dev;
    char where[PATH_MAX];
    int err = device_of(source, &dev);

    if (err)
        return err;
    if (target[0] == '/') {
        strcpy(where, target);
    } else {
        /* vfs_attach wants an absolute path: the working directory's, then the target. */
        int n = vfs_getcwd(where, sizeof(where));
        if (n < 0)
            return n;
        size_t len = strlen(where), tlen = strlen(target);
        if (len > 1)
            where[len++] = '/'; /* not after the root's own */
        if (len + tlen >= sizeof(where))
            return -ENAMETOOLONG;
        memcpy(where + len, target, tlen + 1);
    }
    return ext2_mount(dev, where, read_only);
}
