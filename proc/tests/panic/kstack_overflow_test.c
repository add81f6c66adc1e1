/*
 * A kernel stack overflow must be reported, not reset the machine: the guard gap below each
 * kernel stack faults, the CPU cannot push that fault's frame, and the double-fault task (with a
 * stack of its own) reports it (see //proc:kstack_overflow_ktest).
 */
#include <ktest/ktest.h>
#include <proc/proc.h>

static volatile int limit = 1 << 30; /* far deeper than 8 KiB of stack allows */

__attribute__((noinline)) static int recurse(int depth) {
    volatile char frame[256];

    frame[0] = (char)depth;
    return depth < limit ? recurse(depth + 1) + frame[0] : 0;
}

static int overflow(void *arg) {
    (void)arg;
    return recurse(0);
}

KTEST(kstack, overflow_is_reported) {
    int pid = kthread_spawn("deep", overflow, NULL);
    proc_waitpid(pid, UADDR_NULL, 0);
}
