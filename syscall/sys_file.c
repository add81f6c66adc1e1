/*
 * File system calls: descriptors, pipes, and names in the tree of mounted file systems. Each
 * copies what the user gave (paths at most PATH_MAX bytes), checks it, and calls fs/; results
 * are copied out last, or proven writable before anything changes.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/mount.h>
#include <fs/ext2.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

#define GETCWD_MAX 4096 /* bytes of a working directory's path getcwd gives at most */

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

/* The descriptor is found before the file is opened (Linux's order: EMFILE before the path's
 * errors), so an open that created a file cannot fail afterwards. */
long sys_open(struct uaddr upath, int flags, uint32_t mode) {
    char path[PATH_MAX];
    struct file *f;
    int err = get_path(upath, path);

    if (err)
        return err;
    int fd = fd_lowest_free(0);
    if (fd < 0)
        return fd;
    err = vfs_open(path, flags, mode, &f);
    if (err)
        return err;
    fd = fd_install(f, 0);
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
    struct abi_stat st;

    if (!f)
        return -EBADF;
    vfs_fstat(f, &st);
    return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_stat(struct uaddr upath, struct uaddr ust) {
    char path[PATH_MAX];
    struct abi_stat st;
    int err = get_path(upath, path);

    if (!err)
        err = vfs_stat(path, &st);
    if (err)
        return err;
    return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_chdir(struct uaddr upath) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_chdir(path);
}

long sys_getcwd(struct uaddr ubuf, uint32_t size) {
    if (size == 0)
        return -EINVAL;
    char *buf = kmalloc(GETCWD_MAX);
    if (!buf)
        return -ENOMEM;
    long len = vfs_getcwd(buf, size < GETCWD_MAX ? size : GETCWD_MAX);
    if (len > 0 && copy_to_user(ubuf, buf, (size_t)len))
        len = -EFAULT;
    kfree(buf);
    return len;
}

long sys_mkdir(struct uaddr upath, uint32_t mode) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_mkdir(path, mode);
}

long sys_unlink(struct uaddr upath) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_unlink(path);
}

long sys_rmdir(struct uaddr upath) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_rmdir(path);
}

long sys_rename(struct uaddr uold, struct uaddr unew) {
    char from[PATH_MAX], to[PATH_MAX];
    int err = get_path(uold, from);

    if (!err)
        err = get_path(unew, to);
    return err ? err : vfs_rename(from, to);
}

/* sync(2): every file system's and the cache's pending writes go to their disks; like Linux's,
 * it cannot fail (a block the disk refused stays dirty, and the next fsync of it reports EIO). */
long sys_sync(void) {
    (void)vfs_sync_all();
    return 0;
}

long sys_fsync(int fd) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    return f->ops->fsync ? f->ops->fsync(f) : -EINVAL;
}

long sys_mount(struct uaddr usource, struct uaddr utarget, struct uaddr ufstype, uint32_t flags) {
    char source[PATH_MAX], target[PATH_MAX], fstype[8];
    int err = get_path(usource, source);

    if (!err)
        err = get_path(utarget, target);
    if (!err && !uaddr_is_null(ufstype)) {
        long n = strncpy_from_user(fstype, ufstype, sizeof(fstype));
        err = n == -ENAMETOOLONG ? -ENODEV : n < 0 ? (int)n : strcmp(fstype, "ext2") != 0 ? -ENODEV : 0;
    }
    if (!err && (flags & ~(uint32_t)MS_RDONLY))
        err = -EINVAL;
    /* Only root mounts (Linux: CAP_SYS_ADMIN): a disk of one's own would bring its set-user-ID
     * files and its owners with it. */
    if (!err && current->cred.euid != 0)
        err = -EPERM;
    return err ? err : ext2_mount_path(source, target, flags & MS_RDONLY);
}

long sys_umount(struct uaddr utarget) {
    char target[PATH_MAX];
    int err = get_path(utarget, target);

    if (!err && current->cred.euid != 0)
        err = -EPERM;
    return err ? err : vfs_umount_path(target);
}

long sys_ftruncate(int fd, int length) {
    struct file *f = fd_get(fd);

    return f ? vfs_ftruncate(f, length) : -EBADF;
}

