/*
 * Memory-manager build configuration. MM_DEBUG comes from the build (//mm:debug, on unless a
 * benchmark turns it off): freed frames and kmalloc objects are filled with junk so that a
 * dangling reference fails loudly.
 */
#ifndef MM_CONFIG_H
#define MM_CONFIG_H

#include <lib/compiler.h>

#ifndef MM_DEBUG
#error "MM_DEBUG must be set by the build (mm/BUILD.bazel)"
#endif

/*
 * The debug kernel (KERNEL_DEBUG, which implies MM_DEBUG) also checks the junk: a frame or kmalloc
 * object handed out again must hold exactly what it held when freed, or something wrote to it
 * while it was free, and the allocator panics naming the object, the byte and who freed it.
 */
#define MM_CHECK_POISON (MM_DEBUG && KERNEL_DEBUG)

/* The kernel maps physical memory linearly at KERNEL_VBASE up to this much (768 MiB); frames
 * above are not used. Above the linear map lies the kernel's virtual area (stacks). */
#define MM_LINEAR_LIMIT 0x30000000u

/* vm_map refuses a writable mapping larger than the free frames minus this margin. */
#define MM_COMMIT_RESERVE 64

#endif
