/*
 * Path resolution and the calls that take a name (see fs/vfs.h). Each call checks in Linux's
 * order, so a program sees the error Linux would give: first the walk to the parent directory,
 * then what the last name is (".", "..", none), then a read-only file system, then the entry
 * itself.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/vfs.h>
#include <lib/path.h>
#include <lib/string.h>

/* What a walk found. */
struct walk {
    struct vnode *node; /* the vnode, or for a parent walk its directory: a reference */
    const char *name;   /* parent walks: the last component, NULL when there is none ("/") */
    size_t len;
    bool slash; /* parent walks: a slash follows the last component */
};

static bool is_dot(const char *name, size_t len) {
    return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len) {
    return len == 2 && name[0] == '.' && name[1] == '.';
}

/* A parent walk's last component is "." or "..", or missing: not a name an entry can have. */
static bool no_plain_name(const struct walk *w) {
    return !w->name || is_dot(w->name, w->len) || is_dotdot(w->name, w->len);
}

/* `v`, or the root of what is mounted on it (and on that). Takes over the reference. */
static struct vnode *mounted_top(struct vnode *v) {
    while (v->above) {
        struct vnode *root = v->above->root;
        vnode_ref(root);
        vnode_put(v);
        v = root;
    }
    return v;
}

/* Replaces *node by its parent: out of the mounts it is the root of, then ".." in its file
 * system; the tree's root is its own parent. */
static int go_up(struct vnode **node) {
    struct vnode *v = *node, *up;

    while (v == v->mnt->root && v->mnt->covered)
        v = v->mnt->covered; /* held by its mount */
    if (v == v->mnt->root) {
        up = v;
        vnode_ref(up);
    } else {
        int err = v->ops->lookup(v, "..", 2, &up);
        if (err)
            return err;
    }
    vnode_put(*node);
    *node = up;
    return 0;
}

/*
 * Walks `path` component by component from the root or the working directory. With
 * `want_parent`, stops before the last component and describes it in w. A slash after a name,
 * trailing or not, says it is a directory (POSIX): "file/" is ENOTDIR like "file/x". PATH_MAX
 * bounds the path given, so a relative path is walked from the directory's vnode, whatever the
 * length of the directory's own path. Every directory a name is looked up in (".." and "."
 * included, and a parent walk's last one) must be searchable by the caller: by its effective ids,
 * or with `real` its real ones (access(2)). -EACCES.
 */
static int walk_ids(const char *path, bool want_parent, bool real, struct walk *w) {
    if (!*path)
        return -ENOENT;
    if (strnlen(path, PATH_MAX) >= PATH_MAX)
        return -ENAMETOOLONG;
    struct vnode *node = path[0] == '/' ? vfs_root() : fs_cwd();
    if (!node)
        return -ENOENT;
    vnode_ref(node);
    /* The ids each directory's search is checked for, once for the walk. */
    const struct proc_cred *c = &current->cred;
    uint32_t uid = real ? c->uid : c->euid, gid = real ? c->gid : c->egid;

    const char *p = path;
    int err;
    *w = (struct walk){0};
    for (;;) {
        size_t len;
        const char *name = path_next(&p, &len);
        if (len == 0)
            break;
        if (len > NAME_MAX) {
            err = -ENAMETOOLONG;
            goto fail;
        }
        if (!S_ISDIR(node->mode)) {
            err = -ENOTDIR;
            goto fail;
        }
        /* Root searches every directory (fs/perm.c): its walks, nearly all of them, make no call. */
        if (uid != 0) {
            err = vnode_permission_ids(node, MAY_EXEC, uid, gid);
            if (err)
                goto fail;
        }
        if (want_parent && path_last(p)) {
            w->name = name;
            w->len = len;
            w->slash = *p == '/';
            break;
        }
        if (is_dot(name, len))
            continue;
        if (is_dotdot(name, len)) {
            err = go_up(&node);
            if (err)
                goto fail;
            continue;
        }
        struct vnode *child;
        err = node->ops->lookup(node, name, len, &child);
        if (err)
            goto fail;
        vnode_put(node);
        node = mounted_top(child);
        if (*p == '/' && !S_ISDIR(node->mode)) {
            err = -ENOTDIR;
            goto fail;
        }
    }
    w->node = node;
    return 0;
fail:
    vnode_put(node);
    return err;
}

