/* Open files: reference counting (see fs/file.h). */
#include <abi/fcntl.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>

static int open_files; /* struct files alive, for the leak check at power-off */

struct file *file_new(const struct file_ops *ops, void *priv, int flags) {
    struct file *f = kmalloc(sizeof(*f));

    if (f) {
        *f = (struct file){.refs = 1, .flags = flags, .ops = ops, .priv = priv};
        open_files++;
    }
    return f;
}

int file_count(void) {
    return open_files;
}

void file_ref(struct file *f) {
    f->refs++;
}

void file_put(struct file *f) {
    ASSERT_MSG(f->refs > 0, "file_put of a released file");
    if (--f->refs == 0) {
        if (f->ops->release)
            f->ops->release(f);
        vnode_put(f->vnode);
        kfree(f);
        open_files--;
    }
}

struct wait_queue file_poll_queue;

unsigned file_poll(struct file *f) {
    unsigned ready = f->ops->poll ? f->ops->poll(f) : FILE_POLL_IN | FILE_POLL_OUT;

    if (!file_readable(f))
        ready &= ~FILE_POLL_IN;
    if (!file_writable(f))
        ready &= ~FILE_POLL_OUT;
    return ready;
}
