/*
 * Processes.
 *
 * Each process has a kernel stack (mm's kstack_alloc, with a guard gap) at whose top the CPU and
 * arch/x86/isr.S save its user registers on every interrupt or system call: `frame` points at that
 * struct int_frame, which is never copied. A context switch (switch.S) only saves the callee-saved
 * registers and the stack pointer of the process it leaves; see proc/sched.c.
 *
 * Lifecycle: proc_alloc() reserves a pid and an EMBRYO that the scheduler never sees; the caller
 * builds it, then proc_commit() makes it RUNNABLE, or proc_free() gives everything back. A process
 * that exits becomes a ZOMBIE holding its status (and still its kernel stack and pid) until its
 * parent reaps it with waitpid; only then is its pid free for reuse.
 *
 *                   proc_alloc()             proc_commit()
 *       UNUSED  ------------------>  EMBRYO  ------------->  RUNNABLE
 *         ^  ^                         |                     |  ^  |  ^
 *         |  |      proc_free()        |     sleep_on(),     |  |  |  |  SIGCONT, SIGKILL
 *         |  +-------------------------+     sleep_ns()      |  |  |  +------------------+
 *         |          (the build failed)          +-----------+  |  |                     |
 *         |                                      v              |  |  a stop signal      |
 *         |                                  SLEEPING ----------+  +--> STOPPED ---------+
 *         |                        wake_all(), proc_wake(),            (signal_stop())
 *         |                        a signal, the timer
 *         |         proc_free()                         proc_exit()
 *         +------------------------- ZOMBIE <------------ RUNNABLE (the running process)
 *               (waitpid() reaps)
 *
 * Concurrency: one CPU and a kernel that is not preempted (the timer only asks for a reschedule,
 * which happens on the way back to user mode). State also touched by interrupt handlers (run queue,
 * wait queues, sleep timers) is changed with interrupts disabled.
 *
 * The files of proc/, each calling only the ones on its line or above (no cycle; proc/README.md
 * says why; //testing:kernel_structure_test checks it against this list):
 *   fpu.c                    FPU state and the one rule for it (whose state the registers hold)
 *   proc.c                   the process table: pids, allocation and freeing, lookup, groups
 *   sched.c switch.S         run queue, context switch, wait queues, timed sleepers, the tick
 *   signal.c                 sending, actions and masks, stop and continue, faults into signals
 *   itimer.c                 the real-time interval timer (alarm, setitimer): SIGALRM at its time
 *   sleep.c                  sleeping in a call: sleep_on, sleep_ns, which signals end a sleep
 *   exit.c                   exit, zombies, waitpid
 *   user_return.c            the way back to user mode: preemption, signal delivery, sigreturn
 *   fork.c exec.c kthread.c  making processes
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <abi/signal.h>
#include <abi/time.h>
#include <arch/interrupt.h>
#include <lib/compiler.h>
#include <mm/usercopy.h>
#include <mm/vm.h>
#include <stdbool.h>
#include <stdint.h>

#define PROC_TABLE_SIZE 128 /* hard limit; proc_set_max() lowers the effective one */
#define PID_MAX 32768
#define PROC_NAME_MAX 16
#define TIME_SLICE_TICKS 2 /* 20 ms at 100 Hz */

enum proc_state {
    PROC_UNUSED,
    PROC_EMBRYO,
    PROC_RUNNABLE, /* on the run queue, or running (current) */
    PROC_SLEEPING,
    PROC_STOPPED,
    PROC_ZOMBIE,
};

struct proc;

/* Where a pending signal came from: what siginfo_t says of it (abi_siginfo). */
struct signal_origin {
    int32_t code;   /* SI_USER, SI_KERNEL, CLD_*, SEGV_*... */
    int32_t pid;    /* the sender (kill), the child (SIGCHLD) */
    uint32_t value; /* si_status for SIGCHLD, si_addr for a fault */
};

/* A list of processes blocked until something happens. */
struct wait_queue {
    struct proc *head;
};

struct proc {
    int pid;
    int pgid; /* process group: a job, which a terminal's keys signal as one */
    int sid;  /* session: the groups that share a controlling terminal (the leader's pid) */
    enum proc_state state;
    char name[PROC_NAME_MAX];
    struct proc *parent;

