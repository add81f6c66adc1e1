/* The ATA driver on a real (QEMU) disk: hda is //dev/tests:pattern_disk, whose bytes are known. */
#include <abi/errno.h>
#include <dev/ata.h>
#include <dev/block.h>
#include <ktest/ktest.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <proc/proc.h>

#define PATTERN_SECTORS 2048

/* Whether `s` is what make_pattern_disk.py put in sector n. */
static bool pattern_ok(const uint8_t *s, uint32_t n) {
    uint32_t got;
    memcpy(&got, s + 6, 4);
    if (memcmp(s, "SECTOR", 6) != 0 || got != n)
        return false;
    for (uint32_t i = 10; i < BLOCK_SECTOR_SIZE; i++) {
        if (s[i] != (uint8_t)(n + i))
            return false;
    }
    return true;
}

KTEST(ata, hda_is_found) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    KEXPECT_EQ(hda->sectors, (uint32_t)PATTERN_SECTORS);
    KEXPECT_EQ(block_find("hdb"), NULL); /* no second disk attached */
}

KTEST(ata, reads_one_and_many_sectors) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    uint8_t *buf = kmalloc(4096);
    KASSERT_NE(buf, NULL);
    KEXPECT_EQ(hda->transfer(hda, 5, buf, 1, false), 0);
    KEXPECT_TRUE(pattern_ok(buf, 5));
    KEXPECT_EQ(hda->transfer(hda, PATTERN_SECTORS - 8, buf, 8, false), 0);
    for (uint32_t i = 0; i < 8; i++)
        KEXPECT_TRUE(pattern_ok(buf + i * BLOCK_SECTOR_SIZE, PATTERN_SECTORS - 8 + i));
    kfree(buf);
}

/* 300 sectors: more than one command's 256, so the driver splits it. */
KTEST(ata, reads_past_one_command) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    static uint8_t big[300 * BLOCK_SECTOR_SIZE];
    KEXPECT_EQ(hda->transfer(hda, 100, big, 300, false), 0);
    uint32_t bad = 0;
    for (uint32_t i = 0; i < 300; i++)
        bad += !pattern_ok(big + i * BLOCK_SECTOR_SIZE, 100 + i);
    KEXPECT_EQ(bad, 0u);
}

KTEST(ata, writes_and_reads_back) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    uint8_t *orig = kmalloc(2048), *buf = kmalloc(2048);
    KASSERT_NE(orig, NULL);
    KASSERT_NE(buf, NULL);
    KEXPECT_EQ(hda->transfer(hda, 700, orig, 4, false), 0);
    for (int i = 0; i < 2048; i++)
        buf[i] = (uint8_t)(i * 7);
    KEXPECT_EQ(hda->transfer(hda, 700, buf, 4, true), 0);
    memset(buf, 0, 2048);
    KEXPECT_EQ(hda->transfer(hda, 700, buf, 4, false), 0);
    bool same = true;
    for (int i = 0; i < 2048; i++)
        same = same && buf[i] == (uint8_t)(i * 7);
    KEXPECT_TRUE(same);
    KEXPECT_EQ(hda->transfer(hda, 700, orig, 4, true), 0); /* as it was */
    KEXPECT_EQ(hda->transfer(hda, 701, buf, 1, false), 0);
    KEXPECT_TRUE(pattern_ok(buf, 701));
    kfree(orig);
    kfree(buf);
}

KTEST(ata, through_the_cache) {
    struct block_device *hda = block_find("hda");
    int err = 0;
    KASSERT_NE(hda, NULL);
    struct buf *b = bread(hda, 3, 4096, &err);
    KASSERT_NE(b, NULL);
    for (uint32_t i = 0; i < 8; i++)
        KEXPECT_TRUE(pattern_ok(b->data + i * BLOCK_SECTOR_SIZE, 24 + i));
    brelse(b);
}

/* The drive refuses a sector past its end (the block layer never asks for one; the driver is
 * asked directly here): -EIO, a log line, and the next request works. */
KTEST(ata, drive_error_is_eio) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    uint8_t *buf = kmalloc(512);
    KASSERT_NE(buf, NULL);
    KEXPECT_EQ(hda->transfer(hda, PATTERN_SECTORS + 10, buf, 1, false), -EIO);
    KEXPECT_EQ(hda->transfer(hda, PATTERN_SECTORS + 10, buf, 1, true), -EIO);
    KEXPECT_EQ(hda->transfer(hda, 9, buf, 1, false), 0);
    KEXPECT_TRUE(pattern_ok(buf, 9));
    kfree(buf);
}

/* A drive that never answers: the tick fails the request after its time, resets the channel,
 * and the next request works. */
KTEST(ata, timeout_is_eio) {
    struct block_device *hda = block_find("hda");
    KASSERT_NE(hda, NULL);
    uint8_t *buf = kmalloc(512);
    KASSERT_NE(buf, NULL);
    uint32_t before = ata_timeouts();
    ata_test_stall_next(hda, 5);
    KEXPECT_EQ(hda->transfer(hda, 11, buf, 1, true), -EIO);
    KEXPECT_EQ(ata_timeouts(), before + 1);
    KEXPECT_EQ(hda->transfer(hda, 11, buf, 1, false), 0);
    KEXPECT_TRUE(pattern_ok(buf, 11)); /* the stalled write wrote nothing */
    kfree(buf);
}

/* Three processes read at once: the requests queue behind the one at the drive, each caller
 * sleeps until its own is done, and each gets its own sectors. */
struct reader {
    uint32_t first;
    int bad;
    uint8_t buf[64 * BLOCK_SECTOR_SIZE];
};

static int read_range(void *arg) {
    struct reader *r = arg;
    struct block_device *hda = block_find("hda");

    if (hda->transfer(hda, r->first, r->buf, 64, false) != 0)
        return 1;
    for (uint32_t i = 0; i < 64; i++)
        r->bad += !pattern_ok(r->buf + i * BLOCK_SECTOR_SIZE, r->first + i);
    return 0;
}

KTEST(ata, concurrent_requests_queue) {
    static struct reader readers[3];
    int pids[3];
    KASSERT_NE(block_find("hda"), NULL);
    for (int i = 0; i < 3; i++) {
        readers[i] = (struct reader){.first = 1000 + 300 * (uint32_t)i};
        pids[i] = kthread_spawn("reader", read_range, &readers[i]);
        KASSERT_GT(pids[i], 0);
    }
    for (int i = 0; i < 3; i++)
        KEXPECT_EQ(proc_waitpid(pids[i], UADDR_NULL, 0), pids[i]);
    for (int i = 0; i < 3; i++)
        KEXPECT_EQ(readers[i].bad, 0);
    KEXPECT_GE(ata_max_queued(), 3u); /* all three were in the queue at once */
}
