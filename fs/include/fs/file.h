/*
 * Open files and file descriptors.
 *
 * A struct file is one open instance (of a ramfs file, a pipe end, the console), shared by every
 * descriptor that dup, dup2 or fork made from the same open; it goes away when the last one is
 * closed. Each process has a table of FD_MAX descriptors (kept, with its working directory, at
 * p->fs); the lowest free one is always used first.
 *
 * File operations take user buffers (struct uaddr) and copy with mm/usercopy.h themselves, so a
 * bad buffer fails with -EFAULT before anything is consumed where that can be avoided.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <abi/stat.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 32

struct file;

struct file_ops {
    /* Reads up to n bytes into the user buffer; returns the count, 0 at end of file, or -errno. */
    long (*read)(struct file *f, struct uaddr ubuf, size_t n);
    /* Writes up to n bytes from the user buffer; returns the count or -errno. */
    long (*write)(struct file *f, struct uaddr ubuf, size_t n);
    /* New position for lseek, or -ESPIPE where seeking makes no sense (NULL: -ESPIPE). */
    long (*seek)(struct file *f, long offset, int whence);
    void (*stat)(struct file *f, struct abi_stat *st);
    /* The last reference is gone. */
    void (*release)(struct file *f);
};

struct file {
    int refs;
    int flags; /* O_ACCMODE bits, O_APPEND, O_NONBLOCK */
    uint32_t pos;
    const struct file_ops *ops;
    void *priv;
};

/* A new file with one reference, or NULL when out of memory. It is freed only by file_put (never
 * kfree), which keeps the count of open files that the power-off check compares. */
struct file *file_new(const struct file_ops *ops, void *priv, int flags);
void file_ref(struct file *f);
/* Drops a reference; the last one calls ops->release and frees the file. */
void file_put(struct file *f);

/* Open files alive in the whole system (for leak checks). */
int file_count(void);

bool file_readable(const struct file *f);
bool file_writable(const struct file *f);

/* --- the descriptor table of the current process (fs/fdtable.c) ----------------------------- */

/* Installs `f` (taking over the caller's reference) at the lowest free descriptor >= min. */
int fd_install(struct file *f, int min);
/* The file at `fd` (no new reference), or NULL for a bad descriptor. */
struct file *fd_get(int fd);
int fd_close(int fd);
int fd_dup(int fd);
int fd_dup2(int fd, int newfd);
/* Closes every descriptor marked close-on-exec (at exec). */
void fd_close_on_exec(void);
int fd_set_cloexec(int fd, bool on);

/* --- the working directory of the current process (fs/cwd.c) -------------------------------- */

/* The current process's working directory (absolute, normalized), and changing it (no checks). */
const char *fs_cwd(void);
void fs_set_cwd(const char *path);

/* --- what fs keeps for each process (fs/process.c) ------------------------------------------ */

/*
 * The process layer's resource hooks for fs (kernel/wiring.c sets them): init gets an empty
 * descriptor table in the root directory, a child of fork copies of its parent's (each open file
 * one more reference), and an exiting process's table is emptied.
 */
extern const struct proc_resource_ops fs_proc_resources;

/* --- pipes (fs/pipe.c) ----------------------------------------------------------------------- */

#define PIPE_BUF_SIZE 4096

/* Makes a pipe: *rd and *wr get its two ends. 0 or -ENOMEM. */
int pipe_create(struct file **rd, struct file **wr);
/* Pipes alive in the whole system (for leak checks). */
int pipe_count(void);

/* --- the console (fs/console.c) -------------------------------------------------------------- */

/* Opens the console (COM1) for reading and writing. */
struct file *console_open(int flags);
/* A byte typed on the console: edits the line, echoes, wakes readers. Interrupt context. */
void console_receive(char c);

#endif
