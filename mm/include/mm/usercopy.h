/*
 * Copies between the kernel and user memory. Every user address a system call receives goes
 * through these: the whole range must lie below USER_TOP, and a fault while copying (an unmapped
 * address, a write to a read-only page) becomes -EFAULT instead of a kernel panic.
 * A demand-zero or copy-on-write page on the way is resolved normally.
 */
#ifndef MM_USERCOPY_H
#define MM_USERCOPY_H

#include <abi/errno.h>
#include <arch/usercopy.h>
#include <mm/vm.h> /* USER_TOP */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A user-space address. To the kernel it is a number, never an object: it may be NULL, unmapped,
 * read-only, in the middle of nowhere or wrap around 2^32, and C pointer arithmetic on such a
 * thing is undefined behaviour (the debug kernel's UBSan panics on it). So it is a struct of its
 * own, not a pointer: the compiler refuses to dereference it, to index it, to add to it or to cast
 * it to a pointer, and the only code that reads or writes through it is below (mm/usercopy.c).
 * A struct rather than an integer type, which C would silently mix with other integers and cast
 * to pointers. With its one 32-bit member it is passed exactly like the integer, and the inline
 * helpers below compile to the integer arithmetic: it costs nothing at run time.
 *
 * Make one with UADDR() from a register or an ABI field (the system-call dispatch does so for
 * every PTR argument of abi/syscall.h); step through a buffer with user_offset(). `unsafe_addr`
 * is for this header and mm/usercopy.c alone (//testing:user_address_test checks it).
 */
struct uaddr {
    uintptr_t unsafe_addr;
};

#define UADDR(addr) ((struct uaddr){(uintptr_t)(addr)})
#define UADDR_NULL UADDR(0)

/* Is `u` the null address (an argument the caller left out)? */
static inline bool uaddr_is_null(struct uaddr u) {
    return u.unsafe_addr == 0;
}

/*
 * The number `u` holds, to compare, align-check or look up (a futex's key, the region that holds
 * it), never to dereference: reading or writing the memory goes through the copies below.
 */
static inline uintptr_t uaddr_number(struct uaddr u) {
    return u.unsafe_addr;
}

/* The user address `offset` bytes past `u`, computed on integers (wrapping, never undefined). */
static inline struct uaddr user_offset(struct uaddr u, size_t offset) {
    return UADDR(u.unsafe_addr + offset);
}

/* Bytes from `u` to the end of its 4 KiB page (1..4096). A copy that stays within them either
 * succeeds or faults before its first byte: one page is mapped, and writable, all or nothing. */
static inline size_t user_page_left(struct uaddr u) {
    return 4096 - (u.unsafe_addr & 4095);
}

/* Is [u, u + len) a range of user addresses (no overflow, below USER_TOP)? Inline: every
 * read and write checks its buffer with it. */
static inline bool user_range_ok(struct uaddr u, size_t len) {
    return u.unsafe_addr <= USER_TOP && len <= USER_TOP - u.unsafe_addr;
}

/* 0, or -EFAULT (dst may then hold part of the data). Inline, the range check and the call of
 * the arch routine: a pipe's 1-byte read and write are each one copy, and a call around them
 * was a third of its cost. The pointer is made only for a range user_range_ok accepted. */
static inline int copy_from_user(void *dst, struct uaddr usrc, size_t len) {
    if (!user_range_ok(usrc, len))
        return -EFAULT;
    return arch_copy_user(dst, (const void *)usrc.unsafe_addr, len) ? -EFAULT : 0;
}
static inline int copy_to_user(struct uaddr udst, const void *src, size_t len) {
    if (!user_range_ok(udst, len))
        return -EFAULT;
    return arch_copy_user((void *)udst.unsafe_addr, src, len) ? -EFAULT : 0;
}
int clear_user(struct uaddr udst, size_t len);

/*
 * Proves that [udst, udst + len) can be written, by writing back the bytes it holds: 0, or -EFAULT
 * (range, unmapped, read-only). The memory is left as it was; copy-on-write and demand-zero pages
 * are resolved, so a later copy_to_user of the range cannot fail unless the caller unmaps it.
 * For a call that must check an output pointer before it changes anything but can only write
 * the result afterwards (see docs/syscalls.md, "No partial effects").
 */
int user_prove_writable(struct uaddr udst, size_t len);

/*
 * Copies a NUL-terminated user string of at most max - 1 characters into dst (terminated).
 * Returns its length, -EFAULT, or -ENAMETOOLONG when no NUL comes within max bytes.
 */
long strncpy_from_user(char *dst, struct uaddr usrc, size_t max);

#endif
