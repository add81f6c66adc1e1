/* The working directory of each process (see fs/file.h): a vnode reference in its struct fs_proc. */
#include "internal.h"
#include <fs/vfs.h>

struct vnode *fs_cwd(void) {
    struct fs_proc *fs = fs_proc_current();

    return fs ? fs->cwd : vfs_root();
}

void fs_set_cwd(struct vnode *dir) {
    struct fs_proc *fs = fs_proc_current();

    if (!fs) {
        vnode_put(dir);
        return;
    }
    struct vnode *old = fs->cwd;
    fs->cwd = dir;
    vnode_put(old);
}
