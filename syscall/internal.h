/* The system-call handlers, one file per area; see syscall.c for the table. */
#ifndef SYSCALL_INTERNAL_H
#define SYSCALL_INTERNAL_H

#include <arch/interrupt.h>
#include <stdint.h>

typedef uint32_t u32;

/* Each call reads its arguments from the frame: %ebx, %ecx, %edx, %esi, %edi, %ebp. */
typedef long (*syscall_fn)(struct int_frame *regs);

/* sys_proc.c */
long sys_exit(struct int_frame *r);
long sys_fork(struct int_frame *r);
long sys_waitpid(struct int_frame *r);
long sys_getpid(struct int_frame *r);
long sys_getppid(struct int_frame *r);
long sys_getpgid(struct int_frame *r);
long sys_setpgid(struct int_frame *r);
long sys_kill(struct int_frame *r);
long sys_sigaction(struct int_frame *r);
long sys_sigreturn(struct int_frame *r);
long sys_sigprocmask(struct int_frame *r);
long sys_sched_yield(struct int_frame *r);
long sys_nanosleep(struct int_frame *r);
long sys_clock_gettime(struct int_frame *r);
long sys_poweroff(struct int_frame *r);

/* sys_mem.c */
long sys_brk(struct int_frame *r);
long sys_mmap(struct int_frame *r);
long sys_munmap(struct int_frame *r);

/* sys_file.c */
long sys_read(struct int_frame *r);
long sys_write(struct int_frame *r);
long sys_open(struct int_frame *r);
long sys_close(struct int_frame *r);
long sys_dup(struct int_frame *r);
long sys_dup2(struct int_frame *r);
long sys_pipe(struct int_frame *r);
long sys_lseek(struct int_frame *r);
long sys_fstat(struct int_frame *r);
long sys_stat(struct int_frame *r);
long sys_chdir(struct int_frame *r);
long sys_getcwd(struct int_frame *r);
long sys_mkdir(struct int_frame *r);

/* sys_exec.c */
long sys_execve(struct int_frame *r);

extern void (*poweroff_hook)(int status);

#endif
