/*
 * The ATA driver (dev/ata.h): PIO on the primary IDE channel, interrupt-driven.
 *
 * The road of one request: ata_transfer queues it and, if the channel is idle, programs the
 * drive (drive/LBA/count registers, then the command) and sleeps. For a read the drive
 * interrupts once per sector with DRQ set: the handler copies the sector from the data register.
 * For a write the first sector is sent right after the command (the drive asks for it with DRQ,
 * without an interrupt), and each interrupt then says the previous sector was taken: the handler
 * sends the next. After the last sector (or an error: ERR or DF in the status) the handler marks
 * the request finished, wakes its caller and starts the next request in the queue.
 *
 * Reading the status register acknowledges the drive's interrupt (ATA-6, 5.14.2), so the handler
 * always reads it first, also when no request is active (a leftover of IDENTIFY).
 */
#define LOG_MODULE "ata"

#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <dev/ata.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <proc/proc.h>

/* Primary channel registers (command block at 0x1F0, control block at 0x3F6). */
#define ATA_DATA 0x1F0
#define ATA_ERROR 0x1F1
#define ATA_COUNT 0x1F2
#define ATA_LBA_LO 0x1F3
#define ATA_LBA_MID 0x1F4
#define ATA_LBA_HI 0x1F5
#define ATA_DRIVE 0x1F6
#define ATA_STATUS 0x1F7 /* reading acknowledges the interrupt */
#define ATA_COMMAND 0x1F7
#define ATA_CONTROL 0x3F6 /* writing: nIEN, SRST; reading: the alternate status (no acknowledge) */

#define ST_ERR 0x01
#define ST_DRQ 0x08
#define ST_DF 0x20
#define ST_DRDY 0x40
#define ST_BSY 0x80

#define CTL_NIEN 0x02 /* interrupts off */
#define CTL_SRST 0x04 /* software reset of both drives */

#define DRIVE_LBA 0xE0   /* LBA addressing, and the two obsolete bits that are always set */
#define DRIVE_SLAVE 0x10 /* selects the slave */

#define CMD_READ_SECTORS 0x20
#define CMD_WRITE_SECTORS 0x30
#define CMD_CACHE_FLUSH 0xE7
#define CMD_IDENTIFY 0xEC

#define MAX_SECTORS_PER_COMMAND 256 /* a count register of 0 means 256 */
#define LBA28_LIMIT (1u << 28)
#define POLL_LIMIT 1000000 /* status reads before a polled wait gives up */

struct ata_drive {
    struct block_device dev;
    bool slave;
};

struct ata_request {
    struct ata_drive *drive;
    uint32_t lba;
    uint8_t *buf;
    uint32_t count; /* sectors, 1..256 */
    uint32_t done;  /* sectors moved so far */
    bool write;
    bool stall; /* tests: never send the data, so the drive never interrupts */
    bool finished;
    int result;
    uint64_t deadline;     /* the tick after which the RTC's seconds count */
    uint32_t seconds_left; /* changes of the RTC's seconds after the deadline before it has failed */
    struct ata_request *next;
};

/* The one channel's queue: `active` is at the drive; `head` .. `tail` wait their turn. All of it
 * is changed with interrupts disabled (the interrupt handler and the tick change it too). */
static struct {
    struct ata_request *active, *head, *tail;
    struct wait_queue finished;
    uint32_t timeouts;
    uint32_t queued, max_queued; /* requests at the drive or waiting for it */
    uint8_t rtc_seconds;         /* the RTC's seconds register at the last tick past a deadline */
    struct ata_drive *stall_drive;
    uint32_t stall_ticks;
} channel;

static struct ata_drive drives[2];

/* About 400 ns: the drive's status is valid only that long after a drive select (ATA-6, 9.7). */
static void settle(void) {
    for (int i = 0; i < 4; i++)
        (void)inb(ATA_CONTROL);
}

/* Polls until BSY is clear; the status, or -1 when it never cleared. */
static int wait_not_busy(void) {
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint8_t st = inb(ATA_CONTROL);
        if (!(st & ST_BSY))
            return st;
    }
    return -1;
}

/* Polls until DRQ (the drive wants or has data) or an error; true for DRQ. */
static bool wait_drq(void) {
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint8_t st = inb(ATA_CONTROL);
        if (st & ST_BSY)
            continue;
        if (st & (ST_ERR | ST_DF))
            return false;
        if (st & ST_DRQ)
            return true;
    }
    return false;
}

