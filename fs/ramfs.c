/*
 * ramfs: the tree of names (see fs/ramfs.h). A node's `v.nlink` counts its names (for a
 * directory, 2 plus its subdirectories, as Unix counts "." and each child's ".."): 0 once it is
 * unlinked or removed, and then it is freed by its last vnode_put (release below).
 */
#define LOG_MODULE "ramfs"

#include "ramfs_internal.h"
#include <abi/dirent.h>
#include <abi/errno.h>
#include <lib/cpio.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/path.h>
#include <lib/string.h>
#include <mm/kmalloc.h>

static const struct vnode_ops ramfs_ops;

bool ramfs_charge(struct ramfs *fs, uint32_t bytes) {
    if (fs->used > fs->limit || bytes > fs->limit - fs->used)
        return false;
    fs->used += bytes;
    return true;
}

void ramfs_uncharge(struct ramfs *fs, uint32_t bytes) {
    fs->used -= bytes;
}

static struct ramfs_node *node_of(struct vnode *v) {
    return ramfs_node_of(v);
}

/* A new node with one reference, not in any directory yet; NULL when the limit or memory is
 * reached. */
static struct ramfs_node *node_new(struct mount *m, const char *name, size_t len, uint32_t mode) {
    struct ramfs *fs = m->fs_data;

    if (!ramfs_charge(fs, RAMFS_NODE_COST))
        return NULL;
    struct ramfs_node *n = kzalloc(sizeof(*n));
    if (!n) {
        ramfs_uncharge(fs, RAMFS_NODE_COST);
        return NULL;
    }
    vnode_init(&n->v, m, &ramfs_ops, fs->next_ino++, mode);
    if (S_ISDIR(mode))
        n->v.nlink = 2;
    n->atime = n->mtime = n->ctime = vfs_now();
    memcpy(n->name, name, len);
    return n;
}

static void node_free(struct ramfs_node *n) {
    ramfs_free_data(n);
    ramfs_uncharge(ramfs_of(&n->v), RAMFS_NODE_COST);
    kfree(n);
}

/* Appends `n` to directory `dir` under its name: it is the newest entry. */
static void attach(struct ramfs_node *dir, struct ramfs_node *n) {
    struct ramfs_node **link = &dir->children;

    while (*link)
        link = &(*link)->next;
    *link = n;
    n->next = NULL;
    n->parent = dir;
    n->seq = dir->next_seq++;
    if (S_ISDIR(n->v.mode))
        dir->v.nlink++;
    ramfs_modified(dir);
}

/* Takes `n` out of its directory; it keeps its vnode (and `parent`, for the caller). */
static void detach(struct ramfs_node *n) {
    struct ramfs_node *dir = n->parent, **link = &dir->children;

    while (*link != n)
        link = &(*link)->next;
    *link = n->next;
    n->next = NULL;
    if (S_ISDIR(n->v.mode))
        dir->v.nlink--;
    ramfs_modified(dir);
}

/* `n` loses its name for good: freed at its last vnode_put. */
static void drop_name(struct ramfs_node *n) {
    detach(n);
    n->parent = NULL;
    n->v.nlink = 0;
}

static struct ramfs_node *child_named(const struct ramfs_node *dir, const char *name, size_t len) {
    for (struct ramfs_node *c = dir->children; c; c = c->next) {
        if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
            return c;
    }
    return NULL;
}

/* ---- vnode operations ---------------------------------------------------------------------- */

static int ramfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out) {
    struct ramfs_node *d = node_of(dir), *c;

    if (dir->nlink == 0)
        return -ENOENT; /* removed: nothing in it, and no way up */
    if (len == 2 && name[0] == '.' && name[1] == '.')
        c = d->parent ? d->parent : d;
    else
        c = child_named(d, name, len);
    if (!c)
        return -ENOENT;
    vnode_ref(&c->v);
    *out = &c->v;
    return 0;
}

/* Makes entry `name` of `dir` with `mode`; *out gets it with a reference. */
static int make(struct vnode *dir, const char *name, size_t len, uint32_t mode, struct vnode **out) {
    if (dir->nlink == 0)
        return -ENOENT; /* no new entries in a removed directory */
    struct ramfs_node *n = node_new(dir->mnt, name, len, mode);
    if (!n)
        return -ENOSPC;
    vfs_new_owner(dir, &n->v.uid, &n->v.gid);
    attach(node_of(dir), n);
    *out = &n->v;
    return 0;
}

