/* fork: a copy of the calling process that shares its memory copy-on-write (see proc/proc.h). */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <lib/string.h>
#include <proc/proc.h>

int proc_fork(struct proc *parent, const struct int_frame *frame) {
    int err;
    struct proc *child = proc_alloc(&err);

    if (!child)
        return err;
    memcpy(child->name, parent->name, sizeof(child->name));
    child->parent = parent;
    child->pgid = parent->pgid;
    child->sid = parent->sid; /* and with it the controlling terminal */
    child->sig_blocked = parent->sig_blocked;
    child->altstack_on = parent->altstack_on; /* POSIX: fork keeps the alternate stack, exec drops it */
    child->altstack_sp = parent->altstack_sp;
    child->altstack_size = parent->altstack_size;
    memcpy(child->sig_action, parent->sig_action, sizeof(child->sig_action));

    if (parent->space) {
        child->space = vm_space_fork(parent->space, child->pid, frame->user_esp, &err);
        if (!child->space)
            goto out_free;
    }
    err = proc_resources_fork(parent, child);
    if (err)
        goto out_free;

    /* The child returns from the same system call, with 0. */
    *child->frame = *frame;
    child->frame->eax = 0;
    fpu_fork(parent, child);
    sched_prepare_stack(child, proc_start_user);
    proc_commit(child);
    return child->pid;

out_free:
    proc_free(child);
    return err;
}
