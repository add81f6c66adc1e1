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

#define SYS_exit 0
#define SYS_fork 1
#define SYS_read 2
#define SYS_write 3
#define SYS_open 4
#define SYS_close 5
#define SYS_waitpid 6
#define SYS_execve 7
#define SYS_getpid 8
#define SYS_getppid 9
#define SYS_getpgid 10
#define SYS_setpgid 11
#define SYS_kill 12
#define SYS_sigaction 13
#define SYS_sigreturn 14
#define SYS_sched_yield 15
#define SYS_nanosleep 16
#define SYS_brk 17
#define SYS_mmap 18
#define SYS_munmap 19
#define SYS_dup 20
#define SYS_dup2 21
#define SYS_pipe 22
#define SYS_chdir 23
#define SYS_getcwd 24
#define SYS_mkdir 25
#define SYS_stat 26
#define SYS_fstat 27
#define SYS_lseek 28
#define SYS_sigprocmask 29
#define SYS_clock_gettime 30
#define SYS_poweroff 31 /* init only: end the machine, reporting a status (see docs/syscalls.md) */
#define SYS_COUNT 32

/* Largest value of %eax that is an error: results in [-MAX_ERRNO, -1] are -errno. */
#define MAX_ERRNO 4095

#endif
