/* Objects of pages (mm/object.c) and the shared regions that map them. */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <mm/vm.h>

#define UA 0x00400000u /* a user address */

static size_t kmalloc_objects(void) {
    struct kheap_stats h;

    kheap_stats(&h);
    return h.objects + h.whole_pages;
}

static bool frame_is_zero(paddr_t pa) {
    const uint32_t *w = phys_to_virt(pa);

    for (unsigned i = 0; i < PAGE_SIZE / 4; i++) {
        if (w[i])
            return false;
    }
    return true;
}

KTEST(object, a_page_is_made_once_zeroed_and_freed_with_the_last_reference) {
    size_t free0 = pmm_free_count(), objects0 = kmalloc_objects();
    struct vm_object *obj = vm_object_create(3);

    KASSERT_TRUE(obj != NULL);
    paddr_t pa = vm_object_page(obj, 1, TEST_OWNER);
    KASSERT_NE(pa, 0);
    KEXPECT_TRUE(frame_is_zero(pa));
    KEXPECT_EQ(pmm_refcount(pa), 1); /* the object's */
    KEXPECT_EQ(pmm_page(pa)->owner, TEST_OWNER);
    *(uint32_t *)phys_to_virt(pa) = 0xCAFE;
    KEXPECT_EQ(vm_object_page(obj, 1, TEST_OWNER + 1), pa); /* the same page, not a new one */
    KEXPECT_EQ(*(uint32_t *)phys_to_virt(pa), 0xCAFE);
    KEXPECT_EQ(pmm_free_count(), free0 - 1);

    vm_object_ref(obj);
    vm_object_put(obj);
    KEXPECT_EQ(pmm_refcount(pa), 1); /* one reference left: nothing freed */
    vm_object_put(obj);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(kmalloc_objects(), objects0);
}

KTEST(object, sizes) {
    size_t free0 = pmm_free_count(), objects0 = kmalloc_objects();

    KEXPECT_TRUE(vm_object_create(0) == NULL);
    KEXPECT_TRUE(vm_object_create(VM_OBJECT_MAX_PAGES + 1) == NULL);
    /* The largest (3 GiB): its first and last pages, and the pages on both sides of the first
     * leaf boundary, are four pages. The last leaf is a short one. */
    struct vm_object *obj = vm_object_create(VM_OBJECT_MAX_PAGES);
    KASSERT_TRUE(obj != NULL);
    const size_t n[] = {0, 1023, 1024, VM_OBJECT_MAX_PAGES - 1};
    paddr_t pa[4];
    for (int i = 0; i < 4; i++) {
        pa[i] = vm_object_page(obj, n[i], TEST_OWNER);
        KASSERT_NE(pa[i], 0);
        for (int j = 0; j < i; j++)
            KEXPECT_NE(pa[i], pa[j]);
    }
    for (int i = 0; i < 4; i++)
        KEXPECT_EQ(vm_object_page(obj, n[i], TEST_OWNER), pa[i]);
    vm_object_put(obj);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(kmalloc_objects(), objects0);
}

/* vm_object_page under every budget: a failure takes nothing (a leaf it made is given back). */
KTEST(object, out_of_memory_takes_nothing) {
    size_t free0 = pmm_free_count(), objects0 = kmalloc_objects();
    struct vm_object *obj = vm_object_create(4096);
    int failures = 0;

    KASSERT_TRUE(obj != NULL);
    for (size_t budget = 0; budget < 8; budget++) {
        hold_all_but(budget);
        size_t before = pmm_free_count(), objects = kmalloc_objects();
        paddr_t pa = vm_object_page(obj, 2048 + 5, TEST_OWNER); /* a leaf of its own, too */
        if (pa) {
            release_pressure();
            break;
        }
        KEXPECT_EQ(pmm_free_count(), before);
        KEXPECT_EQ(kmalloc_objects(), objects);
        release_pressure();
        failures++;
    }
    KEXPECT_GT(failures, 0);
    vm_object_put(obj);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(kmalloc_objects(), objects0);
}

/* A parent with a shared region of 5 pages at UA, page 0 touched (holding 1). */
static struct vm_space *parent_with_shared(uint8_t prot) {
    struct vm_space *s = vm_space_create(TEST_OWNER);
    uintptr_t addr = UA;
    uint32_t one = 1;

    if (!s)
        return NULL;
    if (vm_map(s, &addr, 5 * PAGE_SIZE, prot, VM_SHARE_SHARED, VM_MMAP, VM_MAP_FIXED) != 0) {
        vm_space_destroy(s);
        return NULL;
    }
    vm_space_switch(s);
    if ((prot & VM_WRITE) ? copy_to_user(UADDR(UA), &one, 4) : copy_from_user(&one, UADDR(UA), 4)) {
        vm_space_switch(NULL);
        vm_space_destroy(s);
        return NULL;
    }
    return s;
}

