/*
 * The buffer cache (dev/block.h): BCACHE_BUFFERS buffers of up to BLOCK_MAX_SIZE bytes each, on
 * one LRU list. Their memory is taken from the frame allocator once, when the first disk is
 * registered (bcache_reserve): a machine without a disk keeps those 512 KiB (the low-memory fuzz
 * runs in 8 MiB), and boot does not clear them (in .bss they cost 131,072 instructions, every
 * boot). After that the cache never allocates: it runs out of unreferenced buffers, never of
 * memory.
 *
 * Every buffer is always on the list, most recently released first; a miss takes the least
 * recently used buffer nobody references, that is not in the middle of I/O and owes the disk
 * nothing (not dirty). Lookups walk the array: with 128 buffers a walk costs less than one
 * sector's transfer.
 *
 * Write-through (docs/storage.md): bdirty writes the block at once. A write the disk refuses
 * leaves the buffer dirty, so the cache never forgets bytes the disk has not taken; bsync tries
 * again, and reports the failure once (as Linux's fsync reports a write-back error).
 *
 * Blocks of different sizes may cover the same sectors (a file system's 1 KiB blocks and the raw
 * device's 4 KiB ones): a successful write copies its bytes into every other cached buffer that
 * overlaps it, so what any reader sees is what was last written.
 */
#define LOG_MODULE "bcache"

#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <dev/block.h>
#include <lib/compiler.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/pmm.h>
#include <proc/proc.h>

static struct buf bufs[BCACHE_BUFFERS]; /* those with data (memory) are on the LRU list */
static struct buf lru;                  /* the list's head: lru.next is the most recently used, lru.prev the least */
static bool ready;
/* Processes waiting for some buffer's I/O to end (few: the wake-ups are cheap to re-check). */
static struct wait_queue unlocked;
/* Devices a write through failed on since their last bsync (reported there once). */
static struct block_device *write_failed[BLOCK_MAX_DEVICES];
static struct bcache_stats stats;

static void list_remove(struct buf *b) {
    b->prev->next = b->next;
    b->next->prev = b->prev;
}

static void list_push_front(struct buf *b) {
    b->next = lru.next;
    b->prev = &lru;
    lru.next->prev = b;
    lru.next = b;
}

static void cache_init(void) {
    if (ready)
        return;
    lru.next = lru.prev = &lru;
    wait_queue_init(&unlocked);
    ready = true;
}

int bcache_reserve(void) {
    cache_init();
    for (int i = 0; i < BCACHE_BUFFERS; i++) {
        if (bufs[i].data)
            continue;
        /* A frame is BLOCK_MAX_SIZE bytes; its contents do not matter (a buffer is filled
         * before it is valid). */
        paddr_t pa = pmm_alloc(PMM_OWNER_KERNEL, PG_PERSISTENT);
        if (!pa)
            return -ENOMEM; /* the buffers that have memory work; the others are never used */
        bufs[i].data = phys_to_virt(pa);
        list_push_front(&bufs[i]);
    }
    return 0;
}

/* Waits until nobody does I/O on b, then marks it as ours. */
static void buf_lock(struct buf *b) {
    bool irq = irq_save();
    while (b->locked)
        dev_wait_step(&unlocked);
    b->locked = true;
    irq_restore(irq);
}

static void buf_unlock(struct buf *b) {
    bool irq = irq_save();
    b->locked = false;
    wake_all(&unlocked);
    irq_restore(irq);
}

static bool size_ok(uint32_t size) {
    return size >= BLOCK_MIN_SIZE && size <= BLOCK_MAX_SIZE && (size & (size - 1)) == 0;
}

static struct buf *lookup(struct block_device *dev, uint32_t block, uint32_t size) {
    for (int i = 0; i < BCACHE_BUFFERS; i++) {
        struct buf *b = &bufs[i];
        if (b->dev == dev && b->block == block && b->size == size)
            return b;
    }
    return NULL;
}

/* The least recently used buffer that may be reused, or NULL. */
static struct buf *victim(void) {
    for (struct buf *b = lru.prev; b != &lru; b = b->prev) {
        if (b->refs == 0 && !b->locked && !b->dirty)
            return b;
    }
    return NULL;
}

/* b no longer holds any block. Unreferenced and not locked. */
static void forget(struct buf *b) {
    b->dev = NULL;
    b->valid = false;
}

/* The buffer of the block, with one more reference: cached, or a reused one whose data is not the
 * block's yet (valid false). NULL and *err: -EINVAL, -ENOMEM. */
static struct buf *get(struct block_device *dev, uint32_t block, uint32_t size, int *err) {
    cache_init();
    if (!dev || !size_ok(size)) {
        *err = -EINVAL;
        return NULL;
    }
    uint32_t per = size / BLOCK_SECTOR_SIZE;
    if (block >= dev->sectors / per) {
        *err = -EINVAL;
        return NULL;
    }
    struct buf *b = lookup(dev, block, size);
    if (b && b->valid) {
        stats.hits++;
    } else if (!b) {
        b = victim();
        if (!b) {
            *err = -ENOMEM;
            return NULL;
        }
        if (b->valid)
            stats.evictions++;
        b->dev = dev;
        b->block = block;
        b->size = size;
        b->valid = false;
        list_remove(b);
        list_push_front(b);
    }
    b->refs++;
    return b;
}

