/* exit and waitpid: zombies, reaping, orphans (see proc/proc.h). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/time.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <lib/panic.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

static void (*init_exit_hook)(int status);
static void (*session_end_hook)(int sid);

void proc_set_init_exit_hook(void (*hook)(int status)) {
    init_exit_hook = hook;
}

void proc_set_session_end_hook(void (*hook)(int sid)) {
    session_end_hook = hook;
}

static bool group_has_stopped(int pgid) {
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->pgid == pgid && p->state == PROC_STOPPED)
            return true;
    }
    return false;
}

/*
 * POSIX: when an exit orphans a process group that has a stopped member, every member gets
 * SIGHUP, then SIGCONT. Nobody is left to continue it otherwise: the shell that would is what
 * just left (an orphaned group's members may also not be stopped by the terminal again: the
 * terminal answers their reads with EIO instead, see fs/tty.c).
 */
static void hang_up_if_orphaned_by(int pgid, struct proc *gone) {
    if (group_has_stopped(pgid) && !proc_group_orphaned(pgid) && proc_group_orphaned_without(pgid, gone)) {
        proc_signal_group(pgid, SIGHUP);
        proc_signal_group(pgid, SIGCONT);
    }
}

/* The groups that `p` links to its session: its own, through its parent, and its children's. */
static void hang_up_orphaned_groups(struct proc *p) {
    bool any_stopped = false;

    /* Most exits see no stopped process at all: one pass, and done. */
    for (struct proc *q = proc_first(); q && !any_stopped; q = proc_next(q))
        any_stopped = q->state == PROC_STOPPED;
    if (!any_stopped)
        return;
    hang_up_if_orphaned_by(p->pgid, p);
    for (struct proc *c = proc_first(); c; c = proc_next(c)) {
        if (c->parent == p && c->pgid != p->pgid)
            hang_up_if_orphaned_by(c->pgid, p);
    }
}

/* Gives the children of `p` to init (pid 1), which reaps them. */
static void reparent_children(struct proc *p) {
    struct proc *init = proc_find(1);
    bool zombies = false;

    for (struct proc *c = proc_first(); c; c = proc_next(c)) {
        if (c->parent != p)
            continue;
        c->parent = init;
        zombies |= c->state == PROC_ZOMBIE;
    }
    if (init && zombies)
        wake_all(&init->child_exit);
}

/*
 * exit() or a fatal signal: the whole process ends. The first such call records the status; every
 * thread then ends on its way back to user mode or out of its sleep (thread_must_end), and the
 * last one to end tears the process down (process_end), so that no thread still in the kernel
 * sees its memory or files go away under it.
 */
void proc_exit(int status) {
    struct proc *p = current;

    ASSERT_MSG(p != idle_proc, "the idle process cannot exit");
    bool irq = irq_save();
    if (!p->exiting) {
        p->exiting = true;
        p->exit_status = status;
        if (p->state == PROC_STOPPED)
            p->state = PROC_RUNNABLE; /* parked threads must leave to end */
        for (struct thread *t = p->threads; t; t = t->sibling) {
            if (t != current_thread &&
                ((t->state == THREAD_SLEEPING && t->interruptible) || t->state == THREAD_STOPPED))
                thread_wake(t);
        }
    }
    irq_restore(irq);
    thread_end();
}

/* The last thread of `p` is ending: the process becomes a zombie with wait status `status`. */
static __noreturn void process_end(struct proc *p, int status) {
    struct thread *self = current_thread;

    if (p->pid == 1 && init_exit_hook)
        init_exit_hook(status);
    /* A session's leader is gone: its terminal hangs up (POSIX: SIGHUP to the foreground
     * group, and the terminal is free for another session). */
    if (p->sid == p->pid && session_end_hook)
        session_end_hook(p->sid);

    ptimer_release(p); /* no timer fires for a zombie */
    if (p->fs)
        proc_resources_release(p);
    if (p->space) {
        vm_space_switch(NULL);
        vm_space_destroy(p->space);
        p->space = NULL;
    }

    cpu_cli();
    fpu_release(self);
    sched_detach(self);
    self->state = THREAD_DEAD;
    p->live_threads = 0;
    hang_up_orphaned_groups(p);
    reparent_children(p);
    p->exit_status = status;
    p->state = PROC_ZOMBIE;
    if (p->parent) {
        struct proc *parent = p->parent, *init = proc_find(1);
        int sig = WTERMSIG(status);
        struct signal_origin origin = {
            .code = !sig                        ? CLD_EXITED
                    : (status & ABI_W_COREDUMP) ? CLD_DUMPED
                                                : CLD_KILLED,
            .pid = p->pid,
            .value = !sig ? (uint32_t)WEXITSTATUS(status) : (uint32_t)sig,
            .uid = p->cred.uid,
        };
        signal_send_from(parent, SIGCHLD, origin);
        wake_all(&parent->child_exit);
        /* A parent that set SIGCHLD to SIG_IGN, or SA_NOCLDWAIT, waits for no child (POSIX): the
         * zombie goes to init, which reaps it, and the parent's waitpid, woken above, finds one
         * child fewer (ECHILD after the last). */
        const struct abi_sigaction *chld = &parent->sig_action[SIGCHLD];
        if (init && parent != init && (chld->sa_handler == ABI_SIG_IGN || (chld->sa_flags & SA_NOCLDWAIT))) {
            p->parent = init;
            wake_all(&init->child_exit);
        }
    }
    schedule();
    panic("zombie %d was scheduled", p->pid);
}

