/* POSIX message queues (mq_open and its kin; docs/syscalls.md): attributes and limits. */
#ifndef ABI_MQUEUE_H
#define ABI_MQUEUE_H

#include <stdint.h>

/* mq_getattr's answer and mq_open's request (Linux i386's layout without its padding). */
struct abi_mq_attr {
    int32_t mq_flags;   /* 0 or O_NONBLOCK: the open queue's, shared by its descriptors */
    int32_t mq_maxmsg;  /* messages the queue holds at most (1 .. MQ_MAXMSG_MAX) */
    int32_t mq_msgsize; /* bytes of a message at most (1 .. MQ_MSGSIZE_MAX) */
    int32_t mq_curmsgs; /* messages in it now */
};

#define MQ_PRIO_MAX 32768       /* priorities are 0 .. MQ_PRIO_MAX - 1, higher received first */
#define MQ_MAXMSG_MAX 64        /* the largest mq_maxmsg */
#define MQ_MSGSIZE_MAX 4096     /* the largest mq_msgsize: one page of kernel memory a message */
#define MQ_MAXMSG_DEFAULT 10    /* a queue made without attributes (Linux's default)... */
#define MQ_MSGSIZE_DEFAULT 4096 /* ...and its message size (Linux: 8192) */
#define MQ_QUEUES_MAX 32        /* queues in the system at once (named or not yet freed) */

#endif