    /* Memory. space is NULL for kernel threads and after exit. */
    struct vm_space *space;
    void *kstack;            /* lowest address of the kernel stack */
    uint32_t kernel_esp;     /* saved by context_switch while not running */
    struct int_frame *frame; /* user registers at the top of the kernel stack */
    void *fpu;               /* 512-byte fxsave area, 16-byte aligned */

    /* Scheduling. */
    struct proc *run_next;  /* run queue link */
    struct proc *wait_next; /* wait-queue link */
    struct wait_queue *waiting_on;
    bool interruptible;         /* a signal ends the sleep */
    uint64_t wake_tick;         /* for timed sleeps, 0 if none */
    struct proc *timer_next;    /* sleep-timer list link */
    int slice;                  /* ticks left in the time slice */
    uint64_t cpu_ticks;         /* ticks it was running at (CLOCK_PROCESS_CPUTIME_ID) */
    uint64_t alarm_ns;          /* ITIMER_REAL's expiry on clock_ns()'s scale; 0: disarmed */
    uint64_t alarm_interval_ns; /* ITIMER_REAL's reload */

    /* Exit and wait. */
    int exit_status;              /* wait status (abi/wait.h encoding) once a zombie */
    struct wait_queue child_exit; /* the parent sleeps here in waitpid */

    /* Signals. */
    abi_sigset_t sig_pending;
    abi_sigset_t sig_blocked;
    struct abi_sigaction sig_action[NSIG];
    struct signal_origin sig_origin[NSIG]; /* of each pending signal: the first sender's */
    abi_sigset_t sig_suspend_mask;         /* the mask to restore after sigsuspend's handler */
    bool sig_suspended;                    /* sig_suspend_mask holds it */
    abi_sigset_t sig_waiting;              /* the set sigtimedwait sleeps for */
    uint32_t altstack_sp, altstack_size;   /* sigaltstack: the alternate signal stack... */
    bool altstack_on;                      /* ...if there is one (else SS_DISABLE) */

    /* What the file-system layer keeps for the process (descriptors, working directory), NULL
     * for kernel threads; see proc_set_resource_ops(). */
    void *fs;

    /* Kernel threads: what to run. */
    int (*kthread_fn)(void *arg);
    void *kthread_arg;

    int stop_sig;       /* the signal that stopped it (while STOPPED) */
    bool stop_reported; /* a stop has been reported to waitpid(WUNTRACED) */
    bool execed;        /* ran execve since its fork: its parent may no longer move its group */
};

/* The running process. During boot and in the idle loop: the idle process (pid 0). */
extern struct proc *current;

/* Start-up: the calling context becomes the idle process; sets the FPU up. */
void proc_init(void);

/* Caps the number of live processes (at most PROC_TABLE_SIZE); fork beyond it fails with EAGAIN. */
void proc_set_max(int max);
int proc_get_max(void);

/*
 * Reserves a process slot and a pid and gives it a kernel stack and an FPU area. The result is an
 * EMBRYO: invisible to the scheduler and to kill/wait, owned by the caller. Returns NULL with
 * *err = -EAGAIN (table full) or -ENOMEM.
 */
struct proc *proc_alloc(int *err);

/* Makes an EMBRYO runnable. */
void proc_commit(struct proc *p);

/* Gives back everything an EMBRYO or a reaped ZOMBIE holds (space, stack, FPU area, pid). */
void proc_free(struct proc *p);

/* The live (not UNUSED, not EMBRYO) process with `pid`, or NULL. */
struct proc *proc_find(int pid);

/* Iterates over live processes: for (p = proc_first(); p; p = proc_next(p)). */
struct proc *proc_first(void);
struct proc *proc_next(struct proc *p);

/* Live processes, for tests and leak checks. */
int proc_count(void);

struct abi_procinfo;
/* Fills `info` (every byte of it) with what ps shows of live process `p`. */
void proc_describe(const struct proc *p, struct abi_procinfo *info);

/* Resources higher layers attach to processes (the open-file table). */
struct proc_resource_ops {
    /* Gives a process started from scratch (init) fresh resources. 0 or a negative errno. */
    int (*create)(struct proc *p);
    /* Gives `child` its copy of `parent`'s resources. 0 or a negative errno (fork fails). */
    int (*fork)(struct proc *parent, struct proc *child);
    /* Releases everything `p` holds; called once at exit or when an embryo is freed. */
    void (*release)(struct proc *p);
};
void proc_set_resource_ops(const struct proc_resource_ops *ops);

