/* The buffer cache on a ramdisk: hits, write-through, LRU reuse, errors, sizes that overlap. */
#include <abi/errno.h>
#include <dev/block.h>
#include <ktest/ktest.h>
#include <lib/string.h>

#define RD_SECTORS 1024 /* 512 KiB */

/* A ramdisk whose sector n starts with n (so a block's bytes say where they came from). */
static struct block_device *make_disk(const char *name) {
    struct block_device *dev = ramdisk_create(name, RD_SECTORS);
    uint8_t sector[BLOCK_SECTOR_SIZE];

    if (!dev)
        return NULL;
    for (uint32_t n = 0; n < RD_SECTORS; n++) {
        memset(sector, (int)(n & 0xFF), sizeof(sector));
        memcpy(sector, &n, sizeof(n));
        dev->transfer(dev, n, sector, 1, true);
    }
    return dev;
}

static uint32_t first_word(const struct buf *b) {
    uint32_t w;
    memcpy(&w, b->data, sizeof(w));
    return w;
}

KTEST(bcache, read_then_hit) {
    struct block_device *dev = make_disk("rdhit");
    int err = 0;
    KASSERT_NE(dev, NULL);
    uint32_t before = ramdisk_transfers(dev);
    struct buf *b = bread(dev, 3, 1024, &err);
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(first_word(b), 6u); /* block 3 of 1 KiB starts at sector 6 */
    KEXPECT_EQ(b->data[600], 7);   /* the second sector of it: sector 7's filler */
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1);
    struct buf *again = bread(dev, 3, 1024, &err);
    KEXPECT_EQ(again, b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1); /* a hit: no transfer */
    brelse(again);
    brelse(b);
    b = bread(dev, 3, 1024, &err); /* released blocks stay cached */
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1);
    brelse(b);
    KEXPECT_EQ(bcache_referenced(), 0);
    ramdisk_destroy(dev);
}

KTEST(bcache, bdirty_writes_through) {
    struct block_device *dev = make_disk("rdwt");
    int err = 0;
    uint8_t sector[BLOCK_SECTOR_SIZE];
    KASSERT_NE(dev, NULL);
    struct buf *b = bread(dev, 10, 512, &err);
    KASSERT_NE(b, NULL);
    uint32_t before = ramdisk_transfers(dev);
    memcpy(b->data, "written", 8);
    bdirty(b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1); /* on the disk before bdirty returned */
    dev->transfer(dev, 10, sector, 1, false);
    KEXPECT_STREQ((char *)sector, "written");
    KEXPECT_EQ(bsync(dev), 0);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 2); /* the read above; bsync had nothing to do */
    brelse(b);
    ramdisk_destroy(dev);
}

KTEST(bcache, lru_reuses_the_least_recently_released) {
    struct block_device *dev = make_disk("rdlru");
    int err = 0;
    KASSERT_NE(dev, NULL);
    binvalidate(NULL);
    /* Fill every buffer, released in order 0, 1, 2...: block 0 is the least recently used. */
    for (uint32_t i = 0; i < BCACHE_BUFFERS; i++) {
        struct buf *b = bread(dev, i, 512, &err);
        KASSERT_NE(b, NULL);
        brelse(b);
    }
    struct buf *b = bread(dev, 0, 512, &err); /* touched: now block 1 is the oldest */
    KASSERT_NE(b, NULL);
    brelse(b);
    uint32_t before = ramdisk_transfers(dev);
    b = bread(dev, BCACHE_BUFFERS, 512, &err); /* a miss: takes block 1's buffer */
    KASSERT_NE(b, NULL);
    brelse(b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1);
    b = bread(dev, 0, 512, &err);
    brelse(b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1); /* block 0 is still there */
    b = bread(dev, 1, 512, &err);
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(first_word(b), 1u);
    brelse(b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 2); /* block 1 was the one reused */
    ramdisk_destroy(dev);
}

KTEST(bcache, every_buffer_referenced_is_enomem) {
    static struct buf *held[BCACHE_BUFFERS];
    struct block_device *dev = make_disk("rdfull");
    int err = 0;
    KASSERT_NE(dev, NULL);
    for (uint32_t i = 0; i < BCACHE_BUFFERS; i++) {
        held[i] = bread(dev, i, 512, &err);
        KASSERT_NE(held[i], NULL);
    }
    KEXPECT_EQ(bread(dev, BCACHE_BUFFERS, 512, &err), NULL);
    KEXPECT_EQ(err, -ENOMEM);
    struct buf *b = bread(dev, 5, 512, &err); /* a cached block is still there to share */
    KEXPECT_EQ(b, held[5]);
    brelse(b);
    for (uint32_t i = 0; i < BCACHE_BUFFERS; i++)
        brelse(held[i]);
    KEXPECT_EQ(bcache_referenced(), 0);
    ramdisk_destroy(dev);
}

KTEST(bcache, bad_sizes_and_blocks_are_einval) {
    struct block_device *dev = make_disk("rdinval");
    int err = 0;
    KASSERT_NE(dev, NULL);
    KEXPECT_EQ(bread(dev, 0, 1000, &err), NULL);
    KEXPECT_EQ(err, -EINVAL);
    KEXPECT_EQ(bread(dev, 0, 256, &err), NULL);
    KEXPECT_EQ(bread(dev, 0, 8192, &err), NULL);
    KEXPECT_EQ(bread(dev, RD_SECTORS / 8, 4096, &err), NULL); /* just past the end */
    KEXPECT_EQ(err, -EINVAL);
    struct buf *b = bread(dev, RD_SECTORS / 8 - 1, 4096, &err); /* the last block */
    KEXPECT_NE(b, NULL);
    if (b)
        brelse(b);
    KEXPECT_EQ(bread(NULL, 0, 512, &err), NULL);
    ramdisk_destroy(dev);
}

