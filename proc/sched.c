/*
 * The scheduler: round robin over one run queue of SCHED_OTHER threads, ahead of it a queue per
 * real-time priority (below), preemption on the way back to user mode when the time slice is used
 * up or a higher priority wakes, wait queues and the list of timed sleepers, and the switch itself. What a
 * sleep means to signals (when it ends early) is sleep.c's business.
 *
 * The current_thread process is never on the run queue. Switching is direct, process to process (no
 * scheduler thread in between): save callee-saved registers, swap stacks (switch.S), and on the
 * way point the TSS at the new kernel stack, reload CR3 only when the address space changes, and
 * move FPU state only when a different user process takes the FPU (fpu.c).
 */
#include "internal.h"
#include <abi/sched.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/pic.h>
#include <arch/timer.h>
#include <lib/panic.h>
#include <proc/proc.h>

static struct thread *run_head, *run_tail;
static struct thread *timer_head; /* sleepers sorted by wake_tick */
static volatile bool need_resched;

/*
 * Real-time threads (SCHED_FIFO, SCHED_RR) wait in a queue per priority, beside the SCHED_OTHER
 * queue above, with a bit per priority that has one: the pick takes the first thread of the
 * highest such priority before any SCHED_OTHER thread. A FIFO thread runs until it blocks or
 * yields (the tick never takes its turn away); an RR thread goes to the back of its priority's
 * queue when its slice is used up. A thread preempted by a higher priority goes back to the head
 * of its queue (POSIX).
 *
 * Throttling (Linux's answer to a real-time thread that never blocks): real-time threads may
 * use at most SCHED_RT_RUNTIME_TICKS of each SCHED_RT_PERIOD_TICKS; past that, until the period
 * ends, the SCHED_OTHER threads that are ready run first. So a spinning real-time program slows
 * the shell (and a test's parent) down but never locks them out: they still run, and Ctrl-C
 * (which signals from the serial interrupt anyway) finds a shell to come back to.
 */
struct rt_queue {
    struct thread *head, *tail;
};
static struct rt_queue rt_queues[ABI_SCHED_RT_PRIORITY_MAX + 1];
static uint32_t rt_ready[(ABI_SCHED_RT_PRIORITY_MAX + 32) / 32]; /* bit n: rt_queues[n] is not empty */
static int rt_queued; /* threads on the real-time queues: the pick's one test when there are none */
static unsigned rt_window_ticks, rt_used_ticks; /* of the throttling period so far */
static bool rt_throttled;

static bool on_run_queue(const struct thread *p) {
    for (const struct thread *q = run_head; q; q = q->run_next) {
        if (q == p)
            return true;
    }
    for (const struct thread *q = rt_queues[p->rt_priority].head; q; q = q->run_next) {
        if (q == p)
            return true;
    }
    return false;
}

/* Interrupts off, as for enqueue. `at_head`: a thread preempted by a higher priority. */
static void rt_enqueue(struct thread *t, bool at_head) {
    struct rt_queue *q = &rt_queues[t->rt_priority];

    DEBUG_ASSERT_MSG(!on_run_queue(t), "pid %d is already on the run queue", t->tid);
    if (at_head) {
        t->run_next = q->head;
        q->head = t;
        if (!q->tail)
            q->tail = t;
    } else {
        t->run_next = NULL;
        if (q->tail)
            q->tail->run_next = t;
        else
            q->head = t;
        q->tail = t;
    }
    rt_ready[t->rt_priority / 32] |= 1u << (t->rt_priority % 32);
    rt_queued++;
}

/* The highest priority whose queue has a thread (one is not empty). */
static int rt_scan(void) {
    for (int w = (int)(sizeof(rt_ready) / sizeof(rt_ready[0])) - 1; w >= 0; w--) {
        if (rt_ready[w])
            return w * 32 + 31 - __builtin_clz(rt_ready[w]);
    }
    return 0;
}

