/*
 * The system-call interface between user programs and the kernel. Shared by the kernel
 * (syscall/) and the libc (user/libc/); see docs/syscalls.md for each call's arguments and errors.
 *
 * Calling convention: `int $0x80` with the call number in %eax and up to six arguments in %ebx,
 * %ecx, %edx, %esi, %edi, %ebp. The result comes back in %eax: a value in [-4095, -1] is a
 * negated errno (abi/errno.h), anything else is success. All other registers are preserved.
 */
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

#define SYSCALL_VECTOR_NUMBER 0x80

/*
 * The one list of system calls. Everything else is made from it: the SYS_* numbers below, the
 * kernel's dispatch and its handlers' prototypes (syscall/), the libc's raw stubs (user/libc), and
 * what //testing:syscall_list_test holds docs/syscalls.md's table to. ABI_SYSCALLS(X) expands
 * X(nr, name, restart, nargs, (kind, arg, ...)) once per call:
 *
 *   nr       the number in %eax. Part of the ABI: programs and docs/syscalls.md use it, so a
 *            number, once given, never changes; a new call takes the next one.
 *   name     the call. Its handler is `long sys_<name>(...)` (syscall/), its number SYS_<name>, its
 *            libc stub `__sys_<name>(...)`.
 *   restart  RESTART: interrupted by a handler with SA_RESTART (the call returned -EINTR), the call
 *            is made again; NORESTART: it fails with EINTR whatever the handler's flags say.
 *   nargs    how many arguments it takes (0 to 6); a wrong count is a preprocessor error.
 *   (kind, arg, ...)  each argument, in register order: its kind and its name (as the docs say).
 *            INT   a signed 32-bit number (int): descriptors, pids, signals, flags, statuses;
 *            UINT  an unsigned 32-bit number (uint32_t): sizes, masks, addresses the kernel maps
 *                  or unmaps but never reads or writes through;
 *            PTR   a user address the kernel reads or writes through: in the kernel a struct
 *                  uaddr (mm/usercopy.h), usable only by the user-copy routines.
 */