KTEST(vm, shared_pages_first_touched_after_fork_are_one_frame) {
    size_t free0 = pmm_free_count(), objects0 = kmalloc_objects();
    struct vm_space *parent = parent_with_shared(VM_READ | VM_WRITE);
    uint32_t v = 0;
    int err;

    KASSERT_TRUE(parent != NULL);
    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    KEXPECT_EQ(vm_translate(child, UA), vm_translate(parent, UA));
    KEXPECT_EQ(vm_translate(child, UA + PAGE_SIZE), 0);

    /* The child touches page 1 first, the parent page 2. */
    vm_space_switch(child);
    v = 2;
    KASSERT_EQ(copy_to_user(UADDR(UA + PAGE_SIZE), &v, 4), 0);
    vm_space_switch(parent);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 2);
    KEXPECT_EQ(vm_translate(parent, UA + PAGE_SIZE), vm_translate(child, UA + PAGE_SIZE));
    KEXPECT_EQ(pmm_refcount(vm_translate(parent, UA + PAGE_SIZE)), 3); /* the object, two entries */
    v = 3;
    KASSERT_EQ(copy_to_user(UADDR(UA + 2 * PAGE_SIZE), &v, 4), 0);
    vm_space_switch(child);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + 2 * PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 3);
    KEXPECT_TRUE(*vm_pte(child, UA + 2 * PAGE_SIZE) & PTE_W);

    /* A grandchild, then the middle generation unmaps the middle: what is left stays shared. */
    struct vm_space *grandchild = vm_space_fork(child, TEST_OWNER + 2, 0, &err);
    KASSERT_TRUE(grandchild != NULL);
    KASSERT_EQ(vm_unmap(child, UA + PAGE_SIZE, 2 * PAGE_SIZE), 0);
    v = 4;
    KASSERT_EQ(copy_to_user(UADDR(UA + 3 * PAGE_SIZE), &v, 4), 0);
    vm_space_switch(grandchild);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + 3 * PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 4);
    KEXPECT_EQ(vm_translate(grandchild, UA + 3 * PAGE_SIZE), vm_translate(child, UA + 3 * PAGE_SIZE));
    vm_space_switch(parent);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + 3 * PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 4);

    /* Gone only with the last space that maps it: the grandchild still makes page 4. */
    vm_space_switch(NULL);
    vm_space_destroy(parent);
    vm_space_destroy(child);
    vm_space_switch(grandchild);
    v = 5;
    KASSERT_EQ(copy_to_user(UADDR(UA + 4 * PAGE_SIZE), &v, 4), 0);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA), 4), 0);
    KEXPECT_EQ(v, 1);
    vm_space_switch(NULL);
    vm_space_destroy(grandchild);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(kmalloc_objects(), objects0);
}

KTEST(vm, read_only_shared_pages_are_one_zero_frame) {
    size_t free0 = pmm_free_count();
    struct vm_space *parent = parent_with_shared(VM_READ);
    uint32_t v = 1;
    int err;

    KASSERT_TRUE(parent != NULL);
    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    vm_space_switch(child);
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 0);
    KEXPECT_EQ(copy_to_user(UADDR(UA + PAGE_SIZE), &v, 4), -EFAULT);
    KEXPECT_FALSE(*vm_pte(child, UA + PAGE_SIZE) & PTE_W);
    vm_space_switch(parent);
    v = 1;
    KASSERT_EQ(copy_from_user(&v, UADDR(UA + PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 0);
    KEXPECT_EQ(vm_translate(parent, UA + PAGE_SIZE), vm_translate(child, UA + PAGE_SIZE));
    KEXPECT_EQ(vm_translate(parent, UA), vm_translate(child, UA));
    vm_space_switch(NULL);
    vm_space_destroy(child);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
}

/*
 * A first touch of a shared page under every budget: it is refused until there is memory for the
 * object's page (and its leaf) and the page table. A failure keeps nothing but the object's page,
 * which the next try maps (the object's, zero, as anyone would find it); all of it goes with the
 * spaces.
 */
KTEST(vm, shared_fault_out_of_memory_at_every_budget) {
    const uintptr_t far = UA + PDE_SPAN; /* a page table of its own */
    size_t free0 = pmm_free_count(), objects0 = kmalloc_objects();
    struct vm_space *parent = parent_with_shared(VM_READ | VM_WRITE);
    uintptr_t addr = far;
    uint32_t v = 7;
    int err, failures = 0;

    KASSERT_TRUE(parent != NULL);
    KASSERT_EQ(vm_map(parent, &addr, 2 * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_SHARED, VM_MMAP, VM_MAP_FIXED), 0);
    struct vm_space *child = vm_space_fork(parent, TEST_OWNER + 1, 0, &err);
    KASSERT_TRUE(child != NULL);
    vm_space_switch(child);
    for (size_t budget = 0; budget < 8; budget++) {
        hold_all_but(budget);
        size_t before = pmm_free_count();
        int r = copy_to_user(UADDR(far + PAGE_SIZE), &v, 4);
        size_t after = pmm_free_count();
        release_pressure();
        if (r == 0)
            break;
        KEXPECT_EQ(r, -EFAULT);
        KEXPECT_LE(before - after, 1);
        failures++;
    }
    KEXPECT_GT(failures, 1); /* the page, then the page table */
    vm_space_switch(parent);
    v = 0;
    KASSERT_EQ(copy_from_user(&v, UADDR(far + PAGE_SIZE), 4), 0);
    KEXPECT_EQ(v, 7);
    vm_space_switch(NULL);
    vm_space_destroy(child);
    vm_space_destroy(parent);
    KEXPECT_EQ(pmm_free_count(), free0);
    KEXPECT_EQ(kmalloc_objects(), objects0);
}
