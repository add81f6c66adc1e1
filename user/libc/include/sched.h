/*
 * Scheduling (POSIX <sched.h>). The kernel has one policy, SCHED_OTHER: round robin among the
 * ready threads, a 20 ms time slice, no priorities (the only priority is 0). SCHED_FIFO and
 * SCHED_RR are named, with Linux's numbers and priority ranges (1..99), so that programs
 * build, but no process can be given them: sched_setscheduler refuses them with EPERM, as Linux
 * does for a process without the privilege. _POSIX_PRIORITY_SCHEDULING is not defined.
 */
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
/* The priority range of `policy`; -1 with EINVAL for an unknown policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);
/*
 * pid 0 is the caller; every call fails with ESRCH for a pid no process has and EINVAL for a
 * negative pid or a NULL param. sched_getscheduler returns SCHED_OTHER, sched_getparam gives
 * priority 0. sched_setscheduler (returns the former policy, SCHED_OTHER) and sched_setparam
 * accept SCHED_OTHER with priority 0 and change nothing; EINVAL for an unknown policy or a
 * priority outside the policy's range, EPERM for SCHED_FIFO and SCHED_RR (never offered).
 */
int sched_getscheduler(pid_t pid);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
/* The time slice of SCHED_OTHER: 20 ms. ESRCH and EINVAL as above. */
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

#endif
