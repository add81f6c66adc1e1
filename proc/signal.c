/*
 * Signals: sending (kill), actions (sigaction, sigprocmask), delivery on the way back to user mode,
 * and the handler frame that sigreturn unwinds. CPU faults in user mode become signals here too.
 *
 * A handler runs on the user stack with this frame (struct abi_sigframe, abi/signal.h) below the
 * interrupted stack pointer:
 *
 *     sp ->  restorer        return address of the handler: the libc's trampoline, which makes
 *            signo           the sigreturn call; the handler's argument
 *            mask            the blocked set to restore
 *            fpu             address of the saved FPU area (512 bytes, 16-aligned, further up)
 *            regs[...]       the interrupted user registers
 *
 * sigreturn trusts none of it: registers come back with user segments and only user-changeable
 * flags, the mask without SIGKILL and SIGSTOP, and of the FPU image only what proc/fpu.c lets
 * through (so the kernel's fxrstor cannot fault); a frame it cannot read kills with SIGSEGV.
 *
 * How each class of mistake is kept out:
 *  - The frame shows no kernel memory: it is written field by field, and the FPU image is the
 *    process's own area, which holds only what the CPU defines (proc/fpu.c).
 *  - A call is restarted only when the system-call return path said so (SYSCALL_NO_RESTART in
 *    proc/proc.h), never because of what %eax holds: sigreturn restores a user's %eax.
 *  - sigaction and sigprocmask write the old value before they change anything.
 *  - A stop and continue without handlers is invisible: a sleeper stops where it sleeps and
 *    sleeps on (signal_at_sleep); only a handler or a fatal signal interrupts a call.
 */
#define LOG_MODULE "signal"

#include "internal.h"
#include <abi/errno.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <lib/log.h>
#include <lib/string.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <stddef.h>

extern struct proc *fpu_owner;

#define UNBLOCKABLE (ABI_SIGBIT(SIGKILL) | ABI_SIGBIT(SIGSTOP))

/* Flags a user program may change; sigreturn takes only these from the frame. */
#define EFLAGS_USER                                                                                                    \
    (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF | EFLAGS_AC)
#define EFLAGS_FIXED (EFLAGS_IF | EFLAGS_ALWAYS1)

/* The handler frame leaves this many bytes below the interrupted stack pointer untouched. */
#define SIGFRAME_GAP 128

enum default_action {
    ACT_TERMINATE,
    ACT_IGNORE,
    ACT_STOP,
    ACT_CONTINUE,
};

static enum default_action default_action(int sig) {
    switch (sig) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
        return ACT_IGNORE;
    case SIGCONT:
        return ACT_CONTINUE;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
        return ACT_STOP;
    default:
        return ACT_TERMINATE;
    }
}

bool signal_pending(void) {
    return (current->sig_pending & ~current->sig_blocked) != 0;
}

void signal_send(struct proc *p, int sig) {
    bool irq = irq_save();

    /* Like Linux, init only gets the signals it has a handler for: a stray kill must not take the
     * whole system down. (CPU faults in init still kill it: they are forced.) */
    bool init_default = p->pid == 1 && p->sig_action[sig].sa_handler == ABI_SIG_DFL;
    if (p->state != PROC_ZOMBIE && !p->kthread_fn && !init_default) {
        if (sig == SIGCONT) {
            p->sig_pending &= ~(ABI_SIGBIT(SIGSTOP) | ABI_SIGBIT(SIGTSTP) | ABI_SIGBIT(SIGTTIN) | ABI_SIGBIT(SIGTTOU));
            if (p->state == PROC_STOPPED) {
                p->stop_reported = false;
                proc_wake(p);
            }
        } else if (default_action(sig) == ACT_STOP) {
            p->sig_pending &= ~ABI_SIGBIT(SIGCONT);
        }
        /* A signal that would be ignored anyway is dropped right here. */
        bool ignored = p->sig_action[sig].sa_handler == ABI_SIG_IGN ||
                       (p->sig_action[sig].sa_handler == ABI_SIG_DFL && default_action(sig) == ACT_IGNORE);
        if (!ignored || sig == SIGCONT) {
            p->sig_pending |= ABI_SIGBIT(sig);
            user_return_work = 1;
            /* A sleeper wakes for what it must act on (see signal_at_sleep): a handler, an end or a
             * stop; not for a continue or an ignore, which it must not even notice. */
            bool deliverable = (ABI_SIGBIT(sig) & ~p->sig_blocked) || sig == SIGKILL;
            bool quiet =
                ignored || (p->sig_action[sig].sa_handler == ABI_SIG_DFL && default_action(sig) == ACT_CONTINUE);
            if (deliverable && !quiet && p->state == PROC_SLEEPING && p->interruptible)
                proc_wake(p);
            if (sig == SIGKILL && p->state == PROC_STOPPED)
                proc_wake(p);
        }
    }
    irq_restore(irq);
}

