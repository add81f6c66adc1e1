/*
 * The calls: what each one takes, the filter that keeps the run alive, and making, checking and
 * recording one call.
 *
 * The filter (docs/testing.md lists it too). A call is not made, and counts as "filtered", when
 *   - it is kill(pid, SIGKILL or SIGSTOP) and pid names the supervisor: its pid, its group, or -1
 *     (every process but init and the caller), or tgkill(tgid, tid, SIGKILL or SIGSTOP) with the
 *     supervisor's pid as tgid (its thread's id is its pid). The supervisor ignores every other
 *     signal, so the rest of kill's and tgkill's cases go through, kill(-1, sig) and kill(1, sig)
 *     included;
 *   - it is setpgid(pid, the supervisor's group): a process there would reach the supervisor with
 *     kill(0, ...);
 *   - it is sched_setscheduler of the supervisor or init: a real-time policy there would be
 *     inherited by every later batch (a batch's own policy is fair game: throttling leaves the
 *     supervisor its share of the processor);
 *   - it is munmap, or mmap with MAP_FIXED, over the program's image (code, data, the counters'
 *     address in .bss) or the shared counters: the filter's own facts live there. The stack and
 *     every other mapping are fair game (unmapping the stack ends the process, which is fine);
 *   - it is close, dup, dup2, fcntl(F_DUPFD...) or write naming TRACE_FD (the console, kept for the
 *     trace; writing it would put noise where the harness reads the test's report);
 *   - it changes the tree or a file's bytes by name (mkdir, unlink, rmdir, rename) outside the
 *     scratch tree (SCRATCH_DIR) and /dev: programs the run needs live there. The path is judged
 *     absolute and with "." and ".." taken out, from the working directory (getcwd); one in
 *     memory the filter cannot read is judged outside, but for the addresses that fault
 *     (below the program, and the kernel's);
 *   - it is fork in a process that already forked 4 times, or is 2 forks deep (a bound on the
 *     processes a batch makes: the table has 128 slots and the supervisor must be able to fork);
 *   - it is execve of a path that names init or the fuzzer (either would start a second run that
 *     kills every process but init). The paths it draws from never do; this is a safety net.
 *   - it is ioctl with a request that changes a terminal's attributes or its foreground group
 *     (TCSETS, TCSETSW, TCSETSF, TIOCSPGRP): the console is where the run reports (with TOSTOP,
 *     say, or without OPOST, the report would stop or change).
 * And a call is changed: open of the console, by either of its names (/dev/console, /dev/tty),
 * always gets O_RDONLY | O_NONBLOCK (no output on the serial line, no read waiting for input that
 * never comes), and open outside the scratch tree and /dev loses O_CREAT and O_TRUNC and opens for
 * reading only.
 *
 * sigreturn and sigreturn_info are always made with a forged frame (args.c) from a stack of our
 * own, and their %eip is never an arbitrary address inside the program.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

extern char _end[];

struct call {
    const char *name;
    uint8_t weight;
    uint8_t args[6]; /* enum arg_kind; ARG_RANDOM (0) where the call reads no argument */
};

#define CALL(nr, weight, ...) [SYS_##nr] = {#nr, weight, {__VA_ARGS__}}