struct buf *bread(struct block_device *dev, uint32_t block, uint32_t size, int *err) {
    struct buf *b = get(dev, block, size, err);
    uint32_t per = size / BLOCK_SECTOR_SIZE;

    if (b && !b->valid) {
        stats.misses++;
        buf_lock(b); /* another reader may be filling it: then it is valid after the wait */
        if (!b->valid) {
            stats.reads++;
            if (dev->transfer(dev, block * per, b->data, per, false) != 0) {
                buf_unlock(b);
                log_warn("%s: cannot read block %u (%u bytes)", dev->name, block, size);
                b->refs--;
                if (b->refs == 0)
                    forget(b);
                *err = -EIO;
                return NULL;
            }
            b->valid = true;
        }
        buf_unlock(b);
    }
    return b;
}

struct buf *bget(struct block_device *dev, uint32_t block, uint32_t size, int *err) {
    struct buf *b = get(dev, block, size, err);

    if (b && !b->valid) {
        /* A reader may be filling it from the disk: its transfer must not land on our bytes. */
        buf_lock(b);
        buf_unlock(b);
        if (!b->valid)
            stats.overwrites++;
    }
    return b;
}

/* Copies b's bytes into every other valid buffer of its device that overlaps them. */
static void propagate(const struct buf *b) {
    uint64_t start = (uint64_t)b->block * b->size, end = start + b->size;

    for (int i = 0; i < BCACHE_BUFFERS; i++) {
        struct buf *o = &bufs[i];
        if (o == b || o->dev != b->dev || !o->valid || o->size == b->size)
            continue;
        uint64_t ostart = (uint64_t)o->block * o->size, oend = ostart + o->size;
        uint64_t from = start > ostart ? start : ostart, to = end < oend ? end : oend;
        if (from < to)
            memcpy(o->data + (from - ostart), b->data + (from - start), (size_t)(to - from));
    }
}

int bwrite(struct buf *b) {
    ASSERT_MSG(b->refs > 0, "bwrite of an unreferenced buffer");
    uint32_t per = b->size / BLOCK_SECTOR_SIZE;

    buf_lock(b);
    stats.writes++;
    int r = b->dev->transfer(b->dev, b->block * per, b->data, per, true);
    b->dirty = r != 0;
    b->valid = true;
    if (r == 0)
        propagate(b);
    buf_unlock(b);
    if (r != 0) {
        log_warn("%s: cannot write block %u (%u bytes)", b->dev->name, b->block, b->size);
        return -EIO;
    }
    return 0;
}

static void note_write_failed(struct block_device *dev) {
    for (int i = 0; i < BLOCK_MAX_DEVICES; i++) {
        if (write_failed[i] == dev)
            return;
    }
    for (int i = 0; i < BLOCK_MAX_DEVICES; i++) {
        if (!write_failed[i]) {
            write_failed[i] = dev;
            return;
        }
    }
}

/* Whether a write through to dev (NULL: any) failed since the last bsync; forgets it. */
static bool take_write_failed(struct block_device *dev) {
    bool failed = false;

    for (int i = 0; i < BLOCK_MAX_DEVICES; i++) {
        if (write_failed[i] && (!dev || write_failed[i] == dev)) {
            write_failed[i] = NULL;
            failed = true;
        }
    }
    return failed;
}

void bdirty(struct buf *b) {
    if (bwrite(b) != 0)
        note_write_failed(b->dev);
}

void brelse(struct buf *b) {
    ASSERT_MSG(b->refs > 0, "brelse of an unreferenced buffer (block %u)", b->block);
    if (--b->refs > 0)
        return;
    if (!b->valid) {
        forget(b);
        return;
    }
    list_remove(b);
    list_push_front(b);
}

int bsync(struct block_device *dev) {
    int result = 0;

    for (int i = 0; i < BCACHE_BUFFERS; i++) {
        struct buf *b = &bufs[i];
        if (!b->dirty || (dev && b->dev != dev))
            continue;
        b->refs++; /* held across the write's sleep, so it is not reused meanwhile */
        if (b->dirty && bwrite(b) != 0)
            result = -EIO;
        brelse(b);
    }
    if (take_write_failed(dev))
        result = -EIO;
    return result;
}

void binvalidate(struct block_device *dev) {
    for (int i = 0; i < BCACHE_BUFFERS; i++) {
        struct buf *b = &bufs[i];
        if (b->dev && (!dev || b->dev == dev) && b->refs == 0 && !b->dirty && !b->locked)
            forget(b);
    }
}

int bcache_referenced(void) {
    int n = 0;

    for (int i = 0; i < BCACHE_BUFFERS; i++)
        n += bufs[i].refs > 0;
    return n;
}

void bcache_get_stats(struct bcache_stats *out) {
    *out = stats;
}
