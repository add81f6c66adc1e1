/*
 * POSIX per-process timers (timer_create and its kin; see proc/proc.h). Each timer is a kmalloc
 * object on one list of every process's timers, so the leak check at power-off sees a timer
 * that outlives its process twice over (ptimer_count and the heap's objects). Both clocks a
 * timer may measure, CLOCK_REALTIME and CLOCK_MONOTONIC, move with clock_ns() (the real-time
 * clock never steps: it is the boot date plus the same count), so every expiry is kept on that
 * one timeline, and the tick, as itimer.c's, only walks the list when the earliest may be due.
 *
 * Overruns: signals do not queue, so while a timer's signal is still pending its expirations are
 * counted instead (`overrun`). When it is seen delivered (at the next expiry, or at
 * timer_getoverrun), that count becomes the one timer_getoverrun reports (`overrun_last`).
 */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <proc/proc.h>

#define NS_PER_S 1000000000ull

_Static_assert(PTIMER_MAX == 32, "a process's timer ids are the bits of a uint32_t");

struct ptimer {
    struct ptimer *next; /* every live timer, of every process */
    struct proc *proc;
    int id;          /* the process's name for it: 0 .. PTIMER_MAX - 1 */
    uint32_t serial; /* tells a timer from a later one with the same id (ptimer_wait) */
    int clock;
    struct abi_sigevent event;
    uint64_t expiry_ns;        /* on clock_ns()'s timeline; 0: disarmed */
    uint64_t interval_ns;      /* the reload; 0: once */
    bool sent;                 /* its signal was sent and not yet seen delivered */
    uint32_t overrun;          /* expirations while that signal was pending */
    uint32_t overrun_last;     /* ... for the signal delivered last (timer_getoverrun) */
    uint32_t fired;            /* SIGEV_THREAD: expirations not yet collected by ptimer_wait */
    struct wait_queue waiters; /* SIGEV_THREAD: ptimer_wait sleeps here */
};

static struct ptimer *timers;
static int timers_live;
static uint32_t next_serial;
/* Never later than the earliest armed timer (it may be earlier: one was disarmed since). */
static uint64_t next_due_ns = UINT64_MAX;

int ptimer_count(void) {
    return timers_live;
}

/* The current process's timer `id`, or NULL. */
static struct ptimer *find(int id) {
    for (struct ptimer *t = timers; t; t = t->next) {
        if (t->proc == current && t->id == id)
            return t;
    }
    return NULL;
}

int ptimer_create(int clock, const struct abi_sigevent *event, int *id) {
    struct abi_sigevent by_default = {.sigev_notify = ABI_SIGEV_SIGNAL, .sigev_signo = SIGALRM};
    if (!event)
        event = &by_default; /* its value, the id, is set below */
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return -EINVAL;
    if (event->sigev_notify == ABI_SIGEV_SIGNAL && (event->sigev_signo <= 0 || event->sigev_signo >= NSIG))
        return -EINVAL;
    if (event->sigev_notify != ABI_SIGEV_SIGNAL && event->sigev_notify != ABI_SIGEV_NONE &&
        event->sigev_notify != ABI_SIGEV_THREAD)
        return -EINVAL;
    if (current->ptimer_ids == UINT32_MAX)
        return -EAGAIN; /* the process's limit, PTIMER_MAX */
    struct ptimer *t = kzalloc(sizeof(*t));
    if (!t)
        return -EAGAIN; /* POSIX: "the system lacks sufficient signal queuing resources" */
    int free = __builtin_ctz(~current->ptimer_ids);
    t->proc = current;
    t->id = free;
    t->clock = clock;
    t->event = *event;
    if (event == &by_default)
        t->event.sigev_value = (uint32_t)free;
    wait_queue_init(&t->waiters);
    bool irq = irq_save(); /* the tick walks the list */
    t->serial = ++next_serial;
    t->next = timers;
    timers = t;
    timers_live++;
    current->ptimer_ids |= 1u << free;
    irq_restore(irq);
    *id = free;
    return 0;
}