static const struct call calls[SYS_COUNT] = {
    CALL(exit, 1, ARG_INT),
    CALL(fork, 3),
    CALL(read, 8, ARG_FD, ARG_OUT, ARG_LEN),
    CALL(write, 8, ARG_FD, ARG_IN, ARG_LEN),
    CALL(open, 6, ARG_NEW_PATH, ARG_OPEN_FLAGS, ARG_INT),
    CALL(close, 5, ARG_FD),
    CALL(waitpid, 5, ARG_PID, ARG_OUT, ARG_WAIT_OPTIONS),
    CALL(execve, 2, ARG_EXEC_PATH, ARG_ARGV, ARG_ARGV),
    CALL(getpid, 2),
    CALL(getppid, 2),
    CALL(getpgid, 4, ARG_PID),
    CALL(setpgid, 4, ARG_PID, ARG_PID),
    CALL(kill, 6, ARG_PID, ARG_SIG),
    CALL(sigaction, 6, ARG_SIG, ARG_SIGACTION, ARG_OUT),
    CALL(sigreturn, 2),
    CALL(sched_yield, 2),
    CALL(nanosleep, 3, ARG_TIMESPEC, ARG_OUT),
    CALL(brk, 4, ARG_ADDR),
    CALL(mmap, 6, ARG_ADDR, ARG_MAP_LEN, ARG_PROT, ARG_MAP_FLAGS, ARG_FD, ARG_OFFSET),
    CALL(munmap, 5, ARG_ADDR, ARG_MAP_LEN),
    CALL(mprotect, 4, ARG_ADDR, ARG_MAP_LEN, ARG_PROT),
    CALL(msync, 3, ARG_ADDR, ARG_MAP_LEN, ARG_INT),
    CALL(dup, 4, ARG_FD),
    CALL(dup2, 4, ARG_FD, ARG_FD),
    CALL(pipe, 4, ARG_OUT),
    CALL(chdir, 3, ARG_PATH),
    CALL(getcwd, 3, ARG_OUT, ARG_LEN),
    CALL(mkdir, 3, ARG_NEW_PATH, ARG_INT),
    CALL(stat, 5, ARG_PATH, ARG_OUT),
    CALL(fstat, 4, ARG_FD, ARG_OUT),
    CALL(lseek, 4, ARG_FD, ARG_INT, ARG_WHENCE),
    CALL(sigprocmask, 5, ARG_HOW, ARG_SIGSET, ARG_OUT),
    CALL(clock_gettime, 3, ARG_CLOCK, ARG_OUT),
    CALL(poweroff, 1, ARG_INT),
    CALL(sigpending, 3, ARG_OUT),
    CALL(unlink, 4, ARG_NEW_PATH),
    CALL(rmdir, 3, ARG_NEW_PATH),
    CALL(rename, 4, ARG_NEW_PATH, ARG_NEW_PATH),
    CALL(ftruncate, 3, ARG_FD, ARG_TRUNC_LEN),
    CALL(access, 3, ARG_NEW_PATH, ARG_ACCESS_MODE),
    CALL(fcntl, 5, ARG_FD, ARG_FCNTL_CMD, ARG_INT),
    CALL(getdents64, 4, ARG_FD, ARG_OUT, ARG_LEN),
    CALL(setsid, 2),
    CALL(getsid, 2, ARG_PID),
    CALL(ioctl, 6, ARG_FD, ARG_IOCTL_REQUEST, ARG_OUT),
    CALL(procinfo, 3, ARG_OUT, ARG_LEN),
    CALL(clock_getres, 2, ARG_CLOCK, ARG_OUT),
    CALL(setitimer, 2, ARG_INT, ARG_IN, ARG_OUT),
    CALL(getitimer, 2, ARG_INT, ARG_OUT),
    CALL(select, 2, ARG_INT, ARG_IN, ARG_IN, ARG_IN, ARG_TIMESPEC),
    CALL(sigsuspend, 1, ARG_SIGSET), /* waits: the watcher kills a batch stuck in it */
    CALL(sigtimedwait, 2, ARG_SIGSET, ARG_OUT, ARG_TIMESPEC),
    CALL(sigreturn_info, 2),
    CALL(sigaltstack, 2, ARG_OUT, ARG_OUT),
    CALL(sync, 1),
    CALL(fsync, 3, ARG_FD),
    /* No disk in the fuzzer's machine: every mount fails at its checks. */
    CALL(mount, 2, ARG_PATH, ARG_NEW_PATH, ARG_PATH, ARG_INT),
    CALL(umount, 2, ARG_NEW_PATH),
    /* A thread that starts at a random address would run whatever it finds there: thread_create
     * gets random words (nearly always -EFAULT), which still reach its checks. A new thread that
     * does start ends with the batch (exit ends every thread). */
    CALL(thread_create, 1, ARG_RANDOM),
    CALL(thread_exit, 1), /* the batch's only thread: the batch ends, as with exit */
    CALL(gettid, 2),
    CALL(futex, 3, ARG_IN, ARG_INT, ARG_INT, ARG_TIMESPEC), /* a wait may last: the watcher ends it */
    CALL(tgkill, 3, ARG_PID, ARG_PID, ARG_SIG),
    /* A request for one of the batch's threads (its only one, mostly). Its libc never made a
     * thread (pthread_create), so it makes plain calls: the request reaches only raw calls. */
    CALL(thread_cancel, 2, ARG_PID),
    /* set_tls moves the batch's own %gs, which libc's thread-local variables (errno) are read
     * through: it gets the base the batch has already, so the call is made and changes nothing. */
    CALL(set_tls, 1, ARG_TLS_BASE),
    CALL(getuid, 1),
    CALL(geteuid, 1),
    CALL(getgid, 1),
    CALL(getegid, 1),
    /* A batch that gives up root still ends: the supervisor (root) signals it and its group. */
    CALL(setuid, 1, ARG_INT),
    CALL(setgid, 1, ARG_INT),
    CALL(seteuid, 1, ARG_INT),
    CALL(setegid, 1, ARG_INT),
    /* Queue names: a path of one component ("/tmp") is a valid one. Waits end at the timespec's
     * time, long past (an absolute time), or the watcher ends the batch (a null timeout). */
    CALL(mq_open, 3, ARG_PATH, ARG_OPEN_FLAGS, ARG_INT, ARG_IN),
    CALL(mq_unlink, 2, ARG_PATH),
    CALL(mq_timedsend, 3, ARG_FD, ARG_IN, ARG_LEN, ARG_INT, ARG_TIMESPEC),
    CALL(mq_timedreceive, 3, ARG_FD, ARG_OUT, ARG_LEN, ARG_OUT, ARG_TIMESPEC),
    CALL(mq_getsetattr, 2, ARG_FD, ARG_IN, ARG_OUT),
    /* A registration's signal goes to a batch of the run, which ends with its batch. */
    CALL(mq_notify, 2, ARG_FD, ARG_IN),
    CALL(fcntl_lock, 3, ARG_FD, ARG_FCNTL_CMD, ARG_OUT), /* F_SETLKW may wait: the watcher ends a stuck batch */
    CALL(times, 2, ARG_OUT),
    /* A batch's timers go with it (exit, execve); their signals reach the batch alone. A
     * SIGEV_THREAD timer has no thread in a batch: timer_wait waits, the watcher ends it. */
    CALL(timer_create, 2, ARG_CLOCK, ARG_IN, ARG_OUT),
    CALL(timer_settime, 2, ARG_INT, ARG_INT, ARG_IN, ARG_OUT),
    CALL(timer_gettime, 1, ARG_INT, ARG_OUT),
    CALL(timer_getoverrun, 1, ARG_INT),
    CALL(timer_delete, 1, ARG_INT),
    CALL(timer_wait, 1, ARG_INT),
    /* A batch may make itself or its children real-time (throttling leaves the supervisor its
     * time); the supervisor's and init's policies are filtered. */
    CALL(sched_setscheduler, 2, ARG_PID, ARG_INT, ARG_INT),
    CALL(sched_getscheduler, 1, ARG_PID),
    CALL(sched_getparam, 1, ARG_PID),
    CALL(utimensat, 3, ARG_FD, ARG_PATH, ARG_IN, ARG_INT), /* any path: times change nothing the run reads */
    CALL(uname, 1, ARG_OUT),
    /* Modes and owners change only in the scratch tree; by descriptor, to what they are (filter). */
    CALL(umask, 2, ARG_INT),
    CALL(chmod, 3, ARG_NEW_PATH, ARG_INT),
    CALL(fchmod, 2, ARG_FD, ARG_INT),
    CALL(chown, 2, ARG_NEW_PATH, ARG_INT, ARG_INT),
    CALL(fchown, 2, ARG_FD, ARG_INT, ARG_INT),
    CALL(truncate, 2, ARG_NEW_PATH, ARG_TRUNC_LEN),
};

