/* The system-call handlers, one file per area; see syscall.c for the table. */
#ifndef SYSCALL_INTERNAL_H
#define SYSCALL_INTERNAL_H

#include <stdint.h>

typedef uint32_t u32;
typedef long (*syscall_fn)(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f);

/* sys_proc.c */
long sys_exit(u32 status);
long sys_fork(void);
long sys_waitpid(u32 pid, u32 ustatus, u32 options);
long sys_getpid(void);
long sys_getppid(void);
long sys_getpgid(u32 pid);
long sys_setpgid(u32 pid, u32 pgid);
long sys_kill(u32 pid, u32 sig);
long sys_sigaction(u32 sig, u32 uact, u32 uoldact);
long sys_sigreturn(void);
long sys_sigprocmask(u32 how, u32 uset, u32 uold);
long sys_sched_yield(void);
long sys_nanosleep(u32 ureq, u32 urem);
long sys_clock_gettime(u32 clock, u32 uts);
long sys_poweroff(u32 status);

/* sys_mem.c */
long sys_brk(u32 addr);
long sys_mmap(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 offset);
long sys_munmap(u32 addr, u32 len);

/* sys_file.c */
long sys_read(u32 fd, u32 ubuf, u32 n);
long sys_write(u32 fd, u32 ubuf, u32 n);
long sys_open(u32 upath, u32 flags, u32 mode);
long sys_close(u32 fd);
long sys_dup(u32 fd);
long sys_dup2(u32 fd, u32 newfd);
long sys_pipe(u32 ufds);
long sys_lseek(u32 fd, u32 offset, u32 whence);
long sys_fstat(u32 fd, u32 ust);
long sys_stat(u32 upath, u32 ust);
long sys_chdir(u32 upath);
long sys_getcwd(u32 ubuf, u32 size);
long sys_mkdir(u32 upath, u32 mode);

/* sys_exec.c */
long sys_execve(u32 upath, u32 uargv, u32 uenvp);

extern void (*poweroff_hook)(int status);

#endif
