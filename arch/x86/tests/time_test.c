/* The timer tick and the monotonic clock. */
#include <arch/cpu.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <ktest/ktest.h>

static void wait_ticks(uint64_t n) {
    uint64_t until = timer_ticks() + n;

    while (timer_ticks() < until)
        cpu_sti_hlt();
}

KTEST(timer, ticks_advance) {
    uint64_t t0 = timer_ticks();

    wait_ticks(3);
    KEXPECT_GE(timer_ticks(), t0 + 3);
}

static uint64_t hits;
static void count_tick(uint64_t ticks) {
    (void)ticks;
    hits++;
}

KTEST(timer, tick_handlers_run_every_tick) {
    KASSERT_EQ(timer_add_tick_handler(count_tick), 0);
    uint64_t before = hits;
    wait_ticks(5);
    KEXPECT_GE(hits - before, 4);
}

KTEST(clock, is_calibrated_and_monotonic) {
    KEXPECT_GT(clock_tsc_per_tick(), 0); /* calibrated at start-up */

    uint64_t prev = clock_ns();
    int went_back = 0;
    for (int i = 0; i < 20000; i++) {
        uint64_t now = clock_ns();
        went_back += now < prev;
        prev = now;
    }
    KEXPECT_EQ(went_back, 0);
}

KTEST(clock, tracks_ticks) {
    uint64_t ns0 = clock_ns();
    uint64_t t0 = timer_ticks();

    wait_ticks(10);
    uint64_t dns = clock_ns() - ns0;
    uint64_t dt = timer_ticks() - t0;
    /* Within one tick of what the tick count says. */
    KEXPECT_GE(dns + NS_PER_TICK, dt * NS_PER_TICK);
    KEXPECT_LE(dns, (dt + 1) * NS_PER_TICK);
}

KTEST(rtc, days_from_civil) {
    KEXPECT_EQ(rtc_days_from_civil(1970, 1, 1), 0);
    KEXPECT_EQ(rtc_days_from_civil(1969, 12, 31), -1);
    KEXPECT_EQ(rtc_days_from_civil(1972, 3, 1), 790);   /* past the first leap day after 1970 */
    KEXPECT_EQ(rtc_days_from_civil(2000, 3, 1), 11017); /* 2000 is a leap year (divisible by 400) */
    KEXPECT_EQ(rtc_days_from_civil(2100, 3, 1), 47541); /* 2100 is not */
    KEXPECT_EQ(rtc_days_from_civil(2038, 1, 19), 24855);
}

KTEST(rtc, boot_time_is_a_plausible_date) {
    /* QEMU's RTC starts at the host's UTC time: after 2020-01-01, before 2038-01-19 (int32). */
    KEXPECT_GT(rtc_boot_seconds(), 1577836800);
    KEXPECT_LT(rtc_boot_seconds(), 2147483647);
}
