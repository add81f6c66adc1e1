/*
 * POSIX record locks (fcntl F_GETLK, F_SETLK, F_SETLKW): byte ranges of a file, read (shared) or
 * write (exclusive), owned by a process (fs/vfs.h says the rules).
 *
 * Each vnode keeps the locks on it in a list (v->locks), unsorted: a process's own locks never
 * overlap (setting a lock first takes the range out of its others), so each byte of the file has
 * at most one lock per owner. Ranges are kept as [start, end] in 64 bits, end LOCK_EOF for a lock
 * "to the end of the file, however far it grows". Lists are short (a lock per range a program
 * chose), so plain walks do.
 *
 * Waiting: F_SETLKW sleeps on one queue for the whole system, woken by every release, and looks
 * again; a sleeper is also on a list of waiters saying whom it waits for, so a new waiter can see
 * that the chain of "waits for" comes back to itself (EDEADLK) instead of sleeping forever.
 *
 * Concurrency: the kernel is not preempted, so a walk and the change after it are one step; the
 * only sleep is F_SETLKW's, after which everything is looked at again.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/cpu.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>

#define LOCK_EOF INT64_MAX

struct file_lock {
    int owner; /* pid */
    int type;  /* F_RDLCK or F_WRLCK */
    int64_t start, end;
    struct file_lock *next;
};

/* A process sleeping in F_SETLKW, on its kernel stack while it sleeps. */
struct lock_waiter {
    int owner;
    int waits_for; /* the owner of the lock that blocked it, when it went to sleep */
    struct lock_waiter *next;
};

static struct wait_queue lock_released;
static struct lock_waiter *waiters;

/* The process a lock taken now belongs to. */
static int lock_owner(void) {
    return current->pid;
}

static bool overlap(const struct file_lock *l, int64_t start, int64_t end) {
    return l->start <= end && start <= l->end;
}

/* The first lock of another owner on `v` that a lock of `type` over [start, end] collides with. */
static struct file_lock *conflict(struct vnode *v, int owner, int type, int64_t start, int64_t end) {
    for (struct file_lock *l = v->locks; l; l = l->next) {
        if (l->owner != owner && overlap(l, start, end) && (type == F_WRLCK || l->type == F_WRLCK))
            return l;
    }
    return NULL;
}

/*
 * Takes [start, end] out of `owner`'s locks on `v`: a lock inside it goes, one over its edge is cut,
 * one around it becomes two (the second piece is `spare`, which is then used: *spare = NULL).
 */
static void carve(struct vnode *v, int owner, int64_t start, int64_t end, struct file_lock **spare) {
    for (struct file_lock **pl = &v->locks; *pl;) {
        struct file_lock *l = *pl;
        if (l->owner != owner || !overlap(l, start, end)) {
            pl = &l->next;
            continue;
        }
        if (l->start >= start && l->end <= end) { /* inside: gone */
            *pl = l->next;
            kfree(l);
            continue;
        }
        if (l->start < start && l->end > end) { /* around: split */
            struct file_lock *tail = *spare;
            *spare = NULL;
            *tail =
                (struct file_lock){.owner = owner, .type = l->type, .start = end + 1, .end = l->end, .next = l->next};
            l->end = start - 1;
            l->next = tail;
            pl = &tail->next;
            continue;
        }
        if (l->start < start)
            l->end = start - 1;
        else
            l->start = end + 1;
        pl = &l->next;
    }
}

/* Would `owner`, waiting for `blocker`, close a circle of waiters? */
static bool would_deadlock(int owner, int blocker) {
    for (int hops = 0; hops < PROC_TABLE_SIZE; hops++) {
        if (blocker == owner)
            return true;
        struct lock_waiter *w = waiters;
        while (w && w->owner != blocker)
            w = w->next;
        if (!w)
            return false;
        blocker = w->waits_for;
    }
    return true; /* a circle not through us cannot last this long: be safe */
}

/* The range a struct abi_flock names for `f`: 0, -EINVAL (a start before 0, a bad whence),
 * -EOVERFLOW (an end past what an off_t holds). */
static int lock_range(struct file *f, const struct abi_flock *fl, int64_t *start, int64_t *end) {
    int64_t base;

    switch (fl->l_whence) {
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = f->pos;
        break;
    case SEEK_END:
        base = f->vnode->size;
        break;
    default:
        return -EINVAL;
    }
    int64_t s = base + fl->l_start, len = fl->l_len;
    if (len < 0) { /* POSIX: the len bytes before start */
        s += len;
        len = -len;
    }
    if (s < 0)
        return -EINVAL;
    if (s > INT32_MAX || (len && s + len - 1 > INT32_MAX))
        return -EOVERFLOW;
    *start = s;
    *end = len ? s + len - 1 : LOCK_EOF;
    return 0;
}

