/* PIT tick and the TSC-interpolated monotonic clock; see arch/timer.h. */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/pic.h>
#include <arch/timer.h>

#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_HZ 1193182u
#define PIT_MODE2_LOHI 0x34 /* channel 0, lobyte/hibyte, rate generator */
#define PIT_LATCH_CH0 0x00
#define CALIBRATION_COUNTS (PIT_HZ / 500) /* 2 ms of PIT counts */
#define MAX_TICK_HANDLERS 8

static volatile uint64_t ticks;
static uint64_t tsc_at_tick;  /* TSC read at the last tick */
static uint64_t tsc_per_tick; /* TSC increments per tick, measured at start-up */
static uint64_t last_ns;      /* the largest value clock_ns() returned */
static tick_handler_fn tick_handlers[MAX_TICK_HANDLERS];

void timer_interrupt(struct int_frame *frame) {
    (void)frame;
    uint64_t now = rdtsc();

    ticks++;
    tsc_at_tick = now;
    for (unsigned i = 0; i < MAX_TICK_HANDLERS && tick_handlers[i]; i++)
        tick_handlers[i](ticks);
}

static uint16_t pit_count(void) {
    outb(PIT_CMD, PIT_LATCH_CH0);
    uint8_t lo = inb(PIT_CH0);
    return (uint16_t)(lo | (inb(PIT_CH0) << 8));
}

/*
 * Measures the TSC against the PIT for 2 ms of PIT counts (the counter runs down from `divisor`
 * at 1.193182 MHz and reloads, so elapsed counts are taken modulo the divisor).
 */
static void calibrate_tsc(uint16_t divisor) {
    uint16_t last = pit_count();
    uint32_t elapsed = 0;
    uint64_t t0 = rdtsc();

    while (elapsed < CALIBRATION_COUNTS) {
        uint16_t now = pit_count();
        elapsed += (uint32_t)(last >= now ? last - now : last + divisor - now);
        last = now;
    }
    tsc_per_tick = (rdtsc() - t0) * divisor / elapsed;
    tsc_at_tick = rdtsc();
}

void timer_init(void) {
    uint16_t divisor = (uint16_t)((PIT_HZ + TIMER_HZ / 2) / TIMER_HZ);

    outb(PIT_CMD, PIT_MODE2_LOHI);
    outb(PIT_CH0, (uint8_t)divisor);
    outb(PIT_CH0, (uint8_t)(divisor >> 8));
    calibrate_tsc(divisor);
}

int timer_add_tick_handler(tick_handler_fn handler) {
    for (unsigned i = 0; i < MAX_TICK_HANDLERS; i++) {
        if (!tick_handlers[i]) {
            tick_handlers[i] = handler;
            return 0;
        }
    }
    return -ENOSPC;
}

uint64_t timer_ticks(void) {
    bool irq = irq_save();
    uint64_t t = ticks;
    irq_restore(irq);
    return t;
}

uint64_t clock_tsc_per_tick(void) {
    return tsc_per_tick;
}

uint64_t clock_ns(void) {
    bool irq = irq_save();
    uint64_t ns = ticks * NS_PER_TICK;

    if (tsc_per_tick) {
        /* Interpolate within the tick, but never past its end: the next tick takes over there. */
        uint64_t delta = rdtsc() - tsc_at_tick;
        if (delta >= tsc_per_tick)
            delta = tsc_per_tick - 1;
        ns += delta * NS_PER_TICK / tsc_per_tick;
    }
    if (ns < last_ns)
        ns = last_ns;
    last_ns = ns;
    irq_restore(irq);
    return ns;
}
