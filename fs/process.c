/*
 * What fs keeps for each process (struct fs_proc: its descriptor table and its working
 * directory), and the hooks through which the process layer has it made for init, copied at fork
 * and released at exit (kernel/wiring.c sets them).
 */
#include "internal.h"
#include <abi/errno.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>

/* A process started from scratch (init): no descriptor open, in the root directory. */
static int fs_proc_create(struct proc *p) {
    struct fs_proc *fs = kzalloc(sizeof(*fs));

    if (!fs)
        return -ENOMEM;
    fs->cwd = vfs_root();
    if (fs->cwd)
        vnode_ref(fs->cwd);
    p->fs = fs;
    return 0;
}

/* fork: the child gets the same open files, each with one more reference, and the same directory. */
static int fs_proc_fork(struct proc *parent, struct proc *child) {
    struct fs_proc *src = parent->fs;

    if (!src)
        return 0;
    struct fs_proc *dst = kmalloc(sizeof(*dst));
    if (!dst)
        return -ENOMEM;
    *dst = *src;
    fdtable_ref_all(&dst->files);
    if (dst->cwd)
        vnode_ref(dst->cwd);
    child->fs = dst;
    return 0;
}

static void fs_proc_release(struct proc *p) {
    struct fs_proc *fs = p->fs;

    p->fs = NULL;
    fdtable_put_all(&fs->files, p->pid);
    vnode_put(fs->cwd);
    kfree(fs);
}

const struct proc_resource_ops fs_proc_resources = {
    .create = fs_proc_create,
    .fork = fs_proc_fork,
    .release = fs_proc_release,
};
