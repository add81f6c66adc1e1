/*
 * The scheduler: round robin over one run queue, preemption on the way back to user mode when the
 * time slice is used up, wait queues and the list of timed sleepers, and the switch itself. What a
 * sleep means to signals (when it ends early) is sleep.c's business.
 *
 * The current process is never on the run queue. Switching is direct, process to process (no
 * scheduler thread in between): save callee-saved registers, swap stacks (switch.S), and on the
 * way point the TSS at the new kernel stack, reload CR3 only when the address space changes, and
 * move FPU state only when a different user process takes the FPU (fpu.c).
 */
#include "internal.h"
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/pic.h>
#include <arch/timer.h>
#include <lib/panic.h>
#include <proc/proc.h>

static struct proc *run_head, *run_tail;
static int run_length;
static struct proc *timer_head; /* sleepers sorted by wake_tick */
static volatile bool need_resched;

static bool on_run_queue(const struct proc *p) {
    for (const struct proc *q = run_head; q; q = q->run_next) {
        if (q == p)
            return true;
    }
    return false;
}

void sched_enqueue(struct proc *p) {
    bool irq = irq_save();

    /* Queued twice, a process would link the queue into a cycle (or cut it short). */
    DEBUG_ASSERT_MSG(!on_run_queue(p), "pid %d is already on the run queue", p->pid);
    p->run_next = NULL;
    if (run_tail)
        run_tail->run_next = p;
    else
        run_head = p;
    run_tail = p;
    run_length++;
    irq_restore(irq);
}

void proc_commit(struct proc *p) {
    ASSERT(p->state == PROC_EMBRYO);
    p->state = PROC_RUNNABLE;
    sched_enqueue(p);
}

static struct proc *dequeue(void) {
    struct proc *p = run_head;

    if (p) {
        run_head = p->run_next;
        if (!run_head)
            run_tail = NULL;
        p->run_next = NULL;
        run_length--;
    }
    return p;
}

int sched_queue_length(void) {
    return run_length;
}

static void timer_remove(struct proc *p) {
    for (struct proc **link = &timer_head; *link; link = &(*link)->timer_next) {
        if (*link == p) {
            *link = p->timer_next;
            break;
        }
    }
    p->timer_next = NULL;
    p->wake_tick = 0;
}

static void wait_queue_remove(struct proc *p) {
    struct wait_queue *wq = p->waiting_on;

    if (!wq)
        return;
    for (struct proc **link = &wq->head; *link; link = &(*link)->wait_next) {
        if (*link == p) {
            *link = p->wait_next;
            break;
        }
    }
    p->wait_next = NULL;
    p->waiting_on = NULL;
}

void sched_detach(struct proc *p) {
    bool irq = irq_save();

    for (struct proc **link = &run_head; *link; link = &(*link)->run_next) {
        if (*link == p) {
            *link = p->run_next;
            run_length--;
            break;
        }
    }
    run_tail = NULL;
    for (struct proc *q = run_head; q; q = q->run_next)
        run_tail = q;
    timer_remove(p);
    wait_queue_remove(p);
    irq_restore(irq);
}

void proc_wake(struct proc *p) {
    bool irq = irq_save();

    if (p->state == PROC_SLEEPING || p->state == PROC_STOPPED) {
        timer_remove(p);
        wait_queue_remove(p);
        p->state = PROC_RUNNABLE;
        sched_enqueue(p);
    }
    irq_restore(irq);
}

static void switch_to(struct proc *prev, struct proc *next) {
    /* Debug kernel: a process leaving the CPU has not run its kernel stack down to the bottom. */
    if (prev->kstack)
        kstack_check(prev->kstack);
    current = next;
    if (next->sig_pending & ~next->sig_blocked)
        user_return_work = 1;
    next->slice = TIME_SLICE_TICKS;
    tss_set_kernel_stack((uint32_t)next->kstack + KSTACK_SIZE);
    if (next->space) {
        vm_space_switch(next->space);
        fpu_switch_to(next);
    }
    context_switch(&prev->kernel_esp, next->kernel_esp);
}

void schedule(void) {
    bool irq = irq_save();
    struct proc *prev = current;
    struct proc *next = dequeue();

    if (!next)
        next = (prev->state == PROC_RUNNABLE) ? prev : idle_proc;
    if (next != prev)
        switch_to(prev, next);
    irq_restore(irq);
}

void sched_yield(void) {
    bool irq = irq_save();

    if (current != idle_proc && current->state == PROC_RUNNABLE)
        sched_enqueue(current);
    schedule();
    irq_restore(irq);
}

void sched_prepare_stack(struct proc *p, void (*entry)(void)) {
    /* Below the user frame: what context_switch pops, returning to `entry`. */
    struct switch_frame *sf = (struct switch_frame *)p->frame - 1;

    *sf = (struct switch_frame){.eip = (uint32_t)entry};
    p->kernel_esp = (uint32_t)sf;
}

void wait_queue_init(struct wait_queue *wq) {
    wq->head = NULL;
}

static void wait_queue_add(struct wait_queue *wq) {
    current->waiting_on = wq;
    current->wait_next = NULL;
    struct proc **link = &wq->head;
    while (*link)
        link = &(*link)->wait_next;
    *link = current;
}

static void timer_add(uint64_t deadline) {
    current->wake_tick = deadline;
    struct proc **link = &timer_head;
    while (*link && (*link)->wake_tick <= deadline)
        link = &(*link)->timer_next;
    current->timer_next = *link;
    *link = current;
}

void sched_sleep_on(struct wait_queue *wq, bool interruptible) {
    current->state = PROC_SLEEPING;
    current->interruptible = interruptible;
    wait_queue_add(wq);
    schedule();
}

void wake_all(struct wait_queue *wq) {
    bool irq = irq_save();

    while (wq->head)
        proc_wake(wq->head);
    irq_restore(irq);
}

void sched_sleep_until(uint64_t deadline) {
    timer_add(deadline);
    current->state = PROC_SLEEPING;
    current->interruptible = true;
    schedule();
}

void sched_sleep_on_until(struct wait_queue *wq, uint64_t deadline) {
    /* Whichever comes first wakes it: proc_wake takes it off both lists. */
    wait_queue_add(wq);
    timer_add(deadline);
    current->state = PROC_SLEEPING;
    current->interruptible = true;
    schedule();
}

void sched_tick(uint64_t ticks) {
    while (timer_head && timer_head->wake_tick <= ticks)
        proc_wake(timer_head);
    if (current != idle_proc)
        current->cpu_ticks++; /* processor time is sampled: the tick charges who it interrupts */
    if (current != idle_proc && --current->slice <= 0) {
        need_resched = true;
        user_return_work = 1;
    }
}

void sched_preempt(void) {
    if (need_resched) {
        need_resched = false;
        sched_yield();
    }
}

void sched_idle_step(void) {
    cpu_cli();
    if (run_head) {
        schedule();
        cpu_sti();
    } else {
        pic_idle_halt();
    }
}

/* The idle process: halt until an interrupt makes something runnable. */
__noreturn void sched_idle_loop(void) {
    for (;;)
        sched_idle_step();
}
