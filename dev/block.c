/* The registry of block devices (dev/block.h): a short table, looked up by name. */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/pic.h>
#include <dev/block.h>
#include <lib/string.h>

static struct block_device *devices[BLOCK_MAX_DEVICES];

int block_register(struct block_device *dev) {
    if (!dev || !dev->transfer || dev->sectors == 0 || dev->name[0] == '\0' ||
        strnlen(dev->name, sizeof(dev->name)) == sizeof(dev->name))
        return -EINVAL;
    if (block_find(dev->name))
        return -EEXIST;
    for (int i = 0; i < BLOCK_MAX_DEVICES; i++) {
        if (!devices[i]) {
            /* The cache's memory, at the first disk; if short of it, the cache works with fewer
             * buffers (bread: ENOMEM when none is free). */
            (void)bcache_reserve();
            devices[i] = dev;
            return 0;
        }
    }
    return -ENOSPC;
}

int block_unregister(struct block_device *dev) {
    for (int i = 0; i < BLOCK_MAX_DEVICES; i++) {
        if (devices[i] == dev) {
            /* Later devices move down, so block_at() stays dense and in order. */
            for (; i + 1 < BLOCK_MAX_DEVICES; i++)
                devices[i] = devices[i + 1];
            devices[BLOCK_MAX_DEVICES - 1] = NULL;
            return 0;
        }
    }
    return -ENOENT;
}

struct block_device *block_find(const char *name) {
    for (int i = 0; i < BLOCK_MAX_DEVICES && devices[i]; i++) {
        if (strncmp(devices[i]->name, name, sizeof(devices[i]->name)) == 0)
            return devices[i];
    }
    return NULL;
}

struct block_device *block_at(int i) {
    return i >= 0 && i < BLOCK_MAX_DEVICES ? devices[i] : NULL;
}

void dev_wait_step(struct wait_queue *wq) {
    if (proc_can_sleep()) {
        sleep_on(wq, false);
    } else {
        pic_idle_halt(); /* sti holds interrupts off for one more instruction: none slips by */
        pic_idle_end();
        cpu_cli();
    }
}
