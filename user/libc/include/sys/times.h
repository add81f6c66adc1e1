/* Process times (POSIX <sys/times.h>), in clock ticks: sysconf(_SC_CLK_TCK) a second. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>

struct tms {
    clock_t tms_utime;  /* the process's processor time in user mode (the ticks that found it there) */
    clock_t tms_stime;  /* ... and in the kernel, working for it (the ticks that found it there) */
    clock_t tms_cutime; /* tms_utime + tms_cutime of every child it reaped with wait or waitpid */
    clock_t tms_cstime; /* tms_stime + tms_cstime of every child it reaped */
};

/*
 * Fills *buf and returns the clock ticks since boot (CLOCK_MONOTONIC; an arbitrary point, as POSIX
 * allows; it wraps after 248 days at 100 a second). (clock_t)-1 with errno on failure (EFAULT
 * is not detected: buf must be valid). Processor time is sampled at each tick, so
 * tms_utime + tms_stime is CLOCK_PROCESS_CPUTIME_ID in ticks.
 */
clock_t times(struct tms *buf);

#endif
