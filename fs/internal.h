/* Shared between the files of fs/; not part of its interface. */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <fs/file.h>
#include <proc/proc.h>

/* fdtable.c: a process's descriptor table (struct fdtable, fs/file.h). */
/* Gives every open file of `t` one more reference (fork: `t` is the child's copy). */
void fdtable_ref_all(struct fdtable *t);
/* Drops the reference of every open file of `t` (exit: the table goes away), and with them the
 * record locks of process `owner` on those files. */
void fdtable_put_all(struct fdtable *t, int owner);

/*
 * What fs keeps for each process, at p->fs (NULL for kernel threads): made for init, copied at
 * fork and freed at exit by process.c, through the process layer's resource hooks.
 */
struct fs_proc {
    struct fdtable files;
    struct vnode *cwd; /* the working directory (cwd.c), a reference; NULL before a root exists */
    uint32_t umask;    /* permission bits a new file or directory does not get (perm.c); init's 0 */
};
/* fd_get (fs/file.h) finds the table at p->fs itself. */
_Static_assert(__builtin_offsetof(struct fs_proc, files) == 0, "the descriptor table must come first");

/* vfile.c: sets the size of regular file v (truncate, ftruncate: the caller checked it may).
 * -EINVAL (not a regular file, negative), -EROFS, -ENOSPC. */
struct vnode;
int vfs_truncate_vnode(struct vnode *v, long length);

/* vfile.c: the operations of a file opened by name (a regular file or a directory). */
extern const struct file_ops vfile_ops;

/* The current process's, or NULL (a kernel thread). */
static inline struct fs_proc *fs_proc_current(void) {
    return current->fs;
}

#endif
