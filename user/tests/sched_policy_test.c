/* The <sched.h> policy calls: what they report and accept (rt_sched_test has what the policies do). */
#include <signal.h>

#include "check.h"

static void ranges(void) {
    CHECK_EQ(sched_get_priority_min(SCHED_OTHER), 0);
    CHECK_EQ(sched_get_priority_max(SCHED_OTHER), 0);
    CHECK_EQ(sched_get_priority_min(SCHED_FIFO), 1);
    CHECK_EQ(sched_get_priority_max(SCHED_FIFO), 99);
    CHECK_EQ(sched_get_priority_min(SCHED_RR), 1);
    CHECK_EQ(sched_get_priority_max(SCHED_RR), 99);
    CHECK_ERR(sched_get_priority_min(7), EINVAL);
    CHECK_ERR(sched_get_priority_max(-1), EINVAL);
    PASS("priority ranges: SCHED_OTHER 0..0, SCHED_FIFO and SCHED_RR 1..99, EINVAL for another policy");
}

static void get(void) {
    struct sched_param p = {42};
    CHECK_EQ(sched_getscheduler(0), SCHED_OTHER);
    CHECK_EQ(sched_getscheduler(getpid()), SCHED_OTHER);
    CHECK_EQ(sched_getscheduler(getppid()), SCHED_OTHER);
    CHECK_EQ(sched_getparam(0, &p), 0);
    CHECK_EQ(p.sched_priority, 0);
    p.sched_priority = 42;
    CHECK_EQ(sched_getparam(getpid(), &p), 0);
    CHECK_EQ(p.sched_priority, 0);
    struct timespec slice = {9, 9};
    CHECK_EQ(sched_rr_get_interval(0, &slice), 0);
    CHECK_EQ(slice.tv_sec, 0);
    CHECK_EQ(slice.tv_nsec, 20 * 1000 * 1000);
    PASS("a process starts SCHED_OTHER at priority 0 with a 20 ms slice");
}

static void set(void) {
    struct sched_param p = {0};
    CHECK_EQ(sched_setscheduler(0, SCHED_OTHER, &p), SCHED_OTHER);
    CHECK_EQ(sched_setscheduler(getpid(), SCHED_OTHER, &p), SCHED_OTHER);
    CHECK_EQ(sched_setparam(0, &p), 0);
    CHECK_EQ(sched_setparam(getpid(), &p), 0);
    p.sched_priority = 1;
    CHECK_ERR(sched_setscheduler(0, SCHED_OTHER, &p), EINVAL);
    CHECK_ERR(sched_setparam(0, &p), EINVAL);
    p.sched_priority = -1;
    CHECK_ERR(sched_setparam(0, &p), EINVAL);
    /* The real-time policies, as root (init's user): set, read back, and the former policy
     * returned; sched_setparam keeps the policy. */
    p.sched_priority = 1;
    CHECK_EQ(sched_setscheduler(0, SCHED_FIFO, &p), SCHED_OTHER);
    CHECK_EQ(sched_getscheduler(0), SCHED_FIFO);
    p.sched_priority = 99;
    CHECK_EQ(sched_setscheduler(getpid(), SCHED_RR, &p), SCHED_FIFO);
    CHECK_EQ(sched_getscheduler(0), SCHED_RR);
    p.sched_priority = 42;
    CHECK_EQ(sched_setparam(0, &p), 0);
    CHECK_EQ(sched_getscheduler(0), SCHED_RR);
    p.sched_priority = 0;
    CHECK_EQ(sched_getparam(0, &p), 0);
    CHECK_EQ(p.sched_priority, 42);
    p.sched_priority = 0;
    CHECK_ERR(sched_setparam(0, &p), EINVAL); /* 0 is not an RR priority */
    CHECK_EQ(sched_setscheduler(0, SCHED_OTHER, &p), SCHED_RR);
    /* ...after the priority is checked against their range. */
    p.sched_priority = 0;
    CHECK_ERR(sched_setscheduler(0, SCHED_FIFO, &p), EINVAL);
    p.sched_priority = 100;
    CHECK_ERR(sched_setscheduler(0, SCHED_RR, &p), EINVAL);
    p.sched_priority = 0;
    CHECK_ERR(sched_setscheduler(0, 7, &p), EINVAL);
    CHECK_ERR(sched_setscheduler(0, SCHED_OTHER, NULL), EINVAL);
    CHECK_ERR(sched_setparam(0, NULL), EINVAL);
    CHECK_EQ(sched_getscheduler(0), SCHED_OTHER);
    PASS("SCHED_OTHER at 0, SCHED_FIFO and SCHED_RR at 1..99 are set and read back; other policies, priorities and "
         "NULL EINVAL");
}

static void pids(void) {
    struct sched_param p = {0};
    struct timespec ts;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    /* pid is reaped: no process has it now. */
    CHECK_ERR(sched_getscheduler(pid), ESRCH);
    CHECK_ERR(sched_getparam(pid, &p), ESRCH);
    CHECK_ERR(sched_setscheduler(pid, SCHED_OTHER, &p), ESRCH);
    CHECK_ERR(sched_setparam(pid, &p), ESRCH);
    CHECK_ERR(sched_rr_get_interval(pid, &ts), ESRCH);
    CHECK_ERR(sched_getscheduler(-1), EINVAL);
    CHECK_ERR(sched_getparam(-1, &p), EINVAL);
    CHECK_ERR(sched_getparam(0, NULL), EINVAL);
    CHECK_ERR(sched_rr_get_interval(0, NULL), EINVAL);
    CHECK_ERR(sched_rr_get_interval(-1, &ts), EINVAL);
    PASS("ESRCH for a pid no process has, EINVAL for a negative pid or a NULL pointer");
}

int main(void) {
    ranges();
    get();
    set();
    pids();
    return done_testing();
}