/* The highest priority with a ready real-time thread, or 0 for none: one test on the pick's
 * path while no real-time thread is ready, the common case. */
static inline int rt_highest(void) {
    return rt_queued ? rt_scan() : 0;
}

static struct thread *rt_dequeue(int priority) {
    struct rt_queue *q = &rt_queues[priority];
    struct thread *t = q->head;

    q->head = t->run_next;
    if (!q->head) {
        q->tail = NULL;
        rt_ready[priority / 32] &= ~(1u << (priority % 32));
    }
    t->run_next = NULL;
    rt_queued--;
    return t;
}

/* Takes `t` off its real-time queue if it is there. */
static void rt_remove(struct thread *t) {
    struct rt_queue *q = &rt_queues[t->rt_priority];
    struct thread *prev = NULL;

    for (struct thread *c = q->head; c; prev = c, c = c->run_next) {
        if (c != t)
            continue;
        if (prev)
            prev->run_next = c->run_next;
        else
            q->head = c->run_next;
        if (q->tail == c)
            q->tail = prev;
        if (!q->head)
            rt_ready[t->rt_priority / 32] &= ~(1u << (t->rt_priority % 32));
        c->run_next = NULL;
        rt_queued--;
        return;
    }
}

/* A thread of priority `priority` became ready: if it outranks the running one, the running one
 * gives way on its way back to user mode (the kernel itself is not preempted). */
static void rt_check_preempt(int priority) {
    if (priority > current_thread->rt_priority && current_thread != idle_thread && !(rt_throttled && run_head)) {
        need_resched = true;
        user_return_work = 1;
    }
}

/* With interrupts off, as every caller in this file has them already (the queue is touched by
 * interrupt handlers): the switch path saves itself a second save and restore. */
static inline void enqueue(struct thread *p) {
    if (p->rt_priority) {
        rt_enqueue(p, false);
        return;
    }
    /* Queued twice, a thread would link the queue into a cycle (or cut it short). */
    DEBUG_ASSERT_MSG(!on_run_queue(p), "pid %d is already on the run queue", p->tid);
    p->run_next = NULL;
    if (run_tail)
        run_tail->run_next = p;
    else
        run_head = p;
    run_tail = p;
}

void sched_enqueue(struct thread *p) {
    bool irq = irq_save();

    enqueue(p);
    irq_restore(irq);
}

void thread_commit(struct thread *t) {
    ASSERT(t->state == THREAD_EMBRYO);
    t->state = THREAD_RUNNABLE;
    sched_enqueue(t);
}

void proc_commit(struct proc *p) {
    ASSERT(p->state == PROC_EMBRYO);
    p->state = PROC_RUNNABLE;
    thread_commit(proc_main_thread(p));
}

/* Inline: the pick of every switch (a sleep's, a yield's, a preemption's). */
static __force_inline struct thread *dequeue(void) {
    int rt = rt_highest();
    /* Throttled real-time threads come after the SCHED_OTHER ones, not never. */
    if (rt && !(rt_throttled && run_head))
        return rt_dequeue(rt);

    struct thread *p = run_head;

    if (p) {
        run_head = p->run_next;
        if (!run_head)
            run_tail = NULL;
        p->run_next = NULL;
    }
    return p;
}

/* Counted when asked (tests only): a counter would cost every enqueue and dequeue. */
int sched_queue_length(void) {
    int n = 0;

    for (const struct thread *t = run_head; t; t = t->run_next)
        n++;
    for (int prio = 1; prio <= ABI_SCHED_RT_PRIORITY_MAX; prio++) {
        for (const struct thread *t = rt_queues[prio].head; t; t = t->run_next)
            n++;
    }
    return n;
}

static void timer_remove(struct thread *p) {
    for (struct thread **link = &timer_head; *link; link = &(*link)->timer_next) {
        if (*link == p) {
            *link = p->timer_next;
            break;
        }
    }
    p->timer_next = NULL;
    p->wake_tick = 0;
}

