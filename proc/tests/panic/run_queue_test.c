/*
 * The debug kernel's DEBUG_ASSERT on the run queue (//proc:debug_checks_ktest): a process put on
 * it twice would make the queue a cycle, so the second enqueue panics.
 */
#include "proc/internal.h"
#include <ktest/ktest.h>
#include <proc/proc.h>

static int return_zero(void *arg) {
    (void)arg;
    return 0;
}

KTEST(run_queue, double_enqueue_is_caught) {
    int pid = kthread_spawn("twice", return_zero, NULL); /* runnable: on the run queue */

    sched_enqueue(proc_main_thread(proc_find(pid)));
}
