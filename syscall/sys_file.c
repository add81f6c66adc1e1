/* File system calls over descriptors, pipes, the console and the root file system. */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/file.h>
#include <fs/ramfs.h>
#include <lib/string.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

long sys_read(struct int_frame *r) {
    u32 fd = r->ebx;
    u32 ubuf = r->ecx;
    u32 n = r->edx;
    struct file *f = fd_get((int)fd);

    if (!f || !file_readable(f))
        return -EBADF;
    if (!user_range_ok(UADDR(ubuf), n))
        return -EFAULT;
    return f->ops->read ? f->ops->read(f, UADDR(ubuf), n) : -EINVAL;
}

long sys_write(struct int_frame *r) {
    u32 fd = r->ebx;
    u32 ubuf = r->ecx;
    u32 n = r->edx;
    struct file *f = fd_get((int)fd);

    if (!f || !file_writable(f))
        return -EBADF;
    if (!user_range_ok(UADDR(ubuf), n))
        return -EFAULT;
    return f->ops->write ? f->ops->write(f, UADDR(ubuf), n) : -EINVAL;
}

/* Copies a user path into `buf` (PATH_MAX bytes). 0 or -EFAULT / -ENAMETOOLONG. */
static int get_path(u32 upath, char *buf) {
    long n = strncpy_from_user(buf, UADDR(upath), PATH_MAX);

    return n < 0 ? (int)n : 0;
}

long sys_open(struct int_frame *r) {
    u32 upath = r->ebx;
    u32 flags = r->ecx;
    u32 mode = r->edx;
    char path[PATH_MAX];
    int err = get_path(upath, path);
    struct file *f;

    (void)mode;
    if (err)
        return err;
    struct ramfs_node *node = ramfs_lookup(fs_cwd(), path, &err, NULL);
    if (!node)
        return err == -ENOENT && (flags & O_CREAT) ? -EROFS : err;
    if ((flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    err = ramfs_open(node, (int)flags, &f);
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

long sys_close(struct int_frame *r) {
    u32 fd = r->ebx;
    return fd_close((int)fd);
}

long sys_dup(struct int_frame *r) {
    u32 fd = r->ebx;
    return fd_dup((int)fd);
}

long sys_dup2(struct int_frame *r) {
    u32 fd = r->ebx;
    u32 newfd = r->ecx;
    return fd_dup2((int)fd, (int)newfd);
}

long sys_pipe(struct int_frame *r) {
    u32 ufds = r->ebx;
    struct file *rd, *wr;
    int fds[2];

    /* Proven writable before any descriptor exists (no partial effects); the undo below is for
     * a copy that fails all the same. */
    if (user_prove_writable(UADDR(ufds), sizeof(fds)))
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
    if (copy_to_user(UADDR(ufds), fds, sizeof(fds))) {
        fd_close(fds[0]);
        fd_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

long sys_lseek(struct int_frame *r) {
    u32 fd = r->ebx;
    u32 offset = r->ecx;
    u32 whence = r->edx;
    struct file *f = fd_get((int)fd);

    if (!f)
        return -EBADF;
    return f->ops->seek ? f->ops->seek(f, (long)offset, (int)whence) : -ESPIPE;
}

long sys_fstat(struct int_frame *r) {
    u32 fd = r->ebx;
    u32 ust = r->ecx;
    struct file *f = fd_get((int)fd);
    struct abi_stat st = {0};

    if (!f)
        return -EBADF;
    if (f->ops->stat)
        f->ops->stat(f, &st);
    return copy_to_user(UADDR(ust), &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat(struct int_frame *r) {
    u32 upath = r->ebx;
    u32 ust = r->ecx;
    char path[PATH_MAX];
    struct abi_stat st;
    int err = get_path(upath, path);

    if (err)
        return err;
    struct ramfs_node *node = ramfs_lookup(fs_cwd(), path, &err, NULL);
    if (!node)
        return err;
    ramfs_stat(node, &st);
    return copy_to_user(UADDR(ust), &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_chdir(struct int_frame *r) {
    u32 upath = r->ebx;
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

long sys_getcwd(struct int_frame *r) {
    u32 ubuf = r->ebx;
    u32 size = r->ecx;
    const char *cwd = fs_cwd();
    size_t len = strlen(cwd) + 1;

    if (size == 0)
        return -EINVAL;
    if (len > size)
        return -ERANGE;
    return copy_to_user(UADDR(ubuf), cwd, len) ? -EFAULT : (long)len;
}

long sys_mkdir(struct int_frame *r) {
    u32 upath = r->ebx;
    u32 mode = r->ecx;
    char path[PATH_MAX];
    int err = get_path(upath, path);

    (void)mode;
    if (err)
        return err;
    return ramfs_lookup(fs_cwd(), path, &err, NULL) ? -EEXIST : -EROFS;
}
