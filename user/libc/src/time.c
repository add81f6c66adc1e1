/* Broken-down dates, in UTC only (see <time.h>): gmtime, mktime, strftime and their kin; and times(). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/times.h>
#include <time.h>

#include "internal.h"

#define SECONDS_PER_DAY 86400

char *tzname[2] = {"UTC", "UTC"};
long timezone;
int daylight;

void tzset(void) {}

static const char *const day_names[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const month_names[12] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};

static int64_t floor_div(int64_t a, int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Days from 1970-01-01 to year-month-day (month 1..12) of the proleptic Gregorian calendar, and
 * back. Years are counted from March, so that the leap day ends a year: a 400-year era then has
 * 146097 days, and the days before a month (from March) are (153 * m + 2) / 5.
 */
static int64_t days_from_civil(int64_t year, int month, int day) {
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;
    int64_t month_from_march = month > 2 ? month - 3 : month + 9;
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

static void civil_from_days(int64_t days, int64_t *year, int *month, int *day) {
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t day_of_era = z - era * 146097; /* 0..146096 */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;        /* 0..399 */
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100); /* from March */
    int64_t month_from_march = (5 * day_of_year + 2) / 153;
    *day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    *month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    *year = year_of_era + era * 400 + (*month <= 2);
}

/* Fills *tm from seconds since the Epoch; false if the year does not fit an int. */
static bool break_down(int64_t t, struct tm *tm) {
    int64_t days = floor_div(t, SECONDS_PER_DAY);
    int64_t secs = t - days * SECONDS_PER_DAY;
    int64_t year;
    int month, day;

    civil_from_days(days, &year, &month, &day);
    if (year - 1900 > INT32_MAX || year - 1900 < INT32_MIN)
        return false;
    tm->tm_sec = (int)(secs % 60);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_mday = day;
    tm->tm_mon = month - 1;
    tm->tm_year = (int)(year - 1900);
    tm->tm_wday = (int)(days - floor_div(days + 4, 7) * 7 + 4); /* 1970-01-01 was a Thursday */
    tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "UTC";
    return true;
}

struct tm *gmtime_r(const time_t *t, struct tm *result) {
    if (!break_down(*t, result)) {
        errno = EOVERFLOW;
        return NULL;
    }
    return result;
}

static struct tm shared_tm; /* gmtime's and localtime's (POSIX allows them one) */

struct tm *gmtime(const time_t *t) {
    return gmtime_r(t, &shared_tm);
}

struct tm *localtime_r(const time_t *t, struct tm *result) {
    return gmtime_r(t, result);
}

struct tm *localtime(const time_t *t) {
    return gmtime_r(t, &shared_tm);
}

time_t timegm(struct tm *tm) {
    /* Every field may be out of range, in either direction: carry in 64 bits, where no int can
     * overflow (a year of 2^31 is 2^46 seconds). */
    int64_t year = (int64_t)tm->tm_year + 1900 + floor_div(tm->tm_mon, 12);
    int month = (int)(tm->tm_mon - floor_div(tm->tm_mon, 12) * 12); /* 0..11 */
    int64_t days = days_from_civil(year, month + 1, 1) + tm->tm_mday - 1;
    int64_t t = days * SECONDS_PER_DAY + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;

    if (t < INT32_MIN || t > INT32_MAX) {
        errno = EOVERFLOW;
        return (time_t)-1;
    }
    break_down(t, tm);
    return (time_t)t;
}

time_t mktime(struct tm *tm) {
    return timegm(tm); /* local time is UTC */
}

double difftime(time_t end, time_t start) {
    return (double)end - (double)start;
}

clock_t clock(void) {
    struct timespec ts;

    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
        return (clock_t)-1;
    return (clock_t)ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / 1000;
}