/* Resets both drives of the channel (after a timeout), and leaves interrupts on. */
static void channel_reset(void) {
    outb(ATA_CONTROL, CTL_SRST);
    settle();
    outb(ATA_CONTROL, 0);
    settle();
    (void)wait_not_busy();
    (void)inb(ATA_STATUS);
}

static void start_next(void);

/* Ends the active request with `result`; its caller wakes; the next one starts. Interrupts off. */
static void finish(int result) {
    struct ata_request *req = channel.active;

    req->result = result;
    req->finished = true;
    channel.active = NULL;
    wake_all(&channel.finished);
    start_next();
}

/* Programs the drive with the request at the head of the queue, if any. Interrupts off. */
static void start_next(void) {
    while (!channel.active && channel.head) {
        struct ata_request *req = channel.head;
        channel.head = req->next;
        if (!channel.head)
            channel.tail = NULL;
        channel.active = req;
        req->deadline = timer_ticks() + (req->stall ? channel.stall_ticks : ATA_TIMEOUT_TICKS);
        req->seconds_left = req->stall ? 1 : ATA_TIMEOUT_SECONDS;
        channel.rtc_seconds = rtc_seconds_register();
        if (wait_not_busy() < 0) {
            log_error("%s: the drive stays busy; resetting the channel", req->drive->dev.name);
            channel_reset();
            finish(-EIO);
            return;
        }
        outb(ATA_DRIVE, DRIVE_LBA | (req->drive->slave ? DRIVE_SLAVE : 0) | ((req->lba >> 24) & 0x0F));
        settle();
        outb(ATA_COUNT, (uint8_t)(req->count & 0xFF)); /* 256 is written as 0 */
        outb(ATA_LBA_LO, (uint8_t)req->lba);
        outb(ATA_LBA_MID, (uint8_t)(req->lba >> 8));
        outb(ATA_LBA_HI, (uint8_t)(req->lba >> 16));
        outb(ATA_COMMAND, req->write ? CMD_WRITE_SECTORS : CMD_READ_SECTORS);
        if (req->write && !req->stall) {
            /* The first sector goes without an interrupt: the drive raises DRQ for it. */
            if (!wait_drq()) {
                log_error("%s: write of sector %u refused (error 0x%02x)", req->drive->dev.name, req->lba,
                          inb(ATA_ERROR));
                (void)inb(ATA_STATUS);
                finish(-EIO);
                return;
            }
            outsw(ATA_DATA, req->buf, BLOCK_SECTOR_SIZE / 2);
        }
    }
}

void ata_interrupt(struct int_frame *frame) {
    (void)frame;
    uint8_t st = inb(ATA_STATUS);
    struct ata_request *req = channel.active;

    if (!req || (st & ST_BSY) || req->stall)
        return; /* not ours (IDENTIFY's leftover), or not yet */
    if (st & (ST_ERR | ST_DF)) {
        log_error("%s: %s of sectors %u..%u failed at %u: status 0x%02x, error 0x%02x", req->drive->dev.name,
                  req->write ? "write" : "read", req->lba, req->lba + req->count - 1, req->lba + req->done, st,
                  inb(ATA_ERROR));
        finish(-EIO);
        return;
    }
    if (!req->write) {
        if (!(st & ST_DRQ)) {
            finish(-EIO);
            return;
        }
        insw(ATA_DATA, req->buf + req->done * BLOCK_SECTOR_SIZE, BLOCK_SECTOR_SIZE / 2);
        if (++req->done == req->count)
            finish(0);
        return;
    }
    if (++req->done == req->count) {
        finish(0);
        return;
    }
    if (!(st & ST_DRQ)) {
        finish(-EIO);
        return;
    }
    outsw(ATA_DATA, req->buf + req->done * BLOCK_SECTOR_SIZE, BLOCK_SECTOR_SIZE / 2);
}

void ata_tick(uint64_t ticks) {
    struct ata_request *req = channel.active;

    if (!req || ticks < req->deadline)
        return;
    uint8_t now = rtc_seconds_register();
    if (now != channel.rtc_seconds) {
        channel.rtc_seconds = now;
        req->seconds_left--;
    }
    if (req->seconds_left > 0)
        return;
    channel.timeouts++;
    log_error("%s: %s of sectors %u..%u timed out; resetting the channel", req->drive->dev.name,
              req->write ? "write" : "read", req->lba, req->lba + req->count - 1);
    channel_reset();
    finish(-EIO);
}

