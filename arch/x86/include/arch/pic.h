/*
 * The two 8259A PICs, remapped so IRQ 0-15 arrive as vectors 32-47 (the CPU reserves 0-31).
 * We use the PIC rather than the APIC: one CPU, QEMU's default machine has it, and it takes a page
 * of code instead of ten. Each IRQ has a short list of handlers, run in order, then EOI.
 */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H

#include <arch/interrupt.h>

typedef void (*irq_handler_fn)(struct int_frame *frame);

void pic_init(void);

/*
 * Adds `handler` to IRQ `irq` and unmasks the line. Returns 0, or -ENOSPC when the IRQ already
 * has the maximum number of handlers.
 */
int irq_add_handler(unsigned irq, irq_handler_fn handler);

/* The handler of all IRQ vectors: runs the IRQ's handlers, then acknowledges it. */
void pic_dispatch(struct int_frame *frame);

/*
 * Halts until an interrupt (sti; hlt) and counts the TSC ticks spent waiting: from the first of a
 * series of halts to the entry of an interrupt other than the timer's, or to pic_idle_end. Ticks
 * that only end a halt, and the caller's loop between halts, count as waiting. Call with
 * interrupts disabled; returns with them enabled, after the interrupt's handlers ran. Under QEMU's
 * icount the TSC counts instructions and the waiting time is virtual time QEMU skips, which
 * depends on how fast the host's disk answered: the disk figures of //bench subtract it
 * (docs/performance.md).
 */
void pic_idle_halt(void);
/* The caller stops waiting (it found work): ends the waiting pic_idle_halt counts. */
void pic_idle_end(void);
/* TSC ticks spent waiting since boot (see pic_idle_halt). */
uint64_t pic_halted_tsc(void);

#endif
