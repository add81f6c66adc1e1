/*
 * The CMOS real-time clock (MC146818-compatible), read once at boot: the wall-clock time the
 * kernel's CLOCK_REALTIME starts from. The PC's RTC keeps the date in UTC here (QEMU's default,
 * `-rtc base=utc`); local time zones are the libc's business, and it has only UTC.
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdint.h>

/*
 * Reads the RTC (waiting out an update in progress, and reading until two reads agree, since
 * the chip may tick between registers). Called once by arch_init, just before timer_init, so
 * that rtc_boot_seconds() and clock_ns() start together to within a second.
 */
void rtc_init(void);

/* Seconds since 1970-01-01 00:00:00 UTC when rtc_init ran; 0 if the RTC held no valid date. */
int64_t rtc_boot_seconds(void);

/*
 * The RTC's seconds register as it reads now (BCD or binary, as the chip keeps it): one port
 * read, for noticing that a real second has passed. The chip follows the host's clock even under
 * QEMU's icount, where the PIT's ticks are virtual and may leap (dev/ata.c's timeout). Interrupts
 * disabled (the index port is shared).
 */
uint8_t rtc_seconds_register(void);

/*
 * Days from 1970-01-01 to the proleptic Gregorian date year-month-day (month 1..12, day 1..31;
 * negative before 1970). Pure arithmetic, valid for any year an int holds.
 */
int64_t rtc_days_from_civil(int64_t year, unsigned month, unsigned day);

#endif
