/* Vnodes: references, stat and times, and a file's bytes for exec (see fs/vfs.h). */
#include <abi/errno.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <fs/vfs.h>
#include <lib/panic.h>
#include <proc/cred.h>
#include <proc/exec.h>
#include <proc/proc.h>

void vnode_init(struct vnode *v, struct mount *m, const struct vnode_ops *ops, uint32_t ino, uint32_t mode) {
    *v = (struct vnode){.refs = 1, .ino = ino, .mode = mode, .nlink = 1, .mnt = m, .ops = ops};
    m->busy++;
}

void vnode_ref(struct vnode *v) {
    v->refs++;
    v->mnt->busy++;
}

void vnode_put(struct vnode *v) {
    if (!v)
        return;
    ASSERT_MSG(v->refs > 0, "vnode_put of an unreferenced vnode");
    v->mnt->busy--;
    if (--v->refs == 0 && v->ops->release)
        v->ops->release(v);
}

void vnode_stat(struct vnode *v, struct abi_stat *st) {
    *st = (struct abi_stat){
        .st_dev = v->mnt->dev,
        .st_ino = v->ino,
        .st_mode = v->mode,
        .st_nlink = v->nlink,
        .st_uid = v->uid,
        .st_gid = v->gid,
        .st_rdev = v->rdev,
        .st_size = (int32_t)v->size,
        .st_blksize = 4096,
        .st_blocks = (int32_t)((v->size + 511) / 512),
    };
    if (v->ops->stat)
        v->ops->stat(v, st);
}

uint32_t vfs_now(void) {
    return (uint32_t)(rtc_boot_seconds() + (int64_t)(clock_ns() / 1000000000u));
}

/* One of utimensat's times: whether to set it, and to what. */
static int time_from(const struct abi_timespec *ts, bool *set, uint32_t *out, bool *explicit) {
    if (ts->tv_nsec == UTIME_OMIT) {
        *set = false;
        return 0;
    }
    *set = true;
    if (ts->tv_nsec == UTIME_NOW) {
        *out = vfs_now();
        return 0;
    }
    if (ts->tv_nsec < 0 || ts->tv_nsec > 999999999 || ts->tv_sec < 0)
        return -EINVAL;
    *out = (uint32_t)ts->tv_sec;
    *explicit = true;
    return 0;
}

int vfs_times_from(const struct abi_timespec *times, struct vfs_times *out) {
    static const struct abi_timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};

    *out = (struct vfs_times){0};
    if (!times)
        times = now;
    int err = time_from(&times[0], &out->set_atime, &out->atime, &out->explicit);
    return err ? err : time_from(&times[1], &out->set_mtime, &out->mtime, &out->explicit);
}

int vfs_set_times(struct vnode *v, const struct vfs_times *t) {
    if (!t->set_atime && !t->set_mtime)
        return 0;
    if (!vnode_owner_or_root(v)) {
        if (t->explicit)
            return -EPERM;
        /* "Now" is what a write would set: the owner or a writer may (POSIX). */
        int err = vnode_permission(v, MAY_WRITE);
        if (err)
            return err;
    }
    if (v->mnt->read_only || !v->ops->set_times)
        return -EROFS;
    return v->ops->set_times(v, t->set_atime ? &t->atime : NULL, t->set_mtime ? &t->mtime : NULL);
}

/* Sets v's mode bits, owner and group through its file system. */
static int set_attr(struct vnode *v, uint32_t mode, uint32_t uid, uint32_t gid) {
    if (v->mnt->read_only || !v->ops->set_attr)
        return -EROFS;
    return v->ops->set_attr(v, (v->mode & S_IFMT) | (mode & 07777), uid, gid);
}

int vfs_chmod(struct vnode *v, uint32_t mode) {
    if (!vnode_owner_or_root(v))
        return -EPERM;
    if (current->cred.euid != 0 && current->cred.egid != v->gid)
        mode &= ~(uint32_t)S_ISGID;
    return set_attr(v, mode, v->uid, v->gid);
}

int vfs_chown(struct vnode *v, uint32_t uid, uint32_t gid) {
    const struct proc_cred *c = &current->cred;
    uint32_t mode = v->mode;

    if ((uid != VFS_ID_KEEP && uid > CRED_ID_MAX) || (gid != VFS_ID_KEEP && gid > CRED_ID_MAX))
        return -EINVAL;
    uid = uid == VFS_ID_KEEP ? v->uid : uid;
    gid = gid == VFS_ID_KEEP ? v->gid : gid;
    if (c->euid != 0) {
        /* The owner may give the file its own group, nothing else: a file given away would be
         * charged to another, and could carry S_ISUID to them. */
        if (c->euid != v->uid || uid != v->uid || (gid != v->gid && gid != c->egid))
            return -EPERM;
    }
    if (S_ISREG(mode) && (uid != v->uid || gid != v->gid)) {
        mode &= ~(uint32_t)S_ISUID;
        if (mode & 0010)
            mode &= ~(uint32_t)S_ISGID;
    }
    return set_attr(v, mode, uid, gid);
}

static const void *vnode_span(const struct exec_image *img, uint32_t off, uint32_t *len) {
    struct vnode *v = (struct vnode *)img->ctx;

    return v->ops->span(v, off, len);
}

void vfs_exec_image(struct vnode *v, struct exec_image *img) {
    *img = (struct exec_image){.size = v->ops->span ? v->size : 0, .span = vnode_span, .ctx = v};
}
