/*
 * Block devices opened as files (/dev/hda): the device's raw bytes at the file's offset, moved
 * through the buffer cache in blocks of the largest size (up to BLOCK_MAX_SIZE) that divides the
 * device, so a 1 MiB transfer is 256 cache blocks, not 2048 sectors.
 */
#include <abi/blkdev.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/pic.h>
#include <dev/block.h>
#include <fs/devfs.h>
#include <fs/file.h>
#include <lib/string.h>

/* The cache block size for `dev`'s raw bytes. */
static uint32_t raw_block_size(const struct block_device *dev) {
    uint32_t size = BLOCK_MAX_SIZE;

    while (size > BLOCK_SECTOR_SIZE && dev->sectors % (size / BLOCK_SECTOR_SIZE) != 0)
        size /= 2;
    return size;
}

static uint64_t device_bytes(const struct block_device *dev) {
    return (uint64_t)dev->sectors * BLOCK_SECTOR_SIZE;
}

/* Moves up to n bytes between the user buffer and the device at f->pos. */
static long transfer(struct file *f, struct uaddr ubuf, size_t n, bool write) {
    struct block_device *dev = f->priv;
    uint32_t size = raw_block_size(dev);
    uint64_t end = device_bytes(dev), pos = f->pos;
    size_t done = 0;
    long result = 0;

    if (pos >= end)
        return write && n > 0 ? -ENOSPC : 0;
    if (n > end - pos)
        n = (size_t)(end - pos);
    /* A bad buffer fails before anything is read or written (when it is bad from the start). */
    if (n > 0 && !user_range_ok(ubuf, n))
        return -EFAULT;
    while (done < n) {
        uint64_t at = pos + done;
        uint32_t off = (uint32_t)(at % size);
        size_t run = n - done < size - off ? n - done : size - off;
        int err = 0;
        /* A whole block written needs nothing from the disk. */
        struct buf *b = write && run == size ? bget(dev, (uint32_t)(at / size), size, &err)
                                             : bread(dev, (uint32_t)(at / size), size, &err);
        if (!b) {
            result = err;
            break;
        }
        int fault;
        if (write) {
            /* The block is written through even when the copy faulted part way: the cache then
             * still holds what the disk has (the bytes copied are the caller's). */
            fault = copy_from_user(b->data + off, user_offset(ubuf, done), run);
            /* A block bget gave and the copy only partly filled: brelse forgets it, and the disk
             * keeps its own bytes. */
            bool unfilled = fault && !b->valid;
            if (!unfilled && bwrite(b) != 0 && !fault)
                result = -EIO;
        } else {
            fault = copy_to_user(user_offset(ubuf, done), b->data + off, run);
        }
        brelse(b);
        if (fault) {
            result = -EFAULT;
            break;
        }
        if (result)
            break;
        done += run;
    }
    f->pos = (uint32_t)(pos + done);
    return done > 0 ? (long)done : result;
}

static long blockdev_read(struct file *f, struct uaddr ubuf, size_t n) {
    return transfer(f, ubuf, n, false);
}

static long blockdev_write(struct file *f, struct uaddr ubuf, size_t n) {
    return transfer(f, ubuf, n, true);
}

static long blockdev_seek(struct file *f, long offset, int whence) {
    const struct block_device *dev = f->priv;
    int64_t base = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (int64_t)f->pos
                   : whence == SEEK_END ? (int64_t)device_bytes(dev)
                                        : -1;
    int64_t target = base + offset;

    if (base < 0 || target < 0)
        return -EINVAL;
    if (target > INT32_MAX)
        return -EOVERFLOW;
    f->pos = (uint32_t)target;
    return (long)f->pos;
}

static long blockdev_ioctl(struct file *f, uint32_t request, uint32_t arg) {
    const struct block_device *dev = f->priv;
    struct uaddr out = UADDR(arg);

    switch (request) {
    case BLKGETSIZE64: {
        uint64_t size = device_bytes(dev);
        return copy_to_user(out, &size, sizeof(size)) ? -EFAULT : 0;
    }
    case BLKLUNESTAT: {
        struct bcache_stats c;
        bcache_get_stats(&c);
        struct abi_blkstat st = {.hits = c.hits,
                                 .misses = c.misses,
                                 .reads = c.reads,
                                 .writes = c.writes,
                                 .evictions = c.evictions,
                                 .halted_tsc = pic_halted_tsc()};
        return copy_to_user(out, &st, sizeof(st)) ? -EFAULT : 0;
    }
    default:
        return -ENOTTY;
    }
}

static int blockdev_fsync(struct file *f) {
    return bsync(f->priv);
}

static const struct file_ops blockdev_ops = {
    .read = blockdev_read,
    .write = blockdev_write,
    .seek = blockdev_seek,
    .ioctl = blockdev_ioctl,
    .fsync = blockdev_fsync,
};

int blockdev_open(struct block_device *dev, int flags, struct file **out) {
    *out = file_new(&blockdev_ops, dev, flags);
    return *out ? 0 : -ENOMEM;
}
