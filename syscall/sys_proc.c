/* Process system calls: thin checks around proc/ (see docs/syscalls.md). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/procinfo.h>
#include <abi/sched.h>
#include <abi/thread.h>
#include <abi/time.h>
#include <abi/utsname.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <syscall/syscall.h>

static void (*poweroff_hook)(int status);

void syscall_set_poweroff_hook(void (*hook)(int status)) {
    poweroff_hook = hook;
}

long sys_exit(int status) {
    proc_exit(ABI_W_EXITCODE(status));
}

long sys_fork(void) {
    return proc_fork(current, current_thread->frame);
}

long sys_waitpid(int pid, struct uaddr ustatus, int options) {
    return proc_waitpid(pid, ustatus, options);
}

long sys_getppid(void) {
    return current->parent ? current->parent->pid : 0;
}

long sys_getpgid(int pid) {
    return proc_getpgid(pid);
}

long sys_setpgid(int pid, int pgid) {
    return proc_setpgid(pid, pgid);
}

long sys_setsid(void) {
    return proc_setsid();
}

long sys_getsid(int pid) {
    return proc_getsid(pid);
}

long sys_kill(int pid, int sig) {
    return proc_kill(pid, sig);
}

/*
 * Calls with an output pointer write it, or prove it writable, before they change anything (the
 * rule of docs/syscalls.md, "No partial effects"): sigaction and sigprocmask hand the user
 * pointer to proc/, which writes the old value first; nanosleep proves `rem` writable before it
 * sleeps; waitpid (proc/exit.c) copies the status before it reaps.
 */
long sys_sigaction(int sig, struct uaddr uact, struct uaddr uoldact) {
    struct abi_sigaction act;

    if (!uaddr_is_null(uact) && copy_from_user(&act, uact, sizeof(act)))
        return -EFAULT;
    return signal_action(sig, uaddr_is_null(uact) ? NULL : &act, uoldact);
}

long sys_sigreturn(void) {
    signal_return(current_thread->frame);
    return (long)current_thread->frame->eax; /* what the interrupted code had in %eax */
}

long sys_sigreturn_info(void) {
    signal_return_info(current_thread->frame);
    return (long)current_thread->frame->eax;
}

long sys_sigprocmask(int how, struct uaddr uset, struct uaddr uold) {
    abi_sigset_t set;

    if (!uaddr_is_null(uset) && copy_from_user(&set, uset, sizeof(set)))
        return -EFAULT;
    return signal_mask(how, uaddr_is_null(uset) ? NULL : &set, uold);
}

/* The signals that are pending because they are blocked (POSIX): the others are on their way. */
long sys_sigpending(struct uaddr uset) {
    abi_sigset_t set = (current->sig_pending | current_thread->sig_pending) & current_thread->sig_blocked;

    return copy_to_user(uset, &set, sizeof(set)) ? -EFAULT : 0;
}

long sys_sigsuspend(struct uaddr umask) {
    abi_sigset_t mask;

    if (copy_from_user(&mask, umask, sizeof(mask)))
        return -EFAULT;
    return signal_suspend(mask);
}

/* sigtimedwait: the timeout is checked like nanosleep's (EINVAL outside [0, 1e9) ns); NULL waits on. */
long sys_sigtimedwait(struct uaddr uset, struct uaddr uinfo, struct uaddr utimeout) {
    abi_sigset_t set;
    struct abi_timespec timeout;

    if (copy_from_user(&set, uset, sizeof(set)))
        return -EFAULT;
    if (uaddr_is_null(utimeout))
        return signal_timedwait(set, uinfo, false, 0);
    if (copy_from_user(&timeout, utimeout, sizeof(timeout)))
        return -EFAULT;
    if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= 1000000000)
        return -EINVAL;
    return signal_timedwait(set, uinfo, true, (uint64_t)timeout.tv_sec * 1000000000u + (uint64_t)timeout.tv_nsec);
}

long sys_sigaltstack(struct uaddr uss, struct uaddr uold) {
    struct abi_stack ss;

    if (!uaddr_is_null(uss) && copy_from_user(&ss, uss, sizeof(ss)))
        return -EFAULT;
    return signal_altstack(uaddr_is_null(uss) ? NULL : &ss, uold);
}

long sys_nanosleep(struct uaddr ureq, struct uaddr urem) {
    struct abi_timespec req, rem;
    uint64_t left = 0;

    if (copy_from_user(&req, ureq, sizeof(req)))
        return -EFAULT;
    if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000)
        return -EINVAL;
    /* `rem` is written only after an interruption, when the sleep cannot be undone: prove now
     * that it can be written then. */
    if (!uaddr_is_null(urem) && user_prove_writable(urem, sizeof(rem)))
        return -EFAULT;
    int err = sleep_ns((uint64_t)req.tv_sec * 1000000000u + (uint32_t)req.tv_nsec, &left);
    if (err == -EINTR && !uaddr_is_null(urem)) {
        rem.tv_sec = (int32_t)(left / 1000000000u);
        rem.tv_nsec = (int32_t)(left % 1000000000u);
        if (copy_to_user(urem, &rem, sizeof(rem)))
            return -EFAULT;
    }
    return err;
}

