/*
 * Processes and threads.
 *
 * A process owns what its threads share: the address space, the open files and working
 * directory, the signal actions, its ids, group and session, its children and exit status. A
 * thread is what the scheduler runs: each has a kernel stack (mm's kstack_alloc, with a guard
 * gap) at whose top the CPU and arch/x86/isr.S save its user registers on every interrupt or
 * system call: `frame` points at that struct int_frame, which is never copied. A context switch
 * (switch.S) only saves the callee-saved registers and the stack pointer of the thread it leaves;
 * see proc/sched.c. Each thread also has its FPU state, its signal mask and pending set, and its
 * TLS base (the %gs segment, reloaded at each switch).
 *
 * A process's lifecycle: proc_alloc() reserves a pid, a slot and its first thread (whose id is
 * the pid), an EMBRYO that the scheduler never sees; the caller builds it, then proc_commit()
 * makes it RUNNABLE, or proc_free() gives everything back. exit() or a fatal signal marks the
 * process exiting: every thread ends (thread_end), and the last one to end makes the process a
 * ZOMBIE holding its status (and still its threads' slots and its pid) until its parent reaps it
 * with waitpid; only then is its pid free for reuse. A stop is the whole process's: its threads
 * park until SIGCONT.
 *
 *                   proc_alloc()             proc_commit()
 *       UNUSED  ------------------>  EMBRYO  ------------->  RUNNABLE  <------------------+
 *         ^  ^                         |                      |    |    SIGCONT, SIGKILL  |
 *         |  |      proc_free()        |       a stop signal  |    |                      |
 *         |  +-------------------------+      (signal_stop()) |    +----->  STOPPED ------+
 *         |          (the build failed)                       |
 *         |         proc_free()                               |  its last thread ends
 *         +------------------------- ZOMBIE <-----------------+  (exit, a fatal signal,
 *               (waitpid() reaps)                                 the last thread_exit)
 *
 * A thread's lifecycle (thread_alloc() in proc_alloc() and thread_create()):
 *
 *                thread_alloc()          thread_commit()
 *       UNUSED  --------------->  EMBRYO  -------------->  RUNNABLE (running: current_thread)
 *         ^                                                 |   ^  |   ^
 *         |                                  sleep_on(),    |   |  |   |  SIGCONT, SIGKILL,
 *         |                                  sleep_ns(),    v   |  |   |  the process's end
 *         |                                  futex_wait()  SLEEPING |   |
 *         |                           wake_all(), thread_wake(),    |   |
 *         |                           a signal, the timer           v   |
 *         |                                       its process stopped: STOPPED
 *         |     thread_free()                   thread_end()        |
 *         +---------------------  DEAD  <---------------------------+
 *           (thread_reap(), proc_free(): once it is off the CPU for good)
 *
 * Concurrency: one CPU and a kernel that is not preempted (the timer only asks for a reschedule,
 * which happens on the way back to user mode). State also touched by interrupt handlers (run queue,
 * wait queues, sleep timers) is changed with interrupts disabled.
 *
 * The files of proc/, each calling only the ones on its line or above (no cycle; proc/README.md
 * says why; //testing:kernel_structure_test checks it against this list):
 *   cred.c                   user and group ids: what set*id may change, who may signal whom
 *   fpu.c                    FPU state and the one rule for it (whose state the registers hold)
 *   proc.c                   the process and thread tables: ids, allocation and freeing, lookup, groups
 *   sched.c switch.S         run queues (SCHED_OTHER, real time), context switch, wait queues, timed sleepers, the tick
 *   signal.c                 sending, actions and masks, stop and continue, faults into signals
 *   itimer.c                 the interval timers (alarm, setitimer): SIGALRM, SIGVTALRM, SIGPROF
 *   sleep.c                  sleeping in a call: sleep_on, sleep_ns, which signals end a sleep
 *   ptimer.c                 POSIX per-process timers: timer_create and its kin
 *   futex.c                  futex: sleeping on a user word until it is woken
 *   exit.c                   exit, the end of a thread, zombies, waitpid
 *   user_return.c            the way back to user mode: preemption, signal delivery, sigreturn
 *   fork.c exec.c kthread.c thread.c  making processes and threads
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <abi/signal.h>
#include <abi/time.h>
#include <arch/interrupt.h>
#include <lib/compiler.h>
#include <mm/usercopy.h>
#include <mm/vm.h>
#include <proc/cred.h>
#include <stdbool.h>
#include <stdint.h>

#define PROC_TABLE_SIZE 128   /* hard limit; proc_set_max() lowers the effective one */
#define THREAD_TABLE_SIZE 256 /* threads of all processes together, the first ones included */
#define PID_MAX 32768
#define PROC_NAME_MAX 16
#define TIME_SLICE_TICKS 2 /* 20 ms at 100 Hz */
#define PTIMER_MAX 32      /* POSIX timers a process may have (_POSIX_TIMER_MAX) */
/* Real-time threads may run SCHED_RT_RUNTIME_TICKS of every SCHED_RT_PERIOD_TICKS while SCHED_OTHER
 * threads are ready (proc/sched.c: a spinning real-time program must not lock the system up). */
