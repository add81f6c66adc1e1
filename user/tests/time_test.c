/*
 * The clocks and the libc's dates (POSIX <time.h>, <sys/time.h>): CLOCK_REALTIME is a date from
 * the CMOS clock (UTC), CLOCK_MONOTONIC counts from boot, clock_getres, gettimeofday, time,
 * clock; gmtime/localtime, mktime (with out-of-range fields), strftime's conversions, asctime,
 * ctime, difftime. The expected dates were computed with another C library's gmtime and
 * strftime in UTC.
 */
#include "check.h"
#include <sys/time.h>

#define JAN_1_2020 1577836800

static long long ns_of(const struct timespec *ts) {
    return (long long)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static void test_clocks(void) {
    struct timespec real, mono, real2, mono2;

    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &real), 0);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &mono), 0);
    /* The real-time clock is a date (the RTC's, UTC), not the time since boot. */
    CHECK(real.tv_sec > JAN_1_2020);
    CHECK(mono.tv_sec < 3600);
    CHECK(real.tv_nsec >= 0 && real.tv_nsec < 1000000000);
    CHECK(mono.tv_nsec >= 0 && mono.tv_nsec < 1000000000);
    struct timespec nap = {0, 50 * 1000 * 1000};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &real2), 0);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &mono2), 0);
    CHECK(ns_of(&mono2) - ns_of(&mono) >= 50 * 1000 * 1000);
    /* They move together: the difference stays within what passed between the two reads. */
    long long skew = (ns_of(&real2) - ns_of(&mono2)) - (ns_of(&real) - ns_of(&mono));
    CHECK(skew > -50 * 1000 * 1000 && skew < 50 * 1000 * 1000);
    CHECK_ERR(clock_gettime(4, &real), EINVAL);
    CHECK_ERR(clock_gettime(-1, &real), EINVAL);
    CHECK_ERR(clock_gettime(CLOCK_REALTIME, (struct timespec *)0xC0000000), EFAULT);
    PASS("CLOCK_REALTIME is a UTC date from the RTC and moves with CLOCK_MONOTONIC");

    time_t t1 = time(NULL), t2 = 0;
    CHECK(t1 >= real2.tv_sec && t1 <= real2.tv_sec + 1);
    CHECK_EQ(time(&t2), t2);
    CHECK(t2 >= t1);
    struct timeval tv;
    struct timezone tz = {99, 99};
    CHECK_EQ(gettimeofday(&tv, &tz), 0);
    CHECK(tv.tv_sec >= t2 && tv.tv_sec <= t2 + 1);
    CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    CHECK_EQ(tz.tz_minuteswest, 0);
    CHECK_EQ(tz.tz_dsttime, 0);
    CHECK_EQ(gettimeofday(&tv, NULL), 0);
    PASS("time and gettimeofday read CLOCK_REALTIME");

    struct timespec res = {7, 7};
    CHECK_EQ(clock_getres(CLOCK_REALTIME, &res), 0);
    CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10 * 1000 * 1000);
    res = (struct timespec){7, 7};
    CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
    CHECK(res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 10 * 1000 * 1000);
    CHECK_EQ(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res), 0);
    CHECK(res.tv_sec == 0 && res.tv_nsec > 0);
    CHECK_EQ(clock_getres(CLOCK_MONOTONIC, NULL), 0);
    CHECK_ERR(clock_getres(4, &res), EINVAL);
    CHECK_ERR(clock_getres(-7, NULL), EINVAL);
    CHECK_ERR(clock_getres(CLOCK_REALTIME, (struct timespec *)0xC0000000), EFAULT);
    CHECK_ERR(clock_getres(CLOCK_REALTIME, (struct timespec *)1), EFAULT);
    PASS("clock_getres: each clock's resolution, a null res, EINVAL, EFAULT");
}

