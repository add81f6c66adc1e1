/*
 * exec: replacing a process's program with a static ELF32 executable.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include <proc/proc.h>
#include <stddef.h>

#define EXEC_ARG_MAX 4096 /* bytes of argument and environment strings, NULs included */
#define EXEC_ARGC_MAX 256 /* argv and envp entries each */

/* Arguments gathered into kernel memory by the caller (the execve system call). */
struct exec_args {
    int argc, envc;
    const char *argv[EXEC_ARGC_MAX];
    const char *envp[EXEC_ARGC_MAX];
};

/*
 * Loads the executable `image` (`size` bytes, in kernel memory) into a new address space for `p`,
 * with `args` on its stack, and points p's user frame at its entry. Only once the new space is
 * complete is the old one released; on any error p is left exactly as it was.
 * Returns 0, -ENOEXEC (not a static i386 ELF executable we can load), -E2BIG or -ENOMEM.
 */
int proc_exec(struct proc *p, const char *name, const void *image, size_t size, const struct exec_args *args);

/*
 * Creates a process running `image` from the start (the kernel starts init this way). Its parent
 * is the caller, or none when called from the idle process. Returns its pid or a negative errno.
 */
int proc_spawn_user(const char *name, const void *image, size_t size, const struct exec_args *args);

/* When the first process made by proc_spawn_user entered user mode: TSC ticks and nanoseconds
 * since boot (0 until then). Under QEMU icount the ticks are the instructions boot took. */
extern uint64_t boot_user_tsc, boot_user_ns;

#endif