void thread_end(void) {
    struct thread *self = current_thread;
    struct proc *p = current;

    ASSERT_MSG(self != idle_thread, "the idle thread cannot end");
    thread_reap(p); /* the threads that ended before: their stacks are free to go now */
    if (p->live_threads == 1)
        process_end(p, p->exiting ? p->exit_status : ABI_W_EXITCODE(0));

    /* Not the last: a join in another thread learns that this one is gone (abi/thread.h). A
     * fault here is ignored: the word is the program's business. */
    if (self->clear_tid && !p->exiting) {
        uint32_t zero = 0;
        if (!copy_to_user(UADDR(self->clear_tid), &zero, sizeof(zero)))
            futex_wake(UADDR(self->clear_tid), 1);
    }
    cpu_cli();
    fpu_release(self);
    sched_detach(self);
    self->state = THREAD_DEAD; /* its stack is freed once it is off the CPU (thread_reap, proc_free) */
    p->live_threads--;
    wake_all(&p->thread_exit); /* an execve waiting for the others to end */
    schedule();
    panic("dead thread %d was scheduled", self->tid);
}

static bool child_matches(const struct proc *c, int pid) {
    if (pid > 0)
        return c->pid == pid;
    if (pid == -1)
        return true;
    if (pid == 0)
        return c->pgid == current->pgid;
    return c->pgid == -pid;
}

/* Copies `status` out, then frees the zombie; on a bad pointer the zombie stays, status intact. */
static int reap(struct proc *c, struct uaddr ustatus) {
    int pid = c->pid, status = c->exit_status;

    if (!uaddr_is_null(ustatus) && copy_to_user(ustatus, &status, sizeof(status)))
        return -EFAULT;
    /* POSIX: a waited-for child's times, and those of the children it waited for, become the
     * parent's children's times (the tick charges neither a zombie nor these fields). */
    current->child_user_ticks += (c->cpu_ticks - c->sys_ticks) + c->child_user_ticks;
    current->child_sys_ticks += c->sys_ticks + c->child_sys_ticks;
    proc_free(c);
    return pid;
}

void proc_times(struct abi_tms *tms) {
    bool irq = irq_save(); /* the tick charges the running process's counts */
    uint64_t cpu = current->cpu_ticks, sys = current->sys_ticks;
    irq_restore(irq);
    /* Ticks in 32 bits wrap after 497 days of processor time, as clock_t does. */
    *tms = (struct abi_tms){
        .tms_utime = (uint32_t)(cpu - sys),
        .tms_stime = (uint32_t)sys,
        .tms_cutime = (uint32_t)current->child_user_ticks,
        .tms_cstime = (uint32_t)current->child_sys_ticks,
    };
}

int proc_waitpid(int pid, struct uaddr ustatus, int options) {
    if (options & ~(WNOHANG | WUNTRACED))
        return -EINVAL;
    if (pid == INT32_MIN)
        return -ECHILD; /* no group -pid can name */
    bool irq = irq_save();
    bool interrupted = false;
    int result;

    for (;;) {
        bool any = false;
        struct proc *ready = NULL;
        for (struct proc *c = proc_first(); c; c = proc_next(c)) {
            if (c->parent != current || !child_matches(c, pid))
                continue;
            any = true;
            if (c->state == PROC_ZOMBIE || (c->state == PROC_STOPPED && (options & WUNTRACED) && !c->stop_reported)) {
                ready = c;
                break;
            }
        }
        if (ready && ready->state == PROC_STOPPED) {
            int status = ABI_W_STOPCODE(ready->stop_sig);
            result = !uaddr_is_null(ustatus) && copy_to_user(ustatus, &status, sizeof(status)) ? -EFAULT : ready->pid;
            if (result > 0)
                ready->stop_reported = true;
            break;
        }
        if (ready) {
            irq_restore(irq);
            return reap(ready, ustatus);
        }
        if (!any) {
            result = -ECHILD;
            break;
        }
        if (options & WNOHANG) {
            result = 0;
            break;
        }
        /* An interrupted sleep looks at the children once more first: the exit or stop it was
         * waiting for sends the SIGCHLD that interrupts it, and that child is the answer (Linux).
         * Only a signal that came with nothing to report makes the call fail with EINTR. */
        if (interrupted) {
            result = -EINTR;
            break;
        }
        interrupted = sleep_on(&current->child_exit, true) == -EINTR;
    }
    irq_restore(irq);
    return result;
}
