/*
 * Pipes: a 4 KiB ring buffer between a read end and a write end (see fs/file.h).
 *
 * Reads block while the pipe is empty and some write end is open; once every write end is closed
 * in every process, an empty pipe reads as end of file. Writes of at most PIPE_BUF_SIZE bytes are
 * atomic (they wait for room for all of it); a write with no read end left fails with EPIPE and
 * sends SIGPIPE. Buffer state changes with interrupts disabled, then waiters are woken.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/cpu.h>
#include <fs/file.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>

struct pipe {
    uint8_t *buf;
    uint32_t head; /* next byte to read */
    uint32_t count;
    int readers, writers;
    struct wait_queue readable, writable;
};

static int live_pipes; /* for the leak check at power-off */

int pipe_count(void) {
    return live_pipes;
}

/*
 * Copies up to `n` bytes from the ring to the user (at most two runs: the data may wrap around
 * the buffer's end) and consumes what reached the user. Returns the bytes moved (0 < result <= n
 * when p->count > 0), or -EFAULT when not even the first byte did. Interrupts disabled.
 */
static long pipe_take(struct pipe *p, struct uaddr ubuf, size_t n) {
    size_t want = n < p->count ? n : p->count;
    size_t run = PIPE_BUF_SIZE - p->head;

    if (run > want)
        run = want;
    if (copy_to_user(ubuf, p->buf + p->head, run))
        return -EFAULT;
    if (run < want && !copy_to_user(user_offset(ubuf, run), p->buf, want - run))
        run = want; /* the wrapped rest, from the buffer's start */
    p->head = (p->head + run) % PIPE_BUF_SIZE;
    p->count -= run;
    return (long)run;
}

/* The same into the ring: up to `n` bytes, at most the room there is, in at most two runs.
 * Returns the bytes stored, or -EFAULT when not even the first byte could be read. */
static long pipe_put(struct pipe *p, struct uaddr ubuf, size_t n) {
    size_t room = PIPE_BUF_SIZE - p->count;
    size_t want = n < room ? n : room;
    size_t tail = (p->head + p->count) % PIPE_BUF_SIZE;
    size_t run = PIPE_BUF_SIZE - tail;

    if (run > want)
        run = want;
    if (copy_from_user(p->buf + tail, ubuf, run))
        return -EFAULT;
    if (run < want && !copy_from_user(p->buf, user_offset(ubuf, run), want - run))
        run = want;
    p->count += run;
    return (long)run;
}

static long pipe_read(struct file *f, struct uaddr ubuf, size_t n) {
    struct pipe *p = f->priv;
    long result = 0;

    if (n == 0)
        return 0;
    bool irq = irq_save();
    while (p->count == 0) {
        if (p->writers == 0)
            goto out; /* end of file */
        if (f->flags & O_NONBLOCK) {
            result = -EAGAIN;
            goto out;
        }
        if (sleep_on(&p->readable, true)) {
            result = -EINTR;
            goto out;
        }
    }
    result = pipe_take(p, ubuf, n);
    if (result > 0) {
        wake_all(&p->writable);
        file_poll_wake();
    }
out:
    irq_restore(irq);
    return result;
}

static long pipe_write(struct file *f, struct uaddr ubuf, size_t n) {
    struct pipe *p = f->priv;
    size_t done = 0;
    long err = 0;
    bool irq = irq_save();

    /* The common write: a reader, and room for all of it now (1 <= n <= room), which is what the
     * loop below would find too, in one round: one pipe_put, no waiting. */
    if (p->readers > 0 && n - 1 < PIPE_BUF_SIZE - p->count) {
        err = pipe_put(p, ubuf, n);
        if (err > 0) {
            wake_all(&p->readable);
            file_poll_wake();
        }
        irq_restore(irq);
        return err;
    }
    while (done < n) {
        size_t need = n - done <= PIPE_BUF_SIZE ? n - done : 1; /* small writes go in whole */
        while (p->readers > 0 && PIPE_BUF_SIZE - p->count < need) {
            if (f->flags & O_NONBLOCK) {
                err = -EAGAIN;
                goto out;
            }
            if (sleep_on(&p->writable, true)) {
                err = -EINTR;
                goto out;
            }
        }
        if (p->readers == 0) {
            signal_send(current, SIGPIPE);
            err = -EPIPE;
            goto out;
        }
        long run = pipe_put(p, user_offset(ubuf, done), n - done);
        if (run < 0) {
            err = run;
            goto out;
        }
        done += (size_t)run;
        wake_all(&p->readable);
        file_poll_wake();
    }
out:
    irq_restore(irq);
    return done ? (long)done : err;
}

static void pipe_stat(struct file *f, struct abi_stat *st) {
    struct pipe *p = f->priv;

    st->st_mode = S_IFIFO | 0600;
    st->st_size = (int32_t)p->count;
    st->st_blksize = PIPE_BUF_SIZE;
}

static void pipe_release(struct file *f) {
    struct pipe *p = f->priv;

    if (file_readable(f))
        p->readers--;
    else
        p->writers--;
    wake_all(&p->readable);
    wake_all(&p->writable);
    file_poll_wake();
    if (p->readers == 0 && p->writers == 0) {
        kfree(p->buf);
        kfree(p);
        live_pipes--;
    }
}

/* The read end: data, or no writer left (end of file). The write end: room for a byte (as Linux;
 * a larger atomic write may still wait), or no reader left (EPIPE). */
static unsigned pipe_poll(struct file *f) {
    struct pipe *p = f->priv;

    if (file_readable(f))
        return p->count > 0 || p->writers == 0 ? FILE_POLL_IN : 0;
    return p->count < PIPE_BUF_SIZE || p->readers == 0 ? FILE_POLL_OUT : 0;
}

static const struct file_ops pipe_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .stat = pipe_stat,
    .release = pipe_release,
    .poll = pipe_poll,
};

int pipe_create(struct file **rd, struct file **wr) {
    struct pipe *p = kzalloc(sizeof(*p));

    if (!p)
        return -ENOMEM;
    p->buf = kmalloc(PIPE_BUF_SIZE);
    *rd = p->buf ? file_new(&pipe_ops, p, O_RDONLY) : NULL;
    if (!*rd) {
        kfree(p->buf);
        kfree(p);
        return -ENOMEM;
    }
    wait_queue_init(&p->readable);
    wait_queue_init(&p->writable);
    /* The read end owns the pipe from here: releasing the last end frees it (pipe_release), and
     * a file is only ever released by file_put, which keeps the count of open files. */
    p->readers = 1;
    live_pipes++;
    *wr = file_new(&pipe_ops, p, O_WRONLY);
    if (!*wr) {
        file_put(*rd);
        return -ENOMEM;
    }
    p->writers = 1;
    return 0;
}