// clang-format off
#define ABI_SYSCALLS(X)                                                                        \
    X( 0, exit,          NORESTART, 1, (INT, status))                                         \
    X( 1, fork,          NORESTART, 0, ())                                                    \
    X( 2, read,          RESTART,   3, (INT, fd, PTR, buf, UINT, n))                          \
    X( 3, write,         RESTART,   3, (INT, fd, PTR, buf, UINT, n))                          \
    X( 4, open,          NORESTART, 3, (PTR, path, INT, flags, UINT, mode))                   \
    X( 5, close,         NORESTART, 1, (INT, fd))                                             \
    X( 6, waitpid,       RESTART,   3, (INT, pid, PTR, status, INT, options))                 \
    X( 7, execve,        NORESTART, 3, (PTR, path, PTR, argv, PTR, envp))                     \
    X( 8, getpid,        NORESTART, 0, ())                                                    \
    X( 9, getppid,       NORESTART, 0, ())                                                    \
    X(10, getpgid,       NORESTART, 1, (INT, pid))                                            \
    X(11, setpgid,       NORESTART, 2, (INT, pid, INT, pgid))                                 \
    X(12, kill,          NORESTART, 2, (INT, pid, INT, sig))                                  \
    X(13, sigaction,     NORESTART, 3, (INT, sig, PTR, act, PTR, oldact))                     \
    X(14, sigreturn,     NORESTART, 0, ())                                                    \
    X(15, sched_yield,   NORESTART, 0, ())                                                    \
    X(16, nanosleep,     NORESTART, 2, (PTR, req, PTR, rem))                                  \
    X(17, brk,           NORESTART, 1, (UINT, addr))                                          \
    X(18, mmap,          NORESTART, 6, (UINT, addr, UINT, len, UINT, prot, UINT, flags,       \
                                        INT, fd, INT, offset))                                \
    X(19, munmap,        NORESTART, 2, (UINT, addr, UINT, len))                               \
    X(20, dup,           NORESTART, 1, (INT, fd))                                             \
    X(21, dup2,          NORESTART, 2, (INT, fd, INT, newfd))                                 \
    X(22, pipe,          NORESTART, 1, (PTR, fds))                                            \
    X(23, chdir,         NORESTART, 1, (PTR, path))                                           \
    X(24, getcwd,        NORESTART, 2, (PTR, buf, UINT, size))                                \
    X(25, mkdir,         NORESTART, 2, (PTR, path, UINT, mode))                               \
    X(26, stat,          NORESTART, 2, (PTR, path, PTR, st))                                  \
    X(27, fstat,         NORESTART, 2, (INT, fd, PTR, st))                                    \
    X(28, lseek,         NORESTART, 3, (INT, fd, INT, offset, INT, whence))                   \
    X(29, sigprocmask,   NORESTART, 3, (INT, how, PTR, set, PTR, oldset))                     \
    X(30, clock_gettime, NORESTART, 2, (INT, clock, PTR, ts))                                 \
    X(31, poweroff,      NORESTART, 1, (INT, status))                                         \
    X(32, sigpending,    NORESTART, 1, (PTR, set))                                            \
    X(33, unlink,        NORESTART, 1, (PTR, path))                                           \
    X(34, rmdir,         NORESTART, 1, (PTR, path))                                           \
    X(35, rename,        NORESTART, 2, (PTR, oldpath, PTR, newpath))                          \
    X(36, ftruncate,     NORESTART, 2, (INT, fd, INT, length))                                \
    X(37, access,        NORESTART, 2, (PTR, path, INT, mode))                                \
    X(38, fcntl,         NORESTART, 3, (INT, fd, INT, cmd, INT, arg))                         \
    X(39, getdents64,    NORESTART, 3, (INT, fd, PTR, buf, UINT, n))                          \
    X(40, setsid,        NORESTART, 0, ())                                                    \
    X(41, getsid,        NORESTART, 1, (INT, pid))                                            \
    X(42, ioctl,         RESTART,   3, (INT, fd, UINT, request, UINT, arg))                   \
    X(43, procinfo,      NORESTART, 2, (PTR, buf, UINT, count))                               \
    X(44, mprotect,      NORESTART, 3, (UINT, addr, UINT, len, UINT, prot))                   \
    X(45, msync,         NORESTART, 3, (UINT, addr, UINT, len, UINT, flags))                  \
    X(46, clock_getres,  NORESTART, 2, (INT, clock, PTR, res))                                 \
    X(47, setitimer,     NORESTART, 3, (INT, which, PTR, value, PTR, old))                    \
    X(48, getitimer,     NORESTART, 2, (INT, which, PTR, value))                              \
    X(49, select,        NORESTART, 5, (INT, nfds, PTR, readfds, PTR, writefds,                \
                                        PTR, exceptfds, PTR, timeout))                        \
    X(50, sigsuspend,    NORESTART, 1, (PTR, mask))                                           \
    X(51, sigtimedwait,  NORESTART, 3, (PTR, set, PTR, info, PTR, timeout))                   \
    X(52, sigreturn_info, NORESTART, 0, ())                                                   \
    X(53, sigaltstack,   NORESTART, 2, (PTR, ss, PTR, old_ss))                                 \
    X(54, sync,          NORESTART, 0, ())                                                    \
    X(55, fsync,         NORESTART, 1, (INT, fd))                                             \
    X(56, mount,         NORESTART, 4, (PTR, source, PTR, target, PTR, fstype, UINT, flags))   \
    X(57, umount,        NORESTART, 1, (PTR, target))                                         \
    X(58, thread_create, NORESTART, 1, (PTR, start))                                          \
    X(59, thread_exit,   NORESTART, 0, ())                                                    \
    X(60, gettid,        NORESTART, 0, ())                                                    \
    X(61, futex,         RESTART,   4, (PTR, uaddr, INT, op, UINT, val, PTR, timeout))        \
    X(62, tgkill,        NORESTART, 3, (INT, pid, INT, tid, INT, sig))                        \
    X(63, set_tls,       NORESTART, 1, (UINT, base))                                          \
    X(64, getuid,        NORESTART, 0, ())                                                    \
    X(65, geteuid,       NORESTART, 0, ())                                                    \
    X(66, getgid,        NORESTART, 0, ())                                                    \
    X(67, getegid,       NORESTART, 0, ())                                                    \
    X(68, setuid,        NORESTART, 1, (UINT, uid))                                           \
    X(69, setgid,        NORESTART, 1, (UINT, gid))                                           \
    X(70, seteuid,       NORESTART, 1, (UINT, euid))                                          \
    X(71, setegid,       NORESTART, 1, (UINT, egid))                                          \
    X(72, fcntl_lock,    RESTART,   3, (INT, fd, INT, cmd, PTR, lock))                        \
    X(73, mq_open,       NORESTART, 4, (PTR, name, INT, flags, UINT, mode, PTR, attr))        \
    X(74, mq_unlink,     NORESTART, 1, (PTR, name))                                           \
    X(75, mq_timedsend,  RESTART,   5, (INT, fd, PTR, msg, UINT, len, UINT, prio,             \
                                        PTR, timeout))                                        \
    X(76, mq_timedreceive, RESTART, 5, (INT, fd, PTR, buf, UINT, len, PTR, prio,              \
                                        PTR, timeout))                                        \
    X(77, mq_getsetattr, NORESTART, 3, (INT, fd, PTR, new, PTR, old))                         \
    X(78, times,         NORESTART, 1, (PTR, buf))                                            \
    X(79, timer_create,  NORESTART, 3, (INT, clock, PTR, event, PTR, id))                     \
    X(80, timer_settime, NORESTART, 4, (INT, id, INT, flags, PTR, value, PTR, old))           \
    X(81, timer_gettime, NORESTART, 2, (INT, id, PTR, value))                                 \
    X(82, timer_getoverrun, NORESTART, 1, (INT, id))                                          \
    X(83, timer_delete,  NORESTART, 1, (INT, id))                                             \
    X(84, timer_wait,    NORESTART, 1, (INT, id))                                             \
    X(85, sched_setscheduler, NORESTART, 3, (INT, pid, INT, policy, INT, priority))           \
    X(86, sched_getscheduler, NORESTART, 1, (INT, pid))                                       \
    X(87, sched_getparam, NORESTART, 1, (INT, pid))                                           \
    X(88, utimensat,     NORESTART, 4, (INT, dirfd, PTR, path, PTR, times, INT, flags))      \
    X(89, thread_cancel, NORESTART, 1, (INT, tid))                                            \
    X(90, mq_notify,     NORESTART, 2, (INT, fd, PTR, sevp))                                  \
    X(91, uname,         NORESTART, 1, (PTR, buf))                                            \
    X(92, umask,         NORESTART, 1, (UINT, mask))                                          \
    X(93, chmod,         NORESTART, 2, (PTR, path, UINT, mode))                               \
    X(94, fchmod,        NORESTART, 2, (INT, fd, UINT, mode))                                 \
    X(95, chown,         NORESTART, 3, (PTR, path, UINT, uid, UINT, gid))                     \
    X(96, fchown,        NORESTART, 3, (INT, fd, UINT, uid, UINT, gid))                       \
    X(97, truncate,      NORESTART, 2, (PTR, path, INT, length))                              \
    /* a new call goes above this line, with the next number */