char *asctime_r(const struct tm *restrict tm, char *restrict buf) {
    /* POSIX gives asctime's output as a printf format; 26 bytes hold it for years 1000..9999. */
    int n = snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
                     tm->tm_wday >= 0 && tm->tm_wday < 7 ? day_names[tm->tm_wday] : "???",
                     tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_names[tm->tm_mon] : "???", tm->tm_mday, tm->tm_hour,
                     tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
    if (n < 0 || n >= 26) {
        errno = EOVERFLOW;
        return NULL;
    }
    return buf;
}

static char shared_text[26]; /* asctime's and ctime's */

char *asctime(const struct tm *tm) {
    return asctime_r(tm, shared_text);
}

char *ctime_r(const time_t *t, char *buf) {
    struct tm tm;

    return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t) {
    return ctime_r(t, shared_text);
}

/* The ISO 8601 week-based year has 53 weeks when it starts on a Thursday, or on a Wednesday in a
 * leap year: then p(year) is 4 or p(year - 1) is 3. */
static int iso_weeks_in_year(int64_t year) {
    int64_t p = (year + floor_div(year, 4) - floor_div(year, 100) + floor_div(year, 400)) % 7;
    int64_t q = (year - 1 + floor_div(year - 1, 4) - floor_div(year - 1, 100) + floor_div(year - 1, 400)) % 7;
    return 52 + ((p + 7) % 7 == 4 || (q + 7) % 7 == 3);
}

/* The ISO 8601 week (1..53) of tm and the year it belongs to (%V, %G). */
static int iso_week(const struct tm *tm, int64_t *iso_year) {
    int64_t year = (int64_t)tm->tm_year + 1900;
    int monday_based = (tm->tm_wday + 6) % 7; /* Monday 0 */
    int week = (tm->tm_yday - monday_based + 10) / 7;

    if (week < 1) {
        year--;
        week = iso_weeks_in_year(year);
    } else if (week > iso_weeks_in_year(year)) {
        year++;
        week = 1;
    }
    *iso_year = year;
    return week;
}

struct out {
    char *s;
    size_t max, len;
    bool full;
};

static void put(struct out *o, const char *text) {
    for (; *text; text++) {
        if (o->len + 1 >= o->max) {
            o->full = true;
            return;
        }
        o->s[o->len++] = *text;
    }
}

static void put_number(struct out *o, const char *format, long long v) {
    char buf[32];

    snprintf(buf, sizeof(buf), format, v);
    put(o, buf);
}

static const char *name_or_unknown(const char *const *names, int n, int i) {
    return i >= 0 && i < n ? names[i] : "?";
}

