/* Descriptor tables: the current process's open files by number (see fs/file.h). */
#include "internal.h"
#include <abi/errno.h>
#include <fs/vfs.h>

/* The current process's table, or NULL (a kernel thread has none). */
static struct fdtable *table(void) {
    struct fs_proc *fs = fs_proc_current();

    return fs ? &fs->files : NULL;
}

void fdtable_ref_all(struct fdtable *t) {
    for (int i = 0; i < FD_MAX; i++) {
        if (t->fd[i])
            file_ref(t->fd[i]);
    }
}

/* A process's record locks on a file go when it closes any descriptor of the file (POSIX), and
 * what the file keeps for it (file_ops.close). */
static void put_descriptor(struct file *f, int owner) {
    if (f->vnode)
        vfs_locks_release(f->vnode, owner);
    if (f->ops->close)
        f->ops->close(f, owner);
    file_put(f);
}

void fdtable_put_all(struct fdtable *t, int owner) {
    for (int i = 0; i < FD_MAX; i++) {
        if (t->fd[i])
            put_descriptor(t->fd[i], owner);
    }
}

int fd_lowest_free(int min) {
    struct fdtable *t = table();

    if (!t)
        return -EBADF;
    for (int i = min < 0 ? 0 : min; i < FD_MAX; i++) {
        if (!t->fd[i])
            return i;
    }
    return -EMFILE;
}

int fd_install(struct file *f, int min) {
    int fd = fd_lowest_free(min);

    if (fd >= 0) {
        struct fdtable *t = table();
        t->fd[fd] = f;
        t->cloexec &= ~(1u << fd);
    }
    return fd;
}

int fd_close(int fd) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    table()->fd[fd] = NULL;
    put_descriptor(f, current->pid);
    return 0;
}

int fd_dup(int fd) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    int nfd = fd_install(f, 0);
    if (nfd >= 0)
        file_ref(f);
    return nfd;
}

int fd_dup2(int fd, int newfd) {
    struct file *f = fd_get(fd);

    if (!f || newfd < 0 || newfd >= FD_MAX)
        return -EBADF;
    if (fd == newfd)
        return newfd;
    struct fdtable *t = table();
    struct file *old = t->fd[newfd];
    file_ref(f);
    t->fd[newfd] = f;
    t->cloexec &= ~(1u << newfd);
    if (old)
        put_descriptor(old, current->pid);
    return newfd;
}

int fd_dup_min(int fd, int min, bool cloexec) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    if (min < 0 || min >= FD_MAX)
        return -EINVAL;
    int nfd = fd_install(f, min);
    if (nfd >= 0) {
        file_ref(f);
        if (cloexec)
            table()->cloexec |= 1u << nfd;
    }
    return nfd;
}

int fd_get_cloexec(int fd) {
    if (!fd_get(fd))
        return -EBADF;
    return (table()->cloexec >> fd) & 1;
}

int fd_set_cloexec(int fd, bool on) {
    if (!fd_get(fd))
        return -EBADF;
    if (on)
        table()->cloexec |= 1u << fd;
    else
        table()->cloexec &= ~(1u << fd);
    return 0;
}

void fd_close_on_exec(void) {
    struct fdtable *t = table();

    for (int i = 0; t && i < FD_MAX; i++) {
        if (t->cloexec & (1u << i))
            fd_close(i);
    }
}
