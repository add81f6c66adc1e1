/* Host tests of region bookkeeping (mm/region.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "host_pages.h"
#include <abi/errno.h>
#include <mm/region.h>

#define P 0x1000u
#define RW (VM_READ | VM_WRITE)

static struct region_set set;

/* region.c's side of objects is their reference count: a fake that counts (the real one is
 * mm/object.c, tested in the kernel). */
struct vm_object {
    int refs;
};

void vm_object_ref(struct vm_object *obj) {
    assert_true(obj->refs > 0);
    obj->refs++;
}

void vm_object_put(struct vm_object *obj) {
    assert_true(obj->refs > 0);
    obj->refs--;
}

static struct vm_region *add_object(uintptr_t start, uintptr_t end, struct vm_object *obj, uint32_t pgoff) {
    int err = 0;
    return region_insert(&set, start, end, RW, VM_SHARE_SHARED, VM_MMAP, NULL, obj, pgoff, &err);
}

/* Checks region `i` of the set maps `obj` from page `pgoff`. */
static void expect_object(unsigned i, const struct vm_object *obj, uint32_t pgoff) {
    const struct vm_region *r = set.head;
    while (i--)
        r = r->next;
    assert_ptr_equal(r->object, obj);
    assert_int_equal(r->pgoff, pgoff);
}

static int setup(void **state) {
    (void)state;
    host_pages_install(100);
    set = (struct region_set){0};
    return 0;
}

static int teardown(void **state) {
    (void)state;
    region_set_clear(&set);
    assert_int_equal(set.count, 0);
    return 0;
}

static struct vm_region *add(uintptr_t start, uintptr_t end, uint8_t type) {
    int err = 0;
    return region_insert(&set, start, end, RW, VM_SHARE_COW, type, NULL, NULL, 0, &err);
}

/* Checks the set is exactly the given [start, end) pairs, in order. */
static void expect_ranges(const uintptr_t *ranges, unsigned n) {
    const struct vm_region *r = set.head;
    for (unsigned i = 0; i < n; i++) {
        assert_non_null(r);
        assert_int_equal(r->start, ranges[2 * i]);
        assert_int_equal(r->end, ranges[2 * i + 1]);
        r = r->next;
    }
    assert_null(r);
    assert_int_equal(set.count, n);
}

static void insert_keeps_order_and_rejects_overlap(void **state) {
    (void)state;
    int err = 0;
    assert_non_null(add(10 * P, 12 * P, VM_DATA));
    assert_non_null(add(2 * P, 4 * P, VM_CODE));
    assert_non_null(add(20 * P, 21 * P, VM_STACK));
    uintptr_t want[] = {2 * P, 4 * P, 10 * P, 12 * P, 20 * P, 21 * P};
    expect_ranges(want, 3);

    assert_null(region_insert(&set, 11 * P, 13 * P, RW, VM_SHARE_COW, VM_DATA, NULL, NULL, 0, &err));
    assert_int_equal(err, -EEXIST);
    assert_null(region_insert(&set, 5 * P, 5 * P, RW, VM_SHARE_COW, VM_DATA, NULL, NULL, 0, &err));
    assert_int_equal(err, -EINVAL);
    assert_null(region_insert(&set, 5 * P + 1, 6 * P, RW, VM_SHARE_COW, VM_DATA, NULL, NULL, 0, &err));
    assert_int_equal(err, -EINVAL);
}

static void find_and_overlap(void **state) {
    (void)state;
    add(2 * P, 4 * P, VM_DATA);
    add(8 * P, 9 * P, VM_DATA);
    assert_null(region_find(&set, 1 * P));
    assert_int_equal(region_find(&set, 2 * P)->start, 2 * P);
    assert_int_equal(region_find(&set, 4 * P - 1)->start, 2 * P);
    assert_null(region_find(&set, 4 * P));
    assert_null(region_find_overlap(&set, 4 * P, 8 * P));
    assert_int_equal(region_find_overlap(&set, 3 * P, 9 * P)->start, 2 * P);
    assert_int_equal(region_find_overlap(&set, 5 * P, 9 * P)->start, 8 * P);
}

static void touching_neighbours_merge(void **state) {
    (void)state;
    add(2 * P, 4 * P, VM_HEAP);
    add(4 * P, 6 * P, VM_HEAP); /* grows the first */
    add(8 * P, 9 * P, VM_HEAP);
    add(6 * P, 8 * P, VM_HEAP); /* joins all three */
    uintptr_t want[] = {2 * P, 9 * P};
    expect_ranges(want, 1);
    add(9 * P, 10 * P, VM_STACK); /* different type: no merge */
    assert_int_equal(set.count, 2);
}