static void format(struct out *o, const char *f, const struct tm *tm) {
    char abbrev[4];
    int64_t iso_year;

    for (; *f && !o->full; f++) {
        if (*f != '%') {
            char c[2] = {*f, 0};
            put(o, c);
            continue;
        }
        f++;
        while (*f == 'E' || *f == 'O') /* alternative representations: the C locale has none */
            f++;
        int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
        long long year = (long long)tm->tm_year + 1900;
        switch (*f) {
        case 'a':
        case 'A':
        case 'b':
        case 'h':
        case 'B': {
            const char *name = *f == 'a' || *f == 'A' ? name_or_unknown(day_names, 7, tm->tm_wday)
                                                      : name_or_unknown(month_names, 12, tm->tm_mon);
            if (*f == 'A' || *f == 'B') {
                put(o, name);
            } else {
                snprintf(abbrev, sizeof(abbrev), "%.3s", name);
                put(o, abbrev);
            }
            break;
        }
        case 'c':
            format(o, "%a %b %e %H:%M:%S %Y", tm);
            break;
        case 'C':
            put_number(o, "%02lld", floor_div(year, 100));
            break;
        case 'd':
            put_number(o, "%02lld", tm->tm_mday);
            break;
        case 'D':
            format(o, "%m/%d/%y", tm);
            break;
        case 'e':
            put_number(o, "%2lld", tm->tm_mday);
            break;
        case 'F':
            format(o, "%Y-%m-%d", tm);
            break;
        case 'g':
            iso_week(tm, &iso_year);
            put_number(o, "%02lld", (iso_year % 100 + 100) % 100);
            break;
        case 'G':
            iso_week(tm, &iso_year);
            put_number(o, "%lld", iso_year);
            break;
        case 'H':
            put_number(o, "%02lld", tm->tm_hour);
            break;
        case 'I':
            put_number(o, "%02lld", hour12);
            break;
        case 'j':
            put_number(o, "%03lld", tm->tm_yday + 1);
            break;
        case 'm':
            put_number(o, "%02lld", tm->tm_mon + 1);
            break;
        case 'M':
            put_number(o, "%02lld", tm->tm_min);
            break;
        case 'n':
            put(o, "\n");
            break;
        case 'p':
            put(o, tm->tm_hour < 12 ? "AM" : "PM");
            break;
        case 'r':
            format(o, "%I:%M:%S %p", tm);
            break;
        case 'R':
            format(o, "%H:%M", tm);
            break;
        case 's': { /* an extension (GNU, BSD): seconds since the Epoch */
            struct tm copy = *tm;
            put_number(o, "%lld", (long long)timegm(&copy));
            break;
        }
        case 'S':
            put_number(o, "%02lld", tm->tm_sec);
            break;
        case 't':
            put(o, "\t");
            break;
        case 'T':
            format(o, "%H:%M:%S", tm);
            break;
        case 'u':
            put_number(o, "%lld", tm->tm_wday == 0 ? 7 : tm->tm_wday);
            break;
        case 'U':
            put_number(o, "%02lld", (tm->tm_yday + 7 - tm->tm_wday) / 7);
            break;
        case 'V':
            put_number(o, "%02lld", iso_week(tm, &iso_year));
            break;
        case 'w':
            put_number(o, "%lld", tm->tm_wday);
            break;
        case 'W':
            put_number(o, "%02lld", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
            break;
        case 'x':
            format(o, "%m/%d/%y", tm);
            break;
        case 'X':
            format(o, "%H:%M:%S", tm);
            break;
        case 'y':
            put_number(o, "%02lld", (year % 100 + 100) % 100);
            break;
        case 'Y':
            put_number(o, "%lld", year);
            break;
        case 'z':
            put(o, "+0000");
            break;
        case 'Z':
            put(o, "UTC");
            break;
        case '%':
            put(o, "%");
            break;
        case '\0':
            f--; /* a lone % at the end: written as it is */
            put(o, "%");
            break;
        default: { /* not a conversion: written as it is */
            char c[3] = {'%', *f, 0};
            put(o, c);
        }
        }
    }
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt, const struct tm *restrict tm) {
    struct out o = {s, max, 0, false};

    if (max == 0)
        return 0;
    format(&o, fmt, tm);
    s[o.len] = '\0';
    return o.full ? 0 : o.len;
}

/* A duration to clock ticks (sysconf's _SC_CLK_TCK, the kernel's TIMER_HZ). */
#define TICKS_PER_SECOND 100

static clock_t to_ticks(const struct timespec *ts) {
    return (clock_t)ts->tv_sec * TICKS_PER_SECOND + (clock_t)(ts->tv_nsec / (1000000000 / TICKS_PER_SECOND));
}

clock_t times(struct tms *buf) {
    struct abi_tms tms;
    struct timespec now;

    if (__result(__sys_times(&tms)) < 0 || clock_gettime(CLOCK_MONOTONIC, &now) < 0)
        return (clock_t)-1;
    buf->tms_utime = (clock_t)tms.tms_utime;
    buf->tms_stime = (clock_t)tms.tms_stime;
    buf->tms_cutime = (clock_t)tms.tms_cutime;
    buf->tms_cstime = (clock_t)tms.tms_cstime;
    return to_ticks(&now);
}
