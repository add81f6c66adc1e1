/* Process system calls: thin checks around proc/ (see docs/syscalls.md). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/time.h>
#include <abi/wait.h>
#include <arch/timer.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

void (*poweroff_hook)(int status);

void syscall_set_poweroff_hook(void (*hook)(int status)) {
    poweroff_hook = hook;
}

long sys_exit(struct int_frame *r) {
    u32 status = r->ebx;
    proc_exit(ABI_W_EXITCODE((int)status));
}

long sys_fork(struct int_frame *r) {
    (void)r;
    return proc_fork(current, current->frame);
}

long sys_waitpid(struct int_frame *r) {
    u32 pid = r->ebx;
    u32 ustatus = r->ecx;
    u32 options = r->edx;
    return proc_waitpid((int)pid, UADDR(ustatus), (int)options);
}

long sys_getpid(struct int_frame *r) {
    (void)r;
    return current->pid;
}

long sys_getppid(struct int_frame *r) {
    (void)r;
    return current->parent ? current->parent->pid : 0;
}

long sys_getpgid(struct int_frame *r) {
    u32 pid = r->ebx;
    return proc_getpgid((int)pid);
}

long sys_setpgid(struct int_frame *r) {
    u32 pid = r->ebx;
    u32 pgid = r->ecx;
    return proc_setpgid((int)pid, (int)pgid);
}

long sys_kill(struct int_frame *r) {
    u32 pid = r->ebx;
    u32 sig = r->ecx;
    return proc_kill((int)pid, (int)sig);
}

/*
 * Calls with an output pointer write it, or prove it writable, before they change anything (the
 * rule of docs/syscalls.md, "No partial effects"): sigaction and sigprocmask hand the user
 * pointer to proc/, which writes the old value first; nanosleep proves `rem` writable before it
 * sleeps; waitpid (proc/exit.c) copies the status before it reaps.
 */
long sys_sigaction(struct int_frame *r) {
    u32 sig = r->ebx;
    u32 uact = r->ecx;
    u32 uoldact = r->edx;
    struct abi_sigaction act;

    if (uact && copy_from_user(&act, UADDR(uact), sizeof(act)))
        return -EFAULT;
    return signal_action((int)sig, uact ? &act : NULL, UADDR(uoldact));
}

long sys_sigreturn(struct int_frame *r) {
    (void)r;
    signal_return(current->frame);
    return (long)current->frame->eax; /* what the interrupted code had in %eax */
}

long sys_sigprocmask(struct int_frame *r) {
    u32 how = r->ebx;
    u32 uset = r->ecx;
    u32 uold = r->edx;
    abi_sigset_t set;

    if (uset && copy_from_user(&set, UADDR(uset), sizeof(set)))
        return -EFAULT;
    return signal_mask((int)how, uset ? &set : NULL, UADDR(uold));
}

long sys_sched_yield(struct int_frame *r) {
    (void)r;
    sched_yield();
    return 0;
}

long sys_nanosleep(struct int_frame *r) {
    u32 ureq = r->ebx;
    u32 urem = r->ecx;
    struct abi_timespec req, rem;
    uint64_t left = 0;

    if (copy_from_user(&req, UADDR(ureq), sizeof(req)))
        return -EFAULT;
    if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
        return -EINVAL;
    /* `rem` is written only after an interruption, when the sleep cannot be undone: prove now
     * that it can be written then. */
    if (urem && user_prove_writable(UADDR(urem), sizeof(rem)))
        return -EFAULT;
    int err = sleep_ns((uint64_t)req.tv_sec * 1000000000u + (uint32_t)req.tv_nsec, &left);
    if (err == -EINTR && urem) {
        rem.tv_sec = (int32_t)(left / 1000000000u);
        rem.tv_nsec = (int32_t)(left % 1000000000u);
        if (copy_to_user(UADDR(urem), &rem, sizeof(rem)))
            return -EFAULT;
    }
    return err;
}

long sys_clock_gettime(struct int_frame *r) {
    u32 clock = r->ebx;
    u32 uts = r->ecx;
    if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME)
        return -EINVAL;
    uint64_t ns = clock_ns();
    struct abi_timespec ts = {.tv_sec = (int32_t)(ns / 1000000000u), .tv_nsec = (int32_t)(ns % 1000000000u)};
    return copy_to_user(UADDR(uts), &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_poweroff(struct int_frame *r) {
    u32 status = r->ebx;
    if (current->pid != 1)
        return -EPERM;
    if (poweroff_hook)
        poweroff_hook((int)status);
    proc_exit(0);
}
