/*
 * POSIX semaphores (docs/libc.md). A semaphore is a counter in user memory that sem_wait sleeps
 * on with a futex wait: an unnamed one (sem_init) is shared between processes when it sits in
 * MAP_SHARED memory and pshared is set; a named one (sem_open) is a file of /tmp (/tmp/sem.NAME)
 * mapped MAP_SHARED, so every process that opens the name, and every child forked from one that
 * did, uses the same counter. Calls return 0, or -1 with errno.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <fcntl.h>
#include <limits.h>
#include <time.h>

typedef struct {
    volatile int __value;   /* the count: the futex word */
    volatile int __waiters; /* threads asleep (or about to be) in sem_wait */
    int __pshared;
} sem_t;

#define SEM_FAILED ((sem_t *)0)
#define SEM_VALUE_MAX INT_MAX
#define SEM_NSEMS_MAX 256 /* no limit of its own: descriptors and memory are the limits */

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *restrict sem, int *restrict value);

/* Named semaphores: `name` is "/NAME", NAME without '/', at most NAME_MAX - 4 bytes. With O_CREAT
 * the third and fourth arguments are (mode_t mode, unsigned value). The same name opened twice in
 * one process gives the same sem_t *, closed by as many sem_close calls. */
sem_t *sem_open(const char *name, int oflag, ...);
int sem_close(sem_t *sem);
int sem_unlink(const char *name);

#endif
