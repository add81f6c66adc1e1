/* POSIX semaphores, unnamed and named (<semaphore.h>). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int sem_init(sem_t *sem, int pshared, unsigned value) {
    if (value > SEM_VALUE_MAX) {
        errno = EINVAL;
        return -1;
    }
    sem->__value = (int)value;
    sem->__waiters = 0;
    sem->__pshared = pshared;
    return 0;
}

int sem_destroy(sem_t *sem) {
    if (sem->__waiters) {
        errno = EBUSY;
        return -1;
    }
    return 0;
}

static int try_take(sem_t *sem) {
    int v = __atomic_load_n(&sem->__value, __ATOMIC_ACQUIRE);
    while (v > 0) {
        if (__atomic_compare_exchange_n(&sem->__value, &v, v - 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 1;
    }
    return 0;
}

/*
 * A sleeper counts itself in __waiters before its futex wait checks that the value is still 0;
 * sem_post raises the value before it reads __waiters. So either the post sees the waiter and
 * wakes it, or the waiter's futex wait sees the new value and does not sleep.
 */
static int sem_wait_until(sem_t *sem, const struct timespec *abstime) {
    __testcancel();
    for (;;) {
        if (try_take(sem))
            return 0;
        struct timespec rel;
        if (abstime) {
            int e = __abs_to_rel(CLOCK_REALTIME, abstime, &rel);
            if (e) {
                errno = e;
                return -1;
            }
        }
        __atomic_fetch_add(&sem->__waiters, 1, __ATOMIC_SEQ_CST);
        int r = __futex_wait_cp(&sem->__value, 0, abstime ? &rel : NULL);
        __atomic_fetch_sub(&sem->__waiters, 1, __ATOMIC_SEQ_CST);
        if (r == -ECANCELED)
            __testcancel(); /* a post that woke us first is taken above, not lost */
        if (r == -ETIMEDOUT || r == -EINTR) {
            errno = -r;
            return -1;
        }
    }
}

int sem_wait(sem_t *sem) {
    return sem_wait_until(sem, NULL);
}

int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime) {
    return sem_wait_until(sem, abstime);
}

int sem_trywait(sem_t *sem) {
    if (try_take(sem))
        return 0;
    errno = EAGAIN;
    return -1;
}

