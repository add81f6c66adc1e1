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
/* Registers the process to be told, once, when a message arrives on the queue while it is empty
 * and no receiver waits: SIGEV_SIGNAL (the signal, si_code SI_MESGQ, si_value sigev_value) or
 * SIGEV_NONE; NULL removes its registration (mq_close does too). -1 with EBUSY (a process is
 * registered, the caller too), EINVAL (SIGEV_THREAD is not offered; a bad signal), EBADF, EFAULT. */
struct sigevent;
int mq_notify(mqd_t mqd, const struct sigevent *notification);

#endif
