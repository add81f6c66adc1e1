/*
 * Signals: sending (kill), actions (sigaction, sigprocmask), stopping and continuing, what a
 * pending signal means to a sleeper, and CPU faults in user mode, which become signals here.
 * Delivery, on the way back to user mode, and the handler frame are user_return.c's.
 *
 * How each class of mistake is kept out:
 *  - sigaction, sigprocmask and sigaltstack write the old value before they change anything.
 *  - A stop and continue without handlers is invisible: a sleeper stops where it sleeps and
 *    sleeps on (signal_at_sleep); only a handler or a fatal signal interrupts a call.
 *  - The rest (no kernel memory in a frame, restart only when the system-call path said so) is
 *    told at the top of user_return.c.
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

/* POSIX's table of default actions (<signal.h>); SIGPWR, SIGSTKFLT's 16 and the rest terminate, as on Linux. */
enum default_action signal_default_action(int sig) {
    switch (sig) {
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case SIGXCPU:
    case SIGXFSZ:
    case SIGSYS:
        return ACT_CORE;
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

int signal_death_status(int sig) {
    return ABI_W_TERMSIG(sig) | (signal_default_action(sig) == ACT_CORE ? ABI_W_COREDUMP : 0);
}

bool signal_pending(void) {
    /* An end to obey counts: it is what interrupts a sleep and waits on the way out. */
    return (signal_pending_set() & ~current_thread->sig_blocked) != 0 || thread_must_end();
}

struct signal_origin signal_take(int sig) {
    if (current_thread->sig_pending & ABI_SIGBIT(sig)) {
        current_thread->sig_pending &= ~ABI_SIGBIT(sig);
        return current_thread->sig_origin[sig];
    }
    current->sig_pending &= ~ABI_SIGBIT(sig);
    return current->sig_origin[sig];
}

/* Drops `set` from what is pending for `p` and each of its threads. */
static void discard_pending(struct proc *p, abi_sigset_t set) {
    p->sig_pending &= ~set;
    for (struct thread *t = p->threads; t; t = t->sibling)
        t->sig_pending &= ~set;
}

/*
 * Wakes the thread of `p` that is to act on `sig`, if one sleeps: `target` when the signal is
 * for one thread, else the first that waits for it in sigtimedwait or does not block it. Only
 * for what it must act on (see signal_at_sleep): a handler, an end or a stop; a continue or an
 * ignored signal it must not even notice.
 */
static void wake_for_signal(struct proc *p, struct thread *target, int sig, bool quiet) {
    struct thread *chosen = NULL;

    for (struct thread *t = target ? target : p->threads; t; t = target ? NULL : t->sibling) {
        if (t->state == THREAD_EMBRYO || t->state == THREAD_DEAD)
            continue;
        if (ABI_SIGBIT(sig) & t->sig_waiting) { /* sigtimedwait takes it, whatever its action */
            chosen = t;
            quiet = false;
            break;
        }
        if (!chosen && ((ABI_SIGBIT(sig) & ~t->sig_blocked) || sig == SIGKILL))
            chosen = t;
    }
    if (!chosen || quiet)
        return;
    /* A thread already running will see it on its way back to user mode. */
    if (chosen->state == THREAD_SLEEPING && chosen->interruptible)
        thread_wake(chosen);
    /* SIGKILL ends every thread: each must leave its sleep (exit wakes the rest). */
    if (sig == SIGKILL) {
        for (struct thread *t = p->threads; t; t = t->sibling) {
            if (t->state == THREAD_SLEEPING && t->interruptible)
                thread_wake(t);
        }
    }
}

/* Makes every parked thread of `p` runnable again (SIGCONT, or SIGKILL while stopped). */
static void wake_stopped_threads(struct proc *p) {
    for (struct thread *t = p->threads; t; t = t->sibling) {
        if (t->state == THREAD_STOPPED)
            thread_wake(t);
    }
}

void signal_send(struct proc *p, int sig) {
    signal_send_from(p, sig, (struct signal_origin){.code = SI_KERNEL});
}

/* The common part of a signal to process `p` (thread NULL) or to one of its threads. */
static void send(struct proc *p, struct thread *thread, int sig, struct signal_origin origin) {
    bool irq = irq_save();

    /* Like Linux, init only gets the signals it has a handler for: a stray kill must not take the
     * whole system down. (CPU faults in init still kill it: they are forced.) */
    bool init_default = p->pid == 1 && p->sig_action[sig].sa_handler == ABI_SIG_DFL;
    if (p->state != PROC_ZOMBIE && !p->kthread_fn && !init_default) {
        if (sig == SIGCONT) {
            discard_pending(p, ABI_SIGBIT(SIGSTOP) | ABI_SIGBIT(SIGTSTP) | ABI_SIGBIT(SIGTTIN) | ABI_SIGBIT(SIGTTOU));
            if (p->state == PROC_STOPPED) {
                p->stop_reported = false;
                p->state = PROC_RUNNABLE;
                wake_stopped_threads(p);
                /* XSI: the parent hears of the continue too (CLD_CONTINUED), unless SA_NOCLDSTOP. */
                if (p->parent && !(p->parent->sig_action[SIGCHLD].sa_flags & SA_NOCLDSTOP))
                    signal_send_from(p->parent, SIGCHLD,
                                     (struct signal_origin){
                                         .code = CLD_CONTINUED, .pid = p->pid, .value = SIGCONT, .uid = p->cred.uid});
            }
        } else if (signal_default_action(sig) == ACT_STOP) {
            discard_pending(p, ABI_SIGBIT(SIGCONT));
        }
        /* A signal that would be ignored anyway is dropped right here; but one ignored only by
         * default stays pending while blocked, for sigwait to take (SIGCHLD, as on Linux). */
        abi_sigset_t held = 0;
        for (struct thread *t = thread ? thread : p->threads; t; t = thread ? NULL : t->sibling)
            held |= t->sig_blocked | t->sig_waiting;
        bool ignored = p->sig_action[sig].sa_handler == ABI_SIG_IGN ||
                       (p->sig_action[sig].sa_handler == ABI_SIG_DFL && signal_default_action(sig) == ACT_IGNORE &&
                        !(held & ABI_SIGBIT(sig)));
        if (!ignored || sig == SIGCONT) {
            abi_sigset_t *pending = thread ? &thread->sig_pending : &p->sig_pending;
            struct signal_origin *origins = thread ? thread->sig_origin : p->sig_origin;
            if (!(*pending & ABI_SIGBIT(sig)))
                origins[sig] = origin;
            *pending |= ABI_SIGBIT(sig);
            user_return_work = 1;
            bool quiet =
                ignored || (p->sig_action[sig].sa_handler == ABI_SIG_DFL && signal_default_action(sig) == ACT_CONTINUE);
            wake_for_signal(p, thread, sig, quiet);
            if (sig == SIGKILL && p->state == PROC_STOPPED) {
                p->state = PROC_RUNNABLE; /* nothing stops an end */
                wake_stopped_threads(p);
            }
        }
    }
    irq_restore(irq);
}

/* POSIX kill's permission: the user ids (proc/cred.h), or SIGCONT within the caller's session
 * (which POSIX allows and Linux grants, so a shell can continue a job that changed users). */
static bool may_kill(const struct proc *p, int sig) {
    return cred_may_signal(&current->cred, &p->cred) || (sig == SIGCONT && p->sid == current->sid);
}

/* Where a signal the caller sends comes from: si_pid its pid, si_uid its real user id (POSIX). */
static struct signal_origin sent_by_caller(int32_t code) {
    return (struct signal_origin){.code = code, .pid = current->pid, .uid = current->cred.uid};
}

void signal_send_from(struct proc *p, int sig, struct signal_origin origin) {
    send(p, NULL, sig, origin);
}

int thread_kill(int pid, int tid, int sig) {
    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    struct proc *p = proc_find(pid);
    struct thread *t = p && p->state != PROC_ZOMBIE ? thread_find(p, tid) : NULL;
    if (!t)
        return -ESRCH;
    if (p->kthread_fn || !may_kill(p, sig))
        return -EPERM;
    if (sig)
        send(p, t, sig, sent_by_caller(SI_TKILL));
    return 0;
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
        if (p->kthread_fn || !may_kill(p, sig))
            return -EPERM;
        if (sig)
            signal_send_from(p, sig, sent_by_caller(SI_USER));
        return 0;
    }
    /* A group (0: the caller's, < -1: -pid) or everything but init and the caller (-1). */
    int pgid = pid == 0 ? current->pgid : -pid;
    int found = 0, allowed = 0;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->kthread_fn)
            continue;
        if (pid == -1 ? (p->pid == 1 || p == current) : p->pgid != pgid)
            continue;
        found++;
        if (!may_kill(p, sig))
            continue; /* as Linux: the others still get it; EPERM only when nobody may */
        allowed++;
        if (sig)
            signal_send_from(p, sig, sent_by_caller(SI_USER));
    }
    return !found ? -ESRCH : allowed ? 0 : -EPERM;
}