/*
 * CLOCK_MONOTONIC counts from boot; CLOCK_REALTIME is the RTC's date at boot (UTC, arch/rtc.h)
 * plus the same count, so the two move together and the real-time clock never steps (nothing
 * sets it yet). CLOCK_PROCESS_CPUTIME_ID is the caller's processor time, in whole ticks, and
 * CLOCK_THREAD_CPUTIME_ID (or ABI_CLOCK_THREAD_CPU of a thread of the caller's process) a
 * thread's: the tick charges the thread it interrupts, and its process.
 */
/* A processor-time clock's ticks; false for a clock that is not one (or names no live thread of
 * the caller's process). Interrupts off: the tick counts them. */
static bool cpu_clock_ticks(int clock, uint64_t *ticks) {
    bool irq = irq_save();
    const struct thread *t = NULL;
    bool ok = true;

    if (clock == CLOCK_PROCESS_CPUTIME_ID)
        *ticks = current->cpu_ticks;
    else if (clock == CLOCK_THREAD_CPUTIME_ID)
        *ticks = current_thread->cpu_ticks;
    else if (ABI_CLOCK_IS_THREAD_CPU(clock) && (t = thread_find(current, ABI_CLOCK_THREAD_TID(clock))))
        *ticks = t->cpu_ticks;
    else
        ok = false;
    irq_restore(irq);
    return ok;
}

