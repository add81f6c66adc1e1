/* Basic system types. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef int ssize_t;
typedef int32_t off_t;
typedef uint32_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t dev_t;
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef int32_t time_t;
typedef int32_t blksize_t;
typedef int32_t blkcnt_t;
typedef int32_t suseconds_t;
typedef uint32_t useconds_t;
typedef int clockid_t;
typedef int timer_t; /* a POSIX timer: the kernel's id for it in the process */
typedef long clock_t;

/*
 * The threads' types (<pthread.h> documents them). Their fields are the libc's own: a program
 * uses only the calls and the static initializers. Every object works with zero bytes as its
 * default state, so the initializers are zeros.
 */
typedef struct __pthread *pthread_t;
typedef unsigned pthread_key_t;
typedef int pthread_once_t;
typedef struct {
    int __detachstate, __inheritsched, __policy, __scope, __priority;
    size_t __stacksize, __guardsize;
    void *__stackaddr;
} pthread_attr_t;
typedef struct {
    volatile int __lock;  /* 0 free, 1 held, 2 held with (possible) waiters: the futex word */
    int __type;           /* PTHREAD_MUTEX_NORMAL/RECURSIVE/ERRORCHECK */
    volatile int __owner; /* the holder's thread id (recursive and error-checking mutexes) */
    int __count;          /* recursive: times the holder locked it */
    int __pshared;
} pthread_mutex_t;
typedef struct {
    int __type, __pshared;
} pthread_mutexattr_t;
typedef struct {
    volatile unsigned __seq; /* bumped by each signal and broadcast: the futex word waiters sleep on */
    int __clock;             /* what a timed wait's absolute time is measured on */
    int __pshared;
} pthread_cond_t;
typedef struct {
    int __clock, __pshared;
} pthread_condattr_t;
typedef struct {
    volatile int __lock;     /* guards the fields below (a futex lock) */
    volatile unsigned __seq; /* bumped at each release: the futex word waiters sleep on */
    int __readers;           /* read locks held */
    int __writer;            /* the write holder's thread id, 0 when none */
    int __pshared;
} pthread_rwlock_t;
typedef struct {
    int __pshared;
} pthread_rwlockattr_t;
typedef struct {
    volatile int __lock;
    volatile unsigned __seq; /* bumped when a round completes: the futex word */
    unsigned __count, __waiting;
} pthread_barrier_t;
typedef struct {
    int __pshared;
} pthread_barrierattr_t;
typedef volatile int pthread_spinlock_t;

#endif