int proc_signal_group(int pgid, int sig) {
    int sent = 0;

    if (pgid <= 0)
        return 0;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->pgid == pgid && !p->kthread_fn && p->state != PROC_ZOMBIE) {
            signal_send(p, sig);
            sent++;
        }
    }
    return sent;
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
        current->sig_action[sig].sa_mask &= ~SIG_UNBLOCKABLE;
        /* Setting SIG_IGN (or SIG_DFL for an ignored default) discards a pending instance. */
        if (act->sa_handler == ABI_SIG_IGN ||
            (act->sa_handler == ABI_SIG_DFL && signal_default_action(sig) == ACT_IGNORE))
            discard_pending(current, ABI_SIGBIT(sig));
    }
    return 0;
}

int signal_mask(int how, const abi_sigset_t *set, struct uaddr uold) {
    abi_sigset_t blocked = current_thread->sig_blocked; /* the calling thread's own */

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
    if (!uaddr_is_null(uold) && copy_to_user(uold, &current_thread->sig_blocked, sizeof(current_thread->sig_blocked)))
        return -EFAULT;
    if (!set)
        return 0;
    current_thread->sig_blocked = blocked & ~SIG_UNBLOCKABLE;
    user_return_work = 1; /* something pending may be unblocked now */
    return 0;
}