static void wait_queue_remove(struct thread *p) {
    struct wait_queue *wq = p->waiting_on;

    if (!wq)
        return;
    for (struct thread **link = &wq->head; *link; link = &(*link)->wait_next) {
        if (*link == p) {
            *link = p->wait_next;
            break;
        }
    }
    p->wait_next = NULL;
    p->waiting_on = NULL;
}

/* Takes `p` off whichever run queue it is on (interrupts off). */
static void run_queue_remove(struct thread *p) {
    if (p->rt_priority) {
        rt_remove(p);
        return;
    }
    for (struct thread **link = &run_head; *link; link = &(*link)->run_next) {
        if (*link == p) {
            *link = p->run_next;
            break;
        }
    }
    run_tail = NULL;
    for (struct thread *q = run_head; q; q = q->run_next)
        run_tail = q;
}

void sched_set_policy(struct proc *p, int policy, int priority) {
    bool irq = irq_save();

    for (struct thread *t = p->threads; t; t = t->sibling) {
        bool queued = t != current_thread && t->state == THREAD_RUNNABLE;
        if (queued)
            run_queue_remove(t);
        t->sched_policy = policy;
        t->rt_priority = priority;
        t->slice = TIME_SLICE_TICKS;
        if (queued)
            enqueue(t);
    }
    /* The caller lowered itself below a ready thread, or raised another above itself. */
    int highest = rt_highest();
    if (highest > current_thread->rt_priority)
        rt_check_preempt(highest);
    irq_restore(irq);
}

void sched_detach(struct thread *p) {
    bool irq = irq_save();

    run_queue_remove(p);
    timer_remove(p);
    wait_queue_remove(p);
    irq_restore(irq);
}

/* The end of every wake (interrupts off): `p`, off its wait queue already, leaves the timer list
 * if it is on it (wake_tick is set exactly while it is: most sleeps have no deadline, and the
 * list's walk is then not needed) and joins its run queue. */
static inline void wake_up(struct thread *p) {
    if (p->wake_tick)
        timer_remove(p);
    p->state = THREAD_RUNNABLE;
    enqueue(p);
    if (p->rt_priority)
        rt_check_preempt(p->rt_priority);
}

void thread_wake(struct thread *p) {
    bool irq = irq_save();

    if (p->state == THREAD_SLEEPING || p->state == THREAD_STOPPED) {
        wait_queue_remove(p);
        wake_up(p);
    }
    irq_restore(irq);
}

/* The base the TLS entry of the GDT holds now: most switches find it right already (a process
 * without threads, or two without TLS), and rewriting an 8-byte descriptor costs ~20 instructions. */
static uint32_t loaded_tls_base;

static inline void load_tls(const struct thread *t) {
    /* %gs caches its segment's base when loaded: the entry changes here, and the thread's %gs is
     * loaded again from its frame (isr.S pops it) before it runs user code. */
    if (t->tls_base != loaded_tls_base) {
        gdt_set_user_tls(t->tls_base);
        loaded_tls_base = t->tls_base;
    }
}

void sched_load_tls(const struct thread *t) {
    load_tls(t);
}

/* Inline into its callers, each of which has one call of it: every switch's path. */
static __force_inline void switch_to(struct thread *prev, struct thread *next) {
    struct proc *p = next->proc;

    /* Debug kernel: a thread leaving the CPU has not run its kernel stack down to the bottom. */
    if (prev->kstack)
        kstack_check(prev->kstack);
    current_thread = next;
    current = p;
    /* The way back to user mode has work: a signal to take, a stop or an end to obey. One test:
     * this is the path every switch takes. */
    if (((next->sig_pending | p->sig_pending) & ~next->sig_blocked) | p->exiting | next->must_exit |
        (p->state == PROC_STOPPED))
        user_return_work = 1;
    next->slice = TIME_SLICE_TICKS;
    tss_set_kernel_stack((uint32_t)next->kstack + KSTACK_SIZE);
    if (p->space) {
        /* Between two threads of one process the space is the same: CR3 is left alone. Two
         * processes without threads have the same TLS base (the libc's, at the same address):
         * the GDT entry is left alone. Inline, all three: this is every switch's path. */
        vm_space_switch_user(p->space);
        fpu_switch_to(next);
        load_tls(next);
    }
    context_switch(&prev->kernel_esp, next->kernel_esp);
}

