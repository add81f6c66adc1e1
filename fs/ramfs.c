/* The in-memory root file system (see fs/ramfs.h). */
#define LOG_MODULE "ramfs"

#include <abi/errno.h>
#include <abi/fcntl.h>
#include <fs/ramfs.h>
#include <lib/cpio.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>

static struct ramfs_node root;
static uint32_t next_ino = 1;

void ramfs_init(void) {
    root = (struct ramfs_node){.mode = S_IFDIR | 0755, .ino = next_ino++};
    root.parent = &root;
}

static struct ramfs_node *child_named(const struct ramfs_node *dir, const char *name, size_t len) {
    for (struct ramfs_node *c = dir->children; c; c = c->next) {
        if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
            return c;
    }
    return NULL;
}

/*
 * Walks `path` component by component from `start`. Returns the node (or NULL with *err), and,
 * when `want_parent`, stops before the last component and reports it in *last / *last_len.
 */
static struct ramfs_node *walk(struct ramfs_node *start, const char *path, bool want_parent, const char **last,
                               size_t *last_len, int *err) {
    struct ramfs_node *node = start;
    const char *p = path;

    for (;;) {
        while (*p == '/')
            p++;
        const char *name = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - name);
        const char *rest = p;
        while (*rest == '/')
            rest++;
        if (len == 0)
            return node;
        if (len > NAME_MAX) {
            *err = -ENAMETOOLONG;
            return NULL;
        }
        if (!S_ISDIR(node->mode)) {
            *err = -ENOTDIR;
            return NULL;
        }
        if (want_parent && *rest == '\0') {
            *last = name;
            *last_len = len;
            return node;
        }
        if (len == 1 && name[0] == '.')
            continue;
        if (len == 2 && name[0] == '.' && name[1] == '.') {
            node = node->parent;
            continue;
        }
        node = child_named(node, name, len);
        if (!node) {
            *err = -ENOENT;
            return NULL;
        }
        /* A slash after a name, trailing or not, says it is a directory (POSIX): "file/" is
         * ENOTDIR like "file/x", "file/." and "file/..". */
        if (*p == '/' && !S_ISDIR(node->mode)) {
            *err = -ENOTDIR;
            return NULL;
        }
    }
}

/*
 * walk() from the root for an absolute path, from the working directory `cwd` for a relative one.
 * PATH_MAX bounds the path given (POSIX), so a relative path is walked from the directory's node
 * rather than glued to its name, which would make it longer.
 */
static struct ramfs_node *walk_path(const char *cwd, const char *path, bool want_parent, const char **last,
                                    size_t *last_len, int *err) {
    struct ramfs_node *start = &root;

    if (path[0] != '/') {
        start = walk(&root, cwd, false, NULL, NULL, err);
        if (!start)
            return NULL;
    }
    return walk(start, path, want_parent, last, last_len, err);
}

