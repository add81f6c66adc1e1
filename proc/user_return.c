/*
 * The way back to user mode (isr.S runs proc_user_return with interrupts off when
 * user_return_work is set): a reschedule when the time slice ran out, then signal delivery --
 * default actions, or a handler frame on the user stack -- and sigreturn, which unwinds a frame.
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
 * An SA_SIGINFO handler gets struct abi_sigframe_info instead: its arguments (signo, the address
 * of a siginfo, the address of a ucontext holding the same registers and mask) and returns through
 * sigreturn_info, which resumes what the ucontext says then, under the same rules.
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
 */
#include "internal.h"
#include <abi/thread.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <stddef.h>

/* Flags a user program may change; sigreturn takes only these from the frame. */
#define EFLAGS_USER                                                                                                    \
    (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_TF | EFLAGS_DF | EFLAGS_OF | EFLAGS_AC)
#define EFLAGS_FIXED (EFLAGS_IF | EFLAGS_ALWAYS1)

/* The handler frame leaves this many bytes below the interrupted stack pointer untouched. */
#define SIGFRAME_GAP 128

/* The %gs a thread's user code runs with: its TLS segment once it has one (set_tls,
 * thread_create), so that a handler, too, finds its thread's variables (errno) there. */
static uint32_t user_gs(const struct thread *t) {
    return t->tls_base ? ABI_TLS_SELECTOR : GDT_USER_DATA;
}

/* The registers a handler frame saves, in the ucontext's layout (the classic frame copies them). */
static void save_context(const struct int_frame *f, abi_sigset_t mask, uintptr_t fpu_at, struct abi_mcontext *mc) {
    *mc = (struct abi_mcontext){
        .gs = f->gs,
        .fs = f->fs,
        .es = f->es,
        .ds = f->ds,
        .edi = f->edi,
        .esi = f->esi,
        .ebp = f->ebp,
        .esp = f->user_esp,
        .ebx = f->ebx,
        .edx = f->edx,
        .ecx = f->ecx,
        .eax = f->eax,
        .trapno = f->vector,
        .eip = f->eip,
        .cs = f->cs,
        .eflags = f->eflags,
        .uesp = f->user_esp,
        .ss = f->user_ss,
        .fpregs = fpu_at,
        .oldmask = mask,
    };
}

/*
 * Builds the handler frame (struct abi_sigframe, or abi_sigframe_info for SA_SIGINFO); false
 * when the user stack cannot take it. Every byte it copies out is defined: the frames have no
 * padding and are built whole, and the FPU image is the process's own area, which holds nothing
 * but what the CPU defines (see proc/fpu.c).
 */
