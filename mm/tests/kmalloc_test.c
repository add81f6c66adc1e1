/* The kernel heap on real frames. */
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>

KTEST(kmalloc, sizes_alignment_and_reuse) {
    size_t sizes[] = {1, 15, 16, 17, 100, 512, 1000, 2048, 2049, 4096};
    void *p[10];

    for (unsigned i = 0; i < 10; i++) {
        p[i] = kmalloc(sizes[i]);
        KASSERT_TRUE(p[i] != NULL);
        KEXPECT_GE(kmalloc_usable_size(p[i]), sizes[i]);
        memset(p[i], 0xEE, sizes[i]);
    }
    KEXPECT_EQ((uintptr_t)p[5] % 512, 0);
    KEXPECT_EQ((uintptr_t)p[9] % PAGE_SIZE, 0);
    KEXPECT_TRUE(kmalloc(4097) == NULL);
    for (unsigned i = 0; i < 10; i++)
        kfree(p[i]);
    kfree(NULL);
}

KTEST(kmalloc, fpu_area_alignment) {
    void *a = kmalloc_aligned(512, 16);
    void *b = kmalloc_aligned(24, 64);

    KASSERT_TRUE(a && b);
    KEXPECT_EQ((uintptr_t)a % 16, 0);
    KEXPECT_EQ((uintptr_t)b % 64, 0);
    kfree(a);
    kfree(b);
}

KTEST(kmalloc, returns_frames_when_empty) {
    size_t free0 = pmm_free_count();
    void *blocks[600];

    for (unsigned i = 0; i < 600; i++) {
        blocks[i] = kmalloc(256);
        KASSERT_TRUE(blocks[i] != NULL);
    }
    KEXPECT_LT(pmm_free_count(), free0 - 30);
    for (unsigned i = 0; i < 600; i++)
        kfree(blocks[i]);
    /* At most one warm slab per class is kept. */
    KEXPECT_GE(pmm_free_count() + 1, free0);
}

KTEST(kmalloc, out_of_memory_is_null) {
    void *warm[64];
    unsigned n = 0;

    hold_all_but(0);
    /* Warm slabs may still hold a few free blocks; use them up. */
    while (n < 64 && (warm[n] = kmalloc(2048)) != NULL)
        n++;
    KEXPECT_LT(n, 64);
    KEXPECT_TRUE(kmalloc(2048) == NULL);
    KEXPECT_TRUE(kmalloc(4096) == NULL);
    release_pressure();
    while (n)
        kfree(warm[--n]);
    void *p = kmalloc(4096);
    KEXPECT_TRUE(p != NULL);
    kfree(p);
}
