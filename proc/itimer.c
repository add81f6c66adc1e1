/*
 * The interval timers of setitimer. ITIMER_REAL (alarm, setitimer): one per process, on the same
 * timeline as clock_ns(). Checked at each tick; the tick only scans the process table when the
 * earliest timer may be due (`next_due_ns`), so an idle system pays one comparison per tick.
 * ITIMER_VIRTUAL and ITIMER_PROF count processor time, which only the running process spends:
 * each tick charges the process it interrupts (as sched_tick charges cpu_ticks), no scan.
 */
#include "internal.h"
#include <arch/cpu.h>
#include <arch/timer.h>
#include <proc/proc.h>

#define NS_PER_S 1000000000ull
#define NS_PER_US 1000ull

/* Never later than the earliest armed timer (it may be earlier: a timer was disarmed since). */
static uint64_t next_due_ns = UINT64_MAX;

static uint64_t timeval_ns(const struct abi_timeval *tv) {
    /* Both fields are checked non-negative by the caller: at most 2^31 s, no overflow in 64 bits. */
    return (uint64_t)(uint32_t)tv->tv_sec * NS_PER_S + (uint64_t)(uint32_t)tv->tv_usec * NS_PER_US;
}

/* Nanoseconds to a timeval, rounded up to the microsecond (a timer that is armed never reads
 * as zero, which would mean disarmed). */
static struct abi_timeval ns_timeval(uint64_t ns) {
    uint64_t us = (ns + NS_PER_US - 1) / NS_PER_US;
    return (struct abi_timeval){.tv_sec = (int32_t)(us / 1000000), .tv_usec = (int32_t)(us % 1000000)};
}

void itimer_real_set(const struct abi_itimerval *value, struct abi_itimerval *old) {
    bool irq = irq_save(); /* the tick reads and changes these fields */
    uint64_t now = clock_ns();

    if (old) {
        old->it_interval = ns_timeval(current->alarm_interval_ns);
        old->it_value = ns_timeval(current->alarm_ns ? (current->alarm_ns > now ? current->alarm_ns - now : 1) : 0);
    }
    if (value) {
        uint64_t after = timeval_ns(&value->it_value);
        current->alarm_interval_ns = timeval_ns(&value->it_interval);
        current->alarm_ns = after ? now + after : 0;
        if (after && current->alarm_ns < next_due_ns)
            next_due_ns = current->alarm_ns;
    }
    irq_restore(irq);
}

void itimer_cpu_set(int which, const struct abi_itimerval *value, struct abi_itimerval *old) {
    struct cpu_itimer *t = &current->cpu_itimer[which - ITIMER_VIRTUAL];
    bool irq = irq_save(); /* the tick reads and changes these fields */

    if (old) {
        old->it_interval = ns_timeval(t->interval_ns);
        old->it_value = ns_timeval(t->left_ns);
    }
    if (value) {
        t->interval_ns = timeval_ns(&value->it_interval);
        t->left_ns = timeval_ns(&value->it_value);
    }
    irq_restore(irq);
}

/* One tick of processor time for `p`'s timer `t`: `sig` when it runs out. What the tick
 * overshot is taken off the reload, so that a periodic timer keeps its rate; an interval
 * shorter than what is left of the tick expires again at the next one. */
static void cpu_itimer_charge(struct proc *p, struct cpu_itimer *t, int sig) {
    if (!t->left_ns)
        return;
    if (t->left_ns > NS_PER_TICK) {
        t->left_ns -= NS_PER_TICK;
        return;
    }
    signal_send(p, sig);
    uint64_t over = NS_PER_TICK - t->left_ns;
    t->left_ns = !t->interval_ns ? 0 : t->interval_ns > over ? t->interval_ns - over : 1;
}

void itimer_tick(uint64_t ticks) {
    uint64_t now = ticks * NS_PER_TICK;

    if (current_thread != idle_thread && current->space && !current->exiting) {
        if (timer_tick_from_user())
            cpu_itimer_charge(current, &current->cpu_itimer[ITIMER_VIRTUAL - 1], SIGVTALRM);
        cpu_itimer_charge(current, &current->cpu_itimer[ITIMER_PROF - 1], SIGPROF);
    }

    if (now < next_due_ns)
        return;
    next_due_ns = UINT64_MAX;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (!p->alarm_ns)
            continue;
        if (p->state == PROC_ZOMBIE) {
            p->alarm_ns = 0;
            continue;
        }
        if (p->alarm_ns <= now) {
            signal_send(p, SIGALRM);
            /* Reload from the expiry, so that a periodic timer does not drift; one that fell
             * behind (a huge backlog cannot happen at 100 Hz, but an interval below a tick
             * can) restarts from now. */
            if (p->alarm_interval_ns) {
                p->alarm_ns += p->alarm_interval_ns;
                if (p->alarm_ns <= now)
                    p->alarm_ns = now + p->alarm_interval_ns;
            } else {
                p->alarm_ns = 0;
            }
        }
        if (p->alarm_ns && p->alarm_ns < next_due_ns)
            next_due_ns = p->alarm_ns;
    }
}
