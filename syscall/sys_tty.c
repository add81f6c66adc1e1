/* Terminal calls: ioctl, through which the libc's termios functions reach a terminal (fs/tty.c). */
#include "internal.h"
#include <abi/errno.h>
#include <fs/file.h>

/* `arg` is a number or a user address, as `request` says: the device turns it into a struct
 * uaddr where it is one (abi/termios.h lists the requests). */
long sys_ioctl(int fd, uint32_t request, uint32_t arg) {
    struct file *f = fd_get(fd);

    if (!f)
        return -EBADF;
    return f->ops->ioctl ? f->ops->ioctl(f, request, arg) : -ENOTTY;
}