int proc_kill(int pid, int sig) {
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    if (pid == INT32_MIN)
        return -ESRCH; /* no group -pid can name */
    if (pid > 0) {
        struct proc *p = proc_find(pid);
        if (!p)
            return -ESRCH;
        if (p->kthread_fn)
            return -EPERM;
        if (sig)
            signal_send(p, sig);
        return 0;
    }
    /* A group (0: the caller's, < -1: -pid) or everything but init and the caller (-1). */
    int pgid = pid == 0 ? current->pgid : -pid;
    int found = 0;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->kthread_fn)
            continue;
        if (pid == -1 ? (p->pid == 1 || p == current) : p->pgid != pgid)
            continue;
        found++;
        if (sig)
            signal_send(p, sig);
    }
    return found ? 0 : -ESRCH;
}

/*
 * sigaction and sigprocmask change state only once everything is known to succeed: the
 * arguments are checked, then the old value is written to the user (a bad pointer fails the
 * call here, with nothing changed), and only then is the new value installed.
 */
int signal_action(int sig, const struct abi_sigaction *act, struct uaddr uold) {
    if (sig <= 0 || sig >= NSIG)
        return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    if (act && act->sa_handler > ABI_SIG_IGN &&
        (!(act->sa_flags & SA_RESTORER) || act->sa_handler >= USER_TOP || act->sa_restorer >= USER_TOP))
        return -EINVAL;
    if (!uaddr_is_null(uold) && copy_to_user(uold, &current->sig_action[sig], sizeof(current->sig_action[sig])))
        return -EFAULT;
    if (act) {
        current->sig_action[sig] = *act;
        current->sig_action[sig].sa_mask &= ~UNBLOCKABLE;
        /* Setting SIG_IGN (or SIG_DFL for an ignored default) discards a pending instance. */
        if (act->sa_handler == ABI_SIG_IGN || (act->sa_handler == ABI_SIG_DFL && default_action(sig) == ACT_IGNORE))
            current->sig_pending &= ~ABI_SIGBIT(sig);
    }
    return 0;
}

int signal_mask(int how, const abi_sigset_t *set, struct uaddr uold) {
    abi_sigset_t blocked = current->sig_blocked;

    if (set) {
        switch (how) {
        case SIG_BLOCK:
            blocked |= *set;
            break;
        case SIG_UNBLOCK:
            blocked &= ~*set;
            break;
        case SIG_SETMASK:
            blocked = *set;
            break;
        default:
            return -EINVAL;
        }
    }
    if (!uaddr_is_null(uold) && copy_to_user(uold, &current->sig_blocked, sizeof(current->sig_blocked)))
        return -EFAULT;
    if (!set)
        return 0;
    current->sig_blocked = blocked & ~UNBLOCKABLE;
    user_return_work = 1; /* something pending may be unblocked now */
    return 0;
}

/* Stops the current process until SIGCONT (or SIGKILL). */
static void stop_current(int sig) {
    struct proc *parent = current->parent;

    current->state = PROC_STOPPED;
    current->stop_sig = sig;
    current->stop_reported = false;
    if (parent && !(parent->sig_action[SIGCHLD].sa_flags & SA_NOCLDSTOP))
        signal_send(parent, SIGCHLD);
    if (parent)
        wake_all(&parent->child_exit);
    schedule();
}

enum sleep_signal signal_at_sleep(void) {
    enum sleep_signal result = SLEEP_SIGNAL_NONE;

