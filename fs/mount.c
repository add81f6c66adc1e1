/*
 * The mount table (see fs/vfs.h): which file system hangs where. A mount holds a reference to
 * the directory it covers, which points back at it (`above`), so a walk that reaches the
 * directory goes on in the mounted file system's root, and ".." from that root comes back out.
 */
#include <abi/errno.h>
#include <dev/block.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>

static struct mount *mounts;     /* every attached mount, the newest first */
static struct mount *root_mount; /* the one mounted at "/" */
static uint32_t next_dev = 1;

struct mount *vfs_mount_new(const struct vfs_fs_ops *fs, void *fs_data, bool read_only) {
    struct mount *m = kzalloc(sizeof(*m));

    if (m)
        *m = (struct mount){.fs = fs, .fs_data = fs_data, .dev = next_dev++, .read_only = read_only};
    return m;
}

void vfs_mount_free(struct mount *m) {
    kfree(m);
}

struct vnode *vfs_root(void) {
    return root_mount ? root_mount->root : NULL;
}

int vfs_attach(struct mount *m, const char *where) {
    if (!where) {
        if (root_mount)
            return -EBUSY;
        root_mount = m;
    } else {
        struct vnode *dir;
        if (!root_mount || where[0] != '/')
            return -EINVAL;
        int err = vfs_lookup(where, &dir);
        if (err)
            return err;
        if (!S_ISDIR(dir->mode) || dir == dir->mnt->root) {
            /* One file system per directory: not on a file, not on another's root. */
            err = S_ISDIR(dir->mode) ? -EBUSY : -ENOTDIR;
            vnode_put(dir);
            return err;
        }
        m->covered = dir; /* the lookup's reference is the mount's */
        dir->above = m;
    }
    m->next = mounts;
    mounts = m;
    return 0;
}

int vfs_umount(struct mount *m) {
    /* The root's own reference is the only one allowed; a mount inside holds one on the
     * directory it covers, so it keeps this one busy too. */
    if (m->busy != 1)
        return -EBUSY;
    struct mount **link = &mounts;
    while (*link && *link != m)
        link = &(*link)->next;
    if (!*link)
        return -EINVAL; /* not mounted */
    *link = m->next;
    if (m == root_mount)
        root_mount = NULL;
    if (m->covered) {
        m->covered->above = NULL;
        vnode_put(m->covered);
    }
    m->fs->unmount(m);
    kfree(m);
    return 0;
}

int vfs_umount_path(const char *path) {
    struct vnode *v;
    int err = vfs_lookup(path, &v);

    if (err)
        return err;
    struct mount *m = v->mnt;
    bool root = v == m->root;
    vnode_put(v);
    if (!root)
        return -EINVAL;
    if (!m->covered || !m->fs->user_mounted)
        return -EBUSY; /* the system's own: the root, /dev */
    return vfs_umount(m);
}

int vfs_umount_all(void) {
    bool progress = true;

    while (mounts && progress) {
        progress = false;
        for (struct mount *m = mounts; m; m = m->next) {
            if (vfs_umount(m) == 0) {
                progress = true;
                break;
            }
        }
    }
    int left = 0;
    for (struct mount *m = mounts; m; m = m->next)
        left++;
    return left;
}

int vfs_sync_all(void) {
    int result = 0;

    for (struct mount *m = mounts; m; m = m->next) {
        if (m->fs->sync && m->fs->sync(m) != 0)
            result = -EIO;
    }
    if (bsync(NULL) != 0)
        result = -EIO;
    return result;
}