uint32_t ata_timeouts(void) {
    return channel.timeouts;
}

uint32_t ata_max_queued(void) {
    return channel.max_queued;
}

void ata_test_stall_next(struct block_device *dev, uint32_t ticks) {
    bool irq = irq_save();
    channel.stall_drive = dev->driver;
    channel.stall_ticks = ticks;
    irq_restore(irq);
}

/* Queues one command's worth and sleeps until the handler (or the tick) has finished it. */
static int ata_command(struct ata_drive *d, uint32_t lba, uint8_t *buf, uint32_t count, bool write) {
    struct ata_request req = {.drive = d, .lba = lba, .buf = buf, .count = count, .write = write};
    bool irq = irq_save();

    if (channel.stall_drive == d) {
        req.stall = true;
        channel.stall_drive = NULL;
    }
    if (channel.tail)
        channel.tail->next = &req;
    else
        channel.head = &req;
    channel.tail = &req;
    if (++channel.queued > channel.max_queued)
        channel.max_queued = channel.queued;
    start_next();
    while (!req.finished)
        dev_wait_step(&channel.finished);
    channel.queued--;
    irq_restore(irq);
    return req.result;
}

static int ata_transfer(struct block_device *dev, uint32_t sector, void *buf, uint32_t count, bool write) {
    struct ata_drive *d = dev->driver;
    uint8_t *p = buf;

    while (count > 0) {
        uint32_t n = count < MAX_SECTORS_PER_COMMAND ? count : MAX_SECTORS_PER_COMMAND;
        if (ata_command(d, sector, p, n, write) != 0)
            return -EIO;
        sector += n;
        p += n * BLOCK_SECTOR_SIZE;
        count -= n;
    }
    return 0;
}

/* IDENTIFY DEVICE, polled: the drive's sector count, or 0 when there is no ATA drive there. */
static uint32_t identify(bool slave) {
    uint16_t id[256];

    outb(ATA_DRIVE, 0xA0 | (slave ? DRIVE_SLAVE : 0));
    settle();
    outb(ATA_COUNT, 0);
    outb(ATA_LBA_LO, 0);
    outb(ATA_LBA_MID, 0);
    outb(ATA_LBA_HI, 0);
    outb(ATA_COMMAND, CMD_IDENTIFY);
    settle();
    uint8_t st = inb(ATA_CONTROL);
    if (st == 0 || st == 0xFF)
        return 0; /* nothing answers: no drive (0), or no channel at all (a floating bus) */
    if (wait_not_busy() < 0)
        return 0;
    if (inb(ATA_LBA_MID) != 0 || inb(ATA_LBA_HI) != 0)
        return 0; /* an ATAPI or SATA signature: not a disk this driver speaks to */
    if (!wait_drq())
        return 0;
    insw(ATA_DATA, id, 256);
    (void)inb(ATA_STATUS);
    /* Words 60-61: the sectors addressable with LBA28 (ATA-6, table 27). */
    uint32_t sectors = (uint32_t)id[60] | (uint32_t)id[61] << 16;
    return sectors < LBA28_LIMIT ? sectors : LBA28_LIMIT - 1;
}

int ata_init(void) {
    int found = 0;

    wait_queue_init(&channel.finished);
    outb(ATA_CONTROL, CTL_NIEN); /* IDENTIFY is polled */
    for (int i = 0; i < 2; i++) {
        uint32_t sectors = identify(i == 1);
        if (sectors == 0)
            continue;
        struct ata_drive *d = &drives[i];
        strlcpy(d->dev.name, i == 0 ? "hda" : "hdb", sizeof(d->dev.name));
        d->dev.sectors = sectors;
        d->dev.transfer = ata_transfer;
        d->dev.driver = d;
        d->slave = i == 1;
        int err = block_register(&d->dev);
        if (err) {
            log_error("%s: cannot register: %d", d->dev.name, err);
            continue;
        }
        log_info("%s: %u sectors (%u KiB)", d->dev.name, sectors, sectors / 2);
        found++;
    }
    outb(ATA_CONTROL, 0); /* interrupts on */
    (void)inb(ATA_STATUS);
    return found;
}
