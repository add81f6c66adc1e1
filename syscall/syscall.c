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

/*
 * The calls a handler with SA_RESTART makes run again when they were interrupted (-EINTR): the
 * blocking reads, writes and waits. nanosleep is not one of them: POSIX has it fail with EINTR
 * and the time left whatever SA_RESTART says (the caller sleeps again with `rem` if it likes).
 */
static const bool restartable[SYS_COUNT] = {
    [SYS_read] = true,
    [SYS_write] = true,
    [SYS_waitpid] = true,
};

/*
 * Whether a call is made again is decided here, on the system-call return path, and nowhere else:
 * the frame's `error` slot (the stub's dummy error code) gets the number of an interrupted,
 * restartable call, else SYSCALL_NO_RESTART, and signal_deliver only acts on that. So sigreturn,
 * which returns whatever %eax the user's frame held (-EINTR included), can never be restarted.
 */
static void syscall_entry(struct int_frame *f) {
    uint32_t nr = f->eax;

    f->error = SYSCALL_NO_RESTART;
    if (nr >= SYS_COUNT || !table[nr]) {
        f->eax = (uint32_t)-ENOSYS;
        return;
    }
    long result = table[nr](f);
    f->eax = (uint32_t)result;
    if (result == -EINTR && restartable[nr])
        f->error = nr;
}

void syscall_init(void) {
    fdtable_init();
    interrupt_set_handler(SYSCALL_VECTOR, syscall_entry);
}
