/*
 * The debug kernel's poison checks: memory written to after it was freed is reported when the
 * allocator hands it out again, naming the object, the byte and the code that freed it. Frames and
 * kmalloc objects are reused last-freed-first, so the allocation right after the free gets the
 * same memory back. Each case panics (see //mm:poison_ktest).
 */
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>

KTEST(poison, write_after_kfree) {
    volatile uint8_t *p = kmalloc(32);

    kfree((void *)p);
    p[9] = 0x01;
    kmalloc(32);
}

KTEST(poison, free_list_link_overwritten_after_kfree) {
    void *volatile *p = kmalloc(64);

    kfree((void *)p);
    p[0] = (void *)0x12345678;
    kmalloc(64);
}

KTEST(poison, write_after_page_free) {
    paddr_t pa = pmm_alloc(1, 0);
    volatile uint8_t *page = phys_to_virt(pa);

    pmm_unref(pa);
    page[100] = 0x01;
    pmm_alloc(1, 0);
}

KTEST(poison, write_after_whole_page_kfree) {
    volatile uint8_t *p = kmalloc(4096);

    kfree((void *)p);
    p[4000] = 0x00;
    kmalloc(4096);
}
