/*
 * Checked copies to and from user memory; see mm/usercopy.h. This file and that header (whose
 * inline copy_to_user and copy_from_user do the same) are the one place where a user
 * address (struct uaddr) becomes a pointer: the arch routines need one, and they touch it only
 * with instructions the fixup table covers, after the range was checked here.
 */
#include <abi/errno.h>
#include <arch/usercopy.h>
#include <mm/usercopy.h>
#include <mm/vm.h>

/* The pointer the arch routines take; only for a range user_range_ok accepted. */
static void *arch_ptr(struct uaddr u) {
    return (void *)u.unsafe_addr;
}

int clear_user(struct uaddr udst, size_t len) {
    if (!user_range_ok(udst, len))
        return -EFAULT;
    return arch_clear_user(arch_ptr(udst), len) ? -EFAULT : 0;
}

int user_prove_writable(struct uaddr udst, size_t len) {
    uint8_t chunk[64];

    if (!user_range_ok(udst, len))
        return -EFAULT;
    /* Nothing runs between the read and the write back (no preemption in the kernel, one CPU),
     * so no other process sharing the page can have its write undone. */
    for (size_t done = 0; done < len; done += sizeof(chunk)) {
        size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        void *at = arch_ptr(user_offset(udst, done));
        if (arch_copy_user(chunk, at, n) || arch_copy_user(at, chunk, n))
            return -EFAULT;
    }
    return 0;
}

long strncpy_from_user(char *dst, struct uaddr usrc, size_t max) {
    uintptr_t start = usrc.unsafe_addr;

    if (max == 0 || start >= USER_TOP)
        return -EFAULT;
    /* Never read at or past USER_TOP, whatever `max` says. */
    size_t limit = max < USER_TOP - start ? max : USER_TOP - start;
    long n = arch_copy_user_string(dst, arch_ptr(usrc), limit);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n == limit) {
        dst[max - 1] = '\0';
        return limit == max ? -ENAMETOOLONG : -EFAULT;
    }
    return n;
}