static bool push_handler_frame(struct int_frame *f, int sig, const struct abi_sigaction *act,
                               const struct signal_origin *origin) {
    struct thread *self = current_thread;
    /* SA_ONSTACK: to the top of the alternate stack, unless already on it (a nested signal). */
    bool on_alt = signal_on_altstack(f->user_esp);
    bool to_alt = (act->sa_flags & SA_ONSTACK) && self->altstack_on && !on_alt;
    uintptr_t top = to_alt ? self->altstack_sp + self->altstack_size : f->user_esp - SIGFRAME_GAP;
    uintptr_t fpu_at = ALIGN_DOWN(top - FPU_AREA_SIZE, FXSAVE_ALIGN);
    abi_sigset_t mask = self->sig_suspended ? self->sig_suspend_mask : self->sig_blocked;
    struct abi_mcontext mc;
    uintptr_t sp;

    /* A top that wrapped, or a frame that would not fit on the alternate stack, is no stack. */
    if (to_alt ? top < self->altstack_sp || fpu_at < self->altstack_sp : top > f->user_esp)
        return false;
    save_context(f, mask, fpu_at, &mc);
    fpu_save(self); /* the registers may hold the live state, the area its last copy */
    if (fpu_at > top || copy_to_user(UADDR(fpu_at), self->fpu, FPU_AREA_SIZE))
        return false;
    if (act->sa_flags & SA_SIGINFO) {
        /* At handler entry, (sp + 4), where its arguments are, must be 16-aligned (i386 ABI). */
        sp = ALIGN_DOWN(fpu_at - sizeof(struct abi_sigframe_info), USER_STACK_ALIGN) -
             offsetof(struct abi_sigframe_info, signo);
        struct abi_sigframe_info frame = {
            .restorer = act->sa_restorer,
            .signo = sig,
            .info = sp + offsetof(struct abi_sigframe_info, siginfo),
            .uc = sp + offsetof(struct abi_sigframe_info, ucontext),
            .ucontext =
                {
                    .uc_stack = {.ss_sp = self->altstack_sp,
                                 .ss_flags = !self->altstack_on ? SS_DISABLE
                                             : on_alt           ? SS_ONSTACK
                                                                : 0,
                                 .ss_size = self->altstack_size},
                    .uc_mcontext = mc,
                    .uc_sigmask = mask,
                },
        };
        _Static_assert(sizeof(frame) == 16 + sizeof(struct abi_siginfo) + sizeof(struct abi_ucontext), "no padding");
        signal_fill_info(sig, origin, &frame.siginfo);
        if ((to_alt && sp < self->altstack_sp) || copy_to_user(UADDR(sp), &frame, sizeof(frame)))
            return false;
    } else {
        sp = ALIGN_DOWN(fpu_at - sizeof(struct abi_sigframe), USER_STACK_ALIGN) - offsetof(struct abi_sigframe, signo);
        struct abi_sigframe frame = {
            .restorer = act->sa_restorer,
            .signo = sig,
            .mask = mask,
            .fpu = fpu_at,
            .eax = mc.eax,
            .ecx = mc.ecx,
            .edx = mc.edx,
            .ebx = mc.ebx,
            .esp = mc.uesp,
            .ebp = mc.ebp,
            .esi = mc.esi,
            .edi = mc.edi,
            .eip = mc.eip,
            .eflags = mc.eflags,
        };
        _Static_assert(sizeof(frame) == 14 * sizeof(uint32_t), "no padding in the frame");
        if ((to_alt && sp < self->altstack_sp) || copy_to_user(UADDR(sp), &frame, sizeof(frame)))
            return false;
    }
    self->sig_suspended = false; /* the handler's sigreturn restores the mask of before */
    f->user_esp = sp;
    f->eip = act->sa_handler;
    f->eflags &= ~EFLAGS_TF; /* no single-stepping into the handler */
    /* The handler needs a usable %ds and %es, and the interrupted code may have loaded null ones
     * (a real CPU would then fault on the handler's first access): like sigreturn, which has no
     * selectors in the frame to restore, it gets the user data segment in all four. */
    f->ds = f->es = f->fs = GDT_USER_DATA;
    f->gs = user_gs(self);
    self->sig_blocked |= act->sa_mask;
    if (!(act->sa_flags & SA_NODEFER))
        self->sig_blocked |= ABI_SIGBIT(sig);
    self->sig_blocked &= ~SIG_UNBLOCKABLE;
    return true;
}

/*
 * Carries out the pending signals that are not blocked: default actions (ignore, stop, end the
 * process), then the first handler, whose frame goes on the user stack; the rest wait for its
 * sigreturn.
 */
