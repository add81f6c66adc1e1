/*
 * Time. The 8254 PIT channel 0 interrupts TIMER_HZ times a second; each tick advances the tick
 * counter and runs the registered tick handlers (the scheduler's time slice, the sleep queue).
 * Between ticks, the TSC interpolates: it is calibrated against the PIT counter for 100 us at
 * start-up (within 1%), refined by the first 64 ticks, and clock_ns() never goes backwards.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <arch/interrupt.h>
#include <stdbool.h>
#include <stdint.h>

#define TIMER_HZ 100
#define NS_PER_TICK (1000000000u / TIMER_HZ)

typedef void (*tick_handler_fn)(uint64_t ticks);

/*
 * Programs the PIT and calibrates the TSC. Ticks arrive once timer_interrupt is IRQ_TIMER's
 * handler (kernel/wiring.c) and interrupts are enabled.
 */
void timer_init(void);

/* The handler of IRQ_TIMER: counts the tick and runs the tick handlers. */
void timer_interrupt(struct int_frame *frame);

/* Adds a handler run on every tick (in interrupt context, interrupts off). 0, or -ENOSPC if full. */
int timer_add_tick_handler(tick_handler_fn handler);

/* Did the tick whose handlers are running interrupt user mode (else the kernel or the idle
 * loop)? For tick handlers only: it is how processor time splits into user and system time. */
bool timer_tick_from_user(void);

/* Ticks since timer_init(). */
uint64_t timer_ticks(void);

/* Nanoseconds since timer_init(); monotonic (never decreases). */
uint64_t clock_ns(void);

/* TSC increments per tick, as calibrated by timer_init(). */
uint64_t clock_tsc_per_tick(void);

#endif