KTEST(bcache, read_error_is_eio_and_caches_nothing) {
    struct block_device *dev = make_disk("rdrerr");
    int err = 0;
    KASSERT_NE(dev, NULL);
    ramdisk_fail(dev, 41);
    KEXPECT_EQ(bread(dev, 10, 2048, &err), NULL); /* sectors 40..43 */
    KEXPECT_EQ(err, -EIO);
    KEXPECT_EQ(bcache_referenced(), 0);
    ramdisk_fail(dev, UINT32_MAX);
    struct buf *b = bread(dev, 10, 2048, &err);
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(first_word(b), 40u);
    brelse(b);
    ramdisk_destroy(dev);
}

KTEST(bcache, write_error_stays_dirty_and_bsync_reports_it) {
    struct block_device *dev = make_disk("rdwerr");
    int err = 0;
    uint8_t sector[BLOCK_SECTOR_SIZE];
    KASSERT_NE(dev, NULL);
    struct buf *b = bread(dev, 2, 1024, &err);
    KASSERT_NE(b, NULL);
    ramdisk_fail(dev, 5);
    memcpy(b->data + 512, "late", 5);
    bdirty(b); /* the write fails: kept dirty */
    KEXPECT_TRUE(b->dirty);
    brelse(b);
    KEXPECT_EQ(bsync(dev), -EIO); /* still failing */
    ramdisk_fail(dev, UINT32_MAX);
    KEXPECT_EQ(bsync(dev), 0); /* written now; the failure was reported once */
    dev->transfer(dev, 5, sector, 1, false);
    KEXPECT_STREQ((char *)sector, "late");
    KEXPECT_EQ(bwrite(b = bread(dev, 2, 1024, &err)), 0);
    brelse(b);
    /* A failure bdirty swallowed is reported by the next bsync even when the retry succeeds. */
    b = bread(dev, 2, 1024, &err);
    ramdisk_fail(dev, 4);
    bdirty(b);
    ramdisk_fail(dev, UINT32_MAX);
    brelse(b);
    KEXPECT_EQ(bsync(NULL), -EIO);
    KEXPECT_EQ(bsync(NULL), 0);
    ramdisk_destroy(dev);
}

KTEST(bcache, overlapping_sizes_see_each_others_writes) {
    struct block_device *dev = make_disk("rdover");
    int err = 0;
    KASSERT_NE(dev, NULL);
    struct buf *big = bread(dev, 1, 4096, &err); /* sectors 8..15 */
    KASSERT_NE(big, NULL);
    struct buf *small = bread(dev, 5, 1024, &err); /* sectors 10..11 */
    KASSERT_NE(small, NULL);
    memcpy(small->data, "small", 6);
    bdirty(small);
    KEXPECT_STREQ((char *)big->data + 1024, "small");
    memcpy(big->data + 1024, "big", 4);
    bdirty(big);
    KEXPECT_STREQ((char *)small->data, "big");
    brelse(small);
    brelse(big);
    ramdisk_destroy(dev);
}

KTEST(block, registry) {
    struct block_device *a = ramdisk_create("rdreg", 8);
    KASSERT_NE(a, NULL);
    KEXPECT_EQ(block_find("rdreg"), a);
    KEXPECT_EQ(block_find("rdre"), NULL);
    KEXPECT_EQ(ramdisk_create("rdreg", 8), NULL); /* the name is taken */
    KEXPECT_EQ(block_register(a), -EEXIST);
    struct block_device bad = {.name = "x", .sectors = 0};
    KEXPECT_EQ(block_register(&bad), -EINVAL);
    ramdisk_destroy(a);
    KEXPECT_EQ(block_find("rdreg"), NULL);
}

KTEST(bcache, bget_overwrites_without_reading) {
    struct block_device *dev = make_disk("rdget");
    int err = 0;
    uint8_t sector[BLOCK_SECTOR_SIZE];
    KASSERT_NE(dev, NULL);
    uint32_t before = ramdisk_transfers(dev);
    struct buf *b = bget(dev, 7, 1024, &err);
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(ramdisk_transfers(dev), before); /* nothing read */
    KEXPECT_FALSE(b->valid);
    memset(b->data, 0xAB, 1024);
    bdirty(b);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 1);
    brelse(b);
    dev->transfer(dev, 15, sector, 1, false);
    KEXPECT_EQ(sector[511], 0xAB);
    b = bread(dev, 7, 1024, &err); /* cached now, with the new bytes */
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(b->data[0], 0xAB);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 2);
    brelse(b);
    b = bget(dev, 7, 1024, &err); /* a cached block comes as it is */
    KASSERT_NE(b, NULL);
    KEXPECT_TRUE(b->valid);
    brelse(b);
    /* A bget block released unwritten is forgotten: the next bread reads the disk. */
    b = bget(dev, 9, 1024, &err);
    KASSERT_NE(b, NULL);
    memset(b->data, 0xCD, 100);
    brelse(b);
    b = bread(dev, 9, 1024, &err);
    KASSERT_NE(b, NULL);
    KEXPECT_EQ(first_word(b), 18u);
    KEXPECT_EQ(ramdisk_transfers(dev), before + 3);
    brelse(b);
    ramdisk_destroy(dev);
}
