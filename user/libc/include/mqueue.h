/*
 * POSIX message queues. A queue descriptor is a file descriptor (as in Linux): fork gives the
 * child the same open queues (O_NONBLOCK shared with the parent, as POSIX's "same open message
 * queue description" asks), exec closes them, mq_close is close. docs/syscalls.md has the calls.
 */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <abi/mqueue.h> /* MQ_PRIO_MAX and the limits */
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <time.h>

typedef int mqd_t;

struct mq_attr {
    long mq_flags;   /* 0 or O_NONBLOCK */
    long mq_maxmsg;  /* mq_open: 1 .. MQ_MAXMSG_MAX (default MQ_MAXMSG_DEFAULT) */
    long mq_msgsize; /* mq_open: 1 .. MQ_MSGSIZE_MAX (default MQ_MSGSIZE_DEFAULT) */
    long mq_curmsgs;
};

/* mq_open(name, oflag) or, with O_CREAT, mq_open(name, oflag, mode_t mode, struct mq_attr *attr
 * (NULL: the defaults)). The name is "/" then 1..NAME_MAX bytes without '/'. (mqd_t)-1 with errno. */
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t mqd);
int mq_unlink(const char *name);
/* Waits while the queue is full (empty), unless O_NONBLOCK (EAGAIN); the timed ones until an
 * absolute CLOCK_REALTIME time (ETIMEDOUT). */
int mq_send(mqd_t mqd, const char *msg, size_t len, unsigned prio);
int mq_timedsend(mqd_t mqd, const char *msg, size_t len, unsigned prio, const struct timespec *abs_timeout);
ssize_t mq_receive(mqd_t mqd, char *buf, size_t len, unsigned *prio);
ssize_t mq_timedreceive(mqd_t mqd, char *buf, size_t len, unsigned *prio, const struct timespec *abs_timeout);
int mq_getattr(mqd_t mqd, struct mq_attr *attr);
/* Only O_NONBLOCK of mq_flags changes (other flags: EINVAL); *old (may be NULL) gets the old ones. */
int mq_setattr(mqd_t mqd, const struct mq_attr *attr, struct mq_attr *old);
/* Not offered: -1 with ENOSYS (a signal or thread when a message arrives in an empty queue). */
struct sigevent;
int mq_notify(mqd_t mqd, const struct sigevent *notification);

#endif