/* F_GETLK: the first lock that would stop this one, or F_UNLCK in l_type. */
static long lock_get(struct vnode *v, struct abi_flock *fl, int64_t start, int64_t end, struct uaddr ulock) {
    struct file_lock *l = conflict(v, lock_owner(), fl->l_type, start, end);

    if (!l) {
        fl->l_type = F_UNLCK;
    } else {
        fl->l_type = (int16_t)l->type;
        fl->l_whence = SEEK_SET;
        fl->l_start = (int32_t)l->start;
        fl->l_len = l->end == LOCK_EOF ? 0 : (int32_t)(l->end - l->start + 1);
        fl->l_pid = l->owner;
    }
    return copy_to_user(ulock, fl, sizeof(*fl)) ? -EFAULT : 0;
}

/* F_SETLK and F_SETLKW (wait). Both records a change may need are taken before anything
 * changes, so a failure (ENOLCK) changes nothing. */
static long lock_set(struct vnode *v, int type, int64_t start, int64_t end, bool wait) {
    int owner = lock_owner();
    struct file_lock *fresh = kmalloc(sizeof(*fresh)), *spare = kmalloc(sizeof(*spare));
    long err = 0;

    if (!fresh || !spare) {
        err = -ENOLCK;
        goto out_free;
    }
    bool irq = irq_save();
    struct file_lock *l;
    while (type != F_UNLCK && (l = conflict(v, owner, type, start, end))) {
        if (!wait) {
            err = -EAGAIN;
            goto out_irq;
        }
        if (would_deadlock(owner, l->owner)) {
            err = -EDEADLK;
            goto out_irq;
        }
        struct lock_waiter self = {.owner = owner, .waits_for = l->owner, .next = waiters};
        waiters = &self;
        int slept = sleep_on(&lock_released, true);
        struct lock_waiter **pw = &waiters;
        while (*pw != &self)
            pw = &(*pw)->next;
        *pw = self.next;
        if (slept) {
            err = -EINTR;
            goto out_irq;
        }
    }
    carve(v, owner, start, end, &spare);
    if (type != F_UNLCK) {
        *fresh = (struct file_lock){.owner = owner, .type = type, .start = start, .end = end, .next = v->locks};
        v->locks = fresh;
        fresh = NULL;
    }
    /* A read lock that replaced a write lock, or an unlock, may let sleepers through. */
    wake_all(&lock_released);
out_irq:
    irq_restore(irq);
out_free:
    kfree(fresh);
    kfree(spare);
    return err;
}

long vfs_lock(struct file *f, int cmd, struct uaddr ulock) {
    struct abi_flock fl;
    int64_t start, end;

    if (cmd != F_GETLK && cmd != F_SETLK && cmd != F_SETLKW)
        return -EINVAL;
    if (copy_from_user(&fl, ulock, sizeof(fl)))
        return -EFAULT;
    if (!f->vnode || !S_ISREG(f->vnode->mode))
        return -EINVAL; /* pipes, devices and directories take no record locks here */
    if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && (cmd == F_GETLK || fl.l_type != F_UNLCK))
        return -EINVAL;
    int err = lock_range(f, &fl, &start, &end);
    if (err)
        return err;
    if (cmd == F_GETLK)
        return lock_get(f->vnode, &fl, start, end, ulock);
    /* A lock needs the matching access (an unlock does not): POSIX's EBADF. */
    if ((fl.l_type == F_RDLCK && !file_readable(f)) || (fl.l_type == F_WRLCK && !file_writable(f)))
        return -EBADF;
    return lock_set(f->vnode, fl.l_type, start, end, cmd == F_SETLKW);
}

void vfs_locks_release(struct vnode *v, int owner) {
    bool released = false;

    for (struct file_lock **pl = &v->locks; *pl;) {
        struct file_lock *l = *pl;
        if (l->owner == owner) {
            *pl = l->next;
            kfree(l);
            released = true;
        } else {
            pl = &l->next;
        }
    }
    if (released) {
        bool irq = irq_save();
        wake_all(&lock_released);
        irq_restore(irq);
    }
}
