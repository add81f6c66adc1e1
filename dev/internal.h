/* What the files of dev/ share. */
#ifndef DEV_INTERNAL_H
#define DEV_INTERNAL_H

#include <proc/proc.h>

/*
 * One step of waiting for an interrupt handler's wake-up on `wq`: sleeps (uninterruptibly) in a
 * process, or halts until the next interrupt in the idle process, which cannot sleep (it syncs
 * and unmounts the disks at power-off). Call with interrupts disabled, after checking the
 * condition, and check it again after: returns with them disabled.
 */
void dev_wait_step(struct wait_queue *wq);

/* Gives the buffer cache its memory (block_register calls it for each disk; only the first call
 * takes frames). 0, or -ENOMEM: the cache then works with the buffers it got. */
int bcache_reserve(void);

#endif
