/* Process times (POSIX <sys/times.h>), in clock ticks: sysconf(_SC_CLK_TCK) a second. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
    clock_t tms_utime;  /* the process's processor time (CLOCK_PROCESS_CPUTIME_ID) */
    clock_t tms_stime;  /* always 0: the kernel counts a process's time in one figure, all of
                           it in tms_utime, time spent in the kernel for it included */
    clock_t tms_cutime; /* always 0: the kernel does not add up the times of waited-for children */
    clock_t tms_cstime; /* always 0, as tms_cutime */
};

/*
 * Fills *buf and returns the clock ticks since boot (CLOCK_MONOTONIC; an arbitrary point, as POSIX
 * allows; it wraps after 248 days at 100 a second). (clock_t)-1 with errno on failure (EFAULT
 * is not detected: buf must be valid).
 */
clock_t times(struct tms *buf);

#endif