static int walk(const char *path, bool want_parent, struct walk *w) {
    return walk_ids(path, want_parent, false, w);
}

int vfs_lookup(const char *path, struct vnode **out) {
    struct walk w;
    int err = walk(path, false, &w);

    if (!err)
        *out = w.node;
    return err;
}

/* The entry w->name of directory w->node as its file system has it (not crossing a mount). */
static int entry(const struct walk *w, struct vnode **out) {
    return w->node->ops->lookup(w->node, w->name, w->len, out);
}

/* May the tree under `dir` change (entries made, removed, renamed)? */
static int writable_dir(const struct vnode *dir, bool has_op) {
    return dir->mnt->read_only || !has_op ? -EROFS : 0;
}

/* May the caller make an entry in `dir`? Write and search permission on it. */
static int may_create(const struct vnode *dir) {
    return vnode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* May the caller remove (or rename away, or replace) the entry `victim` of `dir`? Write and search
 * permission on dir, and in a sticky directory (S_ISVTX, /tmp) the file's or the directory's
 * ownership: -EACCES, -EPERM (Linux's errors). */
static int may_delete(const struct vnode *dir, const struct vnode *victim) {
    int err = vnode_permission(dir, MAY_WRITE | MAY_EXEC);

    if (err)
        return err;
    if ((dir->mode & S_ISVTX) && !vnode_owner_or_root(victim) && !vnode_owner_or_root(dir))
        return -EPERM;
    return 0;
}

/* The permission an open with `flags` needs of the file: read and/or write by O_ACCMODE, and
 * write to truncate. */
static int open_may(int flags) {
    int acc = flags & O_ACCMODE;
    int may = acc == O_RDONLY ? MAY_READ : acc == O_WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE;

    return (flags & O_TRUNC) ? may | MAY_WRITE : may;
}

/* Whether `dir` is `anc` or lies below it (both in one file system): *below, or -errno. */
static int is_below(struct vnode *dir, struct vnode *anc, bool *below) {
    struct vnode *v = dir;

    vnode_ref(v);
    *below = false;
    for (;;) {
        if (v == anc) {
            *below = true;
            break;
        }
        if (v == v->mnt->root)
            break;
        struct vnode *up;
        int err = v->ops->lookup(v, "..", 2, &up);
        if (err) {
            vnode_put(v);
            return err;
        }
        vnode_put(v);
        v = up;
    }
    vnode_put(v);
    return 0;
}

/* ---- open ---------------------------------------------------------------------------------- */

/* Opens the existing vnode `v` (a reference the file takes over on success). */
static int open_vnode(struct vnode *v, int flags, struct file **out) {
    bool writes = (flags & O_ACCMODE) != O_RDONLY;
    struct file *f;

    if ((flags & O_DIRECTORY) && !S_ISDIR(v->mode))
        return -ENOTDIR;
    if (S_ISDIR(v->mode) && (writes || (flags & O_TRUNC)))
        return -EISDIR;
    if (S_ISCHR(v->mode) || S_ISBLK(v->mode)) {
        int err = vnode_permission(v, open_may(flags));
        if (err)
            return err;
        if (!v->ops->open)
            return -ENXIO;
        /* O_NOCTTY is for a terminal's open to see (fs/tty.h), not a status flag to keep. */
        err = v->ops->open(v, flags & (FILE_STATUS_FLAGS | O_NOCTTY), &f);
        if (err)
            return err;
        f->flags &= FILE_STATUS_FLAGS;
    } else {
        if ((writes || (flags & O_TRUNC)) && v->mnt->read_only)
            return -EROFS;
        int err = vnode_permission(v, open_may(flags));
        if (err)
            return err;
        f = file_new(&vfile_ops, NULL, flags & FILE_STATUS_FLAGS);
        if (!f)
            return -ENOMEM;
        /* Truncating to nothing frees and cannot fail. */
        if ((flags & O_TRUNC) && S_ISREG(v->mode) && v->size)
            v->ops->truncate(v, 0);
    }
    f->vnode = v;
    *out = f;
    return 0;
}

/* open(O_CREAT) of a name not there yet: the file exists only if the whole open succeeds. */
static int open_new(struct walk *w, int flags, uint32_t mode, struct file **out) {
    int err = writable_dir(w->node, w->node->ops->create);
    struct vnode *v;

    if (!err)
        err = may_create(w->node);
    if (err)
        return err;
    struct file *f = file_new(&vfile_ops, NULL, flags & FILE_STATUS_FLAGS);
    if (!f)
        return -ENOMEM;
    err = w->node->ops->create(w->node, w->name, w->len, S_IFREG | (mode & 07777 & ~vfs_umask()), &v);
    if (err) {
        file_put(f);
        return err;
    }
    f->vnode = v;
    *out = f;
    return 0;
}

int vfs_open(const char *path, int flags, uint32_t mode, struct file **out) {
    struct walk w;
    struct vnode *v;
    int err;

    if ((flags & O_CREAT) && (flags & O_DIRECTORY))
        return -EINVAL; /* as Linux since 6.4: a directory is never made by open */
    if (!(flags & O_CREAT)) {
        err = walk(path, false, &w);
        if (err)
            return err;
        v = w.node;
    } else {
        err = walk(path, true, &w);
        if (err)
            return err;
        if (no_plain_name(&w) || w.slash) {
            /* "/", ".", "..", "name/": only a directory could be meant, and O_CREAT never opens
             * one. */
            vnode_put(w.node);
            return (flags & O_EXCL) && !w.slash ? -EEXIST : -EISDIR;
        }
        err = entry(&w, &v);
        if (err == -ENOENT) {
            err = open_new(&w, flags, mode, out);
            vnode_put(w.node);
            return err;
        }
        vnode_put(w.node);
        if (err)
            return err;
        v = mounted_top(v);
        if ((flags & O_EXCL) || S_ISDIR(v->mode)) {
            vnode_put(v);
            return (flags & O_EXCL) ? -EEXIST : -EISDIR;
        }
    }
    err = open_vnode(v, flags, out);
    if (err)
        vnode_put(v);
    return err;
}

/* ---- directories and names ----------------------------------------------------------------- */

int vfs_mkdir(const char *path, uint32_t mode) {
    struct walk w;
    struct vnode *v;
    int err = walk(path, true, &w);

    if (err)
        return err;
    if (no_plain_name(&w)) {
        err = -EEXIST;
        goto out;
    }
    err = entry(&w, &v);
    if (err == 0) {
        vnode_put(v);
        err = -EEXIST;
        goto out;
    }
    if (err != -ENOENT)
        goto out;
    err = writable_dir(w.node, w.node->ops->mkdir);
    if (!err)
        err = may_create(w.node);
    if (!err)
        err = w.node->ops->mkdir(w.node, w.name, w.len, S_IFDIR | (mode & 07777 & ~vfs_umask()));
out:
    vnode_put(w.node);
    return err;
}

int vfs_unlink(const char *path) {
    struct walk w;
    struct vnode *v;
    int err = walk(path, true, &w);

    if (err)
        return err;
    err = no_plain_name(&w) ? -EISDIR : writable_dir(w.node, w.node->ops->unlink);
    if (err)
        goto out;
    err = entry(&w, &v);
    if (err)
        goto out;
    err = may_delete(w.node, v);
    if (!err && S_ISDIR(v->mode))
        err = -EISDIR;
    else if (!err && w.slash)
        err = -ENOTDIR;
    else if (!err)
        err = w.node->ops->unlink(w.node, w.name, w.len, v);
    vnode_put(v);
out:
    vnode_put(w.node);
    return err;
}

int vfs_rmdir(const char *path) {
    struct walk w;
    struct vnode *v;
    int err = walk(path, true, &w);

    if (err)
        return err;
    if (!w.name)
        err = -EBUSY; /* the root */
    else if (is_dot(w.name, w.len))
        err = -EINVAL;
    else if (is_dotdot(w.name, w.len))
        err = -ENOTEMPTY;
    else
        err = writable_dir(w.node, w.node->ops->rmdir);
    if (err)
        goto out;
    err = entry(&w, &v);
    if (err)
        goto out;
    err = may_delete(w.node, v);
    if (!err && !S_ISDIR(v->mode))
        err = -ENOTDIR;
    else if (!err && v->above)
        err = -EBUSY; /* a mount point */
    else if (!err)
        err = w.node->ops->rmdir(w.node, w.name, w.len, v);
    vnode_put(v);
out:
    vnode_put(w.node);
    return err;
}

/* rename's checks once both entries are known (dst may be NULL), in Linux's order. */
static int rename_checks(struct walk *from, struct vnode *src, struct walk *to, struct vnode *dst) {
    bool below;
    int err;

    if (!S_ISDIR(src->mode) && (from->slash || to->slash))
        return -ENOTDIR;
    if (S_ISDIR(src->mode)) {
        /* A directory into itself or below it would cut the subtree loose. */
        err = is_below(to->node, src, &below);
        if (err || below)
            return err ? err : -EINVAL;
    }
    if (dst && S_ISDIR(dst->mode)) {
        /* Over a directory the source lies in: that one is not empty. */
        err = is_below(from->node, dst, &below);
        if (err || below)
            return err ? err : -ENOTEMPTY;
    }
    if (src == dst)
        return 1; /* the same file: nothing to do */
    err = may_delete(from->node, src);
    if (!err)
        err = dst ? may_delete(to->node, dst) : may_create(to->node);
    /* A directory that changes parent has its ".." rewritten: it must be writable too. */
    if (!err && S_ISDIR(src->mode) && from->node != to->node)
        err = vnode_permission(src, MAY_WRITE);
    if (err)
        return err;
    if (dst && S_ISDIR(src->mode) && !S_ISDIR(dst->mode))
        return -ENOTDIR;
    if (dst && !S_ISDIR(src->mode) && S_ISDIR(dst->mode))
        return -EISDIR;
    if (src->above || (dst && dst->above))
        return -EBUSY;
    return 0;
}

int vfs_rename(const char *old_path, const char *new_path) {
    struct walk from, to;
    struct vnode *src, *dst = NULL;
    int err = walk(old_path, true, &from);

    if (err)
        return err;
    err = walk(new_path, true, &to);
    if (err)
        goto out_from;
    if (from.node->mnt != to.node->mnt)
        err = -EXDEV;
    else if (no_plain_name(&from) || no_plain_name(&to))
        err = -EBUSY;
    else
        err = writable_dir(from.node, from.node->ops->rename);
    if (err)
        goto out_to;
    err = entry(&from, &src);
    if (err)
        goto out_to;
    err = entry(&to, &dst);
    if (err && err != -ENOENT)
        goto out_src;
    if (err)
        dst = NULL;
    err = rename_checks(&from, src, &to, dst);
    if (err == 0)
        err = from.node->ops->rename(from.node, from.name, from.len, src, to.node, to.name, to.len, dst);
    else if (err == 1)
        err = 0;
    vnode_put(dst);
out_src:
    vnode_put(src);
out_to:
    vnode_put(to.node);
out_from:
    vnode_put(from.node);
    return err;
}

/* ---- looking ------------------------------------------------------------------------------- */

int vfs_stat(const char *path, struct abi_stat *st) {
    struct vnode *v;
    int err = vfs_lookup(path, &v);

    if (err)
        return err;
    vnode_stat(v, st);
    vnode_put(v);
    return 0;
}

int vfs_access(const char *path, int mode) {
    struct vnode *v;

    if (mode & ~(R_OK | W_OK | X_OK))
        return -EINVAL;
    /* The real ids, for the walk too: a set-user-ID program asks what its user may do. */
    struct walk w;
    int err = walk_ids(path, false, true, &w);
    if (err)
        return err;
    v = w.node;
    if ((mode & W_OK) && v->mnt->read_only && !S_ISCHR(v->mode) && !S_ISBLK(v->mode))
        err = -EROFS;
    else
        err = vnode_permission_real(v, mode);
    vnode_put(v);
    return err;
}

int vfs_truncate(const char *path, long length) {
    struct vnode *v;

    if (length < 0)
        return -EINVAL;
    int err = vfs_lookup(path, &v);
    if (err)
        return err;
    /* Linux's order: a directory, not a regular file, a read-only file system, permission. */
    if (S_ISDIR(v->mode))
        err = -EISDIR;
    else if (!S_ISREG(v->mode))
        err = -EINVAL;
    else if (v->mnt->read_only)
        err = -EROFS;
    else
        err = vnode_permission(v, MAY_WRITE);
    if (!err)
        err = vfs_truncate_vnode(v, length);
    vnode_put(v);
    return err;
}

int vfs_chdir(const char *path) {
    struct vnode *v;
    int err = vfs_lookup(path, &v);

    if (err)
        return err;
    err = S_ISDIR(v->mode) ? vnode_permission(v, MAY_EXEC) : -ENOTDIR;
    if (err) {
        vnode_put(v);
        return err;
    }
    fs_set_cwd(v);
    return 0;
}

/* The name of `child` in directory `dir`: found by its inode number among the entries. */
static int name_in(struct vnode *dir, struct vnode *child, struct vfs_dirent *d) {
    uint32_t cookie = 0;
    int r;

    while ((r = dir->ops->readdir(dir, &cookie, d)) > 0) {
        if (d->ino == child->ino && !is_dot(d->name, d->len) && !is_dotdot(d->name, d->len))
            return 0;
    }
    return r < 0 ? r : -ENOENT;
}

/*
 * The working directory's path, found from the directory up, as Unix always has: each name is
 * looked up in the parent (".."), so a directory renamed meanwhile is named where it is now. A
 * removed one has no path (-ENOENT). Built from the end of `buf` backwards.
 */
int vfs_getcwd(char *buf, size_t size) {
    struct vnode *v = fs_cwd();
    size_t pos = size - 1;
    int err = 0;

    if (!v)
        return -ENOENT;
    vnode_ref(v);
    buf[pos] = '\0';
    for (;;) {
        while (v == v->mnt->root && v->mnt->covered) {
            struct vnode *covered = v->mnt->covered;
            vnode_ref(covered);
            vnode_put(v);
            v = covered;
        }
        if (v == v->mnt->root)
            break; /* the tree's root */
        struct vnode *parent;
        struct vfs_dirent d;
        err = v->nlink ? v->ops->lookup(v, "..", 2, &parent) : -ENOENT;
        if (err)
            break;
        err = name_in(parent, v, &d);
        if (!err && pos < (size_t)d.len + 1)
            err = -ERANGE;
        if (err) {
            vnode_put(parent);
            break;
        }
        pos -= d.len;
        memcpy(buf + pos, d.name, d.len);
        buf[--pos] = '/';
        vnode_put(v);
        v = parent;
    }
    vnode_put(v);
    if (err)
        return err;
    if (pos == size - 1) {
        if (pos == 0)
            return -ERANGE;
        buf[--pos] = '/';
    }
    memmove(buf, buf + pos, size - pos);
    return (int)(size - pos);
}
