/* Time values crossing the system-call boundary. */
#ifndef ABI_TIME_H
#define ABI_TIME_H

#include <stdint.h>

struct abi_timespec {
    int32_t tv_sec;
    int32_t tv_nsec;
};

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2 /* processor time the calling process used */

#endif
