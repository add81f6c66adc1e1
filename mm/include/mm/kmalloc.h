/*
 * The kernel heap: kmalloc/kfree for objects up to one page.
 *
 * Requests are rounded up to a power-of-two size class (16 .. 2048 bytes), each served from slabs:
 * whole frames cut into equal objects, with a small header at the end of the frame. Because
 * objects start at frame offsets that are multiples of their class, a block of class c is c-aligned;
 * kmalloc_aligned() relies on that. Requests above 2048 bytes get a whole frame.
 *
 * kmalloc returns NULL when memory is exhausted (never panics); kfree(NULL) does nothing. Freed
 * objects are filled with junk in debug builds, and the debug kernel panics when it hands out an
 * object that was written to while it was free. Neither sleeps.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KMALLOC_MIN 16
#define KMALLOC_MAX_SLAB 2048
#define KMALLOC_MAX 4096

void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* `align` a power of two <= 4096: returns memory aligned to it. */
void *kmalloc_aligned(size_t size, size_t align);
void kfree(void *p);

/* The block size kmalloc really gave to `p`. */
size_t kmalloc_usable_size(const void *p);

/*
 * Where slabs come from. The kernel uses pmm frames through the linear map (kmalloc_frames.c); host tests
 * plug in aligned host memory. `page_alloc` returns a 4096-aligned page or NULL; `page_is_whole`
 * tells whether a page came from a whole-page allocation rather than a slab. `site_name`
 * (optional) names the function containing a code address, for the debug kernel's reports of
 * writes after free, and returns NULL when the address is not code.
 */
struct kheap_backend {
    void *(*page_alloc)(bool whole);
    void (*page_free)(void *page);
    bool (*page_is_whole)(const void *page);
    const char *(*site_name)(uint32_t addr, uint32_t *offset);
};

/* Installs the backend; kmalloc before this returns NULL. */
void kheap_init(const struct kheap_backend *backend);

/* Gives every empty slab back to the backend (warm ones included), e.g. before a leak check. */
void kheap_trim(void);

struct kheap_stats {
    size_t slabs;       /* slab pages held */
    size_t whole_pages; /* whole-page allocations live */
    size_t objects;     /* live slab objects */
};
void kheap_stats(struct kheap_stats *out);

#endif
