/* Checked copies to and from user memory; see mm/usercopy.h. */
#include <abi/errno.h>
#include <arch/usercopy.h>
#include <mm/usercopy.h>
#include <mm/vm.h>

bool user_range_ok(uintptr_t addr, size_t len) {
    return addr <= USER_TOP && len <= USER_TOP - addr;
}

int copy_from_user(void *dst, const void *usrc, size_t len) {
    if (!user_range_ok((uintptr_t)usrc, len))
        return -EFAULT;
    return arch_copy_user(dst, usrc, len) ? -EFAULT : 0;
}

int copy_to_user(void *udst, const void *src, size_t len) {
    if (!user_range_ok((uintptr_t)udst, len))
        return -EFAULT;
    return arch_copy_user(udst, src, len) ? -EFAULT : 0;
}

int clear_user(void *udst, size_t len) {
    if (!user_range_ok((uintptr_t)udst, len))
        return -EFAULT;
    return arch_clear_user(udst, len) ? -EFAULT : 0;
}

int user_prove_writable(void *udst, size_t len) {
    uint8_t chunk[64];

    if (!user_range_ok((uintptr_t)udst, len))
        return -EFAULT;
    /* Nothing runs between the read and the write back (no preemption in the kernel, one CPU),
     * so no other process sharing the page can have its write undone. */
    for (size_t done = 0; done < len; done += sizeof(chunk)) {
        size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        if (arch_copy_user(chunk, user_offset(udst, done), n) || arch_copy_user(user_offset(udst, done), chunk, n))
            return -EFAULT;
    }
    return 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max) {
    uintptr_t start = (uintptr_t)usrc;

    if (max == 0 || start >= USER_TOP)
        return -EFAULT;
    /* Never read at or past USER_TOP, whatever `max` says. */
    size_t limit = max < USER_TOP - start ? max : USER_TOP - start;
    long n = arch_copy_user_string(dst, usrc, limit);
    if (n < 0)
        return -EFAULT;
    if ((size_t)n == limit) {
        dst[max - 1] = '\0';
        return limit == max ? -ENAMETOOLONG : -EFAULT;
    }
    return n;
}