#define INVALID_PERCENT 8 /* of calls, with a number the kernel does not have */

bool calls_complete(void) {
    for (int i = 0; i < SYS_COUNT; i++) {
        if (!calls[i].name || !calls[i].weight)
            return false;
    }
    return true;
}

const char *call_name(uint32_t nr) {
    return nr < SYS_COUNT ? calls[nr].name : "invalid";
}

static uint32_t pick_number(void) {
    static const uint32_t invalid[] = {
        SYS_COUNT,        SYS_COUNT + 1,         64,         128,        255,
        256 + SYS_getpid, 0x10000 + SYS_getppid, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        0xFFFFFFFE,       (uint32_t)-SYS_COUNT,
    };
    struct rng *r = &proc.rng;
    static uint32_t total;

    if (rng_chance(r, INVALID_PERCENT)) {
        switch (rng_below(r, 3)) {
        case 0:
            return SYS_COUNT + rng_below(r, 40);
        case 1:
            return RNG_PICK(r, invalid);
        default:
            return SYS_COUNT + rng_below(r, 0xFFFFFFFFu - SYS_COUNT);
        }
    }
    if (!total) {
        for (int i = 0; i < SYS_COUNT; i++)
            total += calls[i].weight;
    }
    uint32_t w = rng_below(r, total);
    uint32_t nr = 0;
    while (w >= calls[nr].weight)
        w -= calls[nr++].weight;
    return nr;
}

