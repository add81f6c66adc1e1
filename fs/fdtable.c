/* Per-process descriptor tables, hooked into fork and exit (see fs/file.h). */
#include <abi/errno.h>
#include <fs/file.h>
#include <fs/ramfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

struct fdtable {
    struct file *fd[FD_MAX];
    uint32_t cloexec;   /* bit n: descriptor n closes at exec */
    char cwd[PATH_MAX]; /* absolute and normalized */
};

static struct fdtable *table(void) {
    return current->files;
}

static int fdtable_create(struct proc *p) {
    struct fdtable *t = kzalloc(sizeof(struct fdtable));

    if (!t)
        return -ENOMEM;
    strlcpy(t->cwd, "/", sizeof(t->cwd));
    p->files = t;
    return 0;
}

const char *fs_cwd(void) {
    return table() ? table()->cwd : "/";
}

void fs_set_cwd(const char *path) {
    if (table())
        strlcpy(table()->cwd, path, PATH_MAX);
}

/* fork: the child gets the same open files, each with one more reference. */
static int fdtable_fork(struct proc *parent, struct proc *child) {
    struct fdtable *src = parent->files;

    if (!src)
        return 0;
    struct fdtable *dst = kmalloc(sizeof(*dst));
    if (!dst)
        return -ENOMEM;
    *dst = *src;
    for (int i = 0; i < FD_MAX; i++) {
        if (dst->fd[i])
            file_ref(dst->fd[i]);
    }
    child->files = dst;
    return 0;
}

static void fdtable_release(struct proc *p) {
    struct fdtable *t = p->files;

    p->files = NULL;
    for (int i = 0; i < FD_MAX; i++) {
        if (t->fd[i])
            file_put(t->fd[i]);
    }
    kfree(t);
}

const struct proc_resource_ops fs_proc_resources = {
    .create = fdtable_create,
    .fork = fdtable_fork,
    .release = fdtable_release,
};

int fd_install(struct file *f, int min) {
    struct fdtable *t = table();

    if (!t)
        return -EBADF;
    for (int i = min < 0 ? 0 : min; i < FD_MAX; i++) {
        if (!t->fd[i]) {
            t->fd[i] = f;
            t->cloexec &= ~(1u << i);
            return i;
        }
    }
    return -EMFILE;
}

struct file *fd_get(int fd) {
    struct fdtable *t = table();

    if (!t || fd < 0 || fd >= FD_MAX)
        return NULL;
    return t->fd[fd];
}

int fd_close(int fd) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    table()->fd[fd] = NULL;
    file_put(f);
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
        file_put(old);
    return newfd;
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