/* schedule() with interrupts off already; inlined into its callers (schedule, the sleep and the
 * preemption), the hot paths. */
static __force_inline void schedule_irqs_off(void) {
    struct thread *prev = current_thread;
    struct thread *next = dequeue();

    if (!next)
        next = (prev->state == THREAD_RUNNABLE) ? prev : idle_thread;
    if (next != prev)
        switch_to(prev, next);
}

void schedule(void) {
    bool irq = irq_save();

    schedule_irqs_off();
    irq_restore(irq);
}

void sched_yield(void) {
    /* Nothing else to run and we may go on: nothing to do. Read with interrupts on: a thread an
     * interrupt makes runnable right after the test runs at the next preemption, as if it had
     * been woken after the yield. */
    if (!run_head && !rt_queued && current_thread->state == THREAD_RUNNABLE)
        return;

    bool irq = irq_save();
    struct thread *prev = current_thread, *next = run_head;

    /* The rotation below is the SCHED_OTHER queue's alone: with a real-time thread on either
     * side, enqueue and dequeue choose by priority. */
    if (next && !rt_queued && !prev->rt_priority && prev != idle_thread && prev->state == THREAD_RUNNABLE) {
        /* The common yield: the head leaves the queue and prev joins it at the tail, in one
         * step (enqueue then dequeue, with the length unchanged). */
        DEBUG_ASSERT_MSG(!on_run_queue(prev), "pid %d is already on the run queue", prev->tid);
        struct thread *after = next->run_next;

        next->run_next = NULL;
        prev->run_next = NULL;
        if (after) {
            run_head = after;
            run_tail->run_next = prev;
        } else {
            run_head = prev;
        }
        run_tail = prev;
    } else {
        if (prev != idle_thread && prev->state == THREAD_RUNNABLE)
            enqueue(prev);
        next = dequeue();
        if (!next)
            next = (prev->state == THREAD_RUNNABLE) ? prev : idle_thread;
    }
    if (next != prev)
        switch_to(prev, next);
    irq_restore(irq);
}

void sched_prepare_stack(struct thread *p, void (*entry)(void)) {
    /* Below the user frame: what context_switch resumes at, switch_start, which pops a zero
     * frame pointer (the end of a backtrace) and returns to `entry`. */
    struct switch_frame *sf = (struct switch_frame *)p->frame - 1;

    *sf = (struct switch_frame){.resume = (uint32_t)switch_start, .eip = (uint32_t)entry};
    p->kernel_esp = (uint32_t)sf;
}

void wait_queue_init(struct wait_queue *wq) {
    wq->head = NULL;
}

static void wait_queue_add(struct wait_queue *wq) {
    current_thread->waiting_on = wq;
    current_thread->wait_next = NULL;
    struct thread **link = &wq->head;
    while (*link)
        link = &(*link)->wait_next;
    *link = current_thread;
}

static void timer_add(uint64_t deadline) {
    current_thread->wake_tick = deadline;
    struct thread **link = &timer_head;
    while (*link && (*link)->wake_tick <= deadline)
        link = &(*link)->timer_next;
    current_thread->timer_next = *link;
    *link = current_thread;
}

void sched_sleep_on(struct wait_queue *wq, bool interruptible) {
    current_thread->state = THREAD_SLEEPING;
    current_thread->interruptible = interruptible;
    wait_queue_add(wq);
    schedule_irqs_off(); /* the caller has interrupts off (sleep_on's contract) */
}

