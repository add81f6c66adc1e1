/*
 * The virtual file system: one tree of names over the mounted file systems.
 *
 *   struct file ---------> struct vnode <----- struct fs_proc (cwd)
 *   (an open instance:      (one per file:      (a process's working directory)
 *    offset, flags)          refs, type, size)
 *                              | ops: lookup, create, mkdir, unlink, rmdir, rename, readdir,
 *                              |      read, write, truncate, stat, set_times, open (devices),
 *                              |      release
 *                              v
 *                          struct mount  (root, mount point, st_dev, the file system's state)
 *
 * A vnode is the kernel's object for one file, directory or device node. It is reference counted:
 * every open file, every working directory, every mount and every walk in progress holds one
 * reference. A file system keeps its vnodes as long as it likes (ramfs keeps each as long as it
 * has a name); when the last reference is dropped, ops->release lets it decide (ramfs frees a
 * vnode that has no name left: an unlinked file lives until its last descriptor is closed).
 *
 * Path resolution is here, not in the file systems: they only answer `lookup(dir, name)` for one
 * component (".." included: the parent within the file system). The walk handles absolute and
 * relative paths, ".", "..", repeated slashes, mount points in both directions, PATH_MAX and
 * NAME_MAX. The generic checks of each name call (a directory where a file is wanted, a mount
 * point in the way, a rename across file systems or into itself) are made here too, before the
 * file system is asked, so every file system gives the same errors in the same order (Linux's).
 *
 * Permissions (POSIX XBD 4.5, fs/perm.c): each vnode has an owner and a group; a call that reads,
 * writes, executes or searches a file asks vnode_permission with the caller's effective ids
 * (access, its real ones). Root (effective uid 0) may read and write anything, and execute a
 * file with some execute bit, search any directory. A walk needs search on each directory it
 * looks a name up in; making, removing or renaming an entry needs write and search on the
 * directory, and in a sticky one (S_ISVTX) removing needs to own the file or the directory. A new
 * file belongs to the caller's effective ids, its mode masked by the caller's umask. The mode is
 * stored as given otherwise; ids outside ext2's 32 bits cannot exist (proc/cred.h).
 *
 * Concurrency: the kernel is not preemptible and no operation of ramfs or devfs sleeps, so each
 * name call on them runs as one atomic step. Walks still hold a reference to each directory they
 * are in, because ext2's operations sleep (on the disk): it takes a lock of its own for each
 * operation and checks again, under it, what the walk found (an entry made or removed meanwhile).
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <abi/stat.h>
#include <abi/time.h>
#include <fs/file.h>
#include <mm/usercopy.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PATH_MAX 256 /* bytes of a path given to a call, its NUL included */
#define NAME_MAX 59  /* bytes of one component */

/* The largest file: offsets are off_t, 32 bits signed. */
#define FILE_SIZE_MAX 0x7FFFFFFFu

struct mount;
struct vnode;

/* One entry of a directory, as readdir gives it. */
struct vfs_dirent {
    uint32_t ino;
    uint8_t type; /* DT_* (abi/dirent.h) */
    uint8_t len;  /* of name, without its NUL */
    char name[NAME_MAX + 1];
};

/*
 * What a file system does. A missing directory operation makes the call fail with EROFS (the
 * file system cannot change); a missing read or write, with EINVAL. Names passed in are one
 * component, 1..NAME_MAX bytes, not NUL-terminated; never "." (the walk handles it) and, but for
 * lookup, never "..". The VFS has made every generic check before calling (see each): the
 * operations check only what depends on the file system's own state.
 */
