/* Time (POSIX <time.h>): clocks, sleeping, and broken-down dates. There are no time zones: local
 * time is UTC (TZ is not read), so localtime is gmtime and tm_isdst is 0. */
#ifndef _TIME_H
#define _TIME_H

#include <abi/time.h>
#include <stddef.h>
#include <sys/types.h>

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};
_Static_assert(sizeof(struct timespec) == sizeof(struct abi_timespec), "same layout as the kernel's");

/* A timer's setting: the time to its next expiry (0: disarmed) and its reload (0: once). */
struct itimerspec {
    struct timespec it_interval;
    struct timespec it_value;
};
_Static_assert(sizeof(struct itimerspec) == sizeof(struct abi_itimerspec), "same layout as the kernel's");

/* A broken-down date (glibc's layout, with tm_gmtoff and tm_zone). */
struct tm {
    int tm_sec;   /* 0..60 */
    int tm_min;   /* 0..59 */
    int tm_hour;  /* 0..23 */
    int tm_mday;  /* 1..31 */
    int tm_mon;   /* 0..11 */
    int tm_year;  /* years since 1900 */
    int tm_wday;  /* 0..6, Sunday 0 */
    int tm_yday;  /* 0..365 */
    int tm_isdst; /* always 0 here: no daylight saving in UTC */
    long tm_gmtoff;
    const char *tm_zone;
};

/* clock()'s unit: POSIX (XSI) requires a million. */
#define CLOCKS_PER_SEC ((clock_t)1000000)

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *ts);
int clock_getres(clockid_t clock, struct timespec *res);
time_t time(time_t *t);
/* The processor-time clock of process `pid` (0: the caller): CLOCK_PROCESS_CPUTIME_ID for the
 * caller; EPERM for another process (no call reads another's time), ESRCH for none. Returns 0 or
 * the error number. */
int clock_getcpuclockid(pid_t pid, clockid_t *clock);
/* Processor time the process used (CLOCK_PROCESS_CPUTIME_ID), in CLOCKS_PER_SEC; (clock_t)-1 if
 * not available. */
clock_t clock(void);
double difftime(time_t end, time_t start);

/*
 * POSIX per-process timers, at most TIMER_MAX (32) a process. timer_create makes a disarmed timer
 * of CLOCK_REALTIME or CLOCK_MONOTONIC that tells of its expiries as `event` says (<signal.h>;
 * NULL: SIGALRM, with the timer's id as the value); EINVAL for another clock or a bad event,
 * EAGAIN beyond the limit. timer_settime arms it (it_value from now, or with TIMER_ABSTIME a
 * time on its clock; 0 disarms) with a reload, and gives the setting of before in `old`;
 * expiries come at the first clock tick (10 ms) at or after their time, never before.
 * timer_gettime gives the time left and the reload. timer_getoverrun counts the expiries that
 * came while the last signal delivered was pending (signals do not queue), at most
 * DELAYTIMER_MAX. EINVAL for a timer that does not exist. fork does not copy timers; execve and
 * the process's end delete them.
 */
struct sigevent;
int timer_create(clockid_t clock, struct sigevent *restrict event, timer_t *restrict timer);
int timer_settime(timer_t timer, int flags, const struct itimerspec *restrict value, struct itimerspec *restrict old);
int timer_gettime(timer_t timer, struct itimerspec *value);
int timer_getoverrun(timer_t timer);
int timer_delete(timer_t timer);

/* Seconds since the Epoch to a UTC date: NULL with EOVERFLOW never happens for a 32-bit time_t. The
 * forms without _r fill one static struct shared by gmtime and localtime. */
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *t, struct tm *result);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *result);
/* A date (fields out of their ranges are carried over, as POSIX says) to seconds since the Epoch;
 * normalizes *tm and sets tm_wday and tm_yday. (time_t)-1 with EOVERFLOW when outside time_t. */
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
/* The POSIX conversions in the C locale; E and O modifiers are accepted and ignored. Returns the
 * bytes written without the NUL, or 0 when they do not fit in `max`. */
size_t strftime(char *restrict s, size_t max, const char *restrict format, const struct tm *restrict tm);
/* "Thu Jan  1 00:00:00 1970\n"; the _r forms need 26 bytes. */
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);

/* Time zones: only UTC. */
extern char *tzname[2];
extern long timezone;
extern int daylight;
void tzset(void);

#endif
