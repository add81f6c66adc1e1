/* POSIX message queues: the namespace, the queues, sending and receiving (fs/mqueue.h). */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/signal.h>
#include <abi/stat.h>
#include <arch/cpu.h>
#include <arch/rtc.h>
#include <arch/timer.h>
#include <fs/mqueue.h>
#include <fs/vfs.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <proc/proc.h>

struct mq_msg {
    struct mq_msg *next;
    uint32_t prio;
    uint32_t len;
    void *data; /* len bytes (a separate block: a message may be a whole page) */
};

struct mqueue {
    char name[NAME_MAX + 2]; /* "/" and the name, NUL-terminated; "" once unlinked */
    int opens;               /* open files of it */
    uint32_t mode;
    struct abi_mq_attr attr;    /* mq_flags unused here: O_NONBLOCK is each open file's */
    struct mq_msg *msgs;        /* highest priority first, oldest first within one */
    struct wait_queue readable; /* receivers wait here for a message */
    struct wait_queue writable; /* senders wait here for room */
    /* mq_notify: the process registered (0: none) and what it asked for. */
    int notify_pid;
    struct abi_sigevent notify;
    struct mqueue *next;
};

static struct mqueue *queues; /* every queue alive, named or not */
static int live_queues;

static const struct file_ops mqueue_ops;

int mqueue_count(void) {
    return live_queues;
}

/* A name as POSIX leaves to the system and Linux takes it: '/' then 1..NAME_MAX bytes, no '/'. */
static int check_name(const char *name) {
    if (name[0] != '/' || name[1] == '\0' || strchr(name + 1, '/'))
        return -EINVAL;
    return strlen(name + 1) > NAME_MAX ? -ENAMETOOLONG : 0;
}

static struct mqueue *find(const char *name) {
    for (struct mqueue *q = queues; q; q = q->next) {
        if (q->name[0] && strcmp(q->name, name) == 0)
            return q;
    }
    return NULL;
}

/* Frees `q` once it has neither a name nor an open file. */
static void maybe_free(struct mqueue *q) {
    if (q->name[0] || q->opens)
        return;
    for (struct mqueue **pq = &queues; *pq; pq = &(*pq)->next) {
        if (*pq == q) {
            *pq = q->next;
            break;
        }
    }
    while (q->msgs) {
        struct mq_msg *m = q->msgs;
        q->msgs = m->next;
        kfree(m->data);
        kfree(m);
    }
    kfree(q);
    live_queues--;
}

static int make(const char *name, uint32_t mode, const struct abi_mq_attr *attr, struct mqueue **out) {
    struct abi_mq_attr a = {.mq_maxmsg = MQ_MAXMSG_DEFAULT, .mq_msgsize = MQ_MSGSIZE_DEFAULT};

    if (attr) {
        if (attr->mq_maxmsg <= 0 || attr->mq_maxmsg > MQ_MAXMSG_MAX || attr->mq_msgsize <= 0 ||
            attr->mq_msgsize > MQ_MSGSIZE_MAX)
            return -EINVAL;
        a.mq_maxmsg = attr->mq_maxmsg;
        a.mq_msgsize = attr->mq_msgsize;
    }
    if (live_queues >= MQ_QUEUES_MAX)
        return -ENOSPC;
    struct mqueue *q = kzalloc(sizeof(*q));
    if (!q)
        return -ENOMEM;
    strcpy(q->name, name);
    q->mode = mode & 07777;
    q->attr = a;
    q->next = queues;
    queues = q;
    live_queues++;
    *out = q;
    return 0;
}