static void test_cpu_time(void) {
    struct timespec start, now;
    clock_t c0 = clock();

    CHECK(c0 != (clock_t)-1);
    /* Asleep, the process uses next to no processor time. */
    struct timespec nap = {0, 200 * 1000 * 1000};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    clock_t c1 = clock();
    CHECK(c1 >= c0 && c1 - c0 < CLOCKS_PER_SEC / 20);
    /* Spinning for 300 ms of the monotonic clock, it uses about that much. */
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &start), 0);
    do
        CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &now), 0);
    while (ns_of(&now) - ns_of(&start) < 300 * 1000 * 1000);
    clock_t c2 = clock();
    CHECK(c2 - c1 >= CLOCKS_PER_SEC / 5 && c2 - c1 <= CLOCKS_PER_SEC * 4 / 10);
    struct timespec cpu;
    CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu), 0);
    CHECK(ns_of(&cpu) / 1000 >= c2);
    PASS("clock counts processor time: not while asleep, all of a busy loop");

    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(clock() < CLOCKS_PER_SEC / 20 ? 0 : 1); /* a child starts from nothing */
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a child's processor time starts at zero");

    clockid_t id = -1;
    CHECK_EQ(clock_getcpuclockid(0, &id), 0);
    CHECK_EQ(id, CLOCK_PROCESS_CPUTIME_ID);
    CHECK_EQ(clock_getcpuclockid(getpid(), &id), 0);
    CHECK_EQ(id, CLOCK_PROCESS_CPUTIME_ID);
    CHECK_EQ(clock_getcpuclockid(getppid(), &id), EPERM); /* another's time is not readable here */
    CHECK_EQ(clock_getcpuclockid(30000, &id), ESRCH);
    PASS("clock_getcpuclockid: the caller's clock; EPERM for another process, ESRCH for none");
}

static void check_tm(const struct tm *tm, int year, int mon, int mday, int hour, int min, int sec, int wday, int yday) {
    CHECK_EQ(tm->tm_year, year - 1900);
    CHECK_EQ(tm->tm_mon, mon - 1);
    CHECK_EQ(tm->tm_mday, mday);
    CHECK_EQ(tm->tm_hour, hour);
    CHECK_EQ(tm->tm_min, min);
    CHECK_EQ(tm->tm_sec, sec);
    CHECK_EQ(tm->tm_wday, wday);
    CHECK_EQ(tm->tm_yday, yday);
    CHECK_EQ(tm->tm_isdst, 0);
}

static void test_gmtime(void) {
    struct tm tm;
    time_t t;

    t = 0;
    CHECK(gmtime_r(&t, &tm) == &tm);
    check_tm(&tm, 1970, 1, 1, 0, 0, 0, 4, 0);
    t = -1;
    check_tm(gmtime_r(&t, &tm), 1969, 12, 31, 23, 59, 59, 3, 364);
    t = 951827696;
    check_tm(gmtime_r(&t, &tm), 2000, 2, 29, 12, 34, 56, 2, 59);
    t = INT32_MAX;
    check_tm(gmtime_r(&t, &tm), 2038, 1, 19, 3, 14, 7, 2, 18);
    t = INT32_MIN;
    check_tm(gmtime_r(&t, &tm), 1901, 12, 13, 20, 45, 52, 5, 346);
    t = 1104451200; /* 2004-12-31, the 366th day of a leap year */
    check_tm(gmtime_r(&t, &tm), 2004, 12, 31, 0, 0, 0, 5, 365);
    struct tm *shared = gmtime(&t);
    CHECK(shared != NULL && shared != &tm);
    CHECK(localtime(&t) == shared); /* one static struct, as POSIX allows */
    check_tm(shared, 2004, 12, 31, 0, 0, 0, 5, 365);
    t = 0;
    check_tm(localtime_r(&t, &tm), 1970, 1, 1, 0, 0, 0, 4, 0);
    PASS("gmtime and localtime (UTC): the Epoch, before it, leap days, both ends of time_t");

    /* Every 86400 + 3607 s across the whole range: gmtime then mktime gives the time back, and
     * consecutive days have consecutive weekdays. */
    for (long long s = INT32_MIN; s <= INT32_MAX; s += 86400 + 3607) {
        t = (time_t)s;
        CHECK(gmtime_r(&t, &tm) == &tm);
        int wday = tm.tm_wday;
        struct tm copy = tm;
        CHECK_EQ(mktime(&copy), t);
        CHECK_EQ(copy.tm_wday, wday);
        CHECK_EQ(copy.tm_yday, tm.tm_yday);
    }
    PASS("gmtime and mktime agree across the range of time_t");
}

