/*
 * The requests a block device (/dev/hda) answers with ioctl. BLKGETSIZE64 is Linux's (its number
 * included); BLKLUNESTAT is ours, for the disk figures of //bench.
 */
#ifndef ABI_BLKDEV_H
#define ABI_BLKDEV_H

#include <stdint.h>

/* The device's size in bytes, as a uint64_t written at the address the argument gives. */
#define BLKGETSIZE64 0x80081272u

/* The buffer cache's counters since boot and the CPU's halted time (struct abi_blkstat, written at
 * the address the argument gives). */
#define BLKLUNESTAT 0x80304c01u

struct abi_blkstat {
    uint32_t hits, misses;  /* bread found the block cached / had to read it */
    uint32_t reads, writes; /* blocks read from and written to the disks */
    uint32_t evictions;     /* cached blocks given up for others */
    uint32_t pad;
    uint64_t halted_tsc; /* TSC ticks the CPU spent halted, waiting for an interrupt */
    uint64_t reserved[2];
};
_Static_assert(sizeof(struct abi_blkstat) == 48, "struct abi_blkstat is part of the ABI");

#endif
