/*
 * Misuse of the frame allocator is a kernel bug and must stop the kernel at once, naming the
 * frame, rather than corrupt the free list. Each case panics (see //mm:pmm_misuse_ktest).
 */
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <mm/pmm.h>

KTEST(pmm_misuse, double_free) {
    paddr_t pa = pmm_alloc(1, 0);
    pmm_unref(pa);
    pmm_unref(pa);
}

KTEST(pmm_misuse, free_locked) {
    paddr_t pa = pmm_alloc(1, PG_LOCKED);
    pmm_unref(pa);
}

KTEST(pmm_misuse, free_reserved) {
    extern const char __text_start[];
    pmm_unref(virt_to_phys(__text_start));
}
