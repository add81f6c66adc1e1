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
#define CALIBRATION_COUNTS (PIT_HZ / 10000) /* 100 us of PIT counts (119) */
#define REFINE_TICKS 64                     /* ticks over which the first figure is refined */
#define MAX_TICK_HANDLERS 8

static volatile uint64_t ticks;
static uint64_t tsc_at_tick;  /* TSC read at the last tick */
static uint64_t tsc_per_tick; /* TSC increments per tick, measured at start-up, then refined */
static uint64_t tsc_at_first_tick;
static uint64_t last_ns; /* the largest value clock_ns() returned */
static tick_handler_fn tick_handlers[MAX_TICK_HANDLERS];
static bool tick_from_user; /* the tick being handled interrupted user mode */

void timer_interrupt(struct int_frame *frame) {
    uint64_t now = rdtsc();

    ticks++;
    tick_from_user = frame_from_user(frame);
    /* The start-up figure is good to 1%; the ticks themselves measure it better: over n ticks the
     * only error is the latency of the first and the last interrupt (a few microseconds with
     * interrupts briefly off), against n * 10 ms. Refined over the first REFINE_TICKS ticks, then
     * left alone (a division per tick would be wasted after that). */
    if (ticks == 1)
        tsc_at_first_tick = now;
    else if (ticks <= REFINE_TICKS + 1)
        tsc_per_tick = (now - tsc_at_first_tick) / (ticks - 1);
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
 * Measures the TSC against the PIT for 100 us of PIT counts (the counter runs down from `divisor`
 * at 1.193182 MHz and reloads, so elapsed counts are taken modulo the divisor). The window starts
 * at an unknown point of a count (0.84 us) and ends just after one: the figure is within 1 count
 * of 119, 0.85%. It only interpolates within a 10 ms tick (clock_ns clamps at the tick's end), so
 * the clock is at most 85 us off inside a tick and never drifts; and the ticks themselves refine
 * it from the second one on (timer_interrupt). The 2 ms window this replaces cost 2 M
 * instructions of boot under icount, where one instruction is one nanosecond.
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

bool timer_tick_from_user(void) {
    return tick_from_user;
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