struct vnode_ops {
    /* The entry `name` of directory `dir` (".." too: its parent, or the directory itself at the
     * file system's root), with a new reference. -ENOENT (also in a removed directory). */
    int (*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
    /* A new regular file `name` in `dir`, which has no such entry: *out gets it with a
     * reference. -ENOENT (dir was removed), -ENOSPC. */
    int (*create)(struct vnode *dir, const char *name, size_t len, uint32_t mode, struct vnode **out);
    /* A new directory `name` in `dir`, which has no such entry. -ENOENT, -ENOSPC. */
    int (*mkdir)(struct vnode *dir, const char *name, size_t len, uint32_t mode);
    /* Removes the entry `name`, which is `victim`, not a directory. A file system in memory
     * cannot fail; one on a disk may (-EIO, -EUCLEAN). */
    int (*unlink)(struct vnode *dir, const char *name, size_t len, struct vnode *victim);
    /* Removes the directory `victim`, the entry `name` of `dir`. -ENOTEMPTY. */
    int (*rmdir)(struct vnode *dir, const char *name, size_t len, struct vnode *victim);
    /*
     * Moves `src` (the entry `oname` of `odir`) to the name `nname` of `ndir`, replacing `dst`
     * (that entry, or NULL). The VFS has checked: same file system, src is not dst, types agree
     * (a directory replaces only a directory), ndir is not src or below it, nothing is a mount
     * point. -ENOTEMPTY (dst a directory with entries).
     */
    int (*rename)(struct vnode *odir, const char *oname, size_t olen, struct vnode *src, struct vnode *ndir,
                  const char *nname, size_t nlen, struct vnode *dst);
    /* The first entry at or after position *cookie (0 at the start) into *out; *cookie becomes
     * the position after it. 1, 0 at the end, or -ENOENT for a removed directory. "." and ".."
     * come first. */
    int (*readdir)(struct vnode *dir, uint32_t *cookie, struct vfs_dirent *out);
    /* Regular files: up to n bytes at `off` to or from the user buffer. The count (a write may
     * be short only when memory ran out or the buffer faulted), or -errno (-EFAULT, -ENOSPC).
     * A read past the end gives 0; holes read as zero. */
    long (*read)(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
    long (*write)(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
    /* Sets a regular file's size (<= FILE_SIZE_MAX): cut, or grown with zeros. -ENOSPC. */
    int (*truncate)(struct vnode *v, uint32_t size);
    /* Regular files, for exec: the bytes from `off` (< size) in kernel memory, *len of them
     * contiguous (at least 1); a hole gives zeros. Valid until the file next changes. */
    const void *(*span)(struct vnode *v, uint32_t off, uint32_t *len);
    /* Optional, regular files that can be mapped: a new reference to the object of the file's
     * pages (mm/vm.h), the same object for every mapping of the file. -ENOMEM. */
    int (*mmap_object)(struct vnode *v, struct vm_object **out);
    /* Device nodes: a new open file of the device (its own file_ops); `flags` as devfs_open_fn's
     * (fs/devfs.h). -errno. */
    int (*open)(struct vnode *v, int flags, struct file **out);
    /* Optional: fields beyond the vnode's own (vfs_stat fills those first). */
    void (*stat)(struct vnode *v, struct abi_stat *st);
    /* Optional (utimensat): sets the access and modification times, in seconds since the Epoch,
     * of those given (a NULL is left as it is), and the status-change time to now. 0, -EIO.
     * NULL: the file system keeps no times it can set, and the call fails with EROFS. */
    int (*set_times)(struct vnode *v, const uint32_t *atime, const uint32_t *mtime);
    /* Optional (chmod, chown): sets v's mode (its type unchanged), owner and group, keeps them,
     * and sets the status-change time to now; nothing changes when it fails. 0, -EIO. NULL: the
     * file system cannot keep them, and the call fails with EROFS. */
    int (*set_attr)(struct vnode *v, uint32_t mode, uint32_t uid, uint32_t gid);
    /* The last reference is gone (the vnode may still have names: the file system decides). */
    void (*release)(struct vnode *v);
    /* Optional, fsync(2): the file's data and what finds it (its inode, its blocks' maps) are on
     * the disk when this returns. 0 or -EIO. NULL: nothing to write (ramfs), 0. */
    int (*fsync)(struct vnode *v);
};

struct vnode {
    int refs;
    uint32_t ino;
    uint32_t mode;  /* S_IF* | permissions */
    uint32_t nlink; /* names it has; 0 once unlinked or removed */
    uint32_t size;
    uint32_t rdev;       /* device nodes: major << 8 | minor */
    struct mount *mnt;   /* the mounted file system it is part of */
    struct mount *above; /* a file system mounted on this directory, or NULL */
    const struct vnode_ops *ops;
    struct file_lock *locks; /* POSIX record locks on it (fs/lock.c) */
    uint32_t uid, gid;       /* owner and group (set by the file system; 0, root, by default) */
};

/* Adds a reference. */
void vnode_ref(struct vnode *v);
/* Drops one; the last calls ops->release. NULL is ignored. */
void vnode_put(struct vnode *v);
/* Initializes a vnode of mount `m` with one reference. */
void vnode_init(struct vnode *v, struct mount *m, const struct vnode_ops *ops, uint32_t ino, uint32_t mode);

/* --- permissions (fs/perm.c) --------------------------------------------------------------- */

/* What a caller wants of a file: the bits of access(2)'s R_OK, W_OK and X_OK (search, for a
 * directory). */
#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

/*
 * May the current process (its effective ids) do all of `may` to v? 0 or -EACCES, by the
 * owner's, the group's or the others' bits, whichever class the caller is in (only that one, as
 * POSIX says: an owner without a bit the others have is refused). Root may read and write
 * anything, search any directory, and execute what has an execute bit for someone. Cheap: no
 * allocation, no lock; it says nothing of read-only file systems (EROFS is the caller's).
 */
int vnode_permission(const struct vnode *v, int may);
/* The same for the ids given, and for the current process's real ids (access(2)). */
int vnode_permission_ids(const struct vnode *v, int may, uint32_t uid, uint32_t gid);
int vnode_permission_real(const struct vnode *v, int may);
/* Whether the current process owns v or is root (chmod, explicit times). */
bool vnode_owner_or_root(const struct vnode *v);
/* The owner and group a new entry of `dir` gets: the current process's effective ids. */
void vfs_new_owner(const struct vnode *dir, uint32_t *uid, uint32_t *gid);
/* The current process's umask (umask(2)), and setting it: the old one. */
uint32_t vfs_umask(void);
uint32_t vfs_set_umask(uint32_t mask);

/* --- mounts (fs/mount.c) ------------------------------------------------------------------------ */

/* What a file system type does with a mounted instance of itself. */
struct vfs_fs_ops {
    const char *name;
    bool user_mounted; /* mounted by mount(2), so umount(2) may take it away */
    /* The instance is being unmounted and no vnode of it is referenced any more (but its root's
     * one reference, which it must drop): free everything it holds. */
    void (*unmount)(struct mount *m);
    /* Optional, sync(2): writes what the instance keeps in memory only (its superblock's counts)
     * to its disk. 0 or -EIO. The block cache is flushed after it (bsync). */
    int (*sync)(struct mount *m);
};

struct mount {
    struct vnode *root;    /* the file system's root directory */
    struct vnode *covered; /* the directory it is mounted on (a reference); NULL: the root */
    const struct vfs_fs_ops *fs;
    void *fs_data;  /* the file system's own */
    uint32_t dev;   /* st_dev of its files */
    bool read_only; /* nothing in it is created, removed, renamed or written but devices */
    int busy;       /* references to its vnodes, the root's own one excepted */
    struct mount *next;
};

/*
 * Makes a mount for a file system instance; the file system then makes its root vnode in it and
 * calls vfs_attach. Returns NULL when out of memory.
 */
struct mount *vfs_mount_new(const struct vfs_fs_ops *fs, void *fs_data, bool read_only);
/* Frees a mount vfs_attach was never called on (a file system that failed to start). */
void vfs_mount_free(struct mount *m);

/*
 * Mounts `m` (whose root is set) on the directory at absolute path `where`, or as the root of
 * the tree when `where` is NULL (once, first). Returns 0, -ENOENT, -ENOTDIR, -EBUSY (already a
 * mount point, or a second root), -EINVAL (no root yet).
 */
int vfs_attach(struct mount *m, const char *where);
/*
 * Unmounts `m`: -EBUSY while any vnode of it is referenced beyond its root's own reference (an
 * open file, a working directory) or another file system is mounted in it. Then the file
 * system frees its state (fs->unmount) and the mount is gone.
 */
int vfs_umount(struct mount *m);
/*
 * umount(2): unmounts the file system whose root is at `path`. -EINVAL (not the root of a mount),
 * -EBUSY (in use: an open file, a working directory, a mount inside; or one the kernel made at
 * boot, the root and /dev), and vfs_lookup's errors.
 */
int vfs_umount_path(const char *path);
/* Unmounts everything, the root last (power-off, after every process is gone). Returns how many
 * mounts could not be (a vnode still referenced: a leak). */
int vfs_umount_all(void);

/* sync(2): every mounted file system's sync, then every dirty block of the cache written
 * (dev/block.h's bsync). 0, or -EIO when something could not be written (sync(2) ignores it). */
int vfs_sync_all(void);

/* The root directory of the tree (no new reference), or NULL before one is mounted. */
struct vnode *vfs_root(void);

/* --- names (fs/namei.c): every path is absolute or relative to the current process's working
 * directory, at most PATH_MAX - 1 bytes. Errors common to all: -ENOENT (also for the empty
 * path), -ENOTDIR, -ENAMETOOLONG, -EACCES (a directory of the path the caller may not search).
 * The permissions each needs are in fs/README.md (Permissions). ------------------------------ */

/* The vnode `path` names, with a reference. */
int vfs_lookup(const char *path, struct vnode **out);

/*
 * Opens `path` (O_ACCMODE, O_CREAT with `mode`, O_EXCL, O_TRUNC, O_APPEND, O_NONBLOCK,
 * O_DIRECTORY) into a new file with one reference; a new file is the caller's, its mode masked by
 * the umask. -EEXIST, -EISDIR (a directory for writing, or to create), -ENOTDIR (O_DIRECTORY),
 * -EACCES (read or write permission by O_ACCMODE and O_TRUNC; write and search on the directory
 * for a new file), -EROFS, -ENOSPC, -ENOMEM, -ENXIO (a device without driver).
 */
int vfs_open(const char *path, int flags, uint32_t mode, struct file **out);
/* Making and removing entries needs write and search on the directories, and in a sticky one
 * the entry's or the directory's ownership (-EPERM). */
int vfs_mkdir(const char *path, uint32_t mode);   /* -EEXIST, -EROFS, -ENOSPC */
int vfs_unlink(const char *path);                 /* -EISDIR, -EBUSY, -EROFS, -EPERM */
int vfs_rmdir(const char *path);                  /* -EINVAL ("."), -ENOTEMPTY, -EBUSY, -EROFS, -EPERM */
int vfs_rename(const char *from, const char *to); /* -EXDEV, -EINVAL, -EBUSY, -EISDIR, -ENOTEMPTY... */
int vfs_stat(const char *path, struct abi_stat *st);
/* F_OK, R_OK, W_OK, X_OK for the caller's REAL ids (the walk too): -EACCES, -EROFS, -EINVAL */
int vfs_access(const char *path, int mode);
int vfs_chdir(const char *path); /* -ENOTDIR, -EACCES (no search permission on it) */
/* The working directory's absolute path into buf (`size` bytes): its length with the NUL, or
 * -ERANGE, -ENOENT (it was removed). */
int vfs_getcwd(char *buf, size_t size);

/* Fills *st from the vnode (and its file system's stat). */
void vnode_stat(struct vnode *v, struct abi_stat *st);

/* Seconds since the Epoch now (the real-time clock), for the times files keep. */
uint32_t vfs_now(void);

/* utimensat's times, checked: each time to set (seconds), or left as it is. */
struct vfs_times {
    bool set_atime, set_mtime;
    uint32_t atime, mtime;
    bool explicit; /* a time given other than "now": only the owner or root may set it */
};

/*
 * utimensat's two struct timespecs (NULL: both now; a tv_nsec of UTIME_NOW is now, UTIME_OMIT
 * leaves that time alone) into *out. -EINVAL for another tv_nsec outside 0..999999999, or a
 * negative tv_sec.
 */
int vfs_times_from(const struct abi_timespec *times, struct vfs_times *out);

/*
 * Sets v's times for the current process: -EPERM when a time is given explicitly and the caller
 * is neither the file's owner nor root; -EACCES when both are "now" and the caller is neither the
 * owner nor may write the file; -EROFS on a read-only file system or one that keeps no times
 * (devices, pipes); -EIO. Setting nothing succeeds at once.
 */
int vfs_set_times(struct vnode *v, const struct vfs_times *t);

/*
 * chmod(2) of v to the permission bits of `mode` (07777): only its owner or root (-EPERM). A
 * caller other than root whose effective group is not the file's loses S_ISGID (POSIX: it could
 * otherwise give a program a group it is not in). -EROFS (a read-only file system, or one that
 * keeps no modes), -EIO.
 */
int vfs_chmod(struct vnode *v, uint32_t mode);
/*
 * chown(2) of v to `uid` and `gid`, either VFS_ID_KEEP to leave it: root may give any ids; the
 * owner may only change the group, to its effective group (POSIX's _POSIX_CHOWN_RESTRICTED, as
 * Linux). -EPERM otherwise, -EINVAL (an id above CRED_ID_MAX), -EROFS, -EIO. A regular file
 * that changes hands loses S_ISUID, and S_ISGID when it has a group execute bit (Linux).
 */
#define VFS_ID_KEEP 0xFFFFFFFFu
int vfs_chown(struct vnode *v, uint32_t uid, uint32_t gid);
/* truncate(2): sets the size of the regular file at `path`, which the caller may write. -EISDIR,
 * -EINVAL (not a regular file, a negative length), -EACCES, -EROFS, -EFBIG, -ENOSPC, and
 * vfs_lookup's errors. */
int vfs_truncate(const char *path, long length);

/* --- files over vnodes (fs/vfile.c) --------------------------------------------------------- */

/* fstat: the vnode's when the file was opened by name, else what the file says (a pipe). */
void vfs_fstat(struct file *f, struct abi_stat *st);

/* Sets an open regular file's size: -EINVAL (not a regular file, not open for writing, negative),
 * -EFBIG, -EROFS, -ENOSPC. */
int vfs_ftruncate(struct file *f, long length);
/* The object of an open file's pages for mmap, with a new reference: -ENODEV when the file cannot
 * be mapped (not a regular file of a file system that maps its files: a pipe, a device), -ENOMEM. */
struct vm_object;
int vfs_mmap_object(struct file *f, struct vm_object **out);
/* Up to n bytes of directory entries, each a struct abi_dirent64 (Linux's getdents64), into the
 * user buffer; the offset moves past what was copied. The bytes, 0 at the end, or -ENOTDIR,
 * -EINVAL (not even one entry fits), -EFAULT, -ENOENT (the directory was removed). */
long vfs_getdents(struct file *f, struct uaddr buf, size_t n);

/* --- record locks (fs/lock.c) ---------------------------------------------------------------
 *
 * POSIX advisory locks on byte ranges of a regular file: read locks are shared, a write lock
 * excludes every other process's lock over its bytes. A process owns its locks; one lock per
 * byte per process (a new lock replaces the process's own over its range, splitting them). They
 * are not inherited by fork, they survive exec, and they all go (every lock of the process on the
 * file) as soon as the process closes ANY descriptor of the file, or exits. */

/*
 * fcntl(fd, cmd, struct flock *) for cmd F_GETLK (the first other process's lock in the way, or
 * l_type F_UNLCK), F_SETLK (take or, with F_UNLCK, release a range; -EAGAIN when another
 * process's lock is in the way) and F_SETLKW (wait for it: -EINTR when a handler runs, -EDEADLK
 * when the owner in the way waits, directly or through others, for the caller). Also -EINVAL (a
 * bad cmd, type or whence, a start before 0, not a regular file), -EBADF (a read lock on a file
 * not open for reading, a write lock on one not open for writing), -EOVERFLOW (an end beyond
 * INT32_MAX), -EFAULT, -ENOLCK (no memory). A call that fails changes nothing.
 */
long vfs_lock(struct file *f, int cmd, struct uaddr ulock);
/* Every lock of process `owner` on `v` goes, and waiters look again (close, exit). */
void vfs_locks_release(struct vnode *v, int owner);

/*
 * An executable's bytes for proc_exec (proc/exec.h): `v` must be a regular file, referenced and
 * unchanged until proc_exec returns (nothing in between may sleep).
 */
struct exec_image;
void vfs_exec_image(struct vnode *v, struct exec_image *img);

#endif
