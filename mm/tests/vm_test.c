/* Address spaces: mapping, TLB, regions, demand-zero, copy-on-write, out of memory, leaks. */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/interrupt.h>
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <mm/vm.h>

#define UA 0x00400000u /* a user address */

static struct vm_space *space_with_data(void) {
    struct vm_space *s = vm_space_create(TEST_OWNER);
    uintptr_t addr = UA;

    if (!s)
        return NULL;
    if (vm_map(s, &addr, 16 * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED) != 0) {
        vm_space_destroy(s);
        return NULL;
    }
    return s;
}

KTEST(vm, tlb_sees_a_changed_mapping_at_once) {
    struct vm_space *s = vm_space_create(TEST_OWNER);
    paddr_t a = pmm_alloc_zeroed(TEST_OWNER, PG_USER), b = pmm_alloc_zeroed(TEST_OWNER, PG_USER);
    uint32_t v = 0;

    KASSERT_TRUE(s && a && b);
    *(uint32_t *)phys_to_virt(a) = 0xAAAA;
    *(uint32_t *)phys_to_virt(b) = 0xBBBB;
    uintptr_t addr = UA;
    KASSERT_EQ(vm_map(s, &addr, PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED), 0);
    vm_space_switch(s);
    KASSERT_EQ(vm_map_page(s, UA, a, PTE_U | PTE_W), 0);
    KEXPECT_EQ(copy_from_user(&v, UADDR(UA), 4), 0);
    KEXPECT_EQ(v, 0xAAAA); /* the TLB now caches UA -> a */
    KASSERT_EQ(vm_map_page(s, UA, b, PTE_U | PTE_W), 0);
    KEXPECT_EQ(copy_from_user(&v, UADDR(UA), 4), 0);
    KEXPECT_EQ(v, 0xBBBB); /* and must not any more */
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(vm, demand_zero_on_first_touch) {
    struct vm_space *s = space_with_data();
    uint8_t buf[64];

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    KEXPECT_EQ(vm_translate(s, UA + PAGE_SIZE), 0);
    memset(buf, 0x55, sizeof(buf));
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA + PAGE_SIZE + 100), sizeof(buf)), 0);
    int nonzero = 0;
    for (unsigned i = 0; i < sizeof(buf); i++)
        nonzero += buf[i] != 0;
    KEXPECT_EQ(nonzero, 0);
    KEXPECT_NE(vm_translate(s, UA + PAGE_SIZE), 0);
    KEXPECT_EQ(vm_translate(s, UA), 0); /* only the touched page */
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(vm, copy_on_write_isolates_and_copies_once) {
    size_t free0 = pmm_free_count();
    struct vm_space *parent = space_with_data();
    char buf[16];
    int err;

    KASSERT_TRUE(parent != NULL);
    vm_space_switch(parent);
    KASSERT_EQ(copy_to_user(UADDR(UA), "parent", 7), 0);
    paddr_t shared = vm_translate(parent, UA);

    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    KEXPECT_EQ(vm_translate(child, UA), shared);
    /* One table, read-only in both directories; the frame keeps the table's one reference. */
    KEXPECT_EQ(vm_pte(child, UA), vm_pte(parent, UA));
    KEXPECT_FALSE(parent->pgdir[PDX(UA)] & PTE_W);
    KEXPECT_FALSE(child->pgdir[PDX(UA)] & PTE_W);
    KEXPECT_EQ(pmm_refcount(PTE_ADDR(parent->pgdir[PDX(UA)])), 2);
    KEXPECT_EQ(pmm_refcount(shared), 1);

    /* Parent writes: it gets a copy, the child keeps the original. */
    KASSERT_EQ(copy_to_user(UADDR(UA), "PARENT", 7), 0);
    paddr_t parent_copy = vm_translate(parent, UA);
    KEXPECT_NE(parent_copy, shared);
    KEXPECT_EQ(pmm_refcount(shared), 1);
    KEXPECT_EQ(pmm_refcount(parent_copy), 1);

    vm_space_switch(child);
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA), 7), 0);
    KEXPECT_STREQ(buf, "parent");
    /* The child is now the only user: writing makes the page writable, no copy. */
    KASSERT_EQ(copy_to_user(UADDR(UA), "child", 6), 0);
    KEXPECT_EQ(vm_translate(child, UA), shared);
    KEXPECT_TRUE(*vm_pte(child, UA) & PTE_W);

    vm_space_switch(parent);
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA), 7), 0);
    KEXPECT_STREQ(buf, "PARENT");
    vm_space_switch(NULL);
    vm_space_destroy(child);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
}