int ramfs_add(const char *path, uint32_t mode, const void *data, size_t size) {
    const char *name = NULL;
    size_t len = 0;
    int err = 0;
    struct ramfs_node *dir = &root;
    char buf[PATH_MAX];

    if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
        return -ENAMETOOLONG;
    /* Create missing parents: try each prefix ending at a slash. */
    for (char *slash = strchr(buf + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (!walk(&root, buf, false, NULL, NULL, &err) && err == -ENOENT) {
            int e = ramfs_add(buf, S_IFDIR | 0755, NULL, 0);
            if (e && e != -EEXIST)
                return e;
        }
        *slash = '/';
    }
    dir = walk(&root, path, true, &name, &len, &err);
    if (!dir)
        return err;
    if (!name || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
        return -EINVAL;
    struct ramfs_node *existing = child_named(dir, name, len);
    if (existing)
        return S_ISDIR(existing->mode) && S_ISDIR(mode) ? 0 : -EEXIST;

    struct ramfs_node *n = kzalloc(sizeof(*n));
    if (!n)
        return -ENOMEM;
    memcpy(n->name, name, len);
    n->mode = mode;
    n->ino = next_ino++;
    n->data = data;
    n->size = (uint32_t)size;
    n->parent = dir;
    /* Keep children sorted by name: directory listings come out stable. */
    struct ramfs_node **link = &dir->children;
    while (*link && strcmp((*link)->name, n->name) < 0)
        link = &(*link)->next;
    n->next = *link;
    *link = n;
    return 0;
}

int ramfs_unpack_cpio(const void *archive, size_t size) {
    struct cpio_iter it;
    struct cpio_entry e;
    int count = 0, err;
    char path[PATH_MAX];

    cpio_iter_init(&it, archive, size);
    while ((err = cpio_next(&it, &e)) > 0) {
        const char *name = e.name;
        while (name[0] == '.' && name[1] == '/')
            name += 2;
        if (strcmp(name, ".") == 0 || *name == '\0')
            continue;
        if ((size_t)format_snprintf(path, sizeof(path), "/%s", name) >= sizeof(path)) {
            log_warn("skipping %s: path too long", e.name);
            continue;
        }
        uint32_t type = e.mode & S_IFMT;
        if (type != S_IFDIR && type != S_IFREG && type != S_IFCHR) {
            log_warn("skipping %s: neither a file nor a directory", e.name);
            continue;
        }
        int r = ramfs_add(path, e.mode, e.data, e.size);
        if (r) {
            log_warn("cannot add %s: %d", path, r);
            continue;
        }
        count++;
    }
    return err < 0 ? err : count;
}

struct ramfs_node *ramfs_lookup(const char *cwd, const char *path, int *err, char canonical[PATH_MAX]) {
    if (!*path) {
        *err = -ENOENT;
        return NULL;
    }
    if (strnlen(path, PATH_MAX) >= PATH_MAX) {
        *err = -ENAMETOOLONG;
        return NULL;
    }
    struct ramfs_node *node = walk_path(cwd, path, false, NULL, NULL, err);
    if (node && canonical) {
        /* Rebuild the path from the node upwards. */
        char tmp[PATH_MAX];
        size_t pos = PATH_MAX - 1;
        tmp[pos] = '\0';
        for (struct ramfs_node *x = node; x != &root; x = x->parent) {
            size_t len = strlen(x->name);
            pos -= len;
            memcpy(tmp + pos, x->name, len);
            tmp[--pos] = '/';
        }
        strlcpy(canonical, pos == PATH_MAX - 1 ? "/" : tmp + pos, PATH_MAX);
    }
    return node;
}

int ramfs_create_error(const char *cwd, const char *path) {
    const char *name;
    size_t len;
    int err;

    if (ramfs_lookup(cwd, path, &err, NULL))
        return -EEXIST;
    if (err != -ENOENT || !*path)
        return err;
    /* Missing: the last name (the tree is read-only) or a directory on the way to it? */
    return walk_path(cwd, path, true, &name, &len, &err) ? -EROFS : err;
}

void ramfs_stat(const struct ramfs_node *node, struct abi_stat *st) {
    *st = (struct abi_stat){
        .st_dev = 1,
        .st_ino = node->ino,
        .st_mode = node->mode,
        .st_nlink = 1,
        .st_size = (int32_t)node->size,
        .st_blksize = 4096,
        .st_blocks = (int32_t)((node->size + 511) / 512),
    };
}

static long file_read(struct file *f, struct uaddr ubuf, size_t n) {
    const struct ramfs_node *node = f->priv;

    if (S_ISDIR(node->mode))
        return -EISDIR;
    if (f->pos >= node->size)
        return 0;
    if (n > node->size - f->pos)
        n = node->size - f->pos;
    if (copy_to_user(ubuf, node->data + f->pos, n))
        return -EFAULT;
    f->pos += n;
    return (long)n;
}

/* The new offset, computed in 64 bits: base + offset may not fit in a long (off_t), and signed
 * overflow is undefined. Negative is EINVAL; beyond what off_t holds, EOVERFLOW (POSIX). */
static long file_seek(struct file *f, long offset, int whence) {
    const struct ramfs_node *node = f->priv;
    int64_t base = whence == SEEK_SET   ? 0
                   : whence == SEEK_CUR ? (int64_t)f->pos
                   : whence == SEEK_END ? (int64_t)node->size
                                        : -1;
    int64_t target = base + offset;

    if (base < 0 || target < 0)
        return -EINVAL;
    if (target > INT32_MAX)
        return -EOVERFLOW;
    f->pos = (uint32_t)target;
    return (long)f->pos;
}

static void file_stat(struct file *f, struct abi_stat *st) {
    ramfs_stat(f->priv, st);
}

static const struct file_ops ramfs_file_ops = {
    .read = file_read,
    .seek = file_seek,
    .stat = file_stat,
};

int ramfs_open(struct ramfs_node *node, int flags, struct file **out) {
    if (S_ISCHR(node->mode)) {
        /* The only device: the console. */
        *out = console_open(flags & (O_ACCMODE | O_NONBLOCK));
        return *out ? 0 : -ENOMEM;
    }
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
        return S_ISDIR(node->mode) ? -EISDIR : -EROFS;
    if ((flags & O_DIRECTORY) && !S_ISDIR(node->mode))
        return -ENOTDIR;
    *out = file_new(&ramfs_file_ops, node, flags);
    return *out ? 0 : -ENOMEM;
}
