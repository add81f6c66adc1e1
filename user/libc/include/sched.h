/*
 * Scheduling (POSIX <sched.h>). SCHED_OTHER: round robin among the ready threads with a 20 ms time
 * slice, priority 0, run only when no real-time thread is ready. SCHED_FIFO and SCHED_RR, the
 * real-time policies (priorities 1..99, Linux's numbers; higher runs first): a FIFO thread runs
 * until it blocks or yields, an RR thread also makes way for its equals every 20 ms. Real-time
 * threads that never block are throttled: they get at most 95% of each second while SCHED_OTHER
 * threads wait (proc/sched.c). The policy is the whole process's (every thread of it; new threads
 * and children of fork inherit it, execve keeps it).
 */
#ifndef _SCHED_H
#define _SCHED_H

#include <abi/sched.h>
#include <sys/types.h>
#include <time.h>

#define SCHED_OTHER ABI_SCHED_OTHER
#define SCHED_FIFO ABI_SCHED_FIFO
#define SCHED_RR ABI_SCHED_RR

struct sched_param {
    int sched_priority;
};

int sched_yield(void);
/* The priority range of `policy`; -1 with EINVAL for an unknown policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);
/*
 * pid 0 is the caller; every call fails with ESRCH for a pid no live process has and EINVAL for a
 * negative pid or a NULL param. sched_setscheduler returns the former policy; sched_setparam
 * changes the priority within the process's policy. EINVAL for an unknown policy or a priority
 * outside the policy's range; EPERM unless the caller is privileged (effective user id 0), or may
 * signal the process (kill's rule) and does not raise its priority (SCHED_OTHER is 0).
 */
int sched_getscheduler(pid_t pid);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
/* The time slice of SCHED_OTHER and SCHED_RR: 20 ms. ESRCH and EINVAL as above. */
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

#endif
