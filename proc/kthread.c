/* Kernel threads: processes that run a kernel function and have no user space (proc/proc.h). */
#include "internal.h"
#include <abi/wait.h>
#include <arch/cpu.h>
#include <lib/string.h>
#include <proc/proc.h>

static void kthread_entry(void) {
    cpu_sti();
    int code = current->kthread_fn(current->kthread_arg);
    proc_exit(ABI_W_EXITCODE(code));
}

int kthread_spawn(const char *name, int (*fn)(void *arg), void *arg) {
    int err;
    struct proc *p = proc_alloc(&err);

    if (!p)
        return err;
    strlcpy(p->name, name, sizeof(p->name));
    p->parent = current;
    p->pgid = current->pgid ? current->pgid : p->pid;
    p->sid = current->sid ? current->sid : p->pid;
    p->kthread_fn = fn;
    p->kthread_arg = arg;
    fpu_reset(proc_main_thread(p));
    sched_prepare_stack(proc_main_thread(p), kthread_entry);
    proc_commit(p);
    return p->pid;
}