/* --- fork, exit, wait (proc/fork.c, proc/exit.c) --------------------------------------------- */

/*
 * Creates a child of `parent` whose user registers are a copy of `frame` with eax = 0, sharing
 * memory copy-on-write, with the parent's open files, signal actions and mask, and FPU state.
 * Returns the child's pid, or -EAGAIN / -ENOMEM with nothing left allocated.
 */
int proc_fork(struct proc *parent, const struct int_frame *frame);

/* Ends the current process with wait status `status` (abi/wait.h encoding). */
__noreturn void proc_exit(int status);

/* Called when pid 1 exits, before it is torn down (the kernel reports its status and stops). */
void proc_set_init_exit_hook(void (*hook)(int status));

/*
 * waitpid: pid > 0 that child, -1 any child, 0 any child in the caller's group, < -1 any child in
 * group -pid. Copies the status to `ustatus` (a user address, may be null) before reaping, so a bad
 * pointer fails with -EFAULT and loses nothing. Returns the pid reaped, 0 with WNOHANG when
 * nothing is ready, -ECHILD when no child can match, -EINTR when a signal interrupts the wait.
 */
int proc_waitpid(int pid, struct uaddr ustatus, int options);

/* --- process groups and sessions (proc/proc.c) --------------------------------------------- */

/*
 * A session is the set of process groups that share a controlling terminal; its id is the pid
 * of the process that made it (its leader). init leads session 1; fork inherits the session,
 * setsid makes a new one. A group never spans sessions. A pid is not handed out again while a
 * process (zombies included) still uses it as its pid, group or session, so a number always
 * names the same group or session (POSIX).
 */

/* POSIX setpgid; see docs/syscalls.md for the errors. */
int proc_setpgid(int pid, int pgid);
/* The group of `pid` (0: the caller), or -ESRCH. */
int proc_getpgid(int pid);
/* POSIX setsid: the caller leads a new session and a new group (its pid), with no controlling
 * terminal. Returns the new session's id, or -EPERM when the caller leads a group already (or
 * its pid names a group still in use). */
int proc_setsid(void);
/* The session of `pid` (0: the caller), or -ESRCH. */
int proc_getsid(int pid);
/* Is there a live (not zombie) process in group `pgid` of session `sid`? */
bool proc_group_in_session(int pgid, int sid);
/*
 * Is group `pgid` orphaned: does no member have a parent in another group of the same session,
 * the link through which a shell would continue it after a stop? As Linux counts it, a parent
 * that is init is no such link (everything ends up a child of init, which shares session 1).
 * Zombies are not members. True for a group with no live member.
 */
bool proc_group_orphaned(int pgid);
/* Called when a session leader exits, with its session's id (the terminal hangs up). */
void proc_set_session_end_hook(void (*hook)(int sid));

/* --- scheduling (proc/sched.c) ------------------------------------------------------------- */

/* Puts the current process at the back of the run queue and runs the next one. */
void sched_yield(void);

/* Switches to the next runnable process (current must already be off the run queue or runnable). */
void schedule(void);

void wait_queue_init(struct wait_queue *wq);

/* Wakes every process sleeping on `wq`. Safe from interrupt handlers. */
void wake_all(struct wait_queue *wq);

/* Makes a sleeping (or stopped, for SIGCONT) process runnable. */
void proc_wake(struct proc *p);

/* Processes on the run queue (not counting the current one), for tests. */
int sched_queue_length(void);

/* What kmain becomes once the system is up: the idle process, halting until there is work. */
__noreturn void sched_idle_loop(void);

/* One round of the idle loop: run what is runnable, else halt until the next interrupt. */
void sched_idle_step(void);

/* The timer's tick handler: wakes timed sleepers whose time has come, charges the time slice. */
void sched_tick(uint64_t ticks);

/* --- the real-time interval timer (proc/itimer.c) ------------------------------------------- */