// clang-format on

#ifdef __ASSEMBLER__
/* SYS_<name> as assembler symbols, for `mov $SYS_sigreturn, %eax`. */
#define ABI_SYSCALL_ASM_NUMBER(nr, name, ...) .set SYS_##name, nr;
ABI_SYSCALLS(ABI_SYSCALL_ASM_NUMBER)
#undef ABI_SYSCALL_ASM_NUMBER
#else
enum abi_syscall_number {
#define ABI_SYSCALL_ENUM(nr, name, ...) SYS_##name = nr,
    ABI_SYSCALLS(ABI_SYSCALL_ENUM)
#undef ABI_SYSCALL_ENUM
};

/* How many calls there are; the numbers are 0 .. SYS_COUNT - 1, each used once (the kernel's
 * dispatch is a switch, which refuses a number given twice). */
#define ABI_SYSCALL_ONE(...) +1
enum { SYS_COUNT = 0 ABI_SYSCALLS(ABI_SYSCALL_ONE) };
#undef ABI_SYSCALL_ONE
#define ABI_SYSCALL_IN_RANGE(nr, name, ...) _Static_assert((nr) < SYS_COUNT, "SYS_" #name ": numbers have no gaps");
ABI_SYSCALLS(ABI_SYSCALL_IN_RANGE)
#undef ABI_SYSCALL_IN_RANGE
#endif

/*
 * A cancellation point (pthread_cancel, XSH 2.9.5): the libc sets this bit in %eax, beside the call's
 * number, when it makes a call as a cancellation point of a thread whose cancellation is enabled.
 * If a thread_cancel request is pending for the thread, or comes while it sleeps in the call, an
 * interruptible sleep of the call ends as a signal would end it, and the call fails with
 * ECANCELED instead of EINTR, never restarted; the libc then acts on the cancellation. A call
 * that has moved data (a read that copied bytes) returns as usual: the request waits for the
 * next point. Any call may carry the bit (futex does, for the waits that are cancellation
 * points); sigreturn and sigreturn_info ignore it.
 */
#define ABI_SYSCALL_CANCEL_POINT 0x40000000u

/* Largest value of %eax that is an error: results in [-MAX_ERRNO, -1] are -errno. */
#define MAX_ERRNO 4095

#endif
