/* Vnodes: references, stat, and a file's bytes for exec (see fs/vfs.h). */
#include <fs/vfs.h>
#include <lib/panic.h>
#include <proc/exec.h>

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
        .st_rdev = v->rdev,
        .st_size = (int32_t)v->size,
        .st_blksize = 4096,
        .st_blocks = (int32_t)((v->size + 511) / 512),
    };
    if (v->ops->stat)
        v->ops->stat(v, st);
}

static const void *vnode_span(const struct exec_image *img, uint32_t off, uint32_t *len) {
    struct vnode *v = (struct vnode *)img->ctx;

    return v->ops->span(v, off, len);
}

void vfs_exec_image(struct vnode *v, struct exec_image *img) {
    *img = (struct exec_image){.size = v->ops->span ? v->size : 0, .span = vnode_span, .ctx = v};
}
