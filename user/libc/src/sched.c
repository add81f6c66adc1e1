/*
 * The scheduling calls of <sched.h>, in the libc alone: the kernel's single policy (SCHED_OTHER,
 * priority 0, a 20 ms slice: TIME_SLICE_TICKS, 2 ticks of 10 ms, in proc/proc.h) needs no system
 * call to describe, and a pid is looked up with kill(pid, 0).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#define SLICE_NS (20 * 1000 * 1000)
#define RT_PRIORITY_MIN 1
#define RT_PRIORITY_MAX 99

static int fail(int err) {
    errno = err;
    return -1;
}

/* 0 if pid names a process (0: the caller), else -1 with ESRCH or EINVAL. */
static int check_pid(pid_t pid) {
    if (pid < 0)
        return fail(EINVAL);
    if (pid == 0)
        return 0;
    /* EPERM would still mean the process exists; the kernel has no users, so it is not given. */
    if (kill(pid, 0) < 0 && errno == ESRCH)
        return -1;
    return 0;
}

int sched_get_priority_min(int policy) {
    switch (policy) {
    case SCHED_OTHER:
        return 0;
    case SCHED_FIFO:
    case SCHED_RR:
        return RT_PRIORITY_MIN;
    }
    return fail(EINVAL);
}

int sched_get_priority_max(int policy) {
    switch (policy) {
    case SCHED_OTHER:
        return 0;
    case SCHED_FIFO:
    case SCHED_RR:
        return RT_PRIORITY_MAX;
    }
    return fail(EINVAL);
}

int sched_getscheduler(pid_t pid) {
    if (check_pid(pid) < 0)
        return -1;
    return SCHED_OTHER;
}

int sched_getparam(pid_t pid, struct sched_param *param) {
    if (!param)
        return fail(EINVAL);
    if (check_pid(pid) < 0)
        return -1;
    param->sched_priority = 0;
    return 0;
}

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param) {
    if (!param)
        return fail(EINVAL);
    if (check_pid(pid) < 0)
        return -1;
    int min = sched_get_priority_min(policy);
    if (min < 0)
        return -1; /* EINVAL: unknown policy */
    if (param->sched_priority < min || param->sched_priority > sched_get_priority_max(policy))
        return fail(EINVAL);
    if (policy != SCHED_OTHER)
        return fail(EPERM); /* defined, but the kernel cannot run a process under it */
    return SCHED_OTHER;
}

int sched_setparam(pid_t pid, const struct sched_param *param) {
    if (!param)
        return fail(EINVAL);
    if (check_pid(pid) < 0)
        return -1;
    if (param->sched_priority != 0)
        return fail(EINVAL); /* SCHED_OTHER's only priority */
    return 0;
}

int sched_rr_get_interval(pid_t pid, struct timespec *interval) {
    if (!interval)
        return fail(EINVAL);
    if (check_pid(pid) < 0)
        return -1;
    interval->tv_sec = 0;
    interval->tv_nsec = SLICE_NS;
    return 0;
}
