/* POSIX message queues: wrappers over the kernel's mq_* calls (<mqueue.h>). */
#include <errno.h>
#include <mqueue.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include "internal.h"

_Static_assert(sizeof(struct mq_attr) == sizeof(struct abi_mq_attr), "struct mq_attr is the kernel's");

mqd_t mq_open(const char *name, int oflag, ...) {
    mode_t mode = 0;
    struct mq_attr *attr = NULL;

    if (oflag & O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        mode = va_arg(ap, mode_t);
        attr = va_arg(ap, struct mq_attr *);
        va_end(ap);
    }
    return (mqd_t)__result(__sys_mq_open(name, oflag, mode, attr));
}

int mq_close(mqd_t mqd) {
    /* The caller's notification request goes with its descriptor: the kernel's close does it. */
    return __close_nocancel(mqd); /* not a cancellation point, unlike close */
}

int mq_unlink(const char *name) {
    return (int)__result(__sys_mq_unlink(name));
}

int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned prio, const struct timespec *abs_timeout) {
    return (int)__result(__sys_cp_mq_timedsend(mqd, msg, len, prio, abs_timeout));
}

int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned prio) {
    return mq_timedsend(mqd, msg, len, prio, NULL);
}

ssize_t mq_timedreceive(mqd_t mqd, char *buf, size_t len, unsigned *prio, const struct timespec *abs_timeout) {
    return (ssize_t)__result(__sys_cp_mq_timedreceive(mqd, buf, len, prio, abs_timeout));
}

ssize_t mq_receive(mqd_t mqd, char *buf, size_t len, unsigned *prio) {
    return mq_timedreceive(mqd, buf, len, prio, NULL);
}

int mq_getattr(mqd_t mqd, struct mq_attr *attr) {
    return (int)__result(__sys_mq_getsetattr(mqd, NULL, attr));
}

int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old) {
    return (int)__result(__sys_mq_getsetattr(mqd, attr, old));
}

_Static_assert(offsetof(struct sigevent, sigev_notify) == offsetof(struct abi_sigevent, sigev_notify),
               "struct sigevent begins as the kernel's struct abi_sigevent");
int mq_notify(mqd_t mqd, const struct sigevent *notification) {
    return (int)__result(__sys_mq_notify(mqd, notification));
}
