/* File system calls over descriptors, pipes, the console and the root file system. */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/file.h>
#include <fs/ramfs.h>
#include <lib/string.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

long sys_read(int fd, struct uaddr ubuf, uint32_t n) {
    struct file *f = fd_get(fd);

    if (!f || !file_readable(f))
        return -EBADF;
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    return f->ops->read ? f->ops->read(f, ubuf, n) : -EINVAL;
}

long sys_write(int fd, struct uaddr ubuf, uint32_t n) {
    struct file *f = fd_get(fd);

    if (!f || !file_writable(f))
        return -EBADF;
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    return f->ops->write ? f->ops->write(f, ubuf, n) : -EINVAL;
}

/* Copies a user path into `buf` (PATH_MAX bytes). 0 or -EFAULT / -ENAMETOOLONG. */
static int get_path(struct uaddr upath, char *buf) {
    long n = strncpy_from_user(buf, upath, PATH_MAX);

    return n < 0 ? (int)n : 0;
}

long sys_open(struct uaddr upath, int flags, uint32_t mode) {
    char path[PATH_MAX];
    int err = get_path(upath, path);
    struct file *f;

    (void)mode;
    if (err)
        return err;
    struct ramfs_node *node = ramfs_lookup(fs_cwd(), path, &err, NULL);
    if (!node)
        return err == -ENOENT && (flags & O_CREAT) ? ramfs_create_error(fs_cwd(), path) : err;
    if ((flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    err = ramfs_open(node, flags, &f);
    if (err)
        return err;
    int fd = fd_install(f, 0);
    if (fd < 0) {
        file_put(f);
        return fd;
    }
    if (flags & O_CLOEXEC)
        fd_set_cloexec(fd, true);
    return fd;
}

long sys_close(int fd) {
    return fd_close(fd);
}

long sys_dup(int fd) {
    return fd_dup(fd);
}

long sys_dup2(int fd, int newfd) {
    return fd_dup2(fd, newfd);
}

long sys_pipe(struct uaddr ufds) {
    struct file *rd, *wr;
    int fds[2];

    /* Proven writable before any descriptor exists (no partial effects); the undo below is for
     * a copy that fails all the same. */
    if (user_prove_writable(ufds, sizeof(fds)))
        return -EFAULT;
    int err = pipe_create(&rd, &wr);
    if (err)
        return err;
    fds[0] = fd_install(rd, 0);
    fds[1] = fds[0] < 0 ? fds[0] : fd_install(wr, 0);
    if (fds[0] < 0 || fds[1] < 0) {
        if (fds[0] >= 0)
            fd_close(fds[0]);
        else
            file_put(rd);
        file_put(wr);
        return -EMFILE;
    }
    if (copy_to_user(ufds, fds, sizeof(fds))) {
        fd_close(fds[0]);
        fd_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

long sys_lseek(int fd, int offset, int whence) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    return f->ops->seek ? f->ops->seek(f, offset, whence) : -ESPIPE;
}

long sys_fstat(int fd, struct uaddr ust) {
    struct file *f = fd_get(fd);
    struct abi_stat st = {0};

    if (!f)
        return -EBADF;
    if (f->ops->stat)
        f->ops->stat(f, &st);
    return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat(struct uaddr upath, struct uaddr ust) {
    char path[PATH_MAX];
    struct abi_stat st;
    int err = get_path(upath, path);

    if (err)
        return err;
    struct ramfs_node *node = ramfs_lookup(fs_cwd(), path, &err, NULL);
    if (!node)
        return err;
    ramfs_stat(node, &st);
    return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_chdir(struct uaddr upath) {
    char path[PATH_MAX], canonical[PATH_MAX];
    int err = get_path(upath, path);

    if (err)
        return err;
    struct ramfs_node *node = ramfs_lookup(fs_cwd(), path, &err, canonical);
    if (!node)
        return err;
    if (!S_ISDIR(node->mode))
        return -ENOTDIR;
    fs_set_cwd(canonical);
    return 0;
}

long sys_getcwd(struct uaddr ubuf, uint32_t size) {
    const char *cwd = fs_cwd();
    size_t len = strlen(cwd) + 1;

    if (size == 0)
        return -EINVAL;
    if (len > size)
        return -ERANGE;
    return copy_to_user(ubuf, cwd, len) ? -EFAULT : (long)len;
}

long sys_mkdir(struct uaddr upath, uint32_t mode) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    (void)mode;
    if (err)
        return err;
    return ramfs_create_error(fs_cwd(), path);
}