static void test_mktime(void) {
    struct tm tm = {.tm_year = 100,
                    .tm_mon = 1,
                    .tm_mday = 29,
                    .tm_hour = 12,
                    .tm_min = 34,
                    .tm_sec = 56,
                    .tm_wday = 99,
                    .tm_yday = 999};
    CHECK_EQ(mktime(&tm), 951827696);
    CHECK_EQ(tm.tm_wday, 2);
    CHECK_EQ(tm.tm_yday, 59);
    /* Out-of-range fields carry: month 13 of 1999 is February 2000, day 0 the last of January,
     * second -1 the one before midnight. */
    tm = (struct tm){.tm_year = 99, .tm_mon = 13, .tm_mday = 0, .tm_sec = -1};
    CHECK_EQ(mktime(&tm), 949276799);
    check_tm(&tm, 2000, 1, 30, 23, 59, 59, 0, 29);
    tm = (struct tm){.tm_year = 70, .tm_mon = -1, .tm_mday = 1};
    CHECK_EQ(mktime(&tm), -31 * 86400);
    check_tm(&tm, 1969, 12, 1, 0, 0, 0, 1, 334);
    tm = (struct tm){.tm_year = 70, .tm_mday = 1, .tm_hour = 24 * 365};
    CHECK_EQ(mktime(&tm), 365 * 86400);
    PASS("mktime: a date, and fields out of range carried over (POSIX)");

    tm = (struct tm){.tm_year = 200, .tm_mday = 1};
    errno = 0;
    CHECK_EQ(mktime(&tm), -1);
    CHECK_EQ(errno, EOVERFLOW);
    CHECK_EQ(tm.tm_year, 200); /* left as it was */
    tm = (struct tm){.tm_year = INT32_MAX,
                     .tm_mon = INT32_MAX,
                     .tm_mday = INT32_MAX,
                     .tm_hour = INT32_MAX,
                     .tm_min = INT32_MAX,
                     .tm_sec = INT32_MAX};
    CHECK_ERR(mktime(&tm), EOVERFLOW);
    tm = (struct tm){.tm_year = INT32_MIN,
                     .tm_mon = INT32_MIN,
                     .tm_mday = INT32_MIN,
                     .tm_hour = INT32_MIN,
                     .tm_min = INT32_MIN,
                     .tm_sec = INT32_MIN};
    CHECK_ERR(mktime(&tm), EOVERFLOW);
    tm = (struct tm){.tm_year = 1, .tm_mon = 11, .tm_mday = 13, .tm_hour = 20, .tm_min = 45, .tm_sec = 52};
    CHECK_EQ(mktime(&tm), INT32_MIN);
    tm.tm_sec--;
    CHECK_ERR(mktime(&tm), EOVERFLOW);
    PASS("mktime: EOVERFLOW outside time_t, extreme fields included");

    CHECK(difftime(10, 3) == 7.0);
    CHECK(difftime(INT32_MIN, INT32_MAX) == -4294967295.0);
    PASS("difftime");
}