/* ---- The filter ---- */

static bool reaches_supervisor(int pid) {
    int sup = fuzz_run.supervisor;
    /* pid 0 (our own group) never does: no fuzzing process is in the supervisor's group. */
    return pid == -1 || pid == sup || pid == -sup;
}

static bool overlaps(uint32_t addr, uint32_t len, uint32_t lo, uint32_t hi) {
    uint64_t start = addr & ~(PAGE - 1), end = (uint64_t)addr + len;
    return len && start < hi && end > lo;
}

static bool protected_memory(uint32_t addr, uint32_t len) {
    return overlaps(addr, len, USER_BASE, (uint32_t)_end) ||
           overlaps(addr, len, STATS_AREA, STATS_AREA + STATS_AREA_SIZE);
}

/* The string at `p` if it lies in memory we know is readable and holds its NUL, else NULL. */
static const char *known_string(uint32_t p) {
    uint32_t end = 0;
    if (p >= USER_BASE && p < (uint32_t)_end)
        end = (uint32_t)_end;
    else if (proc.edge_ok && p >= proc.edge && p < proc.edge + PAGE)
        end = proc.edge + PAGE;
    if (!end || strnlen((const char *)p, end - p) == end - p)
        return NULL;
    return (const char *)p;
}

/* Addresses where a string cannot be read: the call fails with EFAULT, touching nothing. Below
 * the program nothing is ever mapped, above is the kernel. (The last bytes under the kernel, set
 * to hold no NUL, may be overwritten by a call before the one that names them.) */
static bool faulting(uint32_t p) {
    return p < USER_BASE || p >= USER_TOP;
}

/*
 * May a call change the tree at the path at `p`? Only inside the scratch tree, or in /dev (which
 * refuses, read-only). The path is made absolute and normalized ("." and ".." resolved by name:
 * there are no symbolic links).
 */
static bool may_change(uint32_t p) {
    const char *path = known_string(p);
    char full[512], cwd[256];
    size_t len = 0;

    if (!path)
        return faulting(p);
    if (strlen(path) >= 256)
        return true; /* ENAMETOOLONG before anything */
    if (path[0] != '/') {
        if (!getcwd(cwd, sizeof(cwd)))
            return false;
        snprintf(full, sizeof(full), "%s/%s", cwd, path);
    } else {
        snprintf(full, sizeof(full), "%s", path);
    }
    /* Normalize in place: out[0..len) is the result so far, always starting with '/'. */
    char *out = full;
    const char *q = full;
    while (*q) {
        while (*q == '/')
            q++;
        const char *name = q;
        while (*q && *q != '/')
            q++;
        size_t n = (size_t)(q - name);
        if (n == 0 || (n == 1 && name[0] == '.'))
            continue;
        if (n == 2 && name[0] == '.' && name[1] == '.') {
            while (len > 0 && out[len - 1] != '/')
                len--;
            if (len > 0)
                len--;
            continue;
        }
        out[len++] = '/';
        memmove(out + len, name, n);
        len += n;
    }
    out[len] = '\0';
    static const char scratch[] = SCRATCH_DIR "/", dev[] = "/dev/";
    return (len > sizeof(scratch) - 1 && strncmp(out, scratch, sizeof(scratch) - 1) == 0) ||
           (len > sizeof(dev) - 1 && strncmp(out, dev, sizeof(dev) - 1) == 0);
}

