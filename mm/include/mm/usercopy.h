/*
 * Copies between the kernel and user memory. Every user pointer a system call receives goes
 * through these: the whole range must lie below USER_TOP, and a fault while copying (an unmapped
 * address, a write to a read-only page) becomes -EFAULT instead of a kernel panic.
 * A demand-zero or copy-on-write page on the way is resolved normally.
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The user address `offset` bytes past `u`. A user address is a number to the kernel, never an
 * object: C pointer arithmetic on it is undefined when it is NULL (even adding 0) or would wrap,
 * and the debug kernel's UBSan panics on it. So the kernel steps through user buffers with this,
 * on integers, and never with `+` on the pointer.
 */
static inline void *user_offset(const void *u, size_t offset) {
    return (void *)((uintptr_t)u + offset);
}

/* Is [addr, addr + len) a range of user addresses (no overflow, below USER_TOP)? */
bool user_range_ok(uintptr_t addr, size_t len);

/* 0, or -EFAULT (dst may then hold part of the data). */
int copy_from_user(void *dst, const void *usrc, size_t len);
int copy_to_user(void *udst, const void *src, size_t len);
int clear_user(void *udst, size_t len);

/*
 * Proves that [udst, udst + len) can be written, by writing back the bytes it holds: 0, or -EFAULT
 * (range, unmapped, read-only). The memory is left as it was; copy-on-write and demand-zero pages
 * are resolved, so a later copy_to_user of the range cannot fail unless the caller unmaps it.
 * For a call that must check an output pointer before it changes anything but can only write
 * the result afterwards (see docs/syscalls.md, "No partial effects").
 */
int user_prove_writable(void *udst, size_t len);

/*
 * Copies a NUL-terminated user string of at most max - 1 characters into dst (terminated).
 * Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL comes within max bytes.
 */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

#endif