#define SCHED_RT_PERIOD_TICKS 100 /* 1 s */
#define SCHED_RT_RUNTIME_TICKS 95

/*
 * A process owns what its threads share: the address space, the open files and working directory
 * (`fs`), the signal actions, its ids, groups and session, its children and its exit status. A
 * thread (struct thread, below) is what the scheduler runs. A process's state is about the whole
 * of it: alive, stopped by job control, or a zombie; its threads each sleep or run on their own.
 */
enum proc_state {
    PROC_UNUSED,
    PROC_EMBRYO,
    PROC_RUNNABLE, /* alive: its threads run or sleep (each thread's state says which) */
    PROC_STOPPED,  /* job control stopped it: every thread parks until SIGCONT (or SIGKILL) */
    PROC_ZOMBIE,
};

enum thread_state {
    THREAD_UNUSED,
    THREAD_EMBRYO,   /* being built; the scheduler never sees it */
    THREAD_RUNNABLE, /* on the run queue, or running (current_thread) */
    THREAD_SLEEPING,
    THREAD_STOPPED, /* parked while its process is stopped */
    THREAD_DEAD,    /* ended; its kernel stack is freed once it is off the CPU (thread_reap) */
};

struct proc;
struct thread;

/* Where a pending signal came from: what siginfo_t says of it (abi_siginfo). */
struct signal_origin {
    int32_t code;   /* SI_USER, SI_KERNEL, CLD_*, SEGV_*... */
    int32_t pid;    /* the sender (kill), the child (SIGCHLD) */
    uint32_t value; /* si_status for SIGCHLD, si_addr for a fault, si_value for SI_MESGQ */
    uint32_t uid;   /* si_uid: the sender's real user id (kill, tgkill), the child's (SIGCHLD) */
};

/* A list of threads blocked until something happens. */
struct wait_queue {
    struct thread *head;
};

/*
 * A thread: a kernel stack with its user registers (`frame`) at the top, FPU state, a place in
 * the scheduler's lists, and its own signal mask and pending set (signals sent to it alone:
 * tgkill, its own faults). Its id comes from the pid space; a process's first thread has the
 * process's pid as its id.
 */
struct thread {
    int tid;
    enum thread_state state;
    struct proc *proc;
    struct thread *sibling; /* the next thread of the same process */

    void *kstack;            /* lowest address of the kernel stack */
    uint32_t kernel_esp;     /* saved by context_switch while not running */
    struct int_frame *frame; /* user registers at the top of the kernel stack */
    void *fpu;               /* 512-byte fxsave area, 16-byte aligned */
    uint32_t tls_base;       /* the base of its %gs segment (ABI_TLS_SELECTOR), reloaded at each switch */
    uint32_t clear_tid;      /* user address set to 0 and futex-woken at its end (thread_create), or 0 */

    /* Scheduling. */
    struct thread *run_next;  /* run queue link */
    struct thread *wait_next; /* wait-queue link */
    struct wait_queue *waiting_on;
    bool interruptible;         /* a signal ends the sleep */
    uint64_t wake_tick;         /* for timed sleeps, 0 if none */
    struct thread *timer_next;  /* sleep-timer list link */
    int slice;                  /* ticks left in the time slice */
    int sched_policy;           /* ABI_SCHED_OTHER, _FIFO or _RR (abi/sched.h) */
    int rt_priority;            /* 1..99 for FIFO and RR (higher runs first), 0 for OTHER */
    uint64_t cpu_ticks;         /* ticks it was running at (CLOCK_THREAD_CPUTIME_ID) */
    uintptr_t futex_key_object; /* while waiting in futex: the key it waits on (proc/futex.c) */
    uint32_t futex_key_offset;