    for (;;) {
        abi_sigset_t ready = current->sig_pending & ~current->sig_blocked, quiet = 0;
        int stop = 0;
        for (abi_sigset_t left = ready; left; left &= left - 1) {
            int sig = __builtin_ctz(left) + 1;
            uint32_t handler = current->sig_action[sig].sa_handler;
            if (handler == ABI_SIG_IGN) {
                quiet |= ABI_SIGBIT(sig);
            } else if (handler != ABI_SIG_DFL) {
                return SLEEP_SIGNAL_INTERRUPT; /* a handler to run */
            } else {
                switch (default_action(sig)) {
                case ACT_IGNORE:
                case ACT_CONTINUE:
                    quiet |= ABI_SIGBIT(sig);
                    break;
                case ACT_STOP:
                    stop = stop ? stop : sig;
                    break;
                case ACT_TERMINATE:
                    return SLEEP_SIGNAL_INTERRUPT; /* the way out ends the process */
                }
            }
        }
        current->sig_pending &= ~quiet;
        if (!stop)
            return result;
        /* Stopping here, with nothing held, is what signal_deliver would do on the way out; once
         * continued, the caller sees only that it must check its condition again. */
        current->sig_pending &= ~ABI_SIGBIT(stop);
        stop_current(stop);
        result = SLEEP_SIGNAL_STOPPED;
    }
}

/*
 * Builds the handler frame; false when the user stack cannot take it. Every byte it copies out is
 * defined: the frame is written field by field (no padding) and the FPU image is the process's
 * own area, which holds nothing but what the CPU defines (see proc/fpu.c).
 */
static bool push_handler_frame(struct int_frame *f, int sig, const struct abi_sigaction *act) {
    uintptr_t fpu_at = ALIGN_DOWN(f->user_esp - SIGFRAME_GAP - FPU_AREA_SIZE, FXSAVE_ALIGN);
    /* At handler entry, (sp + 4), where its argument is, must be 16-aligned as the i386 ABI expects. */
    uintptr_t sp =
        ALIGN_DOWN(fpu_at - sizeof(struct abi_sigframe), USER_STACK_ALIGN) - offsetof(struct abi_sigframe, signo);
    struct abi_sigframe frame = {
        .restorer = act->sa_restorer,
        .signo = sig,
        .mask = current->sig_blocked,
        .fpu = fpu_at,
        .eax = f->eax,
        .ecx = f->ecx,
        .edx = f->edx,
        .ebx = f->ebx,
        .esp = f->user_esp,
        .ebp = f->ebp,
        .esi = f->esi,
        .edi = f->edi,
        .eip = f->eip,
        .eflags = f->eflags,
    };
    _Static_assert(sizeof(frame) == 14 * sizeof(uint32_t), "no padding in the frame");

    if (fpu_owner == current)
        fxsave(current->fpu); /* the registers hold the live state, the area its last copy */
    if (fpu_at > f->user_esp || copy_to_user(UADDR(fpu_at), current->fpu, FPU_AREA_SIZE) ||
        copy_to_user(UADDR(sp), &frame, sizeof(frame)))
        return false;
    f->user_esp = sp;
    f->eip = act->sa_handler;
    f->eflags &= ~EFLAGS_TF; /* no single-stepping into the handler */
    /* The handler needs a usable %ds and %es, and the interrupted code may have loaded null ones
     * (a real CPU would then fault on the handler's first access): like sigreturn, which has no
     * selectors in the frame to restore, it gets the user data segment in all four. */
    f->ds = f->es = f->fs = f->gs = GDT_USER_DATA;
    current->sig_blocked |= act->sa_mask;
    if (!(act->sa_flags & SA_NODEFER))
        current->sig_blocked |= ABI_SIGBIT(sig);
    current->sig_blocked &= ~UNBLOCKABLE;
    return true;
}

