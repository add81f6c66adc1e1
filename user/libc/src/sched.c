/*
 * The scheduling calls of <sched.h>: the policy and priority are the kernel's (proc/sched.c), the
 * priority ranges and the time slice are restated here (abi/sched.h; TIME_SLICE_TICKS, 2 ticks of
 * 10 ms, in proc/proc.h).
 */
#include <abi/sched.h>
#include <errno.h>
#include <sched.h>

#include "internal.h"

#define SLICE_NS (20 * 1000 * 1000)

static int fail(int err) {
    errno = err;
    return -1;
}

int sched_get_priority_min(int policy) {
    switch (policy) {
    case SCHED_OTHER:
        return 0;
    case SCHED_FIFO:
    case SCHED_RR:
        return ABI_SCHED_RT_PRIORITY_MIN;
    }
    return fail(EINVAL);
}

int sched_get_priority_max(int policy) {
    switch (policy) {
    case SCHED_OTHER:
        return 0;
    case SCHED_FIFO:
    case SCHED_RR:
        return ABI_SCHED_RT_PRIORITY_MAX;
    }
    return fail(EINVAL);
}

int sched_getscheduler(pid_t pid) {
    return (int)__result(__sys_sched_getscheduler(pid));
}

int sched_getparam(pid_t pid, struct sched_param *param) {
    if (!param)
        return fail(EINVAL);
    long r = __sys_sched_getparam(pid);
    if (r < 0)
        return (int)__result(r);
    param->sched_priority = (int)r;
    return 0;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param) {
    if (!param || policy < 0)
        return fail(EINVAL); /* -1 is the kernel's "keep the policy" (sched_setparam) */
    return (int)__result(__sys_sched_setscheduler(pid, policy, param->sched_priority));
}

int sched_setparam(pid_t pid, const struct sched_param *param) {
    if (!param)
        return fail(EINVAL);
    long r = __sys_sched_setscheduler(pid, -1, param->sched_priority);
    return r < 0 ? (int)__result(r) : 0;
}

int sched_rr_get_interval(pid_t pid, struct timespec *interval) {
    if (!interval)
        return fail(EINVAL);
    long r = __sys_sched_getscheduler(pid); /* ESRCH, EINVAL */
    if (r < 0)
        return (int)__result(r);
    /* Every policy but FIFO has the same slice; a FIFO thread has none (POSIX leaves it open). */
    interval->tv_sec = 0;
    interval->tv_nsec = SLICE_NS;
    return 0;
}
