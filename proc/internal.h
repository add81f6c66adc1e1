/*
 * Shared between the files of proc/; not part of its interface. Grouped by the file that defines
 * them, in the files' dependency order (proc/README.md): each file uses only the groups above it.
 */
#ifndef PROC_INTERNAL_H
#define PROC_INTERNAL_H

#include <arch/cpu.h>
#include <proc/proc.h>

#define FPU_AREA_SIZE 512

/*
 * fpu.c: each process's FPU state, in the registers (while it owns the FPU) or in its area. The
 * rules the areas keep are at the top of fpu.c; nothing else touches the FPU registers.
 */
/* Enables the FPU and SSE, records the CPU's MXCSR_MASK, gives `initial_area` the initial state. */
void fpu_init(void *initial_area);
/* A zeroed FPU area (FPU_AREA_SIZE bytes, 16-aligned), or NULL when memory is exhausted. */
void *fpu_area_alloc(void);
/* Whose FPU state the registers hold (NULL: nobody's); fpu.c's, read by fpu_switch_to. */
extern struct thread *fpu_owner;

/* The context switch to user thread `next`: the registers get its state (the owner's saved).
 * Inline: it is on the path of every switch. */
static inline void fpu_switch_to(struct thread *next) {
    if (fpu_owner == next)
        return;
    if (fpu_owner)
        fxsave(fpu_owner->fpu);
    fxrstor(next->fpu);
    fpu_owner = next;
}
/* Makes t->fpu hold t's current state (saving the registers if t owns them), to be read. */
void fpu_save(struct thread *t);
/* Gives the new thread `child` the FPU state `parent` has now (fork, thread_create). */
void fpu_fork(struct thread *parent, struct thread *child);
/* Gives `t` the state a new program starts with. */
void fpu_reset(struct thread *t);
/* Gives `t` the state of `image`, an fxsave image a user supplied (sigreturn), sanitized. */
void fpu_restore_from_user(struct thread *t, const void *image);
/* `t` is gone: the registers hold nobody's state any more. */
void fpu_release(struct thread *t);
/*
 * Fills `area` from `image`, an fxsave image a user supplied: only the fields the CPU defines are
 * kept (the rest is zero), MXCSR only the bits the CPU's MXCSR_MASK allows, so that fxrstor of the
 * result cannot fault.
 */
void fpu_set_from_user(void *area, const void *image);
/* The MXCSR bits this CPU allows (its fxsave's MXCSR_MASK, or MXCSR_MASK_DEFAULT), for tests. */
uint32_t fpu_mxcsr_mask(void);

/* proc.c */
extern struct proc *const idle_proc;
extern struct thread *const idle_thread;
struct thread *thread_alloc(struct proc *p, int tid, int *err);
void thread_link(struct thread *t);
void thread_free(struct thread *t);
/* Gives `t` the id `tid` (execve: the thread that goes on takes the pid). */
void thread_set_id(struct thread *t, int tid);
/* Frees p's DEAD threads (never the running one). */
void thread_reap(struct proc *p);
int proc_resources_create(struct proc *p);
int proc_resources_fork(struct proc *parent, struct proc *child);
void proc_resources_release(struct proc *p);
void proc_debug_set_next_pid(int pid);
/* A fresh id from the pid space (a new thread's). */
int proc_alloc_id(void);
/* proc_group_orphaned as it will be once `gone` has exited: not a member, nobody's parent. */
bool proc_group_orphaned_without(int pgid, const struct proc *gone);

