/*
 * System-call dispatch: the handler of vector 0x80 looks the number up in a table and calls the
 * handler with the frame isr.S built (never copied), from which it reads its arguments.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/syscall.h>
#include <arch/interrupt.h>
#include <fs/file.h>
#include <proc/proc.h>
#include <syscall/syscall.h>

#define ENTRY(nr, fn) [nr] = (fn)

static const syscall_fn table[SYS_COUNT] = {
    ENTRY(SYS_exit, sys_exit),
    ENTRY(SYS_fork, sys_fork),
    ENTRY(SYS_read, sys_read),
    ENTRY(SYS_write, sys_write),
    ENTRY(SYS_open, sys_open),
    ENTRY(SYS_close, sys_close),
    ENTRY(SYS_waitpid, sys_waitpid),
    ENTRY(SYS_execve, sys_execve),
    ENTRY(SYS_getpid, sys_getpid),
    ENTRY(SYS_getppid, sys_getppid),
    ENTRY(SYS_getpgid, sys_getpgid),
    ENTRY(SYS_setpgid, sys_setpgid),
    ENTRY(SYS_kill, sys_kill),
    ENTRY(SYS_sigaction, sys_sigaction),
    ENTRY(SYS_sigreturn, sys_sigreturn),
    ENTRY(SYS_sched_yield, sys_sched_yield),
    ENTRY(SYS_nanosleep, sys_nanosleep),
    ENTRY(SYS_brk, sys_brk),
    ENTRY(SYS_mmap, sys_mmap),
    ENTRY(SYS_munmap, sys_munmap),
    ENTRY(SYS_dup, sys_dup),
    ENTRY(SYS_dup2, sys_dup2),
    ENTRY(SYS_pipe, sys_pipe),
    ENTRY(SYS_chdir, sys_chdir),
    ENTRY(SYS_getcwd, sys_getcwd),
    ENTRY(SYS_mkdir, sys_mkdir),
    ENTRY(SYS_stat, sys_stat),
    ENTRY(SYS_fstat, sys_fstat),
    ENTRY(SYS_lseek, sys_lseek),
    ENTRY(SYS_sigprocmask, sys_sigprocmask),
    ENTRY(SYS_clock_gettime, sys_clock_gettime),
    ENTRY(SYS_poweroff, sys_poweroff),
};

static void syscall_entry(struct int_frame *f) {
    uint32_t nr = f->eax;

    if (nr >= SYS_COUNT || !table[nr]) {
        f->eax = (uint32_t)-ENOSYS;
        return;
    }
    f->error = nr; /* the stub's dummy error code: kept so SA_RESTART can make the call again */
    f->eax = (uint32_t)table[nr](f);
}

void syscall_init(void) {
    fdtable_init();
    interrupt_set_handler(SYSCALL_VECTOR, syscall_entry);
}