    /* Signals. The mask is the thread's own; what is pending for it is its own set plus the
     * process's (signals sent to the process, which the first thread not blocking them takes). */
    abi_sigset_t sig_pending;
    abi_sigset_t sig_blocked;
    struct signal_origin sig_origin[NSIG]; /* of each signal pending for the thread alone */
    abi_sigset_t sig_suspend_mask;         /* the mask to restore after sigsuspend's handler */
    bool sig_suspended;                    /* sig_suspend_mask holds it */
    abi_sigset_t sig_waiting;              /* the set sigtimedwait sleeps for */
    uint32_t altstack_sp, altstack_size;   /* sigaltstack: the alternate signal stack... */
    bool altstack_on;                      /* ...if there is one (else SS_DISABLE) */
    bool must_exit;                        /* execve in another thread ends this one */

    /* Cancellation (pthread_cancel; thread_cancel below): a request pending for the thread, and
     * whether the system call it is in is a cancellation point (the libc set
     * ABI_SYSCALL_CANCEL_POINT in its number). Together they end an interruptible sleep. */
    bool cancel_pending;
    bool cancel_point;
};

struct proc {
    int pid;
    int pgid; /* process group: a job, which a terminal's keys signal as one */
    int sid;  /* session: the groups that share a controlling terminal (the leader's pid) */
    enum proc_state state;
    char name[PROC_NAME_MAX];
    struct proc *parent;
    struct proc_cred cred; /* user and group ids (proc/cred.h): copied by fork, kept by exec */

    /* Threads: a list (the first one made first), and how many have not ended. */
    struct thread *threads;
    int live_threads;
    struct wait_queue thread_exit; /* execve sleeps here until the other threads are gone */

    /* Memory. space is NULL for kernel threads and after exit. */
    struct vm_space *space;

    uint64_t cpu_ticks;         /* ticks its threads were running at (CLOCK_PROCESS_CPUTIME_ID) */
    uint64_t sys_ticks;         /* those of cpu_ticks that found it in the kernel (times' tms_stime) */
    uint64_t child_user_ticks;  /* user and system ticks of its reaped children and, through them, */
    uint64_t child_sys_ticks;   /* of theirs (times' tms_cutime, tms_cstime) */
    uint64_t alarm_ns;          /* ITIMER_REAL's expiry on clock_ns()'s scale; 0: disarmed */
    uint64_t alarm_interval_ns; /* ITIMER_REAL's reload */
    uint32_t ptimer_ids;        /* the ids of its POSIX timers (proc/ptimer.c), a bit each */
    struct cpu_itimer {         /* ITIMER_VIRTUAL, ITIMER_PROF: counted down by the ticks charged */
        uint64_t left_ns;       /* to the next expiry; 0: disarmed */
        uint64_t interval_ns;   /* the reload */
    } cpu_itimer[2];            /* [ITIMER_VIRTUAL - 1], [ITIMER_PROF - 1] */

    /* Exit and wait. */
    bool exiting;                 /* exit() or a fatal signal: every thread ends, the last turns it into a zombie */
    int exit_status;              /* wait status (abi/wait.h encoding), set by the first exit */
    struct wait_queue child_exit; /* the parent sleeps here in waitpid */