bool signal_on_altstack(uint32_t sp) {
    /* The stack grows down from sp + size: its top is on it (nothing pushed yet), its bottom not. */
    return current_thread->altstack_on && sp > current_thread->altstack_sp &&
           sp - current_thread->altstack_sp <= current_thread->altstack_size;
}

int signal_altstack(const struct abi_stack *ss, struct uaddr uold) {
    bool on = signal_on_altstack(current_thread->frame->user_esp);

    if (ss) {
        if (on)
            return -EPERM; /* POSIX: the stack in use cannot change under the handler */
        if (ss->ss_flags != 0 && ss->ss_flags != SS_DISABLE && ss->ss_flags != SS_ONSTACK)
            return -EINVAL;
        if (ss->ss_flags != SS_DISABLE && ss->ss_size < MINSIGSTKSZ)
            return -ENOMEM;
    }
    if (!uaddr_is_null(uold)) {
        struct abi_stack old = {
            .ss_sp = current_thread->altstack_sp,
            .ss_flags = !current_thread->altstack_on ? SS_DISABLE
                        : on                         ? SS_ONSTACK
                                                     : 0,
            .ss_size = current_thread->altstack_size,
        };
        if (copy_to_user(uold, &old, sizeof(old)))
            return -EFAULT;
    }
    if (ss) {
        /* Where it is need not be valid memory now: a frame that cannot be written there kills
         * with SIGSEGV when a signal comes (push_handler_frame), as any bad stack does. */
        current_thread->altstack_on = ss->ss_flags != SS_DISABLE;
        current_thread->altstack_sp = current_thread->altstack_on ? ss->ss_sp : 0;
        current_thread->altstack_size = current_thread->altstack_on ? ss->ss_size : 0;
    }
    return 0;
}

void signal_park_while_stopped(void) {
    bool irq = irq_save();

    /* Woken by SIGCONT or SIGKILL (which make the process runnable again), or by an end. */
    while (current->state == PROC_STOPPED && !thread_must_end()) {
        current_thread->state = THREAD_STOPPED;
        schedule();
    }
    irq_restore(irq);
}

void signal_stop(int sig) {
    struct proc *parent = current->parent;

    /* The stop is the process's: its other threads park on their way back to user mode (the
     * switch to each sets user_return_work) or where they sleep (signal_at_sleep). */
    current->state = PROC_STOPPED;
    current->stop_sig = sig;
    current->stop_reported = false;
    for (struct thread *t = current->threads; t; t = t->sibling) {
        if (t != current_thread && t->state == THREAD_SLEEPING && t->interruptible)
            thread_wake(t);
    }
    if (parent && !(parent->sig_action[SIGCHLD].sa_flags & SA_NOCLDSTOP))
        signal_send_from(
            parent, SIGCHLD,
            (struct signal_origin){.code = CLD_STOPPED, .pid = current->pid, .value = sig, .uid = current->cred.uid});
    if (parent)
        wake_all(&parent->child_exit);
    signal_park_while_stopped();
}

enum sleep_signal signal_at_sleep_slow(void) {
    enum sleep_signal result = SLEEP_SIGNAL_NONE;