/* sched.c */
void sched_enqueue(struct thread *t);
/* Makes an EMBRYO thread runnable. */
void thread_commit(struct thread *t);
/* The current process sleeps on `wq` (at its end) until woken; interrupts disabled. */
void sched_sleep_on(struct wait_queue *wq, bool interruptible);
/* The current process sleeps until tick `deadline` or a wake-up; interrupts disabled. */
void sched_sleep_until(uint64_t deadline);
/* Both: until `wq` is woken, tick `deadline` comes, or another wake-up; interrupts disabled. */
void sched_sleep_on_until(struct wait_queue *wq, uint64_t deadline);
/* Yields if the time slice ran out (the timer asked for a reschedule). */
void sched_preempt(void);
/* Removes `t` from the run queue, the sleep timers and any wait queue. */
void sched_detach(struct thread *t);
/* Prepares `t`'s kernel stack so that switching to it resumes at `entry` (then its frame). */
void sched_prepare_stack(struct thread *t, void (*entry)(void));
/* Loads the running thread's TLS base into the GDT entry behind ABI_TLS_SELECTOR. */
void sched_load_tls(const struct thread *t);

/*
 * The switch between two kernel stacks: saves %esp in *save_esp, loads load_esp, and goes on
 * where the thread that owns that stack stopped. What it leaves on the stack it switches away
 * from is a struct switch_frame: the frame pointer and the address to resume at. Everything else
 * is either in the user frame at the top of the stack (the interrupt put it there) or saved by
 * the compiler around this statement, which tells it every other register is lost. Inline (the
 * caller's prologue already saves the callee-saved registers): a call of a separate routine that
 * pushed and popped them again cost 11 more instructions a switch.
 */
static __force_inline void context_switch(uint32_t *save_esp, uint32_t load_esp) {
    __asm__ volatile("push %%ebp\n\t"
                     "push $1f\n\t"
                     "mov %%esp, (%0)\n\t"
                     "mov %1, %%esp\n\t"
                     "ret\n"
                     "1:\tpop %%ebp"
                     : "+a"(save_esp), "+d"(load_esp)
                     :
                     : "ebx", "ecx", "esi", "edi", "memory", "cc");
}

/* What context_switch leaves on the stack it switches away from, lowest address first. */
struct switch_frame {
    uint32_t resume; /* where the switch back goes on: after context_switch, or switch_start */
    uint32_t ebp;    /* the frame pointer, which the compiler cannot be told is lost */
    uint32_t eip;    /* a new thread's entry (switch_start returns there); else not part of it */
};
/* switch.S: where a new thread's first switch goes on: pops the frame pointer, returns to eip. */
void switch_start(void);
/* Where a new process starts: pops its user frame (arch/x86 interrupt_exit). */
void proc_start_user(void);
/* The same for init, noting the time (boot_user_tsc, boot_user_ns in proc/proc.h). */
void proc_start_first_user(void);

/* signal.c */
#define SIG_UNBLOCKABLE (ABI_SIGBIT(SIGKILL) | ABI_SIGBIT(SIGSTOP))
/* What a signal does when its action is SIG_DFL. */
enum default_action {
    ACT_TERMINATE,
    ACT_CORE, /* terminate "with core": no core file is written, the wait status says so (WCOREDUMP) */
    ACT_IGNORE,
    ACT_STOP,
    ACT_CONTINUE,
};
enum default_action signal_default_action(int sig);
/* The wait status of a process that `sig` ends by its default action (core flag included). */
int signal_death_status(int sig);
/* Stops the current process until SIGCONT (or SIGKILL), telling its parent. */
void signal_stop(int sig);
/* Parks the current thread while its process is stopped (and nothing ends it). */
void signal_park_while_stopped(void);
/* Must the current thread end now (its process is exiting, or execve in another thread)? */
static inline bool thread_must_end(void) {
    return current->exiting | current_thread->must_exit;
}
/* What is pending for the current thread: its own signals and its process's. */
static inline abi_sigset_t signal_pending_set(void) {
    return current_thread->sig_pending | current->sig_pending;
}
/* Takes `sig` off what is pending for the current thread (its own set first); returns where it
 * came from. */
struct signal_origin signal_take(int sig);
/* The siginfo of signal `sig` that came from `o`, every byte defined. */
void signal_fill_info(int sig, const struct signal_origin *o, struct abi_siginfo *info);

/* exit.c */
/* Ends the current thread; the last one of its process turns the process into a zombie with
 * the status the process's exit chose (p->exit_status). */
__noreturn void thread_end(void);

#endif