/* Unlinks and frees `t`, waking a ptimer_wait on it (which then finds it gone). Interrupts off. */
static void destroy(struct ptimer *t) {
    for (struct ptimer **link = &timers; *link; link = &(*link)->next) {
        if (*link == t) {
            *link = t->next;
            break;
        }
    }
    t->proc->ptimer_ids &= ~(1u << t->id);
    timers_live--;
    wake_all(&t->waiters); /* each sleeper is off the queue once woken: nothing points here after */
    kfree(t);
}

int ptimer_delete(int id) {
    bool irq = irq_save();
    struct ptimer *t = find(id);

    if (t)
        destroy(t);
    irq_restore(irq);
    return t ? 0 : -EINVAL;
}

void ptimer_release(struct proc *p) {
    bool irq = irq_save();

    for (struct ptimer *t = timers, *next; t; t = next) {
        next = t->next;
        if (t->proc == p)
            destroy(t);
    }
    irq_restore(irq);
}

static uint64_t timespec_ns(const struct abi_timespec *ts) {
    /* Checked by the caller: tv_sec >= 0, tv_nsec in 0..999999999; no overflow in 64 bits. */
    return (uint64_t)(uint32_t)ts->tv_sec * NS_PER_S + (uint64_t)(uint32_t)ts->tv_nsec;
}

static struct abi_timespec ns_timespec(uint64_t ns) {
    uint64_t s = ns / NS_PER_S;
    /* Beyond 2^31 s (an interval of INT32_MAX s plus a reload): the largest time there is. */
    if (s > INT32_MAX)
        return (struct abi_timespec){.tv_sec = INT32_MAX, .tv_nsec = (int32_t)(NS_PER_S - 1)};
    return (struct abi_timespec){.tv_sec = (int32_t)s, .tv_nsec = (int32_t)(ns % NS_PER_S)};
}

/* The time to `t`'s next expiry and its interval; an armed timer never reads as zero (which
 * would mean disarmed). Interrupts off. */
static void get(const struct ptimer *t, uint64_t now, struct abi_itimerspec *cur) {
    uint64_t left = !t->expiry_ns ? 0 : t->expiry_ns > now ? t->expiry_ns - now : 1;
    cur->it_value = ns_timespec(left);
    cur->it_interval = ns_timespec(t->interval_ns);
}

int ptimer_gettime(int id, struct abi_itimerspec *cur) {
    bool irq = irq_save();
    struct ptimer *t = find(id);

    if (t)
        get(t, clock_ns(), cur);
    irq_restore(irq);
    return t ? 0 : -EINVAL;
}

int ptimer_settime(int id, bool absolute, const struct abi_itimerspec *value, struct abi_itimerspec *old) {
    bool irq = irq_save();
    struct ptimer *t = find(id);
    uint64_t now = clock_ns();

    if (!t) {
        irq_restore(irq);
        return -EINVAL;
    }
    if (old)
        get(t, now, old);
    uint64_t when = timespec_ns(&value->it_value);
    t->interval_ns = timespec_ns(&value->it_interval);
    if (!when) {
        t->expiry_ns = 0; /* disarmed */
    } else if (!absolute) {
        t->expiry_ns = now + when;
    } else {
        /* An absolute time on the timer's clock, to clock_ns()'s timeline; one already past
         * expires at the next tick (POSIX: "the expiration notification shall be made"). */
        uint64_t origin = t->clock == CLOCK_REALTIME ? (uint64_t)rtc_boot_seconds() * NS_PER_S : 0;
        t->expiry_ns = when > origin ? when - origin : 1;
    }
    /* A new setting starts afresh: expirations of the old one are not overruns of this one. */
    t->fired = 0;
    if (t->expiry_ns && t->expiry_ns < next_due_ns)
        next_due_ns = t->expiry_ns;
    irq_restore(irq);
    return 0;
}