static void signal_deliver(struct int_frame *f) {
    while (signal_pending()) {
        if (thread_must_end()) {
            cpu_sti();
            thread_end();
        }
        abi_sigset_t ready = signal_pending_set() & ~current_thread->sig_blocked;
        int sig = __builtin_ctz(ready) + 1;
        struct signal_origin origin = signal_take(sig);
        struct abi_sigaction *act = &current->sig_action[sig];

        if (act->sa_handler == ABI_SIG_IGN)
            continue;
        if (act->sa_handler == ABI_SIG_DFL) {
            switch (signal_default_action(sig)) {
            case ACT_IGNORE:
            case ACT_CONTINUE:
                continue;
            case ACT_STOP:
                signal_stop(sig);
                continue;
            case ACT_TERMINATE:
            case ACT_CORE:
                cpu_sti();
                proc_exit(signal_death_status(sig));
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
        if (!push_handler_frame(f, sig, &taken, &origin)) {
            /* No room for the frame: the process dies of SIGSEGV, as on other Unixes. */
            cpu_sti();
            proc_exit(signal_death_status(SIGSEGV));
        }
        return; /* one handler at a time; the rest after sigreturn */
    }
}

void proc_user_return(struct int_frame *frame) {
    user_return_work = 0;
    sched_preempt();
    /* Another thread stopped the process (a stop is the whole process's): park until SIGCONT. */
    if (current->state == PROC_STOPPED)
        signal_park_while_stopped();
    if (signal_pending())
        signal_deliver(frame);
    /* sigsuspend returns with the mask of before, whether or not a handler took it over. */
    if (current_thread->sig_suspended) {
        current_thread->sig_blocked = current_thread->sig_suspend_mask;
        current_thread->sig_suspended = false;
    }
    /* One handler is entered at a time; more pending signals need another pass. */
    if (signal_pending())
        user_return_work = 1;
}

/*
 * Resumes the context a handler's frame holds, trusting none of it: user segments whatever the
 * frame says, only the flags a program may change, the mask without SIGKILL and SIGSTOP, and of
 * the FPU image only what proc/fpu.c lets through (so the kernel's fxrstor cannot fault).
 */
static void resume_context(struct int_frame *f, const struct abi_mcontext *mc, abi_sigset_t mask, const uint8_t *fpu) {
    f->eax = mc->eax;
    f->ecx = mc->ecx;
    f->edx = mc->edx;
    f->ebx = mc->ebx;
    f->ebp = mc->ebp;
    f->esi = mc->esi;
    f->edi = mc->edi;
    f->eip = mc->eip;
    f->user_esp = mc->uesp;
    f->eflags = (mc->eflags & EFLAGS_USER) | EFLAGS_FIXED;
    f->cs = GDT_USER_CODE;
    f->user_ss = f->ds = f->es = f->fs = GDT_USER_DATA;
    f->gs = user_gs(current_thread);
    current_thread->sig_blocked = mask & ~SIG_UNBLOCKABLE;
    user_return_work = 1;
    fpu_restore_from_user(current_thread, fpu);
}

void signal_return(struct int_frame *f) {
    struct abi_sigframe frame;
    uint8_t fpu[FPU_AREA_SIZE];

    /* The handler's `ret` popped the restorer: the frame starts one word below the stack pointer. */
    if (copy_from_user(&frame, UADDR(f->user_esp - sizeof(frame.restorer)), sizeof(frame)) ||
        copy_from_user(fpu, UADDR(frame.fpu), sizeof(fpu))) {
        proc_exit(signal_death_status(SIGSEGV));
    }
    struct abi_mcontext mc = {
        .eax = frame.eax,
        .ecx = frame.ecx,
        .edx = frame.edx,
        .ebx = frame.ebx,
        .ebp = frame.ebp,
        .esi = frame.esi,
        .edi = frame.edi,
        .eip = frame.eip,
        .uesp = frame.esp,
        .eflags = frame.eflags,
    };
    resume_context(f, &mc, frame.mask, fpu);
}

void signal_return_info(struct int_frame *f) {
    struct abi_sigframe_info frame;
    uint8_t fpu[FPU_AREA_SIZE];

    /* As in signal_return; the handler may have changed the ucontext: it is what resumes. */
    if (copy_from_user(&frame, UADDR(f->user_esp - sizeof(frame.restorer)), sizeof(frame)) ||
        copy_from_user(fpu, UADDR(frame.ucontext.uc_mcontext.fpregs), sizeof(fpu))) {
        proc_exit(signal_death_status(SIGSEGV));
    }
    resume_context(f, &frame.ucontext.uc_mcontext, frame.ucontext.uc_sigmask, fpu);
}