/*
 * setitimer(ITIMER_REAL) and getitimer for the current process: `value` (may be NULL) becomes the
 * timer, `old` (may be NULL) gets what it was; the caller has checked `value` (tv_usec 0..999999,
 * nothing negative). The timer sends SIGALRM at the first tick at or after its time (never
 * early), then reloads with the interval if there is one. Not inherited by fork (the child's
 * fields start at zero), kept by execve (POSIX), gone with the process.
 */
void itimer_real_set(const struct abi_itimerval *value, struct abi_itimerval *old);

/* The timer's tick handler (wired in kernel/): SIGALRM to each process whose timer is due. */
void itimer_tick(uint64_t ticks);

/* --- sleeping in a system call (proc/sleep.c) ------------------------------------------------ */

/*
 * Sleeps on `wq` until woken. Call with interrupts disabled, after checking the condition, so a
 * wake-up cannot slip in between; returns with them disabled. Interruptible sleeps return
 * -EINTR when a signal arrives that runs a handler or ends the process, else 0; a stop and
 * continue is not one (the process stops inside, and 0 comes back). Re-check the condition
 * after waking.
 */
int sleep_on(struct wait_queue *wq, bool interruptible);

/* Whether the current process may sleep: false in the idle process (kmain's, which runs when
 * nothing else can, and shuts the machine down), which must wait with interrupts instead. */
bool proc_can_sleep(void);

/*
 * Sleeps for `ns` nanoseconds (rounded up to ticks). Returns 0, or -EINTR with *remaining_ns set
 * when a signal that runs a handler or ends the process ends the sleep early. A stop and
 * continue does not end it: it still ends when it would have without them (or at once, if the
 * stop outlasted it).
 */
int sleep_ns(uint64_t ns, uint64_t *remaining_ns);

/*
 * sleep_on, but also ended by the timer at tick `deadline` (timer_ticks() counts them); the same
 * rules otherwise (interrupts disabled, interruptible). 0 when woken or when the deadline has
 * come (the caller looks at the clock), -EINTR as for sleep_on.
 */
int sleep_on_until(struct wait_queue *wq, uint64_t deadline);

/*
 * sigsuspend(2) (proc/sleep.c): `mask` (a kernel copy) becomes the blocked set until a signal
 * runs a handler or ends the process; the handler's sigreturn restores the mask of before.
 * Always -EINTR.
 */
int signal_suspend(abi_sigset_t mask);

/*
 * sigtimedwait(2) (proc/sleep.c): takes a pending signal of `set` (SIGKILL and SIGSTOP
 * ignored) and returns its number, with its siginfo at `uinfo` (a user address, may be null; written before the signal
 * is taken: a bad pointer is -EFAULT and the signal stays pending). Waits until one comes, at most `timeout_ns` when
 * `timed` (-EAGAIN after), -EINTR when another signal runs a handler.
 */
int signal_timedwait(abi_sigset_t set, struct uaddr uinfo, bool timed, uint64_t timeout_ns);

/* --- kernel threads (proc/kthread.c) --------------------------------------------------------- */

/*
 * Starts `fn(arg)` in a new process that runs in kernel mode only (no address space); when fn
 * returns, the thread exits with that value as its exit code. The caller becomes its parent.
 * Returns the pid or a negative errno.
 */
int kthread_spawn(const char *name, int (*fn)(void *arg), void *arg);

/* --- signals (proc/signal.c) --------------------------------------------------------------- */

/* kill(2): see docs/syscalls.md. 0, -EINVAL, -ESRCH or -EPERM. */
int proc_kill(int pid, int sig);

/* Marks `sig` pending for `p` and wakes it if it sleeps interruptibly (si_code SI_KERNEL). */
void signal_send(struct proc *p, int sig);
/* The same, with where it came from (kept unless `sig` is pending already: signals do not queue). */
void signal_send_from(struct proc *p, int sig, struct signal_origin origin);

/*
 * sigaltstack(2): `ss` a kernel copy (or NULL: only report), `uold` a user address (may be null),
 * written before anything changes. -EPERM while running on the alternate stack, -EINVAL for bad
 * flags, -ENOMEM for a stack smaller than MINSIGSTKSZ, -EFAULT.
 */
int signal_altstack(const struct abi_stack *ss, struct uaddr uold);

/* Is `sp` on the current process's alternate signal stack? */
bool signal_on_altstack(uint32_t sp);