    /* Signals: the actions, and what is pending for the process as a whole (kill, the terminal). */
    abi_sigset_t sig_pending;
    struct abi_sigaction sig_action[NSIG];
    struct signal_origin sig_origin[NSIG]; /* of each pending signal: the first sender's */

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

/*
 * The running thread, and its process (kept equal to current_thread->proc by the switch). During
 * boot and in the idle loop: the idle thread of the idle process (pid 0).
 */
extern struct thread *current_thread;
extern struct proc *current;

/* The process's first thread still in its list (the one fork, exec and spawn build). */
static inline struct thread *proc_main_thread(const struct proc *p) {
    return p->threads;
}

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

/* Thread slots in use (embryos, dead threads not yet freed and zombies' threads included), for
 * tests and the leak check at power-off. */
int thread_count(void);

/* The live (not UNUSED, EMBRYO or DEAD) thread with id `tid` in process `p`, or NULL. */
struct thread *thread_find(const struct proc *p, int tid);

struct abi_procinfo;
/* Fills `info` (every byte of it) with what ps shows of live process `p`. */
void proc_describe(const struct proc *p, struct abi_procinfo *info);
/* How many procinfo entries `p` has: one per live thread (a zombie: one). */
int proc_entries(const struct proc *p);
/* Fills `info` (every byte) with entry `k` (0 .. proc_entries(p) - 1) of `p`: its k-th thread. */
void proc_describe_entry(const struct proc *p, int k, struct abi_procinfo *info);

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

struct abi_tms;
/* times(2) for the current process: its user and system time and its reaped children's, in
 * ticks, every field defined. */
void proc_times(struct abi_tms *tms);

/* Ends the current process with wait status `status` (abi/wait.h encoding). */
__noreturn void proc_exit(int status);

/* Called when pid 1 exits, before it is torn down (the kernel reports its status and stops). */
void proc_set_init_exit_hook(void (*hook)(int status));

/*
 * waitpid: pid > 0 that child, -1 any child, 0 any child in the caller's group, < -1 any child in
 * group -pid. Copies the status to `ustatus` (a user address, may be null) before reaping, so a bad
 * pointer fails with -EFAULT and loses nothing. Reaping adds the child's processor time (and its
 * own reaped children's) to the caller's children's times (proc_times). Returns the pid reaped, 0
 * with WNOHANG when nothing is ready, -ECHILD when no child can match, -EINTR when a signal
 * interrupts the wait.
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

/*
 * sched_setscheduler for process `p`: every thread of it gets `policy` (abi/sched.h) and
 * `priority` (checked by the caller: 0 for SCHED_OTHER, 1..99 otherwise) and, if ready, goes to
 * the back of its new priority's queue. Threads it creates and its children inherit them. If the
 * running thread no longer outranks every ready one, it gives way on its way to user mode.
 */
void sched_set_policy(struct proc *p, int policy, int priority);

/* Switches to the next runnable process (current must already be off the run queue or runnable). */
void schedule(void);

void wait_queue_init(struct wait_queue *wq);

/*
 * Wakes every process sleeping on `wq`. Safe from interrupt handlers. Inline, the test for an
 * empty queue: most wakes find nobody (a pipe wakes its writers and the pollers at every read).
 * The test needs interrupts no more off than it is: one CPU, a kernel that is not preempted and
 * interrupt handlers that never sleep, so nobody can join the queue between the test and the
 * return; a sleeper that joins later tests its condition first, which the waker changed before.
 */
void wake_all_slow(struct wait_queue *wq);
static inline void wake_all(struct wait_queue *wq) {
    if (wq->head)
        wake_all_slow(wq);
}

/* Makes a sleeping (or stopped, for SIGCONT) thread runnable. */
void thread_wake(struct thread *t);

/* Threads on the run queue (not counting the current one), for tests. */
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

/*
 * The same for the process-time timers, `which` ITIMER_VIRTUAL (the process's user time; SIGVTALRM)
 * or ITIMER_PROF (its user and system time; SIGPROF), checked by the caller. They count down by a
 * tick (NS_PER_TICK) at each tick that finds the process running (in user mode, for
 * ITIMER_VIRTUAL): processor time is sampled, as CLOCK_PROCESS_CPUTIME_ID is. Inherited and kept
 * as ITIMER_REAL.
 */
void itimer_cpu_set(int which, const struct abi_itimerval *value, struct abi_itimerval *old);

/* The timer's tick handler (wired in kernel/): SIGALRM to each process whose timer is due;
 * SIGVTALRM and SIGPROF to the running process when its process-time timers run out. */
void itimer_tick(uint64_t ticks);

/* --- POSIX per-process timers (proc/ptimer.c) ------------------------------------------------ */

/*
 * timer_create(2) for the current process: a disarmed timer measuring `clock` (CLOCK_REALTIME or
 * CLOCK_MONOTONIC) that tells of its expiries as `event` (a kernel copy; NULL: SIGALRM with the
 * id as its value, as POSIX says) says; its id (the
 * lowest free, 0 .. PTIMER_MAX - 1) in *id. 0, -EINVAL (clock, notification or signal),
 * -EAGAIN (PTIMER_MAX timers already, or no memory). Not inherited by fork; execve and the
 * process's end delete them (ptimer_release).
 */
int ptimer_create(int clock, const struct abi_sigevent *event, int *id);
/* timer_settime(2): `value` (checked by the caller: no negative field, tv_nsec below 10^9)
 * becomes timer `id`'s setting, its it_value from now or, when `absolute`, a time on the
 * timer's clock (one that has passed expires at the next tick); `old` (may be NULL) gets the
 * setting of before. Expiries come at the first tick at or after their time. 0 or -EINVAL. */
int ptimer_settime(int id, bool absolute, const struct abi_itimerspec *value, struct abi_itimerspec *old);
/* timer_gettime(2): the time left (never 0 while armed) and the interval. 0 or -EINVAL. */
int ptimer_gettime(int id, struct abi_itimerspec *cur);
/* timer_getoverrun(2): the expirations that came while the timer's last delivered signal was
 * pending (at most ABI_DELAYTIMER_MAX). -EINVAL for no such timer. */
int ptimer_getoverrun(int id);
/* timer_delete(2): 0 or -EINVAL. A pending signal it sent stays pending. */
int ptimer_delete(int id);
/*
 * timer_wait (the libc's SIGEV_THREAD): sleeps until SIGEV_THREAD timer `id` expires and returns
 * how many times it did since the last call (>= 1); -EINVAL for no such timer, or when it is
 * deleted meanwhile; -EINTR for a signal.
 */
int ptimer_wait(int id);
/* Deletes every timer of `p` (execve, the process's end). */
void ptimer_release(struct proc *p);
/* POSIX timers of every process, for tests and the leak check at power-off. */
int ptimer_count(void);
/* The timer's tick handler (wired in kernel/): the notifications of the timers that are due. */
void ptimer_tick(uint64_t ticks);

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

/* --- threads of a user process (proc/thread.c, proc/futex.c) ------------------------------ */

struct abi_thread_start;
/*
 * thread_create(2): a new thread of the current process, starting in user mode as `start` (a
 * kernel copy) says, with the caller's mask and FPU state. Returns its id, -EAGAIN (no slot),
 * -ENOMEM.
 */
int thread_create(const struct abi_thread_start *start);

/* thread_exit(2): ends the calling thread; the last one ends the process with status 0. */
__noreturn void thread_exit(void);

/* set_tls(2): the calling thread's %gs base. 0. */
int thread_set_tls(uint32_t base);

/* tgkill(2): `sig` to thread `tid` of process `pid`. 0, -EINVAL, -ESRCH, -EPERM. */
int thread_kill(int pid, int tid, int sig);

/*
 * thread_cancel(2): a cancellation request for thread `tid` of the calling process. The thread,
 * if it is asleep (or later sleeps) interruptibly in a system call made as a cancellation point,
 * leaves the sleep as a signal would make it and the call fails with ECANCELED (see
 * syscall_cancel_point); a call that already moved data returns what it moved. The request
 * stays pending until a call fails that way, or execve. 0 or -ESRCH (no such live thread in the
 * caller's process).
 */
int thread_cancel(int tid);

/* Is a cancellation request due for the current thread: pending, in a cancellation point? */
static inline bool thread_cancel_due(void) {
    return current_thread->cancel_pending & current_thread->cancel_point;
}

/*
 * futex(2) (proc/futex.c): ABI_FUTEX_WAIT sleeps while the word at `uaddr` holds `val` (at most
 * `timeout_ns` when `timed`; interrupted, -EINTR with the time left in *left_ns, which may be
 * NULL), ABI_FUTEX_WAKE wakes at most `val` sleepers. See docs/syscalls.md.
 */
int futex_wait(struct uaddr uaddr, uint32_t val, bool timed, uint64_t timeout_ns, uint64_t *left_ns);
int futex_wake(struct uaddr uaddr, uint32_t count);

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
    /* The caller's own mask when it asks about itself (a read from a background job). */
    const struct thread *t = p == current ? current_thread : proc_main_thread(p);
    return (t && (t->sig_blocked & ABI_SIGBIT(sig))) || p->sig_action[sig].sa_handler == ABI_SIG_IGN;
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

/* Is `sig` pending for process `p` as a whole (blocked or not)? */
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
enum sleep_signal signal_at_sleep_slow(void);
static inline enum sleep_signal signal_at_sleep(void) {
    const struct thread *t = current_thread;
    const struct proc *p = current;

    /* Nearly every sleep finds nothing to do: one test for it, inline (every sleep's path has
     * two, before and after). signal_at_sleep_slow knows what each case means. */
    if (!(((t->sig_pending | p->sig_pending) & ~t->sig_blocked) | p->exiting | t->must_exit |
          (p->state == PROC_STOPPED) | (t->cancel_pending & t->cancel_point)))
        return SLEEP_SIGNAL_NONE;
    return signal_at_sleep_slow();
}

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
