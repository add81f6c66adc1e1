/* See mm_fixture.h. The held frames are chained through their own first word. */
#include <arch/layout.h>
#include <ktest/mm_fixture.h>

static paddr_t held_head;

size_t hold_all_but(size_t leave) {
    size_t n = 0;

    while (pmm_free_count() > leave) {
        paddr_t pa = pmm_alloc(TEST_OWNER, 0);
        if (!pa)
            break;
        *(paddr_t *)phys_to_virt(pa) = held_head;
        held_head = pa;
        n++;
    }
    return n;
}

void release_pressure(void) {
    while (held_head) {
        paddr_t pa = held_head;
        held_head = *(paddr_t *)phys_to_virt(pa);
        pmm_unref(pa);
    }
}