/* The siginfo of pending signal `sig` of the current process, every byte defined. */
void signal_info(int sig, struct abi_siginfo *info);

/*
 * Sends `sig` to every process of group `pgid` (kernel threads excepted); returns how many were
 * sent it. Unlike kill(-pgid), 0 and 1 name no other set: a group that does not exist gets
 * nothing. Safe from interrupt handlers (a terminal's Ctrl-C).
 */
int proc_signal_group(int pgid, int sig);

/* Does `p` ignore or block `sig` (a terminal's job-control checks)? */
static inline bool signal_ignored_or_blocked(const struct proc *p, int sig) {
    return (p->sig_blocked & ABI_SIGBIT(sig)) || p->sig_action[sig].sa_handler == ABI_SIG_IGN;
}

/*
 * sigaction(2) on the current process: `act` is a kernel copy (or NULL), `uold` a user address
 * (or null). The old action is written to `uold` before anything changes, so a bad pointer fails
 * with -EFAULT and changes nothing. 0, -EINVAL or -EFAULT.
 */
int signal_action(int sig, const struct abi_sigaction *act, struct uaddr uold);

/*
 * sigprocmask(2) on the current process: `set` is a kernel copy (NULL: only report; `how` is
 * then not looked at), `uold` a user address (or null), written before anything changes.
 * 0, -EINVAL (bad `how`, nothing written) or -EFAULT (nothing changed).
 */
int signal_mask(int how, const abi_sigset_t *set, struct uaddr uold);

/*
 * System-call restart. Only the system-call return path (syscall/) decides that the call which is
 * returning -EINTR may be made again after a handler with SA_RESTART: it leaves the call's number
 * in the frame's `error` slot (the int $0x80 stub's dummy error code), and SYSCALL_NO_RESTART
 * there otherwise. signal_deliver acts on that decision only, never on %eax, so no other way back
 * to user mode (sigreturn, an interrupt, a fault) restarts anything.
 */
#define SYSCALL_NO_RESTART 0xFFFFFFFFu

/*
 * CPU exceptions from user mode (arch's user hook): the signal that matches, forced through even
 * if blocked or ignored; SIGKILL for a page fault that found no memory (docs/memory.md).
 */
void signal_from_exception(struct int_frame *frame, enum fault_result fault, uint32_t cr2);

/* Is a signal pending and not blocked for the current process? */
bool signal_pending(void);

/* Is `sig` pending for `p` (blocked or not)? */
static inline bool signal_is_pending(const struct proc *p, int sig) {
    return (p->sig_pending & ABI_SIGBIT(sig)) != 0;
}

/*
 * What pending signals mean for an interruptible sleep of the current process (interrupts
 * disabled). A stop and continue without handlers must be invisible to the sleeper (POSIX), so
 * the pending signals it must not notice are carried out right here: a default stop stops the
 * process until SIGCONT (or SIGKILL), a default continue or an ignored signal is dropped.
 * Returns SLEEP_SIGNAL_INTERRUPT when a signal remains that ends the sleep (a handler to run,
 * or a default action that ends the process), else SLEEP_SIGNAL_STOPPED when the process was
 * stopped and continued (whatever the sleep waited for may have happened meanwhile), else
 * SLEEP_SIGNAL_NONE.
 */
enum sleep_signal {
    SLEEP_SIGNAL_NONE,
    SLEEP_SIGNAL_STOPPED,
    SLEEP_SIGNAL_INTERRUPT,
};
enum sleep_signal signal_at_sleep(void);

/* --- the way back to user mode (proc/user_return.c) ------------------------------------------ */

/*
 * The work on a return to user mode (arch's user-return hook, run by isr.S with interrupts off
 * when user_return_work is set): a reschedule if the time slice ran out, then pending signals:
 * default actions (which may end the process) or a handler frame on the user stack, moving the
 * frame back onto the `int $0x80` first when the call is to be restarted (see
 * SYSCALL_NO_RESTART). May switch to another process, or end this one.
 */
void proc_user_return(struct int_frame *frame);

/* sigreturn(2): restores the registers and mask saved when the handler was entered. */
void signal_return(struct int_frame *frame);
/* sigreturn_info: the same for an SA_SIGINFO handler, from its ucontext (which it may have changed). */
void signal_return_info(struct int_frame *frame);

#endif