void signal_deliver(struct int_frame *f) {
    while (signal_pending()) {
        abi_sigset_t ready = current->sig_pending & ~current->sig_blocked;
        int sig = __builtin_ctz(ready) + 1;
        current->sig_pending &= ~ABI_SIGBIT(sig);
        struct abi_sigaction *act = &current->sig_action[sig];

        if (act->sa_handler == ABI_SIG_IGN)
            continue;
        if (act->sa_handler == ABI_SIG_DFL) {
            switch (default_action(sig)) {
            case ACT_IGNORE:
            case ACT_CONTINUE:
                continue;
            case ACT_STOP:
                stop_current(sig);
                continue;
            case ACT_TERMINATE:
                cpu_sti();
                proc_exit(ABI_W_TERMSIG(sig));
            }
        }
        struct abi_sigaction taken = *act;
        if (act->sa_flags & SA_RESETHAND)
            act->sa_handler = ABI_SIG_DFL;
        /* A system call the system-call path marked restartable runs again after a handler with
         * SA_RESTART: back over the `int $0x80`, with the call number it kept in the error slot.
         * The decision is taken for the first handler only. */
        if (f->vector == SYSCALL_VECTOR_NUMBER && f->error != SYSCALL_NO_RESTART) {
            if (taken.sa_flags & SA_RESTART) {
                f->eax = f->error;
                f->eip -= SYSCALL_INSN_SIZE;
            }
            f->error = SYSCALL_NO_RESTART;
        }
        if (!push_handler_frame(f, sig, &taken)) {
            /* No room for the frame: the process dies of SIGSEGV, as on other Unixes. */
            cpu_sti();
            proc_exit(ABI_W_TERMSIG(SIGSEGV));
        }
        return; /* one handler at a time; the rest after sigreturn */
    }
}

void signal_return(struct int_frame *f) {
    struct abi_sigframe frame;
    uint8_t fpu[FPU_AREA_SIZE];

    /* The handler's `ret` popped the restorer: the frame starts one word below the stack pointer. */
    if (copy_from_user(&frame, UADDR(f->user_esp - sizeof(frame.restorer)), sizeof(frame)) ||
        copy_from_user(fpu, UADDR(frame.fpu), sizeof(fpu))) {
        proc_exit(ABI_W_TERMSIG(SIGSEGV));
    }
    f->eax = frame.eax;
    f->ecx = frame.ecx;
    f->edx = frame.edx;
    f->ebx = frame.ebx;
    f->ebp = frame.ebp;
    f->esi = frame.esi;
    f->edi = frame.edi;
    f->eip = frame.eip;
    f->user_esp = frame.esp;
    f->eflags = (frame.eflags & EFLAGS_USER) | EFLAGS_FIXED;
    f->cs = GDT_USER_CODE;
    f->user_ss = f->ds = f->es = f->fs = f->gs = GDT_USER_DATA;
    current->sig_blocked = frame.mask & ~UNBLOCKABLE;
    user_return_work = 1;

    /* Only what the CPU defines, MXCSR checked against the CPU's own mask: fxrstor cannot fault. */
    fpu_set_from_user(current->fpu, fpu);
    if (fpu_owner == current)
        fxrstor(current->fpu);
}

/* A page fault that found no memory kills with SIGKILL: a handler could only return to the same fault. */
void signal_from_exception(struct int_frame *f, enum fault_result fault) {
    int sig;

    switch (f->vector) {
    case EXC_DE:
    case EXC_MF:
    case EXC_XM:
        sig = SIGFPE;
        break;
    case EXC_UD:
        sig = SIGILL;
        break;
    case EXC_DB:
    case EXC_BP:
        sig = SIGTRAP;
        break;
    case EXC_AC:
        sig = SIGBUS;
        break;
    default: /* #PF, #GP, #SS, #NP and the rest */
        sig = fault == FAULT_OUT_OF_MEMORY ? SIGKILL : SIGSEGV;
        break;
    }
    log_debug("pid %d: %s at eip 0x%08x -> signal %d", current->pid, exception_name(f->vector), f->eip, sig);
    if ((current->sig_blocked & ABI_SIGBIT(sig)) || current->sig_action[sig].sa_handler == ABI_SIG_IGN) {
        current->sig_blocked &= ~ABI_SIGBIT(sig);
        current->sig_action[sig].sa_handler = ABI_SIG_DFL;
    }
    current->sig_pending |= ABI_SIGBIT(sig);
    user_return_work = 1;
}