/* Why the call must not be made, or NULL; may rewrite arguments (open's flags). */
static const char *filter(uint32_t nr, uint32_t a[6]) {
    const char *s;

    switch (nr) {
    case SYS_kill:
        if (((int)a[1] == SIGKILL || (int)a[1] == SIGSTOP) && reaches_supervisor((int)a[0]))
            return "would kill or stop the supervisor";
        return NULL;
    case SYS_tgkill:
        if (((int)a[2] == SIGKILL || (int)a[2] == SIGSTOP) && (int)a[0] == fuzz_run.supervisor)
            return "would kill or stop the supervisor";
        return NULL;
    case SYS_setpgid:
        return (int)a[1] == fuzz_run.supervisor ? "would join the supervisor's group" : NULL;
    case SYS_sched_setscheduler:
        return (int)a[0] == fuzz_run.supervisor || (int)a[0] == 1 ? "would change the supervisor's or init's policy"
                                                                  : NULL;
    case SYS_munmap:
        return protected_memory(a[0], a[1]) ? "would unmap the fuzzer" : NULL;
    case SYS_mprotect:
        return protected_memory(a[0], a[1]) ? "would protect the fuzzer's memory" : NULL;
    case SYS_mmap:
        return (a[3] & MAP_FIXED) && protected_memory(a[0], a[1]) ? "would map over the fuzzer" : NULL;
    case SYS_close:
    case SYS_dup:
    case SYS_write:
        return a[0] == TRACE_FD ? "the trace's descriptor" : NULL;
    case SYS_dup2:
        return a[0] == TRACE_FD || a[1] == TRACE_FD ? "the trace's descriptor" : NULL;
    case SYS_fork:
        return proc.forks >= 4 || proc.depth >= 2 ? "enough processes" : NULL;
    case SYS_execve:
        s = known_string(a[0]);
        return s && (strstr(s, "init") || strstr(s, "fuzz")) ? "would start a second run" : NULL;
    case SYS_fcntl:
        return a[0] == TRACE_FD && (a[1] == F_DUPFD || a[1] == F_DUPFD_CLOEXEC) ? "the trace's descriptor" : NULL;
    case SYS_mkdir:
    case SYS_unlink:
    case SYS_rmdir:
    case SYS_chmod:
    case SYS_chown:
    case SYS_truncate:
        return may_change(a[0]) ? NULL : "outside the scratch tree";
    case SYS_fchmod:
    case SYS_fchown: {
        /* The descriptor may be of a file outside the scratch tree (a program opened for
         * reading): it gets the mode and ids it has, so the call makes all its checks and
         * changes nothing. A bad descriptor keeps its random arguments (EBADF). */
        struct stat st;
        if (fstat((int)a[0], &st) == 0) {
            if (nr == SYS_fchmod)
                a[1] = st.st_mode & 07777;
            else
                a[1] = st.st_uid, a[2] = st.st_gid;
        }
        return NULL;
    }
    case SYS_rename:
        return may_change(a[0]) && may_change(a[1]) ? NULL : "outside the scratch tree";
    case SYS_ioctl:
        switch (a[1]) {
        case TCSETS:
        case TCSETSW:
        case TCSETSF:
        case TIOCSPGRP:
            return "would change the terminal the report goes to";
        }
        return NULL;
    case SYS_open:
        s = known_string(a[0]);
        if (s && (strstr(s, "console") || strstr(s, "tty"))) /* /dev/tty is the console too */
            a[1] = O_RDONLY | O_NONBLOCK | (a[1] & O_CLOEXEC);
        else if (((a[1] & O_ACCMODE) != O_RDONLY || (a[1] & (O_CREAT | O_TRUNC))) && !may_change(a[0]))
            a[1] &= ~(uint32_t)(O_ACCMODE | O_CREAT | O_TRUNC);
        return NULL;
    }
    return NULL;
}

