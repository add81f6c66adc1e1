/*
 * Raw copies that may fault. They do not check addresses: callers (mm/usercopy) first check that
 * the user range lies below KERNEL_VBASE, then call these. A page fault on the user side that the
 * memory manager cannot resolve does not panic: the fixup table (.extable) resumes the routine at
 * its exit, which reports how far it got.
 */
#ifndef ARCH_USERCOPY_H
#define ARCH_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

/* Copies n bytes; returns the number of bytes NOT copied (0 on success). */
size_t arch_copy_user(void *dst, const void *src, size_t n);

/*
 * Copies a NUL-terminated string of at most max bytes including its NUL. Returns its length
 * without the NUL, max when no NUL was found within max bytes, or -EFAULT on a fault.
 */
long arch_copy_user_string(char *dst, const char *src, size_t max);

/* Fills n bytes with zero; returns the number of bytes NOT cleared. */
size_t arch_clear_user(void *dst, size_t n);

/* An entry of the fixup table, as usercopy.S's `extable` macro writes it: two .long. */
struct extable_entry {
    uint32_t fault_eip;
    uint32_t fixup_eip;
};
_Static_assert(sizeof(struct extable_entry) == 8, "usercopy.S writes two 4-byte words");

#endif