int mqueue_open(const char *name, int flags, uint32_t mode, const struct abi_mq_attr *attr, struct file **out) {
    int err = check_name(name);

    if (err)
        return err;
    if ((flags & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    struct mqueue *q = find(name);
    bool made = false;
    if (q && (flags & O_CREAT) && (flags & O_EXCL))
        return -EEXIST;
    if (!q) {
        if (!(flags & O_CREAT))
            return -ENOENT;
        err = make(name, mode, attr, &q);
        if (err)
            return err;
        made = true;
    }
    struct file *f = file_new(&mqueue_ops, q, flags & (O_ACCMODE | O_NONBLOCK));
    if (!f) {
        if (made) {
            q->name[0] = '\0';
            maybe_free(q);
        }
        return -ENOMEM;
    }
    q->opens++;
    *out = f;
    return 0;
}

int mqueue_unlink(const char *name) {
    int err = check_name(name);

    if (err)
        return err;
    struct mqueue *q = find(name);
    if (!q)
        return -ENOENT;
    q->name[0] = '\0';
    maybe_free(q);
    return 0;
}

void mqueue_unlink_all(void) {
    for (struct mqueue *q = queues, *next; q; q = next) {
        next = q->next;
        q->name[0] = '\0';
        maybe_free(q);
    }
}

static struct mqueue *queue_of(struct file *f) {
    return f->ops == &mqueue_ops ? f->priv : NULL;
}

/*
 * Waits on `wq` (interrupts disabled) for the condition the caller checks again: 0 when woken,
 * -EAGAIN (O_NONBLOCK), -EINVAL (a bad timeout), -ETIMEDOUT (its time has come), -EINTR.
 */
static int wait_for(struct file *f, struct wait_queue *wq, const struct abi_timespec *timeout) {
    if (f->flags & O_NONBLOCK)
        return -EAGAIN;
    if (!timeout)
        return sleep_on(wq, true) ? -EINTR : 0;
    /* POSIX checks the time only when the call would wait. */
    if (timeout->tv_nsec < 0 || timeout->tv_nsec >= 1000000000)
        return -EINVAL;
    int64_t boot_ns = rtc_boot_seconds() * 1000000000LL;
    int64_t at = (int64_t)timeout->tv_sec * 1000000000LL + timeout->tv_nsec - boot_ns; /* on clock_ns */
    if (at <= (int64_t)clock_ns())
        return -ETIMEDOUT;
    /* The first tick at or after the time: never early. */
    uint64_t deadline = ((uint64_t)at + NS_PER_TICK - 1) / NS_PER_TICK;
    return sleep_on_until(wq, deadline) ? -EINTR : 0;
}

/* The process registered for `q`'s notification, if it still lives (its descriptors' close at its
 * end takes the registration with it, mqueue_close; a zombie's is gone too). */
static struct proc *registrant(struct mqueue *q) {
    struct proc *p = q->notify_pid ? proc_find(q->notify_pid) : NULL;

    if (!p || p->state == PROC_ZOMBIE) {
        q->notify_pid = 0;
        return NULL;
    }
    return p;
}

/* Tells the registered process, and removes the registration (POSIX: it is used once). */
static void notify(struct mqueue *q) {
    struct proc *p = registrant(q);

    q->notify_pid = 0;
    if (p && q->notify.sigev_notify == ABI_SIGEV_SIGNAL)
        signal_send_from(
            p, q->notify.sigev_signo,
            (struct signal_origin){
                .code = SI_MESGQ, .pid = current->pid, .uid = current->cred.uid, .value = q->notify.sigev_value});
}

int mqueue_notify(struct file *f, const struct abi_sigevent *ev) {
    struct mqueue *q = queue_of(f);

    if (!q)
        return -EBADF;
    bool irq = irq_save();
    int err = 0;
    struct proc *p = registrant(q);
    if (!ev) {
        if (p == current)
            q->notify_pid = 0; /* another's registration is not ours to remove */
    } else if (ev->sigev_notify != ABI_SIGEV_SIGNAL && ev->sigev_notify != ABI_SIGEV_NONE) {
        err = -EINVAL;
    } else if (ev->sigev_notify == ABI_SIGEV_SIGNAL && (ev->sigev_signo <= 0 || ev->sigev_signo >= NSIG)) {
        err = -EINVAL;
    } else if (p) {
        err = -EBUSY;
    } else {
        q->notify_pid = current->pid;
        q->notify = *ev;
    }
    irq_restore(irq);
    return err;
}

long mqueue_send(struct file *f, struct uaddr umsg, uint32_t len, uint32_t prio, const struct abi_timespec *timeout) {
    struct mqueue *q = queue_of(f);

    if (prio >= MQ_PRIO_MAX) /* Linux's order: the priority, the descriptor, the size */
        return -EINVAL;
    if (!q || !file_writable(f))
        return -EBADF;
    if (len > (uint32_t)q->attr.mq_msgsize)
        return -EMSGSIZE;
    /* The message is copied in before anything changes: a bad buffer sends nothing. */
    struct mq_msg *m = kmalloc(sizeof(*m));
    void *data = kmalloc(len ? len : 1);
    long err = 0;
    if (!m || !data) {
        err = -ENOMEM;
        goto out_free;
    }
    if (copy_from_user(data, umsg, len)) {
        err = -EFAULT;
        goto out_free;
    }
    *m = (struct mq_msg){.prio = prio, .len = len, .data = data};
    bool irq = irq_save();
    while (q->attr.mq_curmsgs >= q->attr.mq_maxmsg) {
        err = wait_for(f, &q->writable, timeout);
        if (err) {
            irq_restore(irq);
            goto out_free;
        }
    }
    struct mq_msg **pm = &q->msgs;
    while (*pm && (*pm)->prio >= prio)
        pm = &(*pm)->next;
    m->next = *pm;
    *pm = m;
    q->attr.mq_curmsgs++;
    if (q->attr.mq_curmsgs == 1 && !q->readable.head)
        notify(q); /* a message on the empty queue that no receiver takes */
    wake_all(&q->readable);
    file_poll_wake();
    irq_restore(irq);
    return 0;

out_free:
    kfree(m);
    kfree(data);
    return err;
}

long mqueue_receive(struct file *f, struct uaddr ubuf, uint32_t len, struct uaddr uprio,
                    const struct abi_timespec *timeout) {
    struct mqueue *q = queue_of(f);

    if (!q || !file_readable(f))
        return -EBADF;
    if (len < (uint32_t)q->attr.mq_msgsize)
        return -EMSGSIZE;
    bool irq = irq_save();
    long result;
    while (!q->msgs) {
        result = wait_for(f, &q->readable, timeout);
        if (result)
            goto out;
    }
    struct mq_msg *m = q->msgs;
    /* Taken off the queue only once everything reached the user. */
    if (copy_to_user(ubuf, m->data, m->len) ||
        (!uaddr_is_null(uprio) && copy_to_user(uprio, &m->prio, sizeof(m->prio)))) {
        result = -EFAULT;
        goto out;
    }
    q->msgs = m->next;
    q->attr.mq_curmsgs--;
    result = m->len;
    kfree(m->data);
    kfree(m);
    wake_all(&q->writable);
    file_poll_wake();
out:
    irq_restore(irq);
    return result;
}

int mqueue_getsetattr(struct file *f, const struct abi_mq_attr *new, struct abi_mq_attr *old) {
    struct mqueue *q = queue_of(f);

    if (!q)
        return -EBADF;
    if (new && (new->mq_flags & ~O_NONBLOCK))
        return -EINVAL;
    if (old) {
        *old = q->attr;
        old->mq_flags = f->flags & O_NONBLOCK;
    }
    if (new)
        f->flags = (f->flags & ~O_NONBLOCK) | (new->mq_flags &O_NONBLOCK);
    return 0;
}

/* POSIX: a process's registration goes with its descriptor (mq_close), and so at its end, before
 * another process can have its pid. */
static void mqueue_close(struct file *f, int owner) {
    struct mqueue *q = f->priv;
    bool irq = irq_save();

    if (q->notify_pid == owner)
        q->notify_pid = 0;
    irq_restore(irq);
}

static void mqueue_release(struct file *f) {
    struct mqueue *q = f->priv;

    q->opens--;
    maybe_free(q);
}

/* fstat: what Linux's mqueue file system shows of the queue that matters, its mode. */
static void mqueue_stat(struct file *f, struct abi_stat *st) {
    struct mqueue *q = f->priv;

    *st = (struct abi_stat){.st_mode = S_IFREG | q->mode, .st_nlink = q->name[0] ? 1 : 0, .st_blksize = 4096};
}

/* select: readable with a message in it, writable with room. */
static unsigned mqueue_poll(struct file *f) {
    struct mqueue *q = f->priv;
    unsigned ready = 0;

    if (q->msgs)
        ready |= FILE_POLL_IN;
    if (q->attr.mq_curmsgs < q->attr.mq_maxmsg)
        ready |= FILE_POLL_OUT;
    return ready;
}

static const struct file_ops mqueue_ops = {
    .stat = mqueue_stat,
    .release = mqueue_release,
    .close = mqueue_close,
    .poll = mqueue_poll,
};
