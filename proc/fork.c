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
    /* The child has one thread: a copy of the calling one (POSIX), the others are not copied. */
    struct thread *caller = current_thread, *main = proc_main_thread(child);
    memcpy(child->name, parent->name, sizeof(child->name));
    child->parent = parent;
    child->cred = parent->cred;
    child->pgid = parent->pgid;
    child->sid = parent->sid; /* and with it the controlling terminal */
    main->sig_blocked = caller->sig_blocked;
    main->altstack_on = caller->altstack_on; /* POSIX: fork keeps the alternate stack, exec drops it */
    main->altstack_sp = caller->altstack_sp;
    main->altstack_size = caller->altstack_size;
    main->tls_base = caller->tls_base;         /* the same thread pointer: the child's copy of its TLS block */
    main->sched_policy = caller->sched_policy; /* POSIX: the policy and priority are inherited */
    main->rt_priority = caller->rt_priority;
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
    *main->frame = *frame;
    main->frame->eax = 0;
    fpu_fork(caller, main);
    sched_prepare_stack(main, proc_start_user);
    proc_commit(child);
    return child->pid;

out_free:
    proc_free(child);
    return err;
}