static void remove_splits_trims_and_drops(void **state) {
    (void)state;
    add(0 * P, 10 * P, VM_DATA);
    add(20 * P, 30 * P, VM_MMAP);
    assert_int_equal(region_remove(&set, 4 * P, 6 * P, NULL, NULL), 0); /* split */
    uintptr_t w1[] = {0, 4 * P, 6 * P, 10 * P, 20 * P, 30 * P};
    expect_ranges(w1, 3);
    assert_int_equal(region_remove(&set, 8 * P, 25 * P, NULL, NULL), 0); /* trims two */
    uintptr_t w2[] = {0, 4 * P, 6 * P, 8 * P, 25 * P, 30 * P};
    expect_ranges(w2, 3);
    assert_int_equal(region_remove(&set, 0, 100 * P, NULL, NULL), 0); /* everything */
    expect_ranges(NULL, 0);
}

struct removed {
    uintptr_t start[8], end[8];
    uint32_t pgoff[8];
    int n;
};

static void record(void *ctx, const struct vm_region *piece) {
    struct removed *r = ctx;
    r->start[r->n] = piece->start;
    r->end[r->n] = piece->end;
    r->pgoff[r->n] = piece->pgoff;
    r->n++;
}

static void remove_reports_each_piece(void **state) {
    (void)state;
    struct removed got = {0};
    add(0, 4 * P, VM_DATA);
    add(6 * P, 8 * P, VM_MMAP);
    assert_int_equal(region_remove(&set, 2 * P, 7 * P, record, &got), 0);
    assert_int_equal(got.n, 2);
    assert_int_equal(got.start[0], 2 * P);
    assert_int_equal(got.end[0], 4 * P);
    assert_int_equal(got.start[1], 6 * P);
    assert_int_equal(got.end[1], 7 * P);
}

static void regions_of_objects_never_merge(void **state) {
    (void)state;
    struct vm_object a = {2}, b = {1}; /* a reference for each region made of it */
    add_object(2 * P, 4 * P, &a, 0);
    add_object(4 * P, 6 * P, &b, 0); /* another object */
    add(6 * P, 8 * P, VM_MMAP);
    add_object(8 * P, 9 * P, &a, 2); /* even the same object, where its pages would follow on */
    assert_int_equal(set.count, 4);
    expect_object(0, &a, 0);
    expect_object(1, &b, 0);
    expect_object(2, NULL, 0);
    expect_object(3, &a, 2);
    region_set_clear(&set);
    assert_int_equal(a.refs, 0);
    assert_int_equal(b.refs, 0);
}

/* Each page keeps its object page whatever is cut around it, and every node holds a reference. */
static void splits_and_trims_keep_offsets_and_references(void **state) {
    (void)state;
    struct vm_object o = {1};
    struct removed got = {0};
    add_object(10 * P, 20 * P, &o, 3); /* pages 3..12 of o */

    assert_int_equal(region_remove(&set, 12 * P, 14 * P, record, &got), 0); /* the middle */
    uintptr_t w1[] = {10 * P, 12 * P, 14 * P, 20 * P};
    expect_ranges(w1, 2);
    expect_object(0, &o, 3);
    expect_object(1, &o, 7);
    assert_int_equal(got.pgoff[0], 5);
    assert_int_equal(o.refs, 2);

    assert_int_equal(region_remove(&set, 13 * P, 15 * P, record, &got), 0); /* trims both */
    uintptr_t w2[] = {10 * P, 12 * P, 15 * P, 20 * P};
    expect_ranges(w2, 2);
    expect_object(0, &o, 3);
    expect_object(1, &o, 8);
    assert_int_equal(got.pgoff[1], 7);
    assert_int_equal(o.refs, 2);

    assert_int_equal(region_remove(&set, 19 * P, 20 * P, NULL, NULL), 0); /* the right end */
    expect_object(1, &o, 8);
    assert_int_equal(region_remove(&set, 10 * P, 12 * P, NULL, NULL), 0); /* a whole node */
    uintptr_t w3[] = {15 * P, 19 * P};
    expect_ranges(w3, 1);
    expect_object(0, &o, 8);
    assert_int_equal(o.refs, 1);

    struct region_set child = {0};
    assert_int_equal(region_set_copy(&child, &set), 0); /* fork */
    assert_ptr_equal(child.head->object, &o);
    assert_int_equal(child.head->pgoff, 8);
    assert_int_equal(o.refs, 2);
    region_set_clear(&child);
    assert_int_equal(o.refs, 1);
    assert_int_equal(region_remove(&set, 0, 100 * P, NULL, NULL), 0);
    assert_int_equal(o.refs, 0);
}

