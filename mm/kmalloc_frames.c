/* Where kmalloc's pages come from in the kernel: pmm frames, through the linear map (mm/kmalloc.h). */
#include "internal.h"
#include <arch/backtrace.h>
#include <arch/layout.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>

static void *frame_alloc(bool whole) {
    paddr_t pa = pmm_alloc(PMM_OWNER_KERNEL, whole ? PG_KPAGE : PG_SLAB);

    return pa ? phys_to_virt(pa) : NULL;
}

static void frame_free(void *page) {
    pmm_unref(virt_to_phys(page));
}

static bool frame_is_whole(const void *p) {
    const struct page *pg = pmm_page(virt_to_phys(p));

    return pg && (pg->flags & PG_KPAGE);
}

static const struct kheap_backend pmm_backend = {
    .page_alloc = frame_alloc,
    .page_free = frame_free,
    .page_is_whole = frame_is_whole,
    .site_name = ksym_name,
};

void kmalloc_init(void) {
    kheap_init(&pmm_backend);
}