long sys_clock_gettime(int clock, struct uaddr uts) {
    uint64_t ns, ticks;

    if (cpu_clock_ticks(clock, &ticks)) {
        ns = ticks * NS_PER_TICK;
    } else if (clock == CLOCK_MONOTONIC || clock == CLOCK_REALTIME) {
        ns = clock_ns();
        if (clock == CLOCK_REALTIME)
            ns += (uint64_t)rtc_boot_seconds() * 1000000000u;
    } else {
        return -EINVAL;
    }
    struct abi_timespec ts = {.tv_sec = (int32_t)(ns / 1000000000u), .tv_nsec = (int32_t)(ns % 1000000000u)};
    return copy_to_user(uts, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* times(2): the caller's and its reaped children's processor time, in ticks; the libc returns the
 * elapsed ticks itself (from CLOCK_MONOTONIC). */
/* The kernel's name and release for uname(2). The release moves with the project's stops; the
 * version says what kind of kernel this is rather than when it was built (a build stamp would
 * make every build different, and the images are bit-identical across builds). */
#define UNAME_RELEASE "0.22"
#define UNAME_VERSION "preemptive uniprocessor"

long sys_uname(struct uaddr ubuf) {
    /* Every byte defined: the fields' tails are zeros, not the kernel stack's old contents. */
    struct abi_utsname u = {
        .sysname = "lune", .nodename = "lune", .release = UNAME_RELEASE, .version = UNAME_VERSION, .machine = "i686"};

    return copy_to_user(ubuf, &u, sizeof(u)) ? -EFAULT : 0;
}

long sys_times(struct uaddr ubuf) {
    struct abi_tms tms;

    proc_times(&tms);
    return copy_to_user(ubuf, &tms, sizeof(tms)) ? -EFAULT : 0;
}

/* The real-time and monotonic clocks are read to the nanosecond (clock_ns interpolates between
 * ticks with the TSC); processor time is counted in ticks. A null `res` only checks the clock
 * (POSIX). */
long sys_clock_getres(int clock, struct uaddr ures) {
    struct abi_timespec res = {.tv_sec = 0, .tv_nsec = 1};
    uint64_t ticks;

    if (cpu_clock_ticks(clock, &ticks))
        res.tv_nsec = NS_PER_TICK;
    else if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME)
        return -EINVAL;
    if (uaddr_is_null(ures))
        return 0;
    return copy_to_user(ures, &res, sizeof(res)) ? -EFAULT : 0;
}

long sys_poweroff(int status) {
    if (current->pid != 1)
        return -EPERM;
    if (poweroff_hook)
        poweroff_hook(status);
    proc_exit(0);
}

/*
 * One struct abi_procinfo per thread of each live process (init's children and kernel threads
 * alike, not the idle process; a zombie has one), in the order of the process table, at most
 * `count` of them. Returns how many there are, which may be more than `count`: ps asks again with
 * more room. Nothing can
 * change between the count and the copies (the kernel is not preempted, and the range is proven
 * writable first, so no copy can fault half way).
 */
long sys_procinfo(struct uaddr ubuf, uint32_t count) {
    uint32_t live = 0, i = 0;

    for (struct proc *p = proc_first(); p; p = proc_next(p))
        live += (uint32_t)proc_entries(p);
    uint32_t n = count < live ? count : live;
    if (n && user_prove_writable(ubuf, n * sizeof(struct abi_procinfo)))
        return -EFAULT;
    for (struct proc *p = proc_first(); p && i < n; p = proc_next(p)) {
        for (int k = 0; k < proc_entries(p) && i < n; k++, i++) {
            struct abi_procinfo info;
            proc_describe_entry(p, k, &info);
            if (copy_to_user(user_offset(ubuf, i * sizeof(info)), &info, sizeof(info)))
                return -EFAULT;
        }
    }
    return (long)live;
}

/* --- threads (proc/thread.c, proc/futex.c; docs/syscalls.md) ------------------------------- */

long sys_thread_create(struct uaddr ustart) {
    struct abi_thread_start start;

    if (copy_from_user(&start, ustart, sizeof(start)))
        return -EFAULT;
    return thread_create(&start);
}

long sys_thread_exit(void) {
    thread_exit();
}

long sys_gettid(void) {
    return current_thread->tid;
}

/*
 * The timeout is relative and checked like nanosleep's (EINVAL outside [0, 1e9) ns); NULL: none.
 * A wait a handler interrupts is made again after it when the handler has SA_RESTART (futex is
 * RESTART in abi/syscall.h: sem_wait is an interruptible function, POSIX sigaction); a timed one
 * leaves the time left in *timeout first, so the wait made again lasts only the rest (counted
 * from the restart: the handler's own time is not taken off).
 */
long sys_futex(struct uaddr uaddr, int op, uint32_t val, struct uaddr utimeout) {
    struct abi_timespec timeout;
    uint64_t left = 0;

    switch (op) {
    case ABI_FUTEX_WAIT:
        if (uaddr_is_null(utimeout))
            return futex_wait(uaddr, val, false, 0, NULL);
        if (copy_from_user(&timeout, utimeout, sizeof(timeout)))
            return -EFAULT;
        if (timeout.tv_sec < 0 || timeout.tv_nsec < 0 || timeout.tv_nsec >= 1000000000)
            return -EINVAL;
        /* Written after an interruption, when the wait cannot be undone: proven writable now. */
        if (user_prove_writable(utimeout, sizeof(timeout)))
            return -EFAULT;
        int err =
            futex_wait(uaddr, val, true, (uint64_t)timeout.tv_sec * 1000000000u + (uint64_t)timeout.tv_nsec, &left);
        if (err == -EINTR) {
            timeout.tv_sec = (int32_t)(left / 1000000000u);
            timeout.tv_nsec = (int32_t)(left % 1000000000u);
            if (copy_to_user(utimeout, &timeout, sizeof(timeout)))
                return -EFAULT;
        }
        return err;
    case ABI_FUTEX_WAKE:
        return futex_wake(uaddr, val > INT32_MAX ? INT32_MAX : val);
    default:
        return -EINVAL;
    }
}

long sys_tgkill(int pid, int tid, int sig) {
    return thread_kill(pid, tid, sig);
}

long sys_thread_cancel(int tid) {
    return thread_cancel(tid);
}

long sys_set_tls(uint32_t base) {
    return thread_set_tls(base);
}

/* --- scheduling policies (proc/sched.c) --------------------------------------------------------- */

/* The live process `pid` names (0: the caller), or NULL with *err: -EINVAL (negative), -ESRCH. */
static struct proc *sched_target(int pid, long *err) {
    if (pid < 0) {
        *err = -EINVAL;
        return NULL;
    }
    struct proc *p = pid ? proc_find(pid) : current;
    if (!p || p->state == PROC_ZOMBIE || !p->threads) {
        *err = -ESRCH;
        return NULL;
    }
    return p;
}

/*
 * sched_setscheduler(pid, policy, priority), and sched_setparam as policy -1 (the process's own
 * policy kept). Returns the former policy. A process with the privilege (effective user id 0) may
 * set anything on anyone; another may only change a process it could signal (kill's rule), and
 * never raise its priority (SCHED_OTHER counting as 0), as Linux without RLIMIT_RTPRIO.
 */
long sys_sched_setscheduler(int pid, int policy, int priority) {
    long err;
    struct proc *p = sched_target(pid, &err);

    if (!p)
        return err;
    const struct thread *t = proc_main_thread(p);
    int old = t->sched_policy;
    if (policy == -1)
        policy = old;
    if (policy == ABI_SCHED_OTHER) {
        if (priority != 0)
            return -EINVAL;
    } else if (policy == ABI_SCHED_FIFO || policy == ABI_SCHED_RR) {
        if (priority < ABI_SCHED_RT_PRIORITY_MIN || priority > ABI_SCHED_RT_PRIORITY_MAX)
            return -EINVAL;
    } else {
        return -EINVAL;
    }
    if (current->cred.euid != 0 && (!cred_may_signal(&current->cred, &p->cred) || priority > t->rt_priority))
        return -EPERM;
    sched_set_policy(p, policy, priority);
    return old;
}

long sys_sched_getscheduler(int pid) {
    long err;
    struct proc *p = sched_target(pid, &err);

    return p ? proc_main_thread(p)->sched_policy : err;
}

long sys_sched_getparam(int pid) {
    long err;
    struct proc *p = sched_target(pid, &err);

    return p ? proc_main_thread(p)->rt_priority : err;
}
