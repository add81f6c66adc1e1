/*
 * Files opened by name: reads, writes and seeks of a regular file or a directory go to its
 * vnode at the file's offset (see fs/vfs.h). Devices opened by name have file_ops of their own.
 */
#include "internal.h"
#include <abi/dirent.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/vfs.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

#define GETDENTS_MAX 4096 /* bytes of entries one getdents64 returns at most */

static long vfile_read(struct file *f, struct uaddr buf, size_t n) {
    struct vnode *v = f->vnode;

    if (S_ISDIR(v->mode))
        return -EISDIR;
    if (!v->ops->read)
        return -EINVAL;
    long r = v->ops->read(v, buf, n, f->pos);
    if (r > 0)
        f->pos += (uint32_t)r;
    return r;
}

/* With O_APPEND each write starts at the end, as one step with the write. A write reaches up to
 * FILE_SIZE_MAX: cut short below it, EFBIG at it (POSIX). */
static long vfile_write(struct file *f, struct uaddr buf, size_t n) {
    struct vnode *v = f->vnode;
    uint32_t pos = (f->flags & O_APPEND) ? v->size : f->pos;

    if (!v->ops->write)
        return -EINVAL;
    if (n == 0)
        return 0;
    if (pos >= FILE_SIZE_MAX)
        return -EFBIG;
    if (n > FILE_SIZE_MAX - pos)
        n = FILE_SIZE_MAX - pos;
    long r = v->ops->write(v, buf, n, pos);
    if (r > 0)
        f->pos = pos + (uint32_t)r;
    return r;
}

/* The new offset, computed in 64 bits: base + offset may not fit in a long (off_t), and signed
 * overflow is undefined. Negative is EINVAL; beyond what off_t holds, EOVERFLOW (POSIX). A
 * directory's offset is a position among its entries: no end to seek from. */
static long vfile_seek(struct file *f, long offset, int whence) {
    const struct vnode *v = f->vnode;
    int64_t base = whence == SEEK_SET                        ? 0
                   : whence == SEEK_CUR                      ? (int64_t)f->pos
                   : whence == SEEK_END && !S_ISDIR(v->mode) ? (int64_t)v->size
                                                             : -1;
    int64_t target = base + offset;

    if (base < 0 || target < 0)
        return -EINVAL;
    if (target > INT32_MAX)
        return -EOVERFLOW;
    f->pos = (uint32_t)target;
    return (long)f->pos;
}

/* A file of a file system: its own fsync, if it has one to do. */
static int vfile_fsync(struct file *f) {
    struct vnode *v = f->vnode;

    return v->ops->fsync ? v->ops->fsync(v) : 0;
}

const struct file_ops vfile_ops = {
    .read = vfile_read,
    .write = vfile_write,
    .seek = vfile_seek,
    .fsync = vfile_fsync,
};

int vfs_truncate_vnode(struct vnode *v, long length) {
    if (length < 0 || !S_ISREG(v->mode))
        return -EINVAL;
    if (v->mnt->read_only)
        return -EROFS;
    if ((uint32_t)length == v->size)
        return 0;
    return v->ops->truncate(v, (uint32_t)length);
}

/* Opened for writing is the permission (POSIX): the file's mode may have changed since. */
int vfs_ftruncate(struct file *f, long length) {
    if (!f->vnode || !file_writable(f))
        return -EINVAL;
    return vfs_truncate_vnode(f->vnode, length);
}

int vfs_mmap_object(struct file *f, struct vm_object **out) {
    struct vnode *v = f->vnode;

    if (!v || !S_ISREG(v->mode) || !v->ops->mmap_object)
        return -ENODEV;
    return v->ops->mmap_object(v, out);
}

long vfs_getdents(struct file *f, struct uaddr ubuf, size_t n) {
    struct vnode *v = f->vnode;
    size_t cap = n < GETDENTS_MAX ? n : GETDENTS_MAX, used = 0;
    uint32_t cookie = f->pos;
    long err = 0;

    if (!v || !S_ISDIR(v->mode))
        return -ENOTDIR;
    if (cap < sizeof(struct abi_dirent64) + 1)
        return -EINVAL;
    uint8_t *buf = kmalloc(cap);
    if (!buf)
        return -ENOMEM;
    for (;;) {
        struct vfs_dirent d;
        uint32_t next = cookie;
        int r = v->ops->readdir(v, &next, &d);
        if (r <= 0) {
            err = r;
            break;
        }
        size_t reclen = ALIGN_UP(__builtin_offsetof(struct abi_dirent64, d_name) + d.len + 1u, 8u);
        if (used + reclen > cap) {
            if (used == 0)
                err = -EINVAL; /* not even one entry fits */
            break;
        }
        /* Every byte of the record is defined: the padding is zeros. */
        struct abi_dirent64 *e = (struct abi_dirent64 *)(buf + used);
        memset(e, 0, reclen);
        e->d_ino = d.ino;
        e->d_off = next;
        e->d_reclen = (uint16_t)reclen;
        e->d_type = d.type;
        memcpy(e->d_name, d.name, d.len);
        used += reclen;
        cookie = next;
    }
    if (used > 0) {
        /* The offset moves only over what the caller received. */
        err = copy_to_user(ubuf, buf, used) ? -EFAULT : (long)used;
        if (err > 0)
            f->pos = cookie;
    }
    kfree(buf);
    return err;
}

void vfs_fstat(struct file *f, struct abi_stat *st) {
    *st = (struct abi_stat){0};
    if (f->vnode)
        vnode_stat(f->vnode, st);
    else if (f->ops->stat)
        f->ops->stat(f, st);
}
