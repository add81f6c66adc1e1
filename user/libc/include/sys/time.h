/* Time of day in microseconds (POSIX <sys/time.h>): gettimeofday. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <abi/time.h>
#include <sys/types.h>

/* Linux i386's layout: two 32-bit fields. */
struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec; /* 0..999999 */
};
_Static_assert(sizeof(struct timeval) == sizeof(struct abi_timeval), "same layout as the kernel's");

/* Obsolete; gettimeofday fills it with zeros (UTC: no offset, no daylight saving). */
struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

/* An interval timer: it_value is the time to the next expiry (0: disarmed), it_interval what
 * it is reloaded with then (0: it fires once). Linux i386's layout. */
struct itimerval {
    struct timeval it_interval;
    struct timeval it_value;
};

/* The timers come from abi/time.h: ITIMER_REAL counts real time (SIGALRM), ITIMER_VIRTUAL the
 * process's user time (SIGVTALRM), ITIMER_PROF its user and system time (SIGPROF); the last two
 * advance a clock tick (10 ms) at a time. None is inherited by fork; execve keeps them. */

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old);
int getitimer(int which, struct itimerval *value);

/* CLOCK_REALTIME to the microsecond. `tv` or `tz` may be null. Returns 0. */
int gettimeofday(struct timeval *tv, void *tz);

#endif