static int ramfs_new_file(struct vnode *dir, const char *name, size_t len, uint32_t mode, struct vnode **out) {
    return make(dir, name, len, mode, out);
}

static int ramfs_mkdir(struct vnode *dir, const char *name, size_t len, uint32_t mode) {
    struct vnode *v;
    int err = make(dir, name, len, mode, &v);

    if (!err)
        vnode_put(v); /* it stays, by its name */
    return err;
}

static int ramfs_unlink(struct vnode *dir, const char *name, size_t len, struct vnode *victim) {
    (void)dir, (void)name, (void)len;
    drop_name(node_of(victim));
    return 0;
}

static int ramfs_rmdir(struct vnode *dir, const char *name, size_t len, struct vnode *victim) {
    (void)dir, (void)name, (void)len;
    if (node_of(victim)->children)
        return -ENOTEMPTY;
    drop_name(node_of(victim));
    return 0;
}

static int ramfs_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *src, struct vnode *ndir,
                        const char *nname, size_t nlen, struct vnode *dst) {
    struct ramfs_node *s = node_of(src);

    (void)odir, (void)oname, (void)olen;
    if (dst && node_of(dst)->children)
        return -ENOTEMPTY;
    if (ndir->nlink == 0)
        return -ENOENT;
    if (dst)
        drop_name(node_of(dst));
    detach(s);
    memset(s->name, 0, sizeof(s->name));
    memcpy(s->name, nname, nlen);
    attach(node_of(ndir), s);
    return 0;
}

static uint8_t dirent_type(uint32_t mode) {
    return S_ISDIR(mode) ? DT_DIR : S_ISREG(mode) ? DT_REG : S_ISCHR(mode) ? DT_CHR : DT_UNKNOWN;
}

/* Positions: 0 is ".", 1 is "..", then an entry made with seq s sits at s + 2, so a position
 * stays good while entries come and go around it. */
static int ramfs_readdir(struct vnode *dir, uint32_t *cookie, struct vfs_dirent *out) {
    struct ramfs_node *d = node_of(dir), *c = NULL;

    if (dir->nlink == 0)
        return -ENOENT;
    if (*cookie < 2) {
        c = *cookie == 0 || !d->parent ? d : d->parent;
        *out = (struct vfs_dirent){.ino = c->v.ino, .type = DT_DIR, .len = (uint8_t)(*cookie + 1)};
        memcpy(out->name, "..", out->len);
        (*cookie)++;
        return 1;
    }
    for (c = d->children; c && c->seq + 2 < *cookie; c = c->next)
        ;
    if (!c)
        return 0;
    *out = (struct vfs_dirent){.ino = c->v.ino, .type = dirent_type(c->v.mode), .len = (uint8_t)strlen(c->name)};
    memcpy(out->name, c->name, out->len);
    *cookie = c->seq + 3;
    return 1;
}

static void ramfs_stat(struct vnode *v, struct abi_stat *st) {
    struct ramfs_node *n = node_of(v);

    if (S_ISREG(v->mode) && !n->initrd)
        st->st_blocks = (int32_t)(n->data_pages * (PAGE_SIZE / 512));
    st->st_atime_sec = (int32_t)n->atime;
    st->st_mtime_sec = (int32_t)n->mtime;
    st->st_ctime_sec = (int32_t)n->ctime;
}

static int ramfs_set_times(struct vnode *v, const uint32_t *atime, const uint32_t *mtime) {
    struct ramfs_node *n = node_of(v);

    if (atime)
        n->atime = *atime;
    if (mtime)
        n->mtime = *mtime;
    n->ctime = vfs_now();
    return 0;
}

static int ramfs_set_attr(struct vnode *v, uint32_t mode, uint32_t uid, uint32_t gid) {
    v->mode = mode;
    v->uid = uid;
    v->gid = gid;
    node_of(v)->ctime = vfs_now();
    return 0;
}

static void ramfs_release(struct vnode *v) {
    if (v->nlink == 0)
        node_free(node_of(v));
}

static const struct vnode_ops ramfs_ops = {
    .lookup = ramfs_lookup,
    .create = ramfs_new_file,
    .mkdir = ramfs_mkdir,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
    .rename = ramfs_rename,
    .readdir = ramfs_readdir,
    .read = ramfs_read,
    .write = ramfs_write,
    .truncate = ramfs_truncate,
    .span = ramfs_span,
    .mmap_object = ramfs_mmap_object,
    .stat = ramfs_stat,
    .set_times = ramfs_set_times,
    .set_attr = ramfs_set_attr,
    .release = ramfs_release,
};

