/*
 * Block devices and the buffer cache (docs/storage.md).
 *
 * A block device is a disk the kernel reads and writes in 512-byte sectors: a driver (dev/ata.c,
 * dev/ramdisk.c) fills in a struct block_device and registers it by name; file systems find it
 * by name and go through the buffer cache, never to the driver directly, so that every block of
 * a disk has at most one copy in memory (of each size) that everyone sees.
 *
 * The cache is write-through: bdirty() writes the block to the disk before it returns, so a
 * write() that returned is on the disk (docs/storage.md says what a power cut can still lose).
 * A write the disk refused (EIO) leaves the block dirty; bsync() and fsync tries it again and
 * reports the error.
 *
 * Concurrency: the kernel is not preempted in kernel mode, so the cache's lists change only
 * between sleeps; a buffer is locked while its I/O is in flight, and bread/bwrite sleep
 * (uninterruptibly) until it is unlocked. Not for interrupt handlers.
 */
#ifndef DEV_BLOCK_H
#define DEV_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define BLOCK_SECTOR_SIZE 512
#define BLOCK_MAX_DEVICES 8 /* registered devices at most */
#define BLOCK_MIN_SIZE 512  /* a cache block's size: a power of two in [MIN, MAX] */
#define BLOCK_MAX_SIZE 4096
#define BCACHE_BUFFERS 128 /* the cache's fixed number of buffers (BLOCK_MAX_SIZE bytes each) */

struct block_device {
    char name[8];     /* "hda" */
    uint32_t sectors; /* size in 512-byte sectors */
    /* Moves `count` sectors at `sector` to (write=false) or from (write=true) `buf`; sleeps until
     * done. 0 or -EIO. Never called past `sectors`. */
    int (*transfer)(struct block_device *dev, uint32_t sector, void *buf, uint32_t count, bool write);
    void *driver; /* the driver's own */
};

/* Adds `dev` (which the driver keeps alive for good) under dev->name. 0, -EEXIST (the name is
 * taken), -ENOSPC (BLOCK_MAX_DEVICES already), -EINVAL (an empty name, no transfer, no sectors). */
int block_register(struct block_device *dev);
/* "hda" -> the device, or NULL. */
struct block_device *block_find(const char *name);
/* The i-th registered device (0, 1, ... in the order they came), or NULL past the last. */
struct block_device *block_at(int i);

/* --- the buffer cache (dev/bcache.c) --------------------------------------------------------- */

/* A block of `size` bytes (512..4096, a power of two) numbered in units of size. */
struct buf {
    struct block_device *dev;
    uint32_t block;
    uint32_t size;
    uint8_t *data; /* size bytes, valid after bread */
    /* cache-private fields follow */
    int refs;                /* holders (bread without brelse) */
    bool valid;              /* data has the disk's bytes (or newer ones) */
    bool dirty;              /* data is newer than the disk: a write failed and is owed */
    bool locked;             /* I/O in flight: data is not to be used until it ends */
    struct buf *prev, *next; /* the LRU list, most recently released first */
};

/*
 * The block `block` (in units of `size`) of `dev`, with one more reference, its data read from
 * the disk unless the cache has it. Sleeps for the read. NULL and *err: -EINVAL (size not a power
 * of two in 512..4096, or the block not wholly inside the device), -ENOMEM (every buffer is
 * referenced), -EIO (the disk failed the read; nothing is cached).
 */
struct buf *bread(struct block_device *dev, uint32_t block, uint32_t size, int *err);
/*
 * Like bread, for a caller that overwrites the whole block: when the block is not cached its data
 * is not read from the disk (b->valid is false, b->data undefined). The caller fills b->data
 * completely before anything that may sleep, then bwrite/bdirty make it the block's; a caller
 * that does not fill it brelse()s it unwritten, and it is forgotten. NULL and *err: -EINVAL,
 * -ENOMEM.
 */
struct buf *bget(struct block_device *dev, uint32_t block, uint32_t size, int *err);
/* The caller changed b->data: written through to the disk now (a failure is kept for bsync). */
void bdirty(struct buf *b);
/* Writes b to the disk now; 0 or -EIO (b then stays dirty). */
int bwrite(struct buf *b);
/* Drops the caller's reference; the buffer stays cached (most recently used) for reuse. */
void brelse(struct buf *b);
/* Writes every dirty block of dev (NULL: of every device). 0, or -EIO when a block could not be
 * written (it stays dirty) or a write through failed since the last bsync. */
int bsync(struct block_device *dev);
/* Forgets dev's clean, unreferenced blocks (umount; NULL: every device's). */
void binvalidate(struct block_device *dev);

/* Buffers referenced now (the power-off check: each bread has its brelse). */
int bcache_referenced(void);

/* What the cache did since boot, for tests and figures. */
struct bcache_stats {
    uint32_t hits, misses, reads, writes, evictions;
    uint32_t overwrites; /* bget of a block not cached: nothing read */
};
void bcache_get_stats(struct bcache_stats *out);

/* --- a memory-backed block device, for tests (dev/ramdisk.c) --------------------------------- */

/*
 * A new zero-filled device `name` of `sectors` sectors (at most 4096: 2 MiB), registered. NULL
 * when out of memory, or the name is taken. ramdisk_fail(dev, sector) makes every transfer that
 * touches `sector` fail with -EIO (UINT32_MAX: none), for tests of the error paths.
 * ramdisk_destroy unregisters and frees it (binvalidate first; no buffer may be referenced).
 */
struct block_device *ramdisk_create(const char *name, uint32_t sectors);
void ramdisk_fail(struct block_device *dev, uint32_t sector);
/* Transfers the ramdisk has done (each call to transfer counts once). */
uint32_t ramdisk_transfers(struct block_device *dev);
void ramdisk_destroy(struct block_device *dev);
/* Removes dev from the registry (for ramdisk_destroy). 0 or -ENOENT. */
int block_unregister(struct block_device *dev);

#endif
