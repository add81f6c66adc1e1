/* devfs: the directory of device nodes (see fs/devfs.h), and the devices null and zero. */
#include <abi/dirent.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/devfs.h>
#include <fs/vfs.h>
#include <lib/compiler.h>
#include <lib/string.h>

struct devfs_dev {
    char name[DEVFS_NAME_MAX + 1];
    uint32_t mode, rdev;
    devfs_open_fn open;
    struct block_device *block; /* a block device's (then open is NULL) */
    struct vnode v;             /* while mounted */
};

/* The registered devices, in the order they came; the vnodes live as long as the mount. */
static struct devfs_dev devs[DEVFS_MAX];
static int ndevs;
static struct vnode root;
static struct mount *mounted;
static uint32_t made_at; /* every node's three times: when /dev was mounted (vfs_now) */

static const struct vnode_ops devfs_dir_ops, devfs_dev_ops;

/* Makes device i's vnode in the mount (it stays while the mount does). */
static void dev_vnode(int i) {
    struct devfs_dev *d = &devs[i];

    vnode_init(&d->v, mounted, &devfs_dev_ops, 2 + (uint32_t)i, d->mode);
    d->v.rdev = d->rdev;
    vnode_put(&d->v);
}

/* Adds a node: a character device opened by `open`, or a block device `block`. */
static int add(const char *name, uint32_t mode, uint32_t rdev, devfs_open_fn open, struct block_device *block) {
    size_t len = strnlen(name, DEVFS_NAME_MAX + 1);

    if ((!open && !block) || len == 0 || len > DEVFS_NAME_MAX || strchr(name, '/') || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0)
        return -EINVAL;
    for (int i = 0; i < ndevs; i++) {
        if (strcmp(devs[i].name, name) == 0)
            return -EEXIST;
    }
    if (ndevs == DEVFS_MAX)
        return -ENOSPC;
    struct devfs_dev *d = &devs[ndevs];
    strlcpy(d->name, name, sizeof(d->name));
    d->open = open;
    d->block = block;
    d->mode = (block ? S_IFBLK : S_IFCHR) | (mode & 07777);
    d->rdev = rdev;
    if (mounted)
        dev_vnode(ndevs);
    ndevs++;
    return 0;
}

int devfs_register(const char *name, uint32_t mode, uint32_t rdev, devfs_open_fn open) {
    return add(name, mode, rdev, open, NULL);
}

int devfs_register_block(const char *name, uint32_t mode, uint32_t rdev, struct block_device *dev) {
    return add(name, mode, rdev, NULL, dev);
}

static int devfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out) {
    struct vnode *v = NULL;

    if (len == 2 && name[0] == '.' && name[1] == '.')
        v = dir;
    for (int i = 0; !v && i < ndevs; i++) {
        if (strlen(devs[i].name) == len && strncmp(devs[i].name, name, len) == 0)
            v = &devs[i].v;
    }
    if (!v)
        return -ENOENT;
    vnode_ref(v);
    *out = v;
    return 0;
}

/* Positions: 0 ".", 1 "..", then device i at i + 2. */
static int devfs_readdir(struct vnode *dir, uint32_t *cookie, struct vfs_dirent *out) {
    uint32_t c = *cookie;

    if (c < 2) {
        *out = (struct vfs_dirent){.ino = dir->ino, .type = DT_DIR, .len = (uint8_t)(c + 1)};
        memcpy(out->name, "..", out->len);
    } else if (c - 2 < (uint32_t)ndevs) {
        const struct devfs_dev *d = &devs[c - 2];
        *out =
            (struct vfs_dirent){.ino = d->v.ino, .type = d->block ? DT_BLK : DT_CHR, .len = (uint8_t)strlen(d->name)};
        memcpy(out->name, d->name, out->len);
    } else {
        return 0;
    }
    *cookie = c + 1;
    return 1;
}

static int devfs_open(struct vnode *v, int flags, struct file **out) {
    struct devfs_dev *d = container_of(v, struct devfs_dev, v);

    return d->block ? blockdev_open(d->block, flags, out) : d->open(flags, out);
}

struct block_device *devfs_block_device(struct vnode *v) {
    return v->ops == &devfs_dev_ops ? container_of(v, struct devfs_dev, v)->block : NULL;
}

/* The nodes keep no times of their own: they were all made with /dev, at boot. */
static void devfs_stat(struct vnode *v, struct abi_stat *st) {
    (void)v;
    st->st_atime_sec = st->st_mtime_sec = st->st_ctime_sec = (int32_t)made_at;
}

static const struct vnode_ops devfs_dir_ops = {.lookup = devfs_lookup, .readdir = devfs_readdir, .stat = devfs_stat};
static const struct vnode_ops devfs_dev_ops = {.open = devfs_open, .stat = devfs_stat};

/* The vnodes are devfs's own memory: nothing to free. */
static void devfs_unmount(struct mount *m) {
    (void)m;
    mounted = NULL;
}

static const struct vfs_fs_ops devfs_fs_ops = {.name = "devfs", .unmount = devfs_unmount};

/* ---- null and zero ------------------------------------------------------------------------- */

static long null_read(struct file *f, struct uaddr buf, size_t n) {
    (void)f, (void)buf, (void)n;
    return 0;
}

/* Writes to null and zero are taken whole, and go nowhere. */
static long sink_write(struct file *f, struct uaddr buf, size_t n) {
    (void)f, (void)buf;
    return (long)n;
}

/* Seeking null or zero goes nowhere either (Linux returns 0). */
static long sink_seek(struct file *f, long offset, int whence) {
    (void)f, (void)offset, (void)whence;
    return 0;
}

/* Zeros, to the end of a user page at a time: a fault stops the read where it happened. */
static long zero_read(struct file *f, struct uaddr buf, size_t n) {
    size_t done = 0;

    (void)f;
    while (done < n) {
        struct uaddr to = user_offset(buf, done);
        size_t run = n - done < user_page_left(to) ? n - done : user_page_left(to);
        if (clear_user(to, run))
            return done ? (long)done : -EFAULT;
        done += run;
    }
    return (long)done;
}

static const struct file_ops null_ops = {.read = null_read, .write = sink_write, .seek = sink_seek};
static const struct file_ops zero_ops = {.read = zero_read, .write = sink_write, .seek = sink_seek};

static int null_open(int flags, struct file **out) {
    *out = file_new(&null_ops, NULL, flags);
    return *out ? 0 : -ENOMEM;
}

static int zero_open(int flags, struct file **out) {
    *out = file_new(&zero_ops, NULL, flags);
    return *out ? 0 : -ENOMEM;
}

int devfs_mount(const char *where) {
    if (mounted)
        return -EBUSY;
    /* Registered once for all the mounts of devfs there may be. */
    devfs_register("null", 0666, 0x0103, null_open);
    devfs_register("zero", 0666, 0x0105, zero_open);

    struct mount *m = vfs_mount_new(&devfs_fs_ops, NULL, true);
    if (!m)
        return -ENOMEM;
    mounted = m;
    made_at = vfs_now();
    vnode_init(&root, m, &devfs_dir_ops, 1, S_IFDIR | 0755);
    root.nlink = 2;
    m->root = &root; /* its reference is the mount's */
    for (int i = 0; i < ndevs; i++)
        dev_vnode(i);
    int err = vfs_attach(m, where);
    if (err) {
        mounted = NULL;
        vfs_mount_free(m);
    }
    return err;
}
