/*
 * File permissions (see fs/vfs.h): POSIX's rules (XBD 4.5, File Access Permissions) for the
 * current process's credentials. Every call that reads, writes, executes or searches a file asks
 * here, so that the rules live in one place. The checks run on each component of every walk:
 * they take no lock and allocate nothing.
 */
#include "internal.h"
#include <abi/errno.h>
#include <fs/vfs.h>
#include <proc/cred.h>

/* The credentials calls are made with: the current process's (the idle process's during boot,
 * root's; `current` is never NULL). */
static const struct proc_cred *cred_now(void) {
    return &current->cred;
}

int vnode_permission_ids(const struct vnode *v, int may, uint32_t uid, uint32_t gid) {
    uint32_t bits;

    if (uid == 0) {
        /* Root reads, writes and searches whatever the bits say, but executes only a file that
         * somebody may execute: a data file does not become a program for root. */
        if ((may & MAY_EXEC) && !S_ISDIR(v->mode) && !(v->mode & 0111))
            return -EACCES;
        return 0;
    }
    /* One class only: the owner's bits for the owner even when the group's or the others' give
     * more (POSIX: the first class the process is in decides). */
    if (uid == v->uid)
        bits = v->mode >> 6;
    else if (gid == v->gid)
        bits = v->mode >> 3;
    else
        bits = v->mode;
    return ((uint32_t)may & ~bits & 7u) ? -EACCES : 0;
}

int vnode_permission(const struct vnode *v, int may) {
    const struct proc_cred *c = cred_now();

    return vnode_permission_ids(v, may, c->euid, c->egid);
}

int vnode_permission_real(const struct vnode *v, int may) {
    const struct proc_cred *c = cred_now();

    return vnode_permission_ids(v, may, c->uid, c->gid);
}

bool vnode_owner_or_root(const struct vnode *v) {
    uint32_t euid = cred_now()->euid;

    return euid == 0 || euid == v->uid;
}

void vfs_new_owner(const struct vnode *dir, uint32_t *uid, uint32_t *gid) {
    const struct proc_cred *c = cred_now();

    (void)dir;
    *uid = c->euid;
    *gid = c->egid;
}

uint32_t vfs_umask(void) {
    struct fs_proc *fs = fs_proc_current();

    return fs ? fs->umask : 0;
}

uint32_t vfs_set_umask(uint32_t mask) {
    struct fs_proc *fs = fs_proc_current();
    uint32_t old = fs ? fs->umask : 0;

    if (fs)
        fs->umask = mask & 0777;
    return old;
}
