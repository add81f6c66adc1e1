/*
 * Waiting until another process or thread is asleep in the call a test put it in (a lock, a
 * queue, a read), seen through procinfo: the way to test that a call blocks, and that what should
 * wake it does. Include after check.h.
 */
#ifndef USER_TESTS_SLEEPING_H
#define USER_TESTS_SLEEPING_H

#include <sched.h>
#include <sys/procinfo.h>
#include <sys/types.h>

/* Yields until thread `tid` sleeps (a process's first thread has the process's id); fails the
 * test when it never does. */
static inline void wait_until_asleep(pid_t tid) {
    static struct abi_procinfo procs[64];
    for (int tries = 0; tries < 10000; tries++) {
        int n = procinfo(procs, 64);
        CHECK(n > 0);
        for (int i = 0; i < n && i < 64; i++) {
            if ((pid_t)procs[i].tid == tid && procs[i].thread_state == ABI_PROC_SLEEPING)
                return;
        }
        sched_yield();
    }
    FAIL("thread %d never slept", (int)tid);
}

#endif