/* ---- the instance -------------------------------------------------------------------------- */

/* Frees the whole tree, a leaf at a time (no recursion: a tree may be deep). */
static void ramfs_unmount(struct mount *m) {
    struct ramfs_node *n = node_of(m->root);

    while (n) {
        if (n->children) {
            n = n->children;
            continue;
        }
        /* A leaf is always its directory's first entry: we came down through `children`. */
        struct ramfs_node *up = n->parent, *next = n->next;
        if (up)
            up->children = next;
        node_free(n);
        n = next ? next : up;
    }
    kfree(m->fs_data);
}

static const struct vfs_fs_ops ramfs_fs_ops = {.name = "ramfs", .unmount = ramfs_unmount};

struct mount *ramfs_create(uint32_t limit) {
    struct ramfs *fs = kzalloc(sizeof(*fs));
    struct mount *m = fs ? vfs_mount_new(&ramfs_fs_ops, fs, false) : NULL;
    struct ramfs_node *root = NULL;

    if (m) {
        *fs = (struct ramfs){.next_ino = 1, .limit = limit};
        root = node_new(m, "", 0, S_IFDIR | 0755);
    }
    if (!root) {
        if (m)
            vfs_mount_free(m);
        kfree(fs);
        return NULL;
    }
    m->root = &root->v; /* its reference is the mount's */
    return m;
}

uint32_t ramfs_used(const struct mount *m) {
    return ((const struct ramfs *)m->fs_data)->used;
}

void ramfs_set_limit(struct mount *m, uint32_t limit) {
    ((struct ramfs *)m->fs_data)->limit = limit;
}

/* ---- the initrd ---------------------------------------------------------------------------- */

/*
 * Adds `path` (relative to the root, no "." or "..") with `mode`, making missing directories on
 * the way. An existing directory may be added again. 0, -EEXIST, -ENOTDIR, -ENAMETOOLONG,
 * -EINVAL, -ENOSPC.
 */
static int add(struct mount *m, const char *path, uint32_t mode, const void *data, size_t size) {
    struct ramfs_node *dir = node_of(m->root);
    const char *p = path;

    for (;;) {
        size_t len;
        const char *name = path_next(&p, &len);
        if (len == 0 || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
            return -EINVAL;
        if (len > NAME_MAX)
            return -ENAMETOOLONG;
        bool last = path_last(p);
        struct ramfs_node *c = child_named(dir, name, len);
        if (!c) {
            struct ramfs_node *n = node_new(m, name, len, last ? mode : S_IFDIR | 0755);
            if (!n)
                return -ENOSPC;
            if (last && S_ISREG(mode)) {
                n->initrd = data;
                n->v.size = (uint32_t)size;
            }
            attach(dir, n);
            vnode_put(&n->v); /* it stays, by its name */
            c = n;
        } else if (last) {
            return S_ISDIR(c->v.mode) && S_ISDIR(mode) ? 0 : -EEXIST;
        }
        if (last)
            return 0;
        if (!S_ISDIR(c->v.mode))
            return -ENOTDIR;
        dir = c;
    }
}

int ramfs_unpack_cpio(struct mount *m, const void *archive, size_t size) {
    struct cpio_iter it;
    struct cpio_entry e;
    int count = 0, err;

    cpio_iter_init(&it, archive, size);
    while ((err = cpio_next(&it, &e)) > 0) {
        const char *name = e.name;
        while (name[0] == '.' && name[1] == '/')
            name += 2;
        if (strcmp(name, ".") == 0 || *name == '\0')
            continue;
        if (strnlen(name, PATH_MAX) >= PATH_MAX - 1) {
            log_warn("skipping %s: path too long", e.name);
            continue;
        }
        uint32_t type = e.mode & S_IFMT;
        if (type != S_IFDIR && type != S_IFREG) {
            log_warn("skipping %s: neither a file nor a directory", e.name);
            continue;
        }
        int r = add(m, name, e.mode, e.data, e.size);
        if (r) {
            log_warn("cannot add %s: %d", name, r);
            continue;
        }
        count++;
    }
    return err < 0 ? err : count;
}
