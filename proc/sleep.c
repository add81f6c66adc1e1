/*
 * Sleeping in a system call: until a wait queue is woken or a time has passed, and what signals do
 * to it (see sleep_on and sleep_ns in proc/proc.h). The queues and the list of timed sleepers
 * are the scheduler's (sched.c); which signals end a sleep and which a sleeper must not even
 * notice is signal.c's (signal_at_sleep).
 *
 * sigsuspend and sigtimedwait are sleeps too: sigsuspend's mask swap and sleep are one step
 * (interrupts off between them), and the mask of before comes back through the handler's frame
 * (or at once if no handler runs, proc_user_return); sigtimedwait writes the siginfo before it
 * takes the signal (a bad pointer leaves it pending).
 */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <lib/panic.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

/*
 * signal_at_sleep once the sleep is over, its test shortened: the switch back to this thread set
 * user_return_work if a signal was pending and not blocked, or the process was exiting or
 * stopped, or the thread was to end (switch_to in sched.c), and nothing has run since (interrupts
 * have been off from the switch to here), so that flag still says it; a stale one, set for
 * someone else's work, only costs the full test. Cancellation is not among what the switch
 * looks at: tested here.
 */
static inline enum sleep_signal signal_after_sleep(void) {
    if (!(user_return_work | (current_thread->cancel_pending & current_thread->cancel_point)))
        return SLEEP_SIGNAL_NONE;
    return signal_at_sleep();
}

int sleep_on(struct wait_queue *wq, bool interruptible) {
    /* The debug kernel's checks only (the whole suite runs on it): this is every sleep's path. */
    DEBUG_ASSERT_MSG(!irqs_enabled(), "sleep_on with interrupts enabled");
    DEBUG_ASSERT_MSG(current_thread != idle_thread, "the idle process cannot sleep");
    if (interruptible) {
        enum sleep_signal s = signal_at_sleep();
        if (s == SLEEP_SIGNAL_INTERRUPT)
            return -EINTR;
        if (s == SLEEP_SIGNAL_STOPPED)
            return 0; /* stopped before sleeping: the condition may have changed meanwhile */
    }
    sched_sleep_on(wq, interruptible);
    return interruptible && signal_after_sleep() == SLEEP_SIGNAL_INTERRUPT ? -EINTR : 0;
}

bool proc_can_sleep(void) {
    return current != idle_proc;
}

int sleep_on_until(struct wait_queue *wq, uint64_t deadline) {
    ASSERT_MSG(!irqs_enabled(), "sleep_on_until with interrupts enabled");
    ASSERT_MSG(current_thread != idle_thread, "the idle process cannot sleep");
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

/* Never woken: sigsuspend and sigtimedwait sleep here until a signal (or the timer) ends it. */
static struct wait_queue signal_wait_queue;

int signal_suspend(abi_sigset_t mask) {
    bool irq = irq_save();

    current_thread->sig_suspend_mask = current_thread->sig_blocked;
    current_thread->sig_suspended = true;
    current_thread->sig_blocked = mask & ~SIG_UNBLOCKABLE;
    /* The wait and the new mask are one step (POSIX): interrupts stay off from the swap to the
     * sleep, so a signal the new mask lets through wakes it or is seen before it sleeps. */
    while (sleep_on(&signal_wait_queue, true) != -EINTR)
        ;
    user_return_work = 1; /* proc_user_return restores the old mask if no handler does */
    irq_restore(irq);
    return -EINTR;
}

int signal_timedwait(abi_sigset_t set, struct uaddr uinfo, bool timed, uint64_t timeout_ns) {
    uint64_t deadline = timed ? timer_ticks() + (timeout_ns + NS_PER_TICK - 1) / NS_PER_TICK : 0;
    if (timed && timeout_ns)
        deadline++; /* the current tick is partly over: never less than asked */
    set &= ~SIG_UNBLOCKABLE;
    bool irq = irq_save();
    int result;

    for (;;) {
        abi_sigset_t ready = signal_pending_set() & set;
        if (ready) {
            int sig = __builtin_ctz(ready) + 1;
            struct abi_siginfo info;
            signal_info(sig, &info);
            if (!uaddr_is_null(uinfo) && copy_to_user(uinfo, &info, sizeof(info))) {
                result = -EFAULT;
            } else {
                signal_take(sig);
                result = sig;
            }
            break;
        }
        if (timed && timer_ticks() >= deadline) {
            result = -EAGAIN;
            break;
        }
        /* The signals waited for are usually blocked: sig_waiting makes signal_send wake the
         * sleeper for them (and keep them pending even when ignored by default). */
        current_thread->sig_waiting = set;
        int r = timed ? sleep_on_until(&signal_wait_queue, deadline) : sleep_on(&signal_wait_queue, true);
        current_thread->sig_waiting = 0;
        if (r == -EINTR && !(signal_pending_set() & set)) {
            result = -EINTR;
            break;
        }
    }
    irq_restore(irq);
    return result;
}