void wake_all_slow(struct wait_queue *wq) {
    bool irq = irq_save();
    struct thread *t = wq->head;

    /* The whole queue is taken at once and each sleeper unlinked as it comes, where thread_wake
     * would look for it in the queue. Only sleepers are on a wait queue (a stop parks a thread
     * off every queue), and every wake takes the woken thread off its queue. */
    wq->head = NULL;
    while (t) {
        struct thread *next = t->wait_next;
        DEBUG_ASSERT_MSG(t->state == THREAD_SLEEPING && t->waiting_on == wq,
                         "tid %d on a wait queue it is not asleep on", t->tid);
        t->wait_next = NULL;
        t->waiting_on = NULL;
        wake_up(t);
        t = next;
    }
    irq_restore(irq);
}

void sched_sleep_until(uint64_t deadline) {
    timer_add(deadline);
    current_thread->state = THREAD_SLEEPING;
    current_thread->interruptible = true;
    schedule();
}

void sched_sleep_on_until(struct wait_queue *wq, uint64_t deadline) {
    /* Whichever comes first wakes it: thread_wake takes it off both lists. */
    wait_queue_add(wq);
    timer_add(deadline);
    current_thread->state = THREAD_SLEEPING;
    current_thread->interruptible = true;
    schedule();
}

/* The throttling period's accounting, each tick (interrupts off). */
static void sched_rt_tick(void) {
    bool rt_running = current_thread->rt_priority != 0;

    rt_used_ticks += rt_running;
    if (++rt_window_ticks >= SCHED_RT_PERIOD_TICKS) {
        rt_window_ticks = rt_used_ticks = 0;
        if (rt_throttled) {
            rt_throttled = false;
            rt_check_preempt(rt_highest()); /* ready real-time threads come first again */
        }
    } else if (!rt_throttled && rt_used_ticks >= SCHED_RT_RUNTIME_TICKS) {
        rt_throttled = true;
    }
    if (rt_running && rt_throttled && run_head) {
        need_resched = true; /* let a SCHED_OTHER thread run */
        user_return_work = 1;
    }
}

void sched_tick(uint64_t ticks) {
    while (timer_head && timer_head->wake_tick <= ticks)
        thread_wake(timer_head);
    if (current_thread != idle_thread) {
        current->cpu_ticks++; /* processor time is sampled: the tick charges who it interrupts */
        current->sys_ticks += !timer_tick_from_user();
        current_thread->cpu_ticks++;
    }
    /* A FIFO thread has no time slice: it runs until it blocks or yields (or is throttled). */
    if (current_thread != idle_thread && current_thread->sched_policy != ABI_SCHED_FIFO &&
        --current_thread->slice <= 0) {
        need_resched = true;
        user_return_work = 1;
    }
    sched_rt_tick();
}

void sched_preempt(void) {
    if (need_resched) {
        need_resched = false;
        bool irq = irq_save();
        struct thread *t = current_thread;
        /* A real-time thread that still had time (a FIFO one always has: the tick never runs
         * its slice down) was preempted by a higher priority or throttled: it waits at the head
         * of its queue (POSIX). Any other goes to the back of its queue, with a new slice. */
        bool preempted = t->rt_priority && t->slice > 0;
        t->slice = TIME_SLICE_TICKS;
        if (t != idle_thread && t->state == THREAD_RUNNABLE) {
            if (preempted)
                rt_enqueue(t, true);
            else
                enqueue(t);
        }
        schedule_irqs_off();
        irq_restore(irq);
    }
}

void sched_idle_step(void) {
    cpu_cli();
    if (run_head || rt_highest()) {
        pic_idle_end();
        schedule();
        cpu_sti();
    } else {
        pic_idle_halt();
    }
}

/* The idle thread: halt until an interrupt makes something runnable. */
__noreturn void sched_idle_loop(void) {
    for (;;)
        sched_idle_step();
}