/*
 * The stack's fork hook copies the page under the forker's %esp for the child. The forker may
 * write that page again only if nobody else maps it: here it is still shared with an earlier
 * child, so it must stay copy-on-write (the forker's write must not reach that child).
 */
KTEST(vm, fork_on_a_shared_stack_page_keeps_it_copy_on_write) {
    size_t free0 = pmm_free_count();
    struct vm_space *parent = vm_space_create(TEST_OWNER);
    const uintptr_t top = USER_TOP - PAGE_SIZE;
    char buf[8];
    int err;

    KASSERT_TRUE(parent != NULL);
    KASSERT_EQ(vm_map_stack(parent), 0);
    vm_space_switch(parent);
    KASSERT_EQ(copy_to_user(UADDR(top), "before", 7), 0);
    paddr_t shared = vm_translate(parent, top);

    /* A fork with the stack pointer elsewhere: the page is now shared by two, in one table. */
    struct vm_space *first = vm_space_fork(parent, TEST_OWNER + 1, USER_BASE, &err);
    KASSERT_TRUE(first != NULL);
    KEXPECT_EQ(vm_pte(first, top), vm_pte(parent, top));
    KEXPECT_EQ(pmm_refcount(shared), 1);
    /* A fork with the stack pointer on that page. */
    struct vm_space *second = vm_space_fork(parent, TEST_OWNER + 2, USER_TOP - 16, &err);
    KASSERT_TRUE(second != NULL);
    KEXPECT_NE(vm_translate(second, top), shared); /* the hook's copy */
    KEXPECT_EQ(pmm_refcount(shared), 2);           /* parent and first */
    KEXPECT_FALSE(*vm_pte(parent, top) & PTE_W);

    KASSERT_EQ(copy_to_user(UADDR(top), "parent", 7), 0);
    vm_space_switch(first);
    KEXPECT_EQ(copy_from_user(buf, UADDR(top), 7), 0);
    KEXPECT_STREQ(buf, "before");
    vm_space_switch(second);
    KEXPECT_EQ(copy_from_user(buf, UADDR(top), 7), 0);
    KEXPECT_STREQ(buf, "before");

    /* With the page its own again, the next fork on it leaves the parent writing at once. */
    vm_space_switch(parent);
    struct vm_space *third = vm_space_fork(parent, TEST_OWNER + 3, USER_TOP - 16, &err);
    KASSERT_TRUE(third != NULL);
    KEXPECT_TRUE(*vm_pte(parent, top) & PTE_W);
    KEXPECT_EQ(pmm_refcount(vm_translate(parent, top)), 1);

    vm_space_switch(NULL);
    vm_space_destroy(third);
    vm_space_destroy(second);
    vm_space_destroy(first);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
}

