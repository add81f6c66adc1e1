/* Physical frames: reference counts, accounting, exhaustion. */
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <mm/pmm.h>

KTEST(pmm, has_most_of_ram) {
    /* Tests boot with 128 MiB; the kernel, BIOS areas and the frame table take a little. */
    KEXPECT_GT(pmm_total_count(), (100u << 20) / PAGE_SIZE);
    KEXPECT_LE(pmm_free_count(), pmm_total_count());
}

KTEST(pmm, alloc_ref_unref) {
    size_t free0 = pmm_free_count();
    paddr_t pa = pmm_alloc(TEST_OWNER, PG_USER);

    KASSERT_NE(pa, 0);
    KEXPECT_EQ(pa & (PAGE_SIZE - 1), 0);
    KEXPECT_EQ(pmm_free_count(), free0 - 1);
    KEXPECT_EQ(pmm_refcount(pa), 1);
    KEXPECT_EQ(pmm_page(pa)->owner, TEST_OWNER);
    KEXPECT_EQ(pmm_count_owned(TEST_OWNER, PG_USER), 1);

    pmm_ref(pa);
    pmm_ref(pa);
    KEXPECT_EQ(pmm_refcount(pa), 3);
    pmm_unref(pa);
    pmm_unref(pa);
    KEXPECT_EQ(pmm_refcount(pa), 1);
    KEXPECT_EQ(pmm_free_count(), free0 - 1);
    pmm_unref(pa);
    KEXPECT_EQ(pmm_refcount(pa), 0);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(pmm_count_owned(TEST_OWNER, 0), 0);
}

KTEST(pmm, zeroed_and_distinct) {
    paddr_t a = pmm_alloc_zeroed(TEST_OWNER, 0), b = pmm_alloc_zeroed(TEST_OWNER, 0);
    const uint32_t *p = phys_to_virt(a);
    int nonzero = 0;

    KASSERT_TRUE(a && b);
    KEXPECT_NE(a, b);
    for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
        nonzero += p[i] != 0;
    KEXPECT_EQ(nonzero, 0);
    pmm_unref(a);
    pmm_unref(b);
}

KTEST(pmm, kernel_image_is_reserved) {
    extern const char __text_start[];
    const struct page *p = pmm_page(virt_to_phys(__text_start));

    KASSERT_TRUE(p != NULL);
    KEXPECT_TRUE(p->flags & PG_RESERVED);
    KEXPECT_TRUE(pmm_page(0)->flags & PG_RESERVED);
}

KTEST(pmm, exhaustion_returns_zero_then_recovers) {
    size_t free0 = pmm_free_count();
    size_t took = hold_all_but(0);

    KEXPECT_EQ(took, free0);
    KEXPECT_EQ(pmm_free_count(), 0);
    KEXPECT_EQ(pmm_alloc(TEST_OWNER, 0), 0);
    KEXPECT_EQ(pmm_alloc_zeroed(TEST_OWNER, 0), 0);
    release_pressure();
    KEXPECT_EQ(pmm_free_count(), free0);
    paddr_t pa = pmm_alloc(TEST_OWNER, 0);
    KEXPECT_NE(pa, 0);
    pmm_unref(pa);
}