static void copy_without_memory_gives_references_back(void **state) {
    (void)state;
    struct vm_object o = {1};
    struct region_set child = {0};
    add_object(0, P, &o, 0);
    add(2 * P, 3 * P, VM_DATA);
    host_pages_install(0);
    int err = 0;
    uintptr_t first = 100 * P + set.count * 2 * P;
    while (region_insert(&set, 100 * P + set.count * 2 * P, 100 * P + set.count * 2 * P + P, RW, VM_SHARE_COW, VM_MMAP,
                         NULL, NULL, 0, &err))
        ; /* until the slab is full */
    /* Room for one node: the copy of the object's region fits (and takes a reference), the
     * next one does not. */
    assert_int_equal(region_remove(&set, first, first + P, NULL, NULL), 0);
    assert_int_equal(region_set_copy(&child, &set), -ENOMEM);
    assert_null(child.head);
    assert_int_equal(o.refs, 1);
    host_pages_install(100);
    region_set_clear(&set);
    assert_int_equal(o.refs, 0);
}

static void split_without_memory_changes_nothing(void **state) {
    (void)state;
    add(0, 10 * P, VM_DATA);
    host_pages_install(0); /* the next kmalloc needs a page and gets none... */
    /* ...but the set's node came from a slab that still has room, so force a full slab first. */
    int err = 0;
    while (region_insert(&set, 100 * P + set.count * 2 * P, 100 * P + set.count * 2 * P + P, RW, VM_SHARE_COW, VM_MMAP,
                         NULL, NULL, 0, &err))
        ;
    assert_int_equal(err, -ENOMEM);
    unsigned before = set.count;
    assert_int_equal(region_remove(&set, 4 * P, 6 * P, NULL, NULL), -ENOMEM);
    assert_int_equal(set.count, before);
    assert_int_equal(region_find(&set, 5 * P)->start, 0);
    host_pages_install(100);
}

static void gaps_bottom_up_and_top_down(void **state) {
    (void)state;
    add(10 * P, 20 * P, VM_DATA);
    add(30 * P, 40 * P, VM_DATA);
    assert_int_equal(region_find_gap(&set, 5 * P, 0, 100 * P, false), 0 * P);
    assert_int_equal(region_find_gap(&set, 5 * P, 8 * P, 100 * P, false), 20 * P);
    assert_int_equal(region_find_gap(&set, 10 * P, 12 * P, 100 * P, false), 20 * P);
    assert_int_equal(region_find_gap(&set, 11 * P, 12 * P, 100 * P, false), 40 * P);
    assert_int_equal(region_find_gap(&set, 5 * P, 0, 100 * P, true), 95 * P);
    assert_int_equal(region_find_gap(&set, 5 * P, 0, 35 * P, true), 25 * P);
    assert_int_equal(region_find_gap(&set, 61 * P, 0, 100 * P, true), 0);
}

static void copy_skips_private_regions(void **state) {
    (void)state;
    int err = 0;
    struct region_set child = {0};
    struct vm_object o = {1};
    region_insert(&set, 0, P, RW, VM_SHARE_PRIVATE, VM_DATA, NULL, NULL, 0, &err);
    region_insert(&set, 2 * P, 3 * P, RW, VM_SHARE_COW, VM_DATA, NULL, NULL, 0, &err);
    region_insert(&set, 4 * P, 5 * P, RW, VM_SHARE_SHARED, VM_MMAP, NULL, &o, 0, &err);
    assert_int_equal(region_set_copy(&child, &set), 0);
    assert_int_equal(child.count, 2);
    assert_int_equal(child.head->start, 2 * P);
    assert_int_equal(child.head->next->share, VM_SHARE_SHARED);
    assert_int_equal(o.refs, 2);
    region_set_clear(&child);
    region_set_clear(&set);
    assert_int_equal(o.refs, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(insert_keeps_order_and_rejects_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(find_and_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(touching_neighbours_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(remove_splits_trims_and_drops, setup, teardown),
        cmocka_unit_test_setup_teardown(remove_reports_each_piece, setup, teardown),
        cmocka_unit_test_setup_teardown(split_without_memory_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(regions_of_objects_never_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(splits_and_trims_keep_offsets_and_references, setup, teardown),
        cmocka_unit_test_setup_teardown(copy_without_memory_gives_references_back, setup, teardown),
        cmocka_unit_test_setup_teardown(gaps_bottom_up_and_top_down, setup, teardown),
        cmocka_unit_test_setup_teardown(copy_skips_private_regions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
