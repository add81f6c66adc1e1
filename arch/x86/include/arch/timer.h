/*
 * Time. The 8254 PIT channel 0 interrupts TIMER_HZ times a second; each tick advances the tick
 * counter and runs the registered tick handlers (the scheduler's time slice, the sleep queue).
 * Between ticks, the TSC interpolates: it is calibrated against the PIT counter for 2 ms at
 * start-up, and clock_ns() never goes backwards.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <stdint.h>

#define TIMER_HZ 100
#define NS_PER_TICK (1000000000u / TIMER_HZ)

typedef void (*tick_handler_fn)(uint64_t ticks);

/* Programs the PIT and starts counting; interrupts must be enabled for ticks to arrive. */
void timer_init(void);

/* Adds a handler run on every tick (in interrupt context, interrupts off). 0, or -ENOSPC if full. */
int timer_add_tick_handler(tick_handler_fn handler);

/* Ticks since timer_init(). */
uint64_t timer_ticks(void);

/* Nanoseconds since timer_init(); monotonic (never decreases). */
uint64_t clock_ns(void);

/* TSC increments per tick, as calibrated by timer_init(). */
uint64_t clock_tsc_per_tick(void);

#endif
