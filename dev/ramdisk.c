/*
 * A block device in kernel memory (dev/block.h), for tests: the cache and the file systems can
 * be driven through exact cases (a failing sector, a count of transfers) without a disk.
 */
#include <abi/errno.h>
#include <dev/block.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

#define RAMDISK_MAX_SECTORS 4096
#define SECTORS_PER_PAGE (4096 / BLOCK_SECTOR_SIZE)

struct ramdisk {
    struct block_device dev;
    uint32_t fail_sector; /* transfers touching it fail; UINT32_MAX: none */
    uint32_t transfers;
    uint8_t *pages[RAMDISK_MAX_SECTORS / SECTORS_PER_PAGE];
};

static int ramdisk_transfer(struct block_device *dev, uint32_t sector, void *buf, uint32_t count, bool write) {
    struct ramdisk *rd = dev->driver;

    ASSERT_MSG(sector <= dev->sectors && count <= dev->sectors - sector, "%s: transfer past the end", dev->name);
    rd->transfers++;
    if (rd->fail_sector >= sector && rd->fail_sector - sector < count)
        return -EIO;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t s = sector + i;
        uint8_t *at = rd->pages[s / SECTORS_PER_PAGE] + (s % SECTORS_PER_PAGE) * BLOCK_SECTOR_SIZE;
        uint8_t *b = (uint8_t *)buf + i * BLOCK_SECTOR_SIZE;
        if (write)
            memcpy(at, b, BLOCK_SECTOR_SIZE);
        else
            memcpy(b, at, BLOCK_SECTOR_SIZE);
    }
    return 0;
}

static void free_pages(struct ramdisk *rd) {
    for (uint32_t i = 0; i < RAMDISK_MAX_SECTORS / SECTORS_PER_PAGE; i++)
        kfree(rd->pages[i]);
    kfree(rd);
}

struct block_device *ramdisk_create(const char *name, uint32_t sectors) {
    struct ramdisk *rd = kzalloc(sizeof(*rd));

    if (!rd || sectors == 0 || sectors > RAMDISK_MAX_SECTORS || strlen(name) >= sizeof(rd->dev.name))
        goto out_free;
    for (uint32_t i = 0; i < (sectors + SECTORS_PER_PAGE - 1) / SECTORS_PER_PAGE; i++) {
        rd->pages[i] = kzalloc(4096);
        if (!rd->pages[i])
            goto out_free;
    }
    strlcpy(rd->dev.name, name, sizeof(rd->dev.name));
    rd->dev.sectors = sectors;
    rd->dev.transfer = ramdisk_transfer;
    rd->dev.driver = rd;
    rd->fail_sector = UINT32_MAX;
    if (block_register(&rd->dev) != 0)
        goto out_free;
    return &rd->dev;

out_free:
    if (rd)
        free_pages(rd);
    return NULL;
}

void ramdisk_fail(struct block_device *dev, uint32_t sector) {
    ((struct ramdisk *)dev->driver)->fail_sector = sector;
}

uint32_t ramdisk_transfers(struct block_device *dev) {
    return ((struct ramdisk *)dev->driver)->transfers;
}

void ramdisk_destroy(struct block_device *dev) {
    /* A write a test made fail is still owed: let it through, so no buffer names dev after. */
    ramdisk_fail(dev, UINT32_MAX);
    (void)bsync(dev);
    binvalidate(dev);
    block_unregister(dev);
    free_pages(dev->driver);
}
