/*
 * exec: replacing a process's program with a static ELF32 executable.
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include <proc/proc.h>
#include <stddef.h>
#include <stdint.h>

#define EXEC_ARG_MAX 4096 /* bytes of argument and environment strings, NULs included */
#define EXEC_ARGC_MAX 256 /* argv and envp entries each */

/* Arguments gathered into kernel memory by the caller (the execve system call). */
struct exec_args {
    int argc, envc;
    const char *argv[EXEC_ARGC_MAX];
    const char *envp[EXEC_ARGC_MAX];
};

/*
 * An executable's bytes in kernel memory, not necessarily in one piece (a file system keeps a
 * file in pages): span() gives the bytes from `off` (< size), *len of them contiguous (>= 1).
 */
struct exec_image {
    uint32_t size;
    const void *(*span)(const struct exec_image *img, uint32_t off, uint32_t *len);
    const void *ctx; /* span's own */
};

/* An image of `size` contiguous bytes at `data`. */
void exec_image_flat(struct exec_image *img, const void *data, uint32_t size);

/*
 * Loads the executable `img` into a new address space for `p`, with `args` on its stack, and
 * points p's user frame at its entry. Only once the new space is complete is the old one
 * released; on any error p is left exactly as it was. The image must not change meanwhile.
 * Returns 0, -ENOEXEC (not a static i386 ELF executable we can load), -E2BIG or -ENOMEM.
 */
int proc_exec(struct proc *p, const char *name, const struct exec_image *img, const struct exec_args *args);

/*
 * Creates a process running `img` from the start (the kernel starts init this way). Its parent
 * is the caller, or none when called from the idle process. Returns its pid or a negative errno.
 */
int proc_spawn_user(const char *name, const struct exec_image *img, const struct exec_args *args);

/* When the first process made by proc_spawn_user entered user mode: TSC ticks and nanoseconds
 * since boot (0 until then). Under QEMU icount the ticks are the instructions boot took. */
extern uint64_t boot_user_tsc, boot_user_ns;

#endif
