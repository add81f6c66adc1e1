/* The interval timer calls (docs/syscalls.md): checks around proc/itimer.c. */
#include "internal.h"
#include <abi/errno.h>
#include <abi/time.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

static bool timeval_ok(const struct abi_timeval *tv) {
    return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* Only ITIMER_REAL exists; a bad value fails before `old` is touched, and `old` is proven
 * writable before the timer changes (no partial effects). */
long sys_setitimer(int which, struct uaddr uvalue, struct uaddr uold) {
    struct abi_itimerval value, old;

    if (which != ITIMER_REAL)
        return -EINVAL;
    if (copy_from_user(&value, uvalue, sizeof(value)))
        return -EFAULT;
    if (!timeval_ok(&value.it_value) || !timeval_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && user_prove_writable(uold, sizeof(old)))
        return -EFAULT;
    itimer_real_set(&value, &old);
    if (!uaddr_is_null(uold) && copy_to_user(uold, &old, sizeof(old)))
        return -EFAULT; /* cannot happen: proven writable, and nothing ran in between */
    return 0;
}

long sys_getitimer(int which, struct uaddr uvalue) {
    struct abi_itimerval value;

    if (which != ITIMER_REAL)
        return -EINVAL;
    itimer_real_set(NULL, &value);
    return copy_to_user(uvalue, &value, sizeof(value)) ? -EFAULT : 0;
}
