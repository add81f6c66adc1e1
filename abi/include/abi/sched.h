/* Scheduling policies and priorities (sched_setscheduler and its kin), Linux's values. */
#ifndef ABI_SCHED_H
#define ABI_SCHED_H

/*
 * SCHED_OTHER: round robin among themselves with a time slice, priority 0, and only when no
 * real-time thread is ready. SCHED_FIFO and SCHED_RR (real time, priorities 1..99, higher first):
 * a FIFO thread runs until it blocks or yields, an RR thread also gives way to its equals when
 * its slice (TIME_SLICE_TICKS) is used up. See proc/sched.c for the throttling of real-time
 * threads that never block.
 */
#define ABI_SCHED_OTHER 0
#define ABI_SCHED_FIFO 1
#define ABI_SCHED_RR 2
#define ABI_SCHED_RT_PRIORITY_MIN 1
#define ABI_SCHED_RT_PRIORITY_MAX 99

#endif
