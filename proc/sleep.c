/*
 * Sleeping in a system call: until a wait queue is woken or a time has passed, and what signals do
 * to it (see sleep_on and sleep_ns in proc/proc.h). The queues and the list of timed sleepers
 * are the scheduler's (sched.c); which signals end a sleep and which a sleeper must not even
 * notice is signal.c's (signal_at_sleep).
 */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <lib/panic.h>
#include <proc/proc.h>

int sleep_on(struct wait_queue *wq, bool interruptible) {
    ASSERT_MSG(!irqs_enabled(), "sleep_on with interrupts enabled");
    ASSERT_MSG(current != idle_proc, "the idle process cannot sleep");
    if (interruptible) {
        enum sleep_signal s = signal_at_sleep();
        if (s == SLEEP_SIGNAL_INTERRUPT)
            return -EINTR;
        if (s == SLEEP_SIGNAL_STOPPED)
            return 0; /* stopped before sleeping: the condition may have changed meanwhile */
    }
    sched_sleep_on(wq, interruptible);
    return interruptible && signal_at_sleep() == SLEEP_SIGNAL_INTERRUPT ? -EINTR : 0;
}

int sleep_on_until(struct wait_queue *wq, uint64_t deadline) {
    ASSERT_MSG(!irqs_enabled(), "sleep_on_until with interrupts enabled");
    ASSERT_MSG(current != idle_proc, "the idle process cannot sleep");
    enum sleep_signal s = signal_at_sleep();
    if (s == SLEEP_SIGNAL_INTERRUPT)
        return -EINTR;
    if (s == SLEEP_SIGNAL_STOPPED || timer_ticks() >= deadline)
        return 0; /* the condition, or the clock, may have moved meanwhile */
    sched_sleep_on_until(wq, deadline);
    return signal_at_sleep() == SLEEP_SIGNAL_INTERRUPT ? -EINTR : 0;
}

int sleep_ns(uint64_t ns, uint64_t *remaining_ns) {
    uint64_t ticks = (ns + NS_PER_TICK - 1) / NS_PER_TICK;
    bool irq = irq_save();
    int result = 0;

    if (ticks == 0) {
        irq_restore(irq);
        return 0;
    }
    /* +1: the current tick is partly over, and sleeping less than asked is not allowed. */
    uint64_t deadline = timer_ticks() + ticks + 1;
    /* Any wake-up (the timer, a signal, a continue after a stop inside signal_at_sleep) comes
     * back here; only the deadline or a signal that matters ends the sleep. */
    while (timer_ticks() < deadline) {
        if (signal_at_sleep() == SLEEP_SIGNAL_INTERRUPT) {
            result = -EINTR;
            break;
        }
        if (timer_ticks() >= deadline)
            break; /* a stop outlasted the sleep */
        sched_sleep_until(deadline);
    }
    if (result && remaining_ns) {
        uint64_t now = timer_ticks();
        *remaining_ns = now < deadline ? (deadline - now) * NS_PER_TICK : 0;
    }
    irq_restore(irq);
    return result;
}
