/* Time. */
#ifndef _TIME_H
#define _TIME_H

#include <abi/time.h>
#include <sys/types.h>

struct timespec {
    time_t tv_sec;
    long tv_nsec;
};
_Static_assert(sizeof(struct timespec) == sizeof(struct abi_timespec), "same layout as the kernel's");

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *ts);
time_t time(time_t *t);

#endif
