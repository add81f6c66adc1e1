/* Calls about time (docs/syscalls.md): the interval timer (checks around proc/itimer.c) and
 * select, which waits for descriptors with a timeout. */
#include "internal.h"
#include <abi/errno.h>
#include <abi/select.h>
#include <abi/time.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <fs/file.h>
#include <lib/string.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

static bool timeval_ok(const struct abi_timeval *tv) {
    return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* A bad value fails before `old` is touched, and `old` is proven writable before the timer
 * changes (no partial effects). */
long sys_setitimer(int which, struct uaddr uvalue, struct uaddr uold) {
    struct abi_itimerval value, old;

    if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
        return -EINVAL;
    if (copy_from_user(&value, uvalue, sizeof(value)))
        return -EFAULT;
    if (!timeval_ok(&value.it_value) || !timeval_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && user_prove_writable(uold, sizeof(old)))
        return -EFAULT;
    if (which == ITIMER_REAL)
        itimer_real_set(&value, &old);
    else
        itimer_cpu_set(which, &value, &old);
    if (!uaddr_is_null(uold) && copy_to_user(uold, &old, sizeof(old)))
        return -EFAULT; /* cannot happen: proven writable, and nothing ran in between */
    return 0;
}

long sys_getitimer(int which, struct uaddr uvalue) {
    struct abi_itimerval value;

    if (which == ITIMER_REAL)
        itimer_real_set(NULL, &value);
    else if (which == ITIMER_VIRTUAL || which == ITIMER_PROF)
        itimer_cpu_set(which, NULL, &value);
    else
        return -EINVAL;
    return copy_to_user(uvalue, &value, sizeof(value)) ? -EFAULT : 0;
}

/* --- POSIX timers (proc/ptimer.c) ------------------------------------------------------------ */

static bool timespec_ok(const struct abi_timespec *ts) {
    return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000;
}

/* The id is written to a place proven writable first, so a bad pointer leaves no timer behind. */
long sys_timer_create(int clock, struct uaddr uevent, struct uaddr uid) {
    struct abi_sigevent event;
    bool given = !uaddr_is_null(uevent);
    int id;

    if (given && copy_from_user(&event, uevent, sizeof(event)))
        return -EFAULT;
    if (user_prove_writable(uid, sizeof(id)))
        return -EFAULT;
    int err = ptimer_create(clock, given ? &event : NULL, &id);
    if (err)
        return err;
    if (copy_to_user(uid, &id, sizeof(id))) {
        ptimer_delete(id); /* cannot happen: proven writable, and nothing ran in between */
        return -EFAULT;
    }
    return 0;
}

long sys_timer_settime(int id, int flags, struct uaddr uvalue, struct uaddr uold) {
    struct abi_itimerspec value, old;

    if (flags & ~TIMER_ABSTIME)
        return -EINVAL;
    if (copy_from_user(&value, uvalue, sizeof(value)))
        return -EFAULT;
    if (!timespec_ok(&value.it_value) || !timespec_ok(&value.it_interval))
        return -EINVAL;
    if (!uaddr_is_null(uold) && user_prove_writable(uold, sizeof(old)))
        return -EFAULT;
    int err = ptimer_settime(id, flags & TIMER_ABSTIME, &value, &old);
    if (err)
        return err;
    if (!uaddr_is_null(uold) && copy_to_user(uold, &old, sizeof(old)))
        return -EFAULT; /* cannot happen: proven writable, and nothing ran in between */
    return 0;
}

long sys_timer_gettime(int id, struct uaddr uvalue) {
    struct abi_itimerspec value;
    int err = ptimer_gettime(id, &value);

    if (err)
        return err;
    return copy_to_user(uvalue, &value, sizeof(value)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int id) {
    return ptimer_getoverrun(id);
}

long sys_timer_delete(int id) {
    return ptimer_delete(id);
}

long sys_timer_wait(int id) {
    return ptimer_wait(id);
}

/* --- select ------------------------------------------------------------------------------------ */

#define SET_WORDS(nfds) (((uint32_t)(nfds) + ABI_NFDBITS - 1) / ABI_NFDBITS)

/* Copies the first `words` words of a set the user gave (a null pointer: the empty set). */
static int get_set(struct uaddr u, abi_fd_set *set, uint32_t words) {
    memset(set, 0, sizeof(*set));
    if (uaddr_is_null(u) || words == 0)
        return 0;
    return copy_from_user(set->fds_bits, u, words * sizeof(uint32_t)) ? -EFAULT : 0;
}

static bool in_set(const abi_fd_set *set, int fd) {
    return set->fds_bits[fd / ABI_NFDBITS] & (1u << (fd % ABI_NFDBITS));
}

/*
 * One look at every descriptor asked about: fills `rd` and `wr` with those ready (exceptfds:
 * nothing here has exceptional conditions, so it stays empty). Returns how many bits are set,
 * or -EBADF for a descriptor that is not open. Interrupts disabled.
 */
static long select_scan(int nfds, const abi_fd_set *want_rd, const abi_fd_set *want_wr, const abi_fd_set *want_ex,
                        abi_fd_set *rd, abi_fd_set *wr) {
    long count = 0;

    memset(rd, 0, sizeof(*rd));
    memset(wr, 0, sizeof(*wr));
    for (int fd = 0; fd < nfds; fd++) {
        bool r = in_set(want_rd, fd), w = in_set(want_wr, fd);
        if (!r && !w && !in_set(want_ex, fd))
            continue;
        struct file *f = fd_get(fd);
        if (!f)
            return -EBADF;
        unsigned ready = file_poll(f);
        if (r && (ready & FILE_POLL_IN)) {
            rd->fds_bits[fd / ABI_NFDBITS] |= 1u << (fd % ABI_NFDBITS);
            count++;
        }
        if (w && (ready & FILE_POLL_OUT)) {
            wr->fds_bits[fd / ABI_NFDBITS] |= 1u << (fd % ABI_NFDBITS);
            count++;
        }
    }
    return count;
}

/*
 * select(2): waits until a descriptor of the sets is ready, the timeout passes (NULL: no limit;
 * zero: a look without waiting) or a handler is to run (EINTR, never restarted). The sets are
 * replaced by the ready ones only on success; the timeout is left as it was (POSIX allows both).
 * A timeout is never cut short: the deadline is the tick after it has fully passed.
 */
long sys_select(int nfds, struct uaddr urd, struct uaddr uwr, struct uaddr uex, struct uaddr utimeout) {
    abi_fd_set want_rd, want_wr, want_ex, rd, wr;
    struct abi_timeval tv;
    uint64_t deadline = 0;

    if (nfds < 0 || nfds > ABI_FD_SETSIZE)
        return -EINVAL;
    uint32_t words = SET_WORDS(nfds);
    if (get_set(urd, &want_rd, words) || get_set(uwr, &want_wr, words) || get_set(uex, &want_ex, words))
        return -EFAULT;
    /* Bits at or above nfds in the last word are not asked about. */
    if (nfds % ABI_NFDBITS) {
        uint32_t keep = (1u << (nfds % ABI_NFDBITS)) - 1;
        want_rd.fds_bits[words - 1] &= keep;
        want_wr.fds_bits[words - 1] &= keep;
        want_ex.fds_bits[words - 1] &= keep;
    }
    bool forever = uaddr_is_null(utimeout);
    if (!forever) {
        if (copy_from_user(&tv, utimeout, sizeof(tv)))
            return -EFAULT;
        if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
            return -EINVAL;
        uint64_t ns = (uint64_t)tv.tv_sec * 1000000000u + (uint64_t)tv.tv_usec * 1000u;
        uint64_t ticks = (ns + NS_PER_TICK - 1) / NS_PER_TICK;
        deadline = ticks ? timer_ticks() + ticks + 1 : 0; /* +1: the current tick is partly over */
    }

    bool irq = irq_save();
    long result;
    for (;;) {
        result = select_scan(nfds, &want_rd, &want_wr, &want_ex, &rd, &wr);
        if (result != 0)
            break; /* ready, or -EBADF */
        if (!forever && (deadline == 0 || timer_ticks() >= deadline))
            break; /* the time is up: 0 */
        int err = forever ? sleep_on(&file_poll_queue, true) : sleep_on_until(&file_poll_queue, deadline);
        if (err) {
            result = err;
            break;
        }
    }
    irq_restore(irq);
    if (result < 0)
        return result;
    /* Out: the ready sets (exceptfds empty), only the words the caller gave. */
    memset(&want_ex, 0, sizeof(want_ex));
    if ((!uaddr_is_null(urd) && copy_to_user(urd, rd.fds_bits, words * sizeof(uint32_t))) ||
        (!uaddr_is_null(uwr) && copy_to_user(uwr, wr.fds_bits, words * sizeof(uint32_t))) ||
        (!uaddr_is_null(uex) && copy_to_user(uex, want_ex.fds_bits, words * sizeof(uint32_t))))
        return -EFAULT;
    return result;
}
