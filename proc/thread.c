/*
 * Threads of a user process: thread_create, thread_exit, set_tls, thread_cancel (see proc/proc.h). A new thread
 * shares everything its process owns and gets its own kernel stack, registers, FPU state, signal
 * mask (a copy of the creator's) and TLS base. Ending one is thread_end's (exit.c).
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/thread.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <lib/string.h>
#include <proc/proc.h>

int thread_create(const struct abi_thread_start *start) {
    struct proc *p = current;
    int err;

    if (!p->space || p->exiting)
        return -EAGAIN;
    thread_reap(p); /* a program that creates and joins in a loop reuses the slots */
    struct thread *t = thread_alloc(p, proc_alloc_id(), &err);
    if (!t)
        return err;
    thread_link(t);
    /* Its user registers: the start address and stack, everything else 0 (abi/thread.h). */
    *t->frame = (struct int_frame){
        .gs = ABI_TLS_SELECTOR,
        .fs = GDT_USER_DATA,
        .es = GDT_USER_DATA,
        .ds = GDT_USER_DATA,
        .eip = start->eip,
        .cs = GDT_USER_CODE,
        .eflags = EFLAGS_IF | EFLAGS_ALWAYS1,
        .user_esp = start->esp,
        .user_ss = GDT_USER_DATA,
        .error = SYSCALL_NO_RESTART,
    };
    t->tls_base = start->tls;
    t->clear_tid = start->clear_tid;
    t->sig_blocked = current_thread->sig_blocked;   /* nothing pending, the creator's mask (POSIX) */
    t->sched_policy = current_thread->sched_policy; /* PTHREAD_INHERIT_SCHED */
    t->rt_priority = current_thread->rt_priority;
    fpu_fork(current_thread, t);
    sched_prepare_stack(t, proc_start_user);
    thread_commit(t);
    return t->tid;
}

void thread_exit(void) {
    cpu_sti();
    thread_end();
}

int thread_set_tls(uint32_t base) {
    bool irq = irq_save();

    current_thread->tls_base = base;
    current_thread->frame->gs = ABI_TLS_SELECTOR; /* loaded, with the new base, on the way out */
    sched_load_tls(current_thread);
    irq_restore(irq);
    return 0;
}

int thread_cancel(int tid) {
    bool irq = irq_save();
    struct thread *t = thread_find(current, tid);

    if (!t) {
        irq_restore(irq);
        return -ESRCH;
    }
    t->cancel_pending = true;
    /* Asleep at a cancellation point: it wakes to see the request (signal_at_sleep). Asleep
     * elsewhere (a mutex's futex, a page-in): it stays, and meets the request at its next point. */
    if (t->state == THREAD_SLEEPING && t->interruptible && t->cancel_point)
        thread_wake(t);
    irq_restore(irq);
    return 0;
}
