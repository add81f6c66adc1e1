/* Scheduling. The kernel has one policy (round robin among the runnable threads, no priorities):
 * SCHED_OTHER; SCHED_FIFO and SCHED_RR are named for programs but refused (EINVAL/ENOTSUP) where
 * they would be set. */
#ifndef _SCHED_H
#define _SCHED_H

#include <sys/types.h>
#include <time.h>

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2

struct sched_param {
    int sched_priority;
};

int sched_yield(void);
/* 0 for SCHED_OTHER (its only priority); EINVAL for any other policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

#endif