/* Is the signal `t` sent last still pending (not yet taken by a thread)? */
static bool signal_still_pending(const struct ptimer *t) {
    int sig = t->event.sigev_signo;
    const struct signal_origin *o = &t->proc->sig_origin[sig];
    return signal_is_pending(t->proc, sig) && o->code == SI_TIMER && o->pid == t->id;
}

/* Notices that the signal sent last was delivered: its overruns are final. Interrupts off. */
static void settle(struct ptimer *t) {
    if (t->sent && !signal_still_pending(t)) {
        t->overrun_last = t->overrun;
        t->overrun = 0;
        t->sent = false;
    }
}

int ptimer_getoverrun(int id) {
    bool irq = irq_save();
    struct ptimer *t = find(id);
    int result = -EINVAL;

    if (t) {
        settle(t);
        result = t->overrun_last > ABI_DELAYTIMER_MAX ? ABI_DELAYTIMER_MAX : (int)t->overrun_last;
    }
    irq_restore(irq);
    return result;
}

static void add_overruns(uint32_t *count, uint64_t n) {
    *count = (uint64_t)*count + n > ABI_DELAYTIMER_MAX ? ABI_DELAYTIMER_MAX : (uint32_t)(*count + n);
}

/* `t` expired `n` times at once (a tick late, or an interval shorter than a tick). */
static void fire(struct ptimer *t, uint64_t n) {
    switch (t->event.sigev_notify) {
    case ABI_SIGEV_SIGNAL:
        settle(t);
        if (t->sent) {
            add_overruns(&t->overrun, n); /* the signal is still pending: it does not queue */
        } else {
            t->overrun = 0;
            add_overruns(&t->overrun, n - 1);
            t->sent = true;
            signal_send_from(t->proc, t->event.sigev_signo,
                             (struct signal_origin){.code = SI_TIMER, .pid = t->id, .value = t->event.sigev_value});
        }
        break;
    case ABI_SIGEV_THREAD:
        add_overruns(&t->fired, n);
        wake_all(&t->waiters);
        break;
    default: /* SIGEV_NONE: only timer_gettime sees it */
        break;
    }
}

void ptimer_tick(uint64_t ticks) {
    uint64_t now = ticks * NS_PER_TICK;

    if (now < next_due_ns)
        return;
    next_due_ns = UINT64_MAX;
    for (struct ptimer *t = timers; t; t = t->next) {
        if (t->expiry_ns && t->expiry_ns <= now && t->proc->state != PROC_ZOMBIE) {
            uint64_t n = 1;
            if (t->interval_ns) {
                /* Every reload that has passed is an expiry; the next one stays on the grid
                 * of the first, so a periodic timer does not drift. */
                n += (now - t->expiry_ns) / t->interval_ns;
                t->expiry_ns += n * t->interval_ns;
            } else {
                t->expiry_ns = 0;
            }
            fire(t, n);
        }
        if (t->expiry_ns && t->expiry_ns < next_due_ns)
            next_due_ns = t->expiry_ns;
    }
}

int ptimer_wait(int id) {
    bool irq = irq_save();
    struct ptimer *t = find(id);
    int result;

    if (!t || t->event.sigev_notify != ABI_SIGEV_THREAD) {
        irq_restore(irq);
        return -EINVAL;
    }
    uint32_t serial = t->serial;
    for (;;) {
        if (t->fired) {
            result = (int)t->fired;
            t->overrun_last = t->fired - 1; /* the notification's overruns (timer_getoverrun) */
            t->fired = 0;
            break;
        }
        int err = sleep_on(&t->waiters, true);
        /* Deleted while asleep (and the id maybe given to another timer since)? */
        t = find(id);
        if (!t || t->serial != serial) {
            result = -EINVAL;
            break;
        }
        if (err) {
            result = err;
            break;
        }
    }
    irq_restore(irq);
    return result;
}