KTEST(vm, shared_regions_stay_shared_and_private_ones_stay_behind) {
    struct vm_space *parent = vm_space_create(TEST_OWNER);
    uintptr_t shared_at = UA, private_at = UA + 0x100000;
    uint32_t v = 0;
    int err;

    KASSERT_TRUE(parent != NULL);
    KASSERT_EQ(vm_map(parent, &shared_at, PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_SHARED, VM_MMAP, VM_MAP_FIXED), 0);
    KASSERT_EQ(vm_map(parent, &private_at, PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_PRIVATE, VM_DATA, VM_MAP_FIXED), 0);
    vm_space_switch(parent);
    v = 1;
    KASSERT_EQ(copy_to_user(UADDR(shared_at), &v, 4), 0);
    KASSERT_EQ(copy_to_user(UADDR(private_at), &v, 4), 0);
    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    KEXPECT_TRUE(region_find(&child->regions, private_at) == NULL);
    KEXPECT_EQ(vm_translate(child, private_at), 0);
    KEXPECT_TRUE(*vm_pte(parent, shared_at) & PTE_W);

    vm_space_switch(child);
    v = 2;
    KEXPECT_EQ(copy_to_user(UADDR(shared_at), &v, 4), 0);
    KEXPECT_EQ(copy_to_user(UADDR(private_at), &v, 4), -EFAULT);
    vm_space_switch(parent);
    KEXPECT_EQ(copy_from_user(&v, UADDR(shared_at), 4), 0);
    KEXPECT_EQ(v, 2); /* the child's write shows in the parent */
    vm_space_switch(NULL);
    vm_space_destroy(child);
    vm_space_destroy(parent);
}