/* ---- Oracles: results the kernel must never give ---- */

static void violation(uint32_t nr, const uint32_t a[6], long r, const char *what) {
    struct fuzz_stats *st = fuzz_run.stats;
    if (__atomic_fetch_add(&st->violations, 1, __ATOMIC_RELAXED) == 0) {
        snprintf(st->first_violation, sizeof(st->first_violation),
                 "%s: %s(0x%x, 0x%x, 0x%x, 0x%x, 0x%x, 0x%x) = %ld in pid %d, seed %llu batch %u", what, call_name(nr),
                 a[0], a[1], a[2], a[3], a[4], a[5], r, proc.self, (unsigned long long)fuzz_run.seed, fuzz_run.batch);
    }
}

/* Does [p, p + n) reach the kernel's memory (or wrap)? */
static bool reaches_kernel(uint32_t p, uint32_t n) {
    return (uint64_t)p + n > USER_TOP;
}

/*
 * Is `err` one of abi/errno.h's numbers, the only ones the kernel returns? (<errno.h> names more,
 * for programs and strerror; a kernel that returned one of those would be wrong.)
 */
static bool kernel_error(long err) {
    switch (err) {
    case EPERM:
    case ENOENT:
    case ESRCH:
    case EINTR:
    case EIO:
    case ENXIO:
    case E2BIG:
    case ENOEXEC:
    case EBADF:
    case ECHILD:
    case EAGAIN:
    case ENOMEM:
    case EACCES:
    case EFAULT:
    case EBUSY:
    case EEXIST:
    case EXDEV:
    case ENODEV:
    case ENOTDIR:
    case EISDIR:
    case EINVAL:
    case ENFILE:
    case EMFILE:
    case ENOTTY:
    case EFBIG:
    case ENOSPC:
    case ESPIPE:
    case EROFS:
    case EMLINK:
    case EPIPE:
    case EDOM:
    case ERANGE:
    case EDEADLK:
    case ENAMETOOLONG:
    case ENOLCK:
    case ENOSYS:
    case ENOTEMPTY:
    case ELOOP:
    case EOVERFLOW:
    case EMSGSIZE:
    case ETIMEDOUT:
        return true;
    default:
        return false;
    }
}

static void check(uint32_t nr, const uint32_t a[6], long r) {
    bool failed = r < 0 && r >= -4095;

    if (nr >= SYS_COUNT) {
        if (r != -ENOSYS)
            violation(nr, a, r, "an invalid number did not give ENOSYS");
        return;
    }
    if (failed && !kernel_error(-r))
        violation(nr, a, r, "an error number the kernel does not define");
    if (nr == SYS_getpid && r != proc.self)
        violation(nr, a, r, "getpid is not the pid fork gave");
    if (failed)
        return;
    /* Calls that write a structure cannot succeed when it would land in the kernel. */
    bool bad =
        (nr == SYS_pipe && reaches_kernel(a[0], 8)) || (nr == SYS_fstat && reaches_kernel(a[1], 1)) ||
        (nr == SYS_stat && reaches_kernel(a[1], 1)) || (nr == SYS_clock_gettime && reaches_kernel(a[1], 8)) ||
        (nr == SYS_clock_getres && a[1] && reaches_kernel(a[1], 8)) ||
        (nr == SYS_getitimer && reaches_kernel(a[1], 16)) || (nr == SYS_fcntl_lock && reaches_kernel(a[2], 16)) ||
        (nr == SYS_mq_getsetattr && a[2] && reaches_kernel(a[2], 16)) ||
        (nr == SYS_setitimer && a[2] && reaches_kernel(a[2], 16)) ||
        (nr == SYS_getcwd && reaches_kernel(a[0], (uint32_t)r)) || (nr == SYS_sigpending && reaches_kernel(a[0], 4)) ||
        (nr == SYS_sigtimedwait && a[1] && reaches_kernel(a[1], 128)) ||
        (nr == SYS_sigaltstack && a[1] && reaches_kernel(a[1], 12)) ||
        (nr == SYS_procinfo && a[1] && reaches_kernel(a[0], (a[1] < (uint32_t)r ? a[1] : (uint32_t)r) * 48)) ||
        (nr == SYS_read && r > 0 && reaches_kernel(a[1], (uint32_t)r)) ||
        (nr == SYS_getdents64 && r > 0 && (reaches_kernel(a[1], (uint32_t)r) || (uint32_t)r > a[2]));
    if (bad)
        violation(nr, a, r, "the kernel wrote into its own memory for the caller");
}