long sys_access(struct uaddr upath, int mode) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_access(path, mode);
}

long sys_fcntl(int fd, int cmd, int arg) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return fd_dup_min(fd, arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD:
        return fd_get_cloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
        return fd_set_cloexec(fd, arg & FD_CLOEXEC);
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        /* Only these may change; the access mode and anything else given are ignored (POSIX). */
        f->flags = (f->flags & ~FILE_SETFL_FLAGS) | (arg & FILE_SETFL_FLAGS);
        return 0;
    default:
        return -EINVAL;
    }
}

/* fcntl's record-lock commands, whose argument is a struct flock * (the libc's fcntl sends
 * F_GETLK, F_SETLK and F_SETLKW here; fcntl's own argument is a number). */
long sys_fcntl_lock(int fd, int cmd, struct uaddr ulock) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    return vfs_lock(f, cmd, ulock);
}

long sys_getdents64(int fd, struct uaddr ubuf, uint32_t n) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    if (!user_range_ok(ubuf, n))
        return -EFAULT;
    return vfs_getdents(f, ubuf, n);
}

long sys_umask(uint32_t mask) {
    return (long)vfs_set_umask(mask);
}

/* The vnode an open file is of, with a reference: -EBADF, or -EROFS for one without (a pipe,
 * which keeps no mode, owner or times). */
static int fd_vnode(int fd, struct vnode **out) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    if (!f->vnode)
        return -EROFS;
    vnode_ref(f->vnode);
    *out = f->vnode;
    return 0;
}

/* The vnode a user path names, with a reference. */
static int path_vnode(struct uaddr upath, struct vnode **out) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_lookup(path, out);
}

long sys_chmod(struct uaddr upath, uint32_t mode) {
    struct vnode *v;
    int err = path_vnode(upath, &v);

    if (err)
        return err;
    err = vfs_chmod(v, mode);
    vnode_put(v);
    return err;
}

long sys_fchmod(int fd, uint32_t mode) {
    struct vnode *v;
    int err = fd_vnode(fd, &v);

    if (err)
        return err;
    err = vfs_chmod(v, mode);
    vnode_put(v);
    return err;
}

long sys_chown(struct uaddr upath, uint32_t uid, uint32_t gid) {
    struct vnode *v;
    int err = path_vnode(upath, &v);

    if (err)
        return err;
    err = vfs_chown(v, uid, gid);
    vnode_put(v);
    return err;
}

long sys_fchown(int fd, uint32_t uid, uint32_t gid) {
    struct vnode *v;
    int err = fd_vnode(fd, &v);

    if (err)
        return err;
    err = vfs_chown(v, uid, gid);
    vnode_put(v);
    return err;
}

long sys_truncate(struct uaddr upath, int length) {
    char path[PATH_MAX];
    int err = get_path(upath, path);

    return err ? err : vfs_truncate(path, length);
}

/*
 * utimensat(dirfd, path, times, flags), and futimens as utimensat(fd, NULL, times, 0) (Linux's
 * way). A relative path is resolved from the working directory only: dirfd must then be
 * AT_FDCWD (no call resolves a name from another directory yet), else EINVAL.
 */
long sys_utimensat(int dirfd, struct uaddr upath, struct uaddr utimes, int flags) {
    struct abi_timespec times[2];
    struct vfs_times t;
    struct vnode *v;
    char path[PATH_MAX];

    if (flags & ~AT_SYMLINK_NOFOLLOW)
        return -EINVAL;
    if (!uaddr_is_null(utimes) && copy_from_user(times, utimes, sizeof(times)))
        return -EFAULT;
    int err = vfs_times_from(uaddr_is_null(utimes) ? NULL : times, &t);
    if (err)
        return err;
    if (uaddr_is_null(upath)) {
        err = fd_vnode(dirfd, &v); /* a pipe keeps no times: EROFS */
        if (err)
            return err;
    } else {
        err = get_path(upath, path);
        if (!err && path[0] != '/' && dirfd != AT_FDCWD)
            err = fd_get(dirfd) ? -EINVAL : -EBADF;
        if (!err)
            err = vfs_lookup(path, &v);
        if (err)
            return err;
    }
    err = vfs_set_times(v, &t);
    vnode_put(v);
    return err;
}
