/*
 * POSIX message queues (fs/mqueue.c): named queues of messages with priorities, each open one a
 * struct file (a descriptor, as in Linux), so dup, fork and close work on them as on any file and
 * O_NONBLOCK is the open file's, shared by the descriptors fork and dup make.
 *
 * A queue has a name ("/" then 1..NAME_MAX bytes without '/') in one namespace for the whole
 * system, until mq_unlink removes the name; it lives while it has a name or an open file. A
 * message is kept in kernel memory (at most MQ_MSGSIZE_MAX bytes); receiving takes the oldest
 * message of the highest priority. Senders wait while the queue is full, receivers while it is
 * empty, unless O_NONBLOCK (EAGAIN); a timeout is absolute, on CLOCK_REALTIME.
 *
 * Concurrency: no operation sleeps but the waits, after which everything is looked at again.
 */
#ifndef FS_MQUEUE_H
#define FS_MQUEUE_H

#include <abi/mqueue.h>
#include <abi/time.h>
#include <fs/file.h>
#include <mm/usercopy.h>

/*
 * Opens the queue `name` (a kernel string) for `flags` (O_RDONLY, O_WRONLY, O_RDWR; O_CREAT with
 * `mode` and `attr` (NULL: the defaults), O_EXCL, O_NONBLOCK) into a new file. -ENOENT (no such
 * queue, no O_CREAT), -EEXIST (O_CREAT | O_EXCL and it exists), -EINVAL (a bad name, access mode or
 * attributes when it is made), -ENAMETOOLONG, -ENOSPC (MQ_QUEUES_MAX queues), -ENOMEM.
 */
int mqueue_open(const char *name, int flags, uint32_t mode, const struct abi_mq_attr *attr, struct file **out);
/* Removes the name; the queue goes with its last open file. -ENOENT, -EINVAL, -ENAMETOOLONG. */
int mqueue_unlink(const char *name);
/*
 * Sends `len` bytes from the user buffer with priority `prio`; waits while the queue is full
 * (until *timeout, an absolute CLOCK_REALTIME time, when it is not NULL). 0, -EBADF (not a queue
 * open for writing), -EMSGSIZE (len > mq_msgsize), -EINVAL (prio >= MQ_PRIO_MAX; a timeout whose
 * tv_nsec is out of range, when it would wait), -EAGAIN (full and O_NONBLOCK), -ETIMEDOUT,
 * -EINTR, -EFAULT, -ENOMEM. A failure sends nothing.
 */
long mqueue_send(struct file *f, struct uaddr msg, uint32_t len, uint32_t prio, const struct abi_timespec *timeout);
/*
 * Receives the oldest message of the highest priority into the user buffer (`len` bytes, at
 * least mq_msgsize), its priority at `uprio` (may be null); the same waiting. Its length, or
 * -EBADF (not a queue open for reading), -EMSGSIZE (len < mq_msgsize), -EAGAIN, -ETIMEDOUT,
 * -EINVAL, -EINTR, -EFAULT (the message stays in the queue).
 */
long mqueue_receive(struct file *f, struct uaddr buf, uint32_t len, struct uaddr uprio,
                    const struct abi_timespec *timeout);
/* mq_getattr (*old, may be NULL) and mq_setattr (*new, may be NULL: only O_NONBLOCK of mq_flags
 * changes; other flags are -EINVAL). -EBADF (not a queue). */
int mqueue_getsetattr(struct file *f, const struct abi_mq_attr *new, struct abi_mq_attr *old);
/*
 * mq_notify: registers the calling process to be told (`ev`, a kernel copy: SIGEV_SIGNAL or
 * SIGEV_NONE) when a message arrives on the queue while it is empty and no receiver waits; the
 * registration is used once, and goes with the process (its end). NULL removes the caller's own
 * registration (another's stays). 0, -EBADF (not a queue), -EBUSY (a live process is registered,
 * the caller included), -EINVAL (another sigev_notify, a bad signal).
 */
struct abi_sigevent;
int mqueue_notify(struct file *f, const struct abi_sigevent *ev);
/* Queues alive in the system (the leak check at power-off). */
int mqueue_count(void);
/* Power-off: removes every name, so that queues no process has open go. */
void mqueue_unlink_all(void);

#endif