/* ---- What the process learns from a result ---- */

static void add_fd(int fd) {
    for (int i = 0; i < proc.nfds; i++) {
        if (proc.fds[i] == fd)
            return;
    }
    if (proc.nfds < MAX_FDS)
        proc.fds[proc.nfds++] = fd;
}

static void forget_fd(int fd) {
    for (int i = 0; i < proc.nfds; i++) {
        if (proc.fds[i] == fd) {
            proc.fds[i] = proc.fds[--proc.nfds];
            break;
        }
    }
    proc.closed[proc.nclosed++ % MAX_CLOSED] = fd;
}

static void forget_child(pid_t pid) {
    for (int i = 0; i < proc.nchildren; i++) {
        if (proc.children[i] == pid) {
            proc.children[i] = proc.children[--proc.nchildren];
            break;
        }
    }
    proc.reaped = pid;
}

static void memory_changed(uint32_t addr, uint32_t len) {
    for (int i = 0; i < proc.nmaps;) {
        if (overlaps(addr, len, proc.maps[i].addr, proc.maps[i].addr + proc.maps[i].len))
            proc.maps[i] = proc.maps[--proc.nmaps];
        else
            i++;
    }
    if (overlaps(addr, len, proc.edge, proc.edge + 3 * PAGE))
        proc.edge_ok = false;
}

static bool in_scratch(uint32_t p, uint32_t n) {
    uint32_t s = (uint32_t)fuzz_scratch;
    return p >= s && (uint64_t)p + n <= s + SCRATCH_SIZE;
}

static void learn(uint32_t nr, const uint32_t a[6], long r) {
    if (r < 0 && r >= -4095)
        return;
    switch (nr) {
    case SYS_open:
    case SYS_dup:
        add_fd((int)r);
        break;
    case SYS_fcntl:
        if (a[1] == F_DUPFD || a[1] == F_DUPFD_CLOEXEC)
            add_fd((int)r);
        break;
    case SYS_dup2:
        add_fd((int)a[1]);
        break;
    case SYS_pipe:
        if (in_scratch(a[0], 8)) {
            add_fd(((int *)a[0])[0]);
            add_fd(((int *)a[0])[1]);
        }
        break;
    case SYS_close:
        forget_fd((int)a[0]);
        break;
    case SYS_fork:
        if (r > 0 && proc.nchildren < MAX_CHILDREN)
            proc.children[proc.nchildren++] = (pid_t)r;
        break;
    case SYS_waitpid:
        if (r > 0)
            forget_child((pid_t)r);
        break;
    case SYS_mmap:
        if (a[3] & MAP_FIXED)
            memory_changed(a[0], a[1]);
        if (proc.nmaps < MAX_MAPS) {
            proc.maps[proc.nmaps].addr = (uint32_t)r;
            proc.maps[proc.nmaps++].len = a[1];
        }
        break;
    case SYS_munmap:
        memory_changed(a[0], a[1]);
        break;
    case SYS_brk:
        proc.brk_end = (uint32_t)r;
        break;
    }
}

/* ---- Making the call ---- */

