/*
 * POSIX per-process timers (<time.h>): the kernel keeps them (proc/ptimer.c), and a timer_t is the
 * kernel's id. SIGEV_THREAD is the libc's: the kernel only counts such a timer's expiries, and a
 * thread made for the timer collects them (timer_wait) and calls the function, once per
 * collection; it ends when the timer is deleted (timer_wait then fails with EINVAL).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "internal.h"

struct notifier {
    int id;
    void (*function)(union sigval);
    union sigval value;
};

static void *notify_loop(void *arg) {
    struct notifier *n = arg;

    for (;;) {
        long r = __sys_timer_wait(n->id);
        if (r == -EINTR)
            continue;
        if (r < 0)
            break; /* the timer is gone */
        n->function(n->value);
    }
    free(n);
    return NULL;
}

/* The thread of SIGEV_THREAD timer `id`: every signal blocked (a signal for the process goes to
 * the program's own threads), detached (nobody joins it). 0 or an error number. */
static int start_notifier(int id, const struct sigevent *event) {
    struct notifier *n = malloc(sizeof(*n));
    if (!n)
        return EAGAIN;
    *n = (struct notifier){.id = id, .function = event->sigev_notify_function, .value = event->sigev_value};
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* the new thread starts with the creator's mask */
    pthread_t thread;
    int err = pthread_create(&thread, event->sigev_notify_attributes, notify_loop, n);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        free(n);
        return err;
    }
    pthread_detach(thread);
    return 0;
}

int timer_create(clockid_t clock, struct sigevent *restrict event, timer_t *restrict timer) {
    /* The kernel writes the id (so a bad `timer` is EFAULT with no timer made). */
    long r = __sys_timer_create(clock, event, timer);
    if (r < 0)
        return (int)__result(r);
    if (event && event->sigev_notify == SIGEV_THREAD) {
        int err = event->sigev_notify_function ? start_notifier(*timer, event) : EINVAL;
        if (err) {
            __sys_timer_delete(*timer);
            errno = err;
            return -1;
        }
    }
    return 0;
}

int timer_settime(timer_t timer, int flags, const struct itimerspec *restrict value, struct itimerspec *restrict old) {
    return (int)__result(__sys_timer_settime(timer, flags, value, old));
}

int timer_gettime(timer_t timer, struct itimerspec *value) {
    return (int)__result(__sys_timer_gettime(timer, value));
}

int timer_getoverrun(timer_t timer) {
    return (int)__result(__sys_timer_getoverrun(timer));
}

int timer_delete(timer_t timer) {
    return (int)__result(__sys_timer_delete(timer));
}