static void test_strftime(void) {
    time_t t = 951827696; /* Tuesday 2000-02-29 12:34:56 UTC */
    struct tm tm;
    char buf[256];
    const char *all = "%a %A %b %B %c|%C %d %D %e %F %g %G %h %H %I %j %m %M %n %p %r %R %S %t %T %u %U %V %w "
                      "%W %x %X %y %Y %z %%";
    const char *want = "Tue Tuesday Feb February Tue Feb 29 12:34:56 2000|20 29 02/29/00 29 2000-02-29 00 2000 Feb 12 "
                       "12 060 02 34 \n PM 12:34:56 PM 12:34 56 \t 12:34:56 2 09 09 2 09 02/29/00 12:34:56 00 2000 "
                       "+0000 %";

    gmtime_r(&t, &tm);
    CHECK_EQ(strftime(buf, sizeof(buf), all, &tm), strlen(want));
    CHECK(strcmp(buf, want) == 0);
    CHECK_EQ(strftime(buf, sizeof(buf), "%Z %Ey %OH", &tm), 9);
    CHECK(strcmp(buf, "UTC 00 12") == 0 || !printf("got '%s'\n", buf));
    PASS("strftime: every POSIX conversion");

    static const struct {
        time_t t;
        const char *want;
    } weeks[] = {
        {1104451200, "2004-W53-5 04 52 52 366"}, {1104537600, "2004-W53-6 04 00 00 001"},
        {1104624000, "2004-W53-7 04 01 00 002"}, {1104710400, "2005-W01-1 05 01 01 003"},
        {1230508800, "2009-W01-1 09 52 52 364"}, {1262217600, "2009-W53-4 09 52 52 365"},
        {1262476800, "2009-W53-7 09 01 00 003"}, {1262563200, "2010-W01-1 10 01 01 004"},
        {1609459200, "2020-W53-5 20 00 00 001"}, {0, "1970-W01-4 70 00 00 001"},
        {1609372800, "2020-W53-4 20 52 52 366"},
    };
    for (unsigned i = 0; i < sizeof(weeks) / sizeof(weeks[0]); i++) {
        gmtime_r(&weeks[i].t, &tm);
        CHECK(strftime(buf, sizeof(buf), "%G-W%V-%u %g %U %W %j", &tm) > 0);
        if (strcmp(buf, weeks[i].want) != 0)
            FAIL("time %ld: '%s', want '%s'", (long)weeks[i].t, buf, weeks[i].want);
    }
    PASS("strftime: ISO 8601 weeks (%%G %%g %%V) and %%U %%W at the turn of years");

    gmtime_r(&t, &tm);
    CHECK_EQ(strftime(buf, 11, "%F", &tm), 10); /* exactly fits, with the NUL */
    CHECK(strcmp(buf, "2000-02-29") == 0);
    CHECK_EQ(strftime(buf, 10, "%F", &tm), 0); /* one byte short */
    CHECK_EQ(strftime(buf, 0, "%F", &tm), 0);
    CHECK_EQ(strftime(buf, sizeof(buf), "", &tm), 0);
    CHECK_EQ(buf[0], '\0');
    PASS("strftime: 0 when the result and its NUL do not fit");

    t = 0;
    CHECK(strcmp(asctime(gmtime(&t)), "Thu Jan  1 00:00:00 1970\n") == 0);
    CHECK(strcmp(ctime(&t), "Thu Jan  1 00:00:00 1970\n") == 0);
    t = 951827696;
    CHECK(ctime_r(&t, buf) == buf);
    CHECK(strcmp(buf, "Tue Feb 29 12:34:56 2000\n") == 0);
    gmtime_r(&t, &tm);
    CHECK(asctime_r(&tm, buf) == buf);
    CHECK(strcmp(buf, "Tue Feb 29 12:34:56 2000\n") == 0);
    tzset();
    CHECK(strcmp(tzname[0], "UTC") == 0);
    CHECK_EQ(timezone, 0);
    CHECK_EQ(daylight, 0);
    PASS("asctime, ctime and their _r forms; tzset and UTC");
}

int main(void) {
    test_clocks();
    test_cpu_time();
    test_gmtime();
    test_mktime();
    test_strftime();
    return done_testing();
}
