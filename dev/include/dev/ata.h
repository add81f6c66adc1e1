/*
 * The ATA disk driver: the primary IDE channel (ports 0x1F0-0x1F7, 0x3F6, IRQ 14), its master
 * registered as block device "hda" and its slave as "hdb" (what QEMU's PC gives for
 * `-drive file=X,format=raw,if=ide,index=0` and index=1). LBA28 PIO, one sector per interrupt.
 *
 * Requests queue in arrival order; the caller of transfer sleeps (uninterruptibly) until the
 * interrupt handler has moved its last sector or the drive reported an error. A request the
 * drive does not finish within ATA_TIMEOUT_TICKS resets the channel and fails: every error is
 * -EIO for the caller and a log line, never a panic.
 */
#ifndef DEV_ATA_H
#define DEV_ATA_H

#include <arch/interrupt.h>
#include <dev/block.h>
#include <stdint.h>

#define ATA_IRQ 14 /* the primary channel's line on the PIC */
/*
 * A request has failed when the drive has not finished it after ATA_TIMEOUT_TICKS timer ticks
 * and then ATA_TIMEOUT_SECONDS more changes of the RTC's seconds: 30 s in all, Linux's default
 * command timeout. Ticks alone would not do: under QEMU's -icount with sleep=off (the benchmarks)
 * the tick clock leaps while the CPU waits for the host's disk, so a loaded host that was merely
 * slow would see EIO. The RTC follows the host's own clock.
 */
#define ATA_TIMEOUT_TICKS (15 * 100)
#define ATA_TIMEOUT_SECONDS 15

/* Finds the drives (IDENTIFY, polled: before interrupts are on) and registers each. Returns how
 * many were found. */
int ata_init(void);

/* IRQ 14: the active request's next sector, or its end (kernel/wiring.c). */
void ata_interrupt(struct int_frame *frame);

/* The timer's tick: fails the active request once its time is up (kernel/wiring.c). */
void ata_tick(uint64_t ticks);

/* Requests the driver has failed since boot because the drive did not answer in time. */
uint32_t ata_timeouts(void);

/* The most requests that were ever at the drive or waiting for it at once (the queue's depth). */
uint32_t ata_max_queued(void);

/* For tests of the error path: the next request to `dev` goes to the drive as a WRITE whose data
 * is never sent, so the drive never interrupts and the request must time out after `ticks` (and
 * one change of the RTC's seconds: one or two real seconds). */
void ata_test_stall_next(struct block_device *dev, uint32_t ticks);

#endif