KTEST(vm, regions_split_and_merge) {
    struct vm_space *s = space_with_data(); /* [UA, UA + 16 pages) */

    KASSERT_TRUE(s != NULL);
    KEXPECT_EQ(s->regions.count, 1);
    KEXPECT_EQ(vm_unmap(s, UA + 4 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
    KEXPECT_EQ(s->regions.count, 2);
    KEXPECT_TRUE(region_find(&s->regions, UA + 5 * PAGE_SIZE) == NULL);
    KEXPECT_TRUE(region_find(&s->regions, UA + 6 * PAGE_SIZE) != NULL);
    uintptr_t addr = UA + 4 * PAGE_SIZE;
    KEXPECT_EQ(vm_map(s, &addr, 2 * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED), 0);
    KEXPECT_EQ(s->regions.count, 1); /* merged back into one */
    KEXPECT_EQ(vm_unmap(s, UA + 3, PAGE_SIZE), -EINVAL);
    KEXPECT_EQ(vm_unmap(s, KERNEL_VBASE, PAGE_SIZE), -EINVAL);
    vm_space_destroy(s);
}

KTEST(vm, unmap_frees_pages) {
    struct vm_space *s = space_with_data();

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    for (unsigned i = 0; i < 16; i++)
        KASSERT_EQ(clear_user(UADDR(UA + i * PAGE_SIZE), 4), 0);
    size_t free_before = pmm_free_count();
    KEXPECT_EQ(vm_unmap(s, UA, 8 * PAGE_SIZE), 0);
    KEXPECT_EQ(pmm_free_count(), free_before + 8);
    KEXPECT_EQ(vm_translate(s, UA), 0);
    KEXPECT_EQ(copy_to_user(UADDR(UA), "x", 1), -EFAULT); /* no region any more */
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(usercopy, refuses_kernel_and_unmapped_addresses) {
    struct vm_space *s = space_with_data();
    char buf[8] = "abc";

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    KEXPECT_EQ(copy_to_user(UADDR(KERNEL_VBASE), buf, 4), -EFAULT);
    KEXPECT_EQ(copy_from_user(buf, UADDR(0xC0100000u), 4), -EFAULT);
    KEXPECT_EQ(copy_from_user(buf, UADDR(USER_TOP - 2), 4), -EFAULT);          /* straddles the top */
    KEXPECT_EQ(copy_from_user(buf, UADDR(0xFFFFFFF0u), 32), -EFAULT);          /* wraps around */
    KEXPECT_EQ(copy_from_user(buf, UADDR(0x1000), 4), -EFAULT);                /* no region */
    KEXPECT_EQ(copy_to_user(UADDR(UA + 16 * PAGE_SIZE - 2), buf, 4), -EFAULT); /* runs off the end */
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(usercopy, strings) {
    struct vm_space *s = space_with_data();
    char buf[8];

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    KASSERT_EQ(copy_to_user(UADDR(UA), "hello", 6), 0);
    KEXPECT_EQ(strncpy_from_user(buf, UADDR(UA), sizeof(buf)), 5);
    KEXPECT_STREQ(buf, "hello");
    KASSERT_EQ(copy_to_user(UADDR(UA), "too long!", 10), 0);
    KEXPECT_EQ(strncpy_from_user(buf, UADDR(UA), sizeof(buf)), -ENAMETOOLONG);
    KEXPECT_EQ(strncpy_from_user(buf, UADDR(0x2000), sizeof(buf)), -EFAULT);
    KEXPECT_EQ(strncpy_from_user(buf, UADDR(KERNEL_VBASE), sizeof(buf)), -EFAULT);
    /* A string that runs into an unmapped page faults, even within the length limit. */
    KASSERT_EQ(copy_to_user(UADDR(UA + 16 * PAGE_SIZE - 3), "abc", 3), 0);
    KEXPECT_EQ(strncpy_from_user(buf, UADDR(UA + 16 * PAGE_SIZE - 3), sizeof(buf)), -EFAULT);
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(vm, kernel_text_is_read_only) {
    extern char __text_start[];

    KEXPECT_FAULT(EXC_PF, *(volatile char *)__text_start = 0);
    KEXPECT_TRUE(ktest_fault.error & PF_PRESENT);
    KEXPECT_TRUE(ktest_fault.error & PF_WRITE);
}

KTEST(vm, user_memory_is_not_touched_outside_usercopy) {
    struct vm_space *s = space_with_data();

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    /* A region exists, but a plain kernel dereference of a user address is a kernel bug. */
    KEXPECT_FAULT(EXC_PF, *(volatile uint32_t *)UA = 1);
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(kstack, guard_gap_below_the_stack) {
    size_t free0 = pmm_free_count();
    uint8_t *stack = kstack_alloc(TEST_OWNER);

    KASSERT_TRUE(stack != NULL);
    /* The lowest byte is mapped and writable; put it back, as it is part of the debug kernel's
     * stack canary (kstack_check). */
    volatile uint8_t *lowest = stack;
    uint8_t canary = *lowest;
    *lowest = 1;
    *lowest = canary;
    stack[KSTACK_SIZE - 1] = 2;
    KEXPECT_FAULT(EXC_PF, stack[-1] = 3);
    KEXPECT_EQ(ktest_fault.cr2, (uint32_t)(stack - 1));
    kstack_free(stack);
    KEXPECT_EQ(pmm_free_count(), free0);
}

/* A parent with private data and a shared region (in a page table of its own, some pages
 * touched), forked under every budget. */
KTEST(vm, fork_out_of_memory_at_every_step_frees_everything) {
    const uintptr_t shared_at = UA + PDE_SPAN;
    size_t free0 = pmm_free_count();
    struct kheap_stats h0, h;
    struct vm_space *parent = space_with_data();
    uintptr_t addr = shared_at;
    int err = 0, failures = 0;

    KASSERT_TRUE(parent != NULL);
    KASSERT_EQ(vm_map(parent, &addr, 8 * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_SHARED, VM_MMAP, VM_MAP_FIXED), 0);
    vm_space_switch(parent);
    for (unsigned i = 0; i < 16; i += 2)
        KASSERT_EQ(clear_user(UADDR(UA + i * PAGE_SIZE), 8), 0);
    for (unsigned i = 0; i < 8; i += 3)
        KASSERT_EQ(clear_user(UADDR(shared_at + i * PAGE_SIZE), 8), 0);
    /* Give fork exactly `budget` frames, for every budget until it succeeds. */
    for (size_t budget = 0; budget < 64; budget++) {
        hold_all_but(budget);
        size_t before = pmm_free_count();
        kheap_stats(&h0);
        /* The stack pointer in the data's table: that one is copied entry by entry (a table to
         * allocate), the other shared (nothing to allocate). */
        struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, UA, &err);
        if (child) {
            release_pressure();
            KEXPECT_EQ(vm_translate(child, shared_at + 3 * PAGE_SIZE), vm_translate(parent, shared_at + 3 * PAGE_SIZE));
            vm_space_destroy(child);
            break;
        }
        KEXPECT_EQ(err, -ENOMEM);
        KEXPECT_EQ(pmm_free_count(), before); /* nothing kept */
        kheap_stats(&h);
        KEXPECT_EQ(h.objects, h0.objects);
        release_pressure();
        failures++;
    }
    KEXPECT_GT(failures, 1);
    vm_space_switch(NULL);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
}

KTEST(vm, out_of_memory_on_fault_is_refused) {
    struct vm_space *s = space_with_data();

    KASSERT_TRUE(s != NULL);
    vm_space_switch(s);
    hold_all_but(0);
    KEXPECT_EQ(clear_user(UADDR(UA), 4), -EFAULT);
    release_pressure();
    KEXPECT_EQ(clear_user(UADDR(UA), 4), 0);
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

KTEST(vm, no_leak_over_1000_create_fork_destroy_rounds) {
    size_t free0 = pmm_free_count();
    struct kheap_stats h0, h1;
    int err;

    kheap_stats(&h0);
    for (int round = 0; round < 1000; round++) {
        struct vm_space *a = space_with_data();
        KASSERT_TRUE(a != NULL);
        vm_space_switch(a);
        KASSERT_EQ(clear_user(UADDR(UA + (round % 16) * PAGE_SIZE), 4), 0);
        struct vm_space *b = vm_space_fork(a, TEST_OWNER + 1, 0, &err);
        KASSERT_TRUE(b != NULL);
        KASSERT_EQ(copy_to_user(UADDR(UA + (round % 16) * PAGE_SIZE), &round, 4), 0); /* COW copy */
        vm_space_switch(NULL);
        vm_space_destroy(b);
        vm_space_destroy(a);
    }
    kheap_stats(&h1);
    KEXPECT_EQ(h1.objects, h0.objects);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(pmm_count_owned(TEST_OWNER, 0) + pmm_count_owned(TEST_OWNER + 1, 0), 0);
}

static paddr_t table_at(const struct vm_space *s, uintptr_t va) {
    return PTE_ADDR(s->pgdir[PDX(va)]);
}

static bool table_writable(const struct vm_space *s, uintptr_t va) {
    return s->pgdir[PDX(va)] & PTE_W;
}

/*
 * The rules of shared page tables (vm_space_fork, vm_table_own) that user programs cannot see:
 * fork shares a table read-only; the first write in its range, the kernel's own included, gives
 * the writer a table of its own with the copy-on-write entries read-only in both; a write-shared
 * region keeps writing the same frame; a space that goes drops its count, and the last one writes
 * again without a copy; munmap and mprotect unshare before they change anything.
 */
KTEST(vm, fork_shares_page_tables_until_a_write) {
    size_t free0 = pmm_free_count();
    struct vm_space *parent = space_with_data();
    uintptr_t shared_at = UA + 32 * PAGE_SIZE; /* in the same table */
    char buf[8];
    uint32_t v = 7;
    int err;

    KASSERT_TRUE(parent != NULL);
    KASSERT_EQ(vm_map(parent, &shared_at, PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_SHARED, VM_MMAP, VM_MAP_FIXED), 0);
    vm_space_switch(parent);
    KASSERT_EQ(copy_to_user(UADDR(UA), "parent", 7), 0);
    KASSERT_EQ(copy_to_user(UADDR(shared_at), &v, 4), 0);
    paddr_t page = vm_translate(parent, UA);
    KEXPECT_TRUE(read_cr0() & CR0_WP); /* else the kernel's writes would not fault on a shared table */

    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    paddr_t table = table_at(parent, UA);
    KEXPECT_EQ(table_at(child, UA), table);
    KEXPECT_FALSE(table_writable(parent, UA));
    KEXPECT_FALSE(table_writable(child, UA));
    KEXPECT_EQ(pmm_refcount(table), 2);
    KEXPECT_EQ(pmm_refcount(page), 1);

    /* The child's write (a kernel copy here): a table of its own, the page copied. */
    vm_space_switch(child);
    KASSERT_EQ(copy_to_user(UADDR(UA), "child", 6), 0);
    KEXPECT_NE(table_at(child, UA), table);
    KEXPECT_TRUE(table_writable(child, UA));
    KEXPECT_FALSE(table_writable(parent, UA));
    KEXPECT_EQ(pmm_refcount(table), 1);
    KEXPECT_NE(vm_translate(child, UA), page);
    KEXPECT_EQ(pmm_refcount(page), 1);
    KEXPECT_FALSE(*vm_pte(parent, UA) & PTE_W); /* left read-only in the table the parent kept */
    KEXPECT_EQ(vm_translate(child, shared_at), vm_translate(parent, shared_at));
    KEXPECT_TRUE(*vm_pte(child, shared_at) & PTE_W);
    v = 8;
    KASSERT_EQ(copy_to_user(UADDR(shared_at), &v, 4), 0);

    /* The parent, alone on its table now, gets it back writable, no copy of the table. */
    vm_space_switch(parent);
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA), 7), 0);
    KEXPECT_STREQ(buf, "parent");
    KEXPECT_EQ(copy_from_user(&v, UADDR(shared_at), 4), 0);
    KEXPECT_EQ(v, 8);
    KASSERT_EQ(copy_to_user(UADDR(UA), "PARENT", 7), 0);
    KEXPECT_EQ(table_at(parent, UA), table);
    KEXPECT_TRUE(table_writable(parent, UA));
    KEXPECT_EQ(vm_translate(parent, UA), page); /* its only user: written in place */
    vm_space_switch(child);
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA), 6), 0);
    KEXPECT_STREQ(buf, "child");
    vm_space_switch(NULL);
    vm_space_destroy(child);

    /* A child that goes without writing drops the table's count; the parent writes in place. */
    struct vm_space *quiet = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(quiet != NULL);
    KEXPECT_EQ(pmm_refcount(table), 2);
    vm_space_destroy(quiet);
    KEXPECT_EQ(pmm_refcount(table), 1);
    vm_space_switch(parent);
    KASSERT_EQ(copy_to_user(UADDR(UA), "again", 6), 0);
    KEXPECT_EQ(table_at(parent, UA), table);
    KEXPECT_EQ(vm_translate(parent, UA), page);

    /* munmap and mprotect in a shared range: the caller's own table first, the other's intact. */
    struct vm_space *other = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(other != NULL);
    KEXPECT_EQ(vm_unmap(other, UA, PAGE_SIZE), 0);
    KEXPECT_EQ(vm_translate(other, UA), 0);
    KEXPECT_EQ(vm_translate(parent, UA), page);
    KEXPECT_EQ(pmm_refcount(table), 1);
    vm_space_destroy(other);
    other = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(other != NULL);
    KEXPECT_EQ(vm_protect(other, UA, PAGE_SIZE, VM_READ), 0);
    KEXPECT_NE(table_at(other, UA), table);
    KEXPECT_EQ(table_at(parent, UA), table);
    KASSERT_EQ(copy_to_user(UADDR(UA), "still", 6), 0); /* the parent may write */
    vm_space_switch(other);
    KEXPECT_EQ(copy_from_user(buf, UADDR(UA), 6), 0);
    KEXPECT_STREQ(buf, "again");
    KEXPECT_EQ(copy_to_user(UADDR(UA), "no", 3), -EFAULT); /* read-only now */

    vm_space_switch(NULL);
    vm_space_destroy(other);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
}
