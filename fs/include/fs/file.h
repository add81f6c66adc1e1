/*
 * Open files and file descriptors.
 *
 * A struct file is one open instance (of a file or directory, a device, a pipe end), shared by
 * every descriptor that dup, dup2, fcntl(F_DUPFD) or fork made from the same open; it goes away
 * when the last one is closed. A file opened by name holds a reference to its vnode (fs/vfs.h),
 * so an unlinked file lives on while it is open. Each process has a table of FD_MAX descriptors
 * (kept, with its working directory, at p->fs); the lowest free one is always used first.
 *
 * File operations take user buffers (struct uaddr) and copy with mm/usercopy.h themselves, so a
 * bad buffer fails with -EFAULT before anything is consumed where that can be avoided.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <abi/fcntl.h>
#include <abi/stat.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 32

struct file;
struct vnode;

struct file_ops {
    /* Reads up to n bytes into the user buffer; returns the count, 0 at end of file, or -errno. */
    long (*read)(struct file *f, struct uaddr ubuf, size_t n);
    /* Writes up to n bytes from the user buffer; returns the count or -errno. */
    long (*write)(struct file *f, struct uaddr ubuf, size_t n);
    /* New position for lseek, or -ESPIPE where seeking makes no sense (NULL: -ESPIPE). */
    long (*seek)(struct file *f, long offset, int whence);
    /* fstat of a file with no vnode (a pipe); one opened by name is its vnode's (vnode_stat). */
    void (*stat)(struct file *f, struct abi_stat *st);
    /* The last reference is gone. */
    void (*release)(struct file *f);
    /* Process `owner` (a pid) closed a descriptor of it: each close, dup2's and exec's too, and
     * every one left at its end. What the process held through a descriptor goes (mq_notify's
     * registration). NULL: nothing. */
    void (*close)(struct file *f, int owner);
    /* A device's own requests (terminals: abi/termios.h); `arg` is a number or a user address,
     * as the request says. NULL: -ENOTTY, as for any request the device does not know. */
    long (*ioctl)(struct file *f, uint32_t request, uint32_t arg);
    /* What a read or a write would do now without waiting (select): FILE_POLL_IN when a read
     * would not block (data, end of file, an error), FILE_POLL_OUT when a write would not
     * (room, or an error such as EPIPE); whichever the file's access mode allows is used. Called
     * with interrupts disabled. NULL: always both (regular files, null, zero). Whoever can change
     * the answer calls file_poll_wake() after the change. */
    unsigned (*poll)(struct file *f);
    /* fsync(2): what was written to the file is on its disk when this returns. 0, -EIO. NULL:
     * -EINVAL, as Linux for a pipe or a terminal, which have nothing to write back. */
    int (*fsync)(struct file *f);
};

#define FILE_POLL_IN 1u
#define FILE_POLL_OUT 2u

/* What select sees of `f` now: FILE_POLL_IN only if it is open for reading, FILE_POLL_OUT only
 * if for writing. Interrupts disabled. */
unsigned file_poll(struct file *f);
/* Processes in select sleep here: a file whose poll answer may have changed wakes them all (they
 * look again), from an interrupt handler too. */
extern struct wait_queue file_poll_queue;
/* Inline: a pipe calls it at every read and write, and nearly always nobody is in select. */
static inline void file_poll_wake(void) {
    wake_all(&file_poll_queue);
}

/* The flags an open file keeps (F_GETFL), and those F_SETFL may change. */
#define FILE_STATUS_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK)
#define FILE_SETFL_FLAGS (O_APPEND | O_NONBLOCK)

struct file {
    int refs;
    int flags; /* FILE_STATUS_FLAGS */
    uint32_t pos;
    const struct file_ops *ops;
    void *priv;
    struct vnode *vnode; /* what it was opened by name as (a reference), or NULL (a pipe) */
};

/* A new file with one reference, or NULL when out of memory. It is freed only by file_put (never
 * kfree), which keeps the count of open files that the power-off check compares. */
struct file *file_new(const struct file_ops *ops, void *priv, int flags);
void file_ref(struct file *f);
/* Drops a reference; the last one calls ops->release, drops the vnode and frees the file. */
void file_put(struct file *f);

/* Open files alive in the whole system (for leak checks). */
int file_count(void);

/* Opened for reading, for writing (inline: every read and write asks). */
static inline bool file_readable(const struct file *f) {
    return (f->flags & O_ACCMODE) != O_WRONLY;
}
static inline bool file_writable(const struct file *f) {
    return (f->flags & O_ACCMODE) != O_RDONLY;
}

/* --- the descriptor table of the current process (fs/fdtable.c) ----------------------------- */

/* Installs `f` (taking over the caller's reference) at the lowest free descriptor >= min.
 * Returns it, or -EMFILE (-EBADF for a kernel thread, which has no table). */
int fd_install(struct file *f, int min);
/* The descriptor fd_install(f, min) would take now, or -EMFILE (-EBADF): calls that must not
 * fail after they changed something (open with O_CREAT) check first. */
int fd_lowest_free(int min);
/* A process's descriptor table: the first member of what fs keeps for it at p->fs (struct
 * fs_proc, fs/internal.h, which asserts the place), so that fd_get can be inline. */
struct fdtable {
    struct file *fd[FD_MAX];
    uint32_t cloexec; /* bit n: descriptor n closes at exec */
};
/* The file at `fd` (no new reference), or NULL for a bad descriptor. Inline: every read and
 * write looks its descriptor up. */
static inline struct file *fd_get(int fd) {
    struct fdtable *t = current->fs; /* NULL for a kernel thread */

    if (!t || fd < 0 || fd >= FD_MAX)
        return NULL;
    return t->fd[fd];
}
int fd_close(int fd);
int fd_dup(int fd);
int fd_dup2(int fd, int newfd);
/* fcntl(F_DUPFD / F_DUPFD_CLOEXEC): the lowest free descriptor >= min on the same file. -EBADF,
 * -EINVAL (min outside the table), -EMFILE. */
int fd_dup_min(int fd, int min, bool cloexec);
/* Closes every descriptor marked close-on-exec (at exec). */
void fd_close_on_exec(void);
int fd_set_cloexec(int fd, bool on);
/* 1 when `fd` closes at exec, 0 when not, -EBADF. */
int fd_get_cloexec(int fd);

/* --- the working directory of the current process (fs/cwd.c) -------------------------------- */

/* The current process's working directory (no new reference): the root for a kernel thread, NULL
 * before a root is mounted. */
struct vnode *fs_cwd(void);
/* Makes `dir` (whose reference the caller hands over) the working directory; the old one's
 * reference is dropped. */
void fs_set_cwd(struct vnode *dir);

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

/* --- the console (fs/console.c): COM1 as a terminal (fs/tty.h) ------------------------------- */

/* Opens the console, /dev/console (a devfs_open_fn, fs/devfs.h): 0 and *out a new open file,
 * or -ENOMEM. tty_open in fs/tty.h says what O_NOCTTY changes. */
int console_open(int flags, struct file **out);
/* A byte typed on the console: edits the line, echoes, signals, wakes readers. Interrupt context. */
void console_receive(char c);

#endif
