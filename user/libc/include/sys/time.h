/* Time of day in microseconds (POSIX <sys/time.h>): gettimeofday. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

/* Linux i386's layout: two 32-bit fields. */
struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec; /* 0..999999 */
};

/* Obsolete; gettimeofday fills it with zeros (UTC: no offset, no daylight saving). */
struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

/* CLOCK_REALTIME to the microsecond. `tv` or `tz` may be null. Returns 0. */
int gettimeofday(struct timeval *tv, void *tz);

#endif