    for (;;) {
        if (thread_must_end())
            return SLEEP_SIGNAL_INTERRUPT; /* the way out ends the thread */
        if (thread_cancel_due())
            return SLEEP_SIGNAL_INTERRUPT; /* the call fails with ECANCELED (syscall_cancel_point) */
        if (current->state == PROC_STOPPED) {
            /* Another thread took a stop: this one parks here too, as if it had taken it. */
            signal_park_while_stopped();
            result = SLEEP_SIGNAL_STOPPED;
            continue;
        }
        abi_sigset_t ready = signal_pending_set() & ~current_thread->sig_blocked, quiet = 0;
        int stop = 0;
        for (abi_sigset_t left = ready; left; left &= left - 1) {
            int sig = __builtin_ctz(left) + 1;
            uint32_t handler = current->sig_action[sig].sa_handler;
            if (handler == ABI_SIG_IGN) {
                quiet |= ABI_SIGBIT(sig);
            } else if (handler != ABI_SIG_DFL) {
                return SLEEP_SIGNAL_INTERRUPT; /* a handler to run */
            } else {
                switch (signal_default_action(sig)) {
                case ACT_IGNORE:
                case ACT_CONTINUE:
                    quiet |= ABI_SIGBIT(sig);
                    break;
                case ACT_STOP:
                    stop = stop ? stop : sig;
                    break;
                case ACT_TERMINATE:
                case ACT_CORE:
                    return SLEEP_SIGNAL_INTERRUPT; /* the way out ends the process */
                }
            }
        }
        current_thread->sig_pending &= ~quiet;
        current->sig_pending &= ~quiet;
        if (!stop)
            return result;
        /* Stopping here, with nothing held, is what signal_deliver would do on the way out; once
         * continued, the caller sees only that it must check its condition again. */
        signal_take(stop);
        signal_stop(stop);
        result = SLEEP_SIGNAL_STOPPED;
    }
}

void signal_info(int sig, struct abi_siginfo *info) {
    /* The thread's own instance is the one taken first (signal_take). */
    const struct signal_origin *o =
        (current_thread->sig_pending & ABI_SIGBIT(sig)) ? &current_thread->sig_origin[sig] : &current->sig_origin[sig];
    signal_fill_info(sig, o, info);
}

void signal_fill_info(int sig, const struct signal_origin *o, struct abi_siginfo *info) {

    memset(info, 0, sizeof(*info));
    info->signo = sig;
    info->code = o->code;
    info->pid = (uint32_t)o->pid;
    info->uid = o->uid; /* the real id of the sender (POSIX), of the child for SIGCHLD; 0: the kernel */
    if (sig == SIGCHLD || o->code == SI_TIMER || o->code == SI_MESGQ)
        info->status = (int32_t)o->value; /* si_status; si_value (the same place) of a timer or a queue */
    else if (o->code > 0 && o->code != SI_KERNEL &&
             (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP))
        info->pid = o->value; /* si_addr */
}

/* A page fault that found no memory kills with SIGKILL: a handler could only return to the same fault. */
void signal_from_exception(struct int_frame *f, enum fault_result fault, uint32_t cr2) {
    /* siginfo's si_code and si_addr: the faulting address for #PF, the instruction otherwise. */
    struct signal_origin origin = {.code = SI_KERNEL, .value = f->eip};
    int sig;

    switch (f->vector) {
    case EXC_DE:
        sig = SIGFPE;
        origin.code = FPE_INTDIV;
        break;
    case EXC_MF:
    case EXC_XM:
        sig = SIGFPE;
        origin.code = FPE_FLTINV;
        break;
    case EXC_UD:
        sig = SIGILL;
        origin.code = ILL_ILLOPN;
        break;
    case EXC_DB:
        sig = SIGTRAP;
        origin.code = TRAP_TRACE;
        break;
    case EXC_BP:
        sig = SIGTRAP;
        origin.code = TRAP_BRKPT;
        break;
    case EXC_AC:
        sig = SIGBUS;
        origin.code = BUS_ADRALN;
        break;
    case EXC_PF:
        sig = fault == FAULT_OUT_OF_MEMORY ? SIGKILL : fault == FAULT_BUS ? SIGBUS : SIGSEGV;
        /* The page was present: its protection refused the access. Past a file's end: BUS_ADRERR. */
        origin.code = fault == FAULT_BUS ? BUS_ADRERR : (f->error & PF_PRESENT) ? SEGV_ACCERR : SEGV_MAPERR;
        origin.value = cr2;
        break;
    default: /* #GP, #SS, #NP and the rest: no address to tell (SI_KERNEL, as on Linux) */
        sig = SIGSEGV;
        origin.value = 0;
        break;
    }
    log_debug("pid %d: %s at eip 0x%08x -> signal %d", current->pid, exception_name(f->vector), f->eip, sig);
    /* A fault is the faulting thread's: it goes to that thread alone (POSIX), forced through. */
    if ((current_thread->sig_blocked & ABI_SIGBIT(sig)) || current->sig_action[sig].sa_handler == ABI_SIG_IGN) {
        current_thread->sig_blocked &= ~ABI_SIGBIT(sig);
        current->sig_action[sig].sa_handler = ABI_SIG_DFL;
    }
    current_thread->sig_origin[sig] = origin;
    current_thread->sig_pending |= ABI_SIGBIT(sig);
    user_return_work = 1;
}
