/* exit and waitpid: zombies, reaping, orphans (see proc/proc.h). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <lib/panic.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

static void (*init_exit_hook)(int status);

void proc_set_init_exit_hook(void (*hook)(int status)) {
    init_exit_hook = hook;
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

void proc_exit(int status) {
    struct proc *p = current;

    ASSERT_MSG(p != idle_proc, "the idle process cannot exit");
    if (p->pid == 1 && init_exit_hook)
        init_exit_hook(status);

    if (p->fs)
        proc_resources_release(p);
    if (p->space) {
        vm_space_switch(NULL);
        vm_space_destroy(p->space);
        p->space = NULL;
    }

    cpu_cli();
    fpu_release(p);
    sched_detach(p);
    reparent_children(p);
    p->exit_status = status;
    p->state = PROC_ZOMBIE;
    if (p->parent) {
        signal_send(p->parent, SIGCHLD);
        wake_all(&p->parent->child_exit);
    }
    schedule();
    panic("zombie %d was scheduled", p->pid);
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
    proc_free(c);
    return pid;
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
