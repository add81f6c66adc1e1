/*
 * Physical memory: one descriptor per 4 KiB frame, with a reference count, flags and the owning
 * process. Frames come from the multiboot memory map, minus what the kernel image, the boot
 * modules and this table occupy, and only below MM_LINEAR_LIMIT (the kernel reaches every frame it
 * manages through its linear map, phys_to_virt()).
 *
 * Lifetime: pmm_alloc() returns a frame with one reference; pmm_ref() adds one; pmm_unref() drops
 * one and frees the frame when none is left. Freeing a free, reserved or locked frame is a kernel
 * bug and panics. No function here sleeps; callers run with interrupts in any state.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include <arch/boot.h>
#include <lib/compiler.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t paddr_t;

/* Frame flags. */
#define PG_RESERVED 0x0001   /* not RAM, or taken at boot (kernel, modules, this table) */
#define PG_FREE 0x0002       /* on the free list */
#define PG_LOCKED 0x0004     /* never freed (kernel page tables) */
#define PG_PERSISTENT 0x0008 /* kernel-internal and never swapped: page tables, kernel stacks */
#define PG_SLAB 0x0010       /* a kmalloc slab */
#define PG_KPAGE 0x0020      /* a whole-page kmalloc allocation */
#define PG_PAGETABLE 0x0040  /* a page directory or page table */
#define PG_KSTACK 0x0080     /* a kernel stack page */
#define PG_USER 0x0100       /* mapped into a user address space */
#define PG_POISONED 0x0200   /* free, and filled with poison when freed (debug kernel, see pmm_alloc) */

/* The owner of kernel-wide frames. Process frames carry their pid. */
#define PMM_OWNER_KERNEL 0

struct page {
    uint16_t refs;
    uint16_t flags;
    int32_t owner; /* pid, or PMM_OWNER_KERNEL; while free: 1 + index of the next free frame, or 0 */
};
_Static_assert(sizeof(struct page) == 8, "keep the frame table compact");

/* Builds the frame table from the boot memory map. Call once, before any allocation. */
void pmm_init(const struct boot_info *bi);

/*
 * Allocates one frame with a single reference, owned by `owner` and marked with `flags`.
 * Returns its physical address, or 0 when memory is exhausted (frame 0 is never handed out).
 * The frame's contents are undefined (poisoned in debug builds); pmm_alloc_zeroed() clears it.
 * The debug kernel panics if a frame it poisoned when it was freed was written to since.
 */
paddr_t pmm_alloc(int owner, uint16_t flags);
paddr_t pmm_alloc_zeroed(int owner, uint16_t flags);

/* The frame table (pmm.c); the inline functions below are the hot paths of fork and exit. */
extern struct page *pmm_table;
extern uint32_t pmm_table_frames;

/* Called by the inline functions when a check fails or the last reference goes. */
__noreturn void pmm_misuse(paddr_t pa, const char *what);
void pmm_release(paddr_t pa);

static inline struct page *pmm_checked(paddr_t pa, const char *what) {
    uint32_t f = (uint32_t)(pa >> 12);
    struct page *p = &pmm_table[f];

    if (f >= pmm_table_frames || (p->flags & (PG_FREE | PG_RESERVED)))
        pmm_misuse(pa, what);
    return p;
}

/* Adds a reference to an allocated frame. */
static inline void pmm_ref(paddr_t pa) {
    struct page *p = pmm_checked(pa, "ref");

    if (p->refs == UINT16_MAX)
        pmm_misuse(pa, "ref overflow");
    p->refs++;
}

/* Drops a reference; the last one frees the frame. */
static inline void pmm_unref(paddr_t pa) {
    struct page *p = pmm_checked(pa, "unref");

    if (p->refs <= 1)
        pmm_release(pa);
    else
        p->refs--;
}

/* The descriptor of the frame containing `pa`, or NULL when pmm does not manage it. */
struct page *pmm_page(paddr_t pa);

unsigned pmm_refcount(paddr_t pa);

/* Frames currently free / managed in all. */
size_t pmm_free_count(void);
size_t pmm_total_count(void);

/* For tests: counts allocated frames whose owner is `owner` and whose flags include `flags`. */
size_t pmm_count_owned(int owner, uint16_t flags);

#endif