int sem_post(sem_t *sem) {
    int v = __atomic_load_n(&sem->__value, __ATOMIC_RELAXED);
    do {
        if (v == SEM_VALUE_MAX) {
            errno = EOVERFLOW;
            return -1;
        }
    } while (!__atomic_compare_exchange_n(&sem->__value, &v, v + 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
    if (__atomic_load_n(&sem->__waiters, __ATOMIC_SEQ_CST) > 0)
        __futex_wake(&sem->__value, 1);
    return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value) {
    *value = sem->__value;
    return 0;
}

/* ---- named semaphores ---- */

#define SEM_DIR "/tmp"
#define SEM_PREFIX "/tmp/sem."

static volatile int named_lock;
static struct named {
    char name[NAME_MAX + 1];
    sem_t *sem;
    int refs;
} named[SEM_NSEMS_MAX];

/* "/NAME" to SEM_PREFIX "NAME"; 0, or -1 with errno. */
static int sem_path(const char *name, char *path) {
    if (name[0] == '/')
        name++;
    size_t len = strlen(name);
    if (len == 0 || strchr(name, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (len + 4 > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(path, SEM_PREFIX);
    strcat(path, name);
    return 0;
}

/*
 * Makers and openers of names take a write lock on SEM_LOCK (a record lock: other processes; the
 * threads of this one are kept apart by named_lock) from before the maker's O_EXCL open to after
 * the opener's fstat: otherwise an opener could find the file between its making and its filling
 * (size 0: EINVAL, as POSIX's fork/1-1 saw with a parent and child racing to create). No name maps
 * to SEM_LOCK (they all start with SEM_PREFIX). The descriptor is closed in the end, which drops
 * the lock, also when the process dies holding it.
 */
#define SEM_LOCK "/tmp/.sem-lock"

static int sem_lock_dir(void) {
    int fd = open(SEM_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0)
        return -1;
    /* Every user's sem_open opens it for writing: 0666 whatever the maker's umask (its owner's
     * call; another user's fails with EPERM and changes nothing). */
    fchmod(fd, 0666);
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    while (fcntl(fd, F_SETLKW, &fl) != 0) {
        if (errno != EINTR) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
    }
    return fd;
}

/* The file of the semaphore at `path`, made (O_CREAT) and filled with `value` if it is not
 * there, as a descriptor open for reading and writing; -1 with errno. */
static int sem_file(const char *path, int oflag, mode_t mode, unsigned value) {
    int lock = sem_lock_dir();
    if (lock < 0)
        return -1;
    int fd = -1, err = 0;
    if (oflag & O_CREAT) {
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0) {
            /* Ours to fill: the file holds the semaphore from its first byte. */
            sem_t init = {.__value = (int)value, .__pshared = 1};
            if (write(fd, &init, sizeof(init)) != (ssize_t)sizeof(init)) {
                err = errno;
                unlink(path);
            }
        } else if (errno != EEXIST || (oflag & O_EXCL)) {
            err = errno;
        }
    }
    if (fd < 0 && !err) {
        fd = open(path, O_RDWR | O_CLOEXEC);
        struct stat st;
        if (fd < 0)
            err = errno;
        else if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(sem_t))
            err = EINVAL; /* not a semaphore this libc made */
    }
    close(lock);
    if (err) {
        if (fd >= 0)
            close(fd);
        errno = err;
        return -1;
    }
    return fd;
}

/* Not a cancellation point: it holds named_lock and the directory's lock across its calls, which a
 * thread ending inside would leave taken, and a half-made name behind it. */
sem_t *sem_open(const char *name, int oflag, ...) {
    char path[PATH_MAX];
    if (sem_path(name, path))
        return SEM_FAILED;
    mode_t mode = 0;
    unsigned value = 0;
    if (oflag & O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        mode = va_arg(ap, mode_t);
        value = va_arg(ap, unsigned);
        va_end(ap);
        if (value > SEM_VALUE_MAX) {
            errno = EINVAL;
            return SEM_FAILED;
        }
        int saved = errno;
        if (mkdir(SEM_DIR, 01777) != 0)
            errno = saved; /* it is there already (or the open below says why not) */
    }

    int cancel;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);
    __lock(&named_lock);
    sem_t *result = SEM_FAILED;
    int fd = sem_file(path, oflag, mode, value);
    if (fd < 0)
        goto out;
    /* Already open in this process: the same semaphore, one more reference. */
    for (int i = 0; i < SEM_NSEMS_MAX; i++) {
        if (named[i].refs && strcmp(named[i].name, path) == 0) {
            named[i].refs++;
            close(fd);
            result = named[i].sem;
            goto out;
        }
    }
    int slot = -1;
    for (int i = 0; i < SEM_NSEMS_MAX && slot < 0; i++)
        if (named[i].refs == 0)
            slot = i;
    if (slot < 0) {
        close(fd);
        errno = EMFILE;
        goto out;
    }
    void *p = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int e = errno;
    close(fd); /* the mapping keeps the file */
    errno = e;
    if (p == MAP_FAILED)
        goto out;
    strcpy(named[slot].name, path);
    named[slot].sem = p;
    named[slot].refs = 1;
    result = p;
out:
    __unlock(&named_lock);
    pthread_setcancelstate(cancel, NULL);
    return result;
}

int sem_close(sem_t *sem) {
    __lock(&named_lock);
    for (int i = 0; i < SEM_NSEMS_MAX; i++) {
        if (named[i].refs && named[i].sem == sem) {
            if (--named[i].refs == 0)
                munmap(sem, sizeof(sem_t));
            __unlock(&named_lock);
            return 0;
        }
    }
    __unlock(&named_lock);
    errno = EINVAL;
    return -1;
}

int sem_unlink(const char *name) {
    char path[PATH_MAX];
    if (sem_path(name, path))
        return -1;
    __lock(&named_lock);
    /* A later sem_open of the name is a new semaphore, even in this process. */
    for (int i = 0; i < SEM_NSEMS_MAX; i++)
        if (named[i].refs && strcmp(named[i].name, path) == 0)
            named[i].name[0] = '\0';
    int r = unlink(path);
    __unlock(&named_lock);
    return r;
}
