/* The CMOS real-time clock, read once at boot; see arch/rtc.h. */
#include <arch/cpu.h>
#include <arch/rtc.h>

/* The CMOS is reached through an index port and a data port; bit 7 of the index disables NMIs,
 * and is left clear. */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B

#define STATUS_A_UPDATE_IN_PROGRESS 0x80
#define STATUS_B_24_HOUR 0x02
#define STATUS_B_BINARY 0x04
#define HOURS_PM 0x80 /* in 12-hour mode, bit 7 of the hour register */

static int64_t boot_seconds;

struct rtc_time {
    uint8_t sec, min, hour, day, month, year;
};

static uint8_t cmos_read(uint8_t reg) {
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

uint8_t rtc_seconds_register(void) {
    return cmos_read(RTC_SECONDS);
}

/* One read of the date registers, once no update is in progress (an update takes under 2 ms
 * and starts at most once a second; the bound only keeps a dead chip from hanging the boot). */
static void rtc_read_raw(struct rtc_time *t) {
    for (unsigned spins = 0; spins < 1000000 && (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATE_IN_PROGRESS); spins++)
        ;
    t->sec = cmos_read(RTC_SECONDS);
    t->min = cmos_read(RTC_MINUTES);
    t->hour = cmos_read(RTC_HOURS);
    t->day = cmos_read(RTC_DAY);
    t->month = cmos_read(RTC_MONTH);
    t->year = cmos_read(RTC_YEAR);
}

static bool rtc_same(const struct rtc_time *a, const struct rtc_time *b) {
    return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day && a->month == b->month &&
           a->year == b->year;
}

static uint8_t from_bcd(uint8_t v) {
    return (uint8_t)((v >> 4) * 10 + (v & 0x0F));
}

int64_t rtc_days_from_civil(int64_t year, unsigned month, unsigned day) {
    /* Count years from March, so that the leap day is the last day of a year; then a 400-year
     * era has 146097 days, and a year's days before a month follow (153 * m + 2) / 5. */
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t year_of_era = y - era * 400;                                       /* 0..399 */
    int64_t month_from_march = month > 2 ? month - 3 : month + 9;              /* 0..11 */
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + (int64_t)day - 1; /* 0..365 */
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

void rtc_init(void) {
    struct rtc_time a, b;

    rtc_read_raw(&b);
    for (unsigned tries = 0; tries < 8; tries++) {
        a = b;
        rtc_read_raw(&b);
        if (rtc_same(&a, &b))
            break;
    }
    uint8_t status_b = cmos_read(RTC_STATUS_B);
    bool pm = !(status_b & STATUS_B_24_HOUR) && (b.hour & HOURS_PM);
    b.hour &= (uint8_t)~HOURS_PM;
    if (!(status_b & STATUS_B_BINARY)) {
        b.sec = from_bcd(b.sec);
        b.min = from_bcd(b.min);
        b.hour = from_bcd(b.hour);
        b.day = from_bcd(b.day);
        b.month = from_bcd(b.month);
        b.year = from_bcd(b.year);
    }
    if (!(status_b & STATUS_B_24_HOUR)) /* 12 AM is hour 0, 12 PM hour 12 */
        b.hour = (uint8_t)(b.hour % 12 + (pm ? 12 : 0));
    if (b.sec > 59 || b.min > 59 || b.hour > 23 || b.day < 1 || b.day > 31 || b.month < 1 || b.month > 12 ||
        b.year > 99) {
        boot_seconds = 0;
        return;
    }
    /* The two-digit year: 70..99 are 1970-1999 and 00..69 are 2000-2069 (the century register's
     * place in the CMOS is not standard, so it is not trusted). */
    int64_t year = b.year >= 70 ? 1900 + b.year : 2000 + b.year;
    boot_seconds = rtc_days_from_civil(year, b.month, b.day) * 86400 + b.hour * 3600 + b.min * 60 + b.sec;
}

int64_t rtc_boot_seconds(void) {
    return boot_seconds;
}