void trace(const char *fmt, ...) {
    char line[200];
    va_list ap;

    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    write(TRACE_FD, line, n < (int)sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static jmp_buf landing;

/*
 * Called by fuzz_landing (landing.S) on its own stack. A child can land here before it ever saw
 * fork return 0: a signal sent to the group right after the fork (kill(0, sig)) runs its handler
 * first, and a handler whose restorer is fuzz_landing comes here instead of back into fork's
 * return. It is a new process all the same, and must know it (proc.self, its own budget).
 */
void fuzz_landed(void) {
    if (getpid() != proc.self)
        fuzz_forked(); /* may not return */
    longjmp(landing, 1);
}

static void record(uint32_t nr, const uint32_t a[6], long r) {
    struct fuzz_stats *st = fuzz_run.stats;

    count(&st->returned);
    if (r < 0 && r >= -4095)
        count(&st->err[-r < ERRNO_SLOTS ? -r : 0]);
    else
        count(&st->ok);
    if (fuzz_run.trace)
        trace("fuzz: %d = %ld\n", proc.self, r);
    check(nr, a, r);
    learn(nr, a, r);
}

void fuzz_one(void) {
    struct fuzz_stats *st = fuzz_run.stats;
    uint32_t nr = pick_number(), a[6];
    struct abi_sigframe frame;
    struct abi_sigframe_info info_frame;
    const struct call *c = nr < SYS_COUNT ? &calls[nr] : NULL;
    bool random_args = rng_chance(&proc.rng, 5); /* now and then, no idea of types at all */

    for (int i = 0; i < 6; i++) {
        enum arg_kind kind = c ? (enum arg_kind)c->args[i] : ARG_INT;
        if (random_args && kind != ARG_EXEC_PATH)
            a[i] = arg_any();
        else
            a[i] = arg_value(kind, i ? a[i - 1] : 0);
    }
    if (nr == SYS_sigreturn || nr == SYS_sigreturn_info) {
        arg_sigreturn_frame(&frame);
        arg_sigreturn_info_frame(&frame, &info_frame);
        /* For the trace: the registers the call would have had. */
        a[0] = frame.ebx, a[1] = frame.ecx, a[2] = frame.edx, a[3] = frame.esi, a[4] = frame.edi, a[5] = frame.ebp;
    }
    const char *why = filter(nr, a);
    if (why) {
        count(&st->filtered);
        if (fuzz_run.trace)
            trace("fuzz: %d skips %s: %s\n", proc.self, call_name(nr), why);
        return;
    }
    if (fuzz_run.trace)
        trace("fuzz: %d %s#%u(0x%x, 0x%x, 0x%x, 0x%x, 0x%x, 0x%x)\n", proc.self, call_name(nr), nr, a[0], a[1], a[2],
              a[3], a[4], a[5]);
    count(&st->started);
    count(&st->by_call[nr < SYS_COUNT ? nr : SYS_COUNT]);
    st->last_call = nr < SYS_COUNT ? nr : SYS_COUNT;
    proc.calls++;

    if (nr == SYS_sigreturn || nr == SYS_sigreturn_info) {
        if (fuzz_run.trace)
            trace("fuzz: %d frame eip 0x%x esp 0x%x eflags 0x%x fpu 0x%x mask 0x%x\n", proc.self, frame.eip, frame.esp,
                  frame.eflags, frame.fpu, frame.mask);
        if (setjmp(landing) == 0) {
            if (nr == SYS_sigreturn)
                fuzz_sigreturn(&frame);
            fuzz_sigreturn_info(&info_frame);
        }
        count(&st->returned);
        count(&st->landed);
        if (fuzz_run.trace)
            trace("fuzz: %d landed\n", proc.self);
        return;
    }
    if (nr == SYS_fork)
        proc.forks++;
    long r = syscall((long)nr, a[0], a[1], a[2], a[3], a[4], a[5]);
    if (r == -1)
        r = -errno; /* no call succeeds with -1: [-4095, -1] are errors */
    if (nr == SYS_fork && r == 0) {
        fuzz_forked(); /* may not return */
        record(nr, a, r);
        return;
    }
    record(nr, a, r);
}
