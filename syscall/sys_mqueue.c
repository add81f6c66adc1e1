/* POSIX message queues: the arguments copied and checked around fs/mqueue.h (docs/syscalls.md). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/signal.h>
#include <fs/file.h>
#include <fs/mqueue.h>
#include <fs/vfs.h>
#include <mm/usercopy.h>

/* A queue's name: "/" and at most NAME_MAX bytes, so a longer string is ENAMETOOLONG. */
static int get_name(struct uaddr uname, char *buf, size_t size) {
    long n = strncpy_from_user(buf, uname, size);

    return n < 0 ? (int)n : 0;
}

/* Like open: the descriptor is found first (EMFILE before anything is made), and it closes at exec
 * (POSIX: exec closes message queue descriptors; Linux marks them close-on-exec). */
long sys_mq_open(struct uaddr uname, int flags, uint32_t mode, struct uaddr uattr) {
    char name[NAME_MAX + 2];
    struct abi_mq_attr attr;
    struct file *f;
    int err = get_name(uname, name, sizeof(name));

    if (err)
        return err;
    bool has_attr = (flags & O_CREAT) && !uaddr_is_null(uattr);
    if (has_attr && copy_from_user(&attr, uattr, sizeof(attr)))
        return -EFAULT;
    int fd = fd_lowest_free(0);
    if (fd < 0)
        return fd;
    err = mqueue_open(name, flags, mode, has_attr ? &attr : NULL, &f);
    if (err)
        return err;
    fd = fd_install(f, 0);
    fd_set_cloexec(fd, true);
    return fd;
}

long sys_mq_unlink(struct uaddr uname) {
    char name[NAME_MAX + 2];
    int err = get_name(uname, name, sizeof(name));

    return err ? err : mqueue_unlink(name);
}

/* The timeout (may be null) into *ts: 0 and *has, or -EFAULT. */
static int get_timeout(struct uaddr uts, struct abi_timespec *ts, bool *has) {
    *has = !uaddr_is_null(uts);
    return *has && copy_from_user(ts, uts, sizeof(*ts)) ? -EFAULT : 0;
}

long sys_mq_timedsend(int fd, struct uaddr umsg, uint32_t len, uint32_t prio, struct uaddr utimeout) {
    struct file *f = fd_get(fd);
    struct abi_timespec ts;
    bool has;

    if (!f)
        return -EBADF;
    int err = get_timeout(utimeout, &ts, &has);
    return err ? err : mqueue_send(f, umsg, len, prio, has ? &ts : NULL);
}

long sys_mq_timedreceive(int fd, struct uaddr ubuf, uint32_t len, struct uaddr uprio, struct uaddr utimeout) {
    struct file *f = fd_get(fd);
    struct abi_timespec ts;
    bool has;

    if (!f)
        return -EBADF;
    int err = get_timeout(utimeout, &ts, &has);
    return err ? err : mqueue_receive(f, ubuf, len, uprio, has ? &ts : NULL);
}

/* mq_setattr's old value is proven writable before the flags change (no partial effects). */
long sys_mq_getsetattr(int fd, struct uaddr unew, struct uaddr uold) {
    struct file *f = fd_get(fd);
    struct abi_mq_attr new, old;
    bool set = !uaddr_is_null(unew), get = !uaddr_is_null(uold);

    if (!f)
        return -EBADF;
    if (set && copy_from_user(&new, unew, sizeof(new)))
        return -EFAULT;
    if (get && user_prove_writable(uold, sizeof(old)))
        return -EFAULT;
    int err = mqueue_getsetattr(f, set ? &new : NULL, &old);
    if (err)
        return err;
    return get && copy_to_user(uold, &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_mq_notify(int fd, struct uaddr usevp) {
    struct file *f = fd_get(fd);
    struct abi_sigevent ev;

    if (!f)
        return -EBADF;
    if (!uaddr_is_null(usevp) && copy_from_user(&ev, usevp, sizeof(ev)))
        return -EFAULT;
    return mqueue_notify(f, uaddr_is_null(usevp) ? NULL : &ev);
}
