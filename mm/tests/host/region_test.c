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
    return region_insert(&set, start, end, RW, VM_SHARE_COW, type, NULL, &err);
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

    assert_null(region_insert(&set, 11 * P, 13 * P, RW, VM_SHARE_COW, VM_DATA, NULL, &err));
    assert_int_equal(err, -EEXIST);
    assert_null(region_insert(&set, 5 * P, 5 * P, RW, VM_SHARE_COW, VM_DATA, NULL, &err));
    assert_int_equal(err, -EINVAL);
    assert_null(region_insert(&set, 5 * P + 1, 6 * P, RW, VM_SHARE_COW, VM_DATA, NULL, &err));
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
    int n;
};

static void record(void *ctx, const struct vm_region *piece) {
    struct removed *r = ctx;
    r->start[r->n] = piece->start;
    r->end[r->n] = piece->end;
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

static void split_without_memory_changes_nothing(void **state) {
    (void)state;
    add(0, 10 * P, VM_DATA);
    host_pages_install(0); /* the next kmalloc needs a page and gets none... */
    /* ...but the set's node came from a slab that still has room, so force a full slab first. */
    int err = 0;
    while (region_insert(&set, 100 * P + set.count * 2 * P, 100 * P + set.count * 2 * P + P, RW, VM_SHARE_COW, VM_MMAP,
                         NULL, &err))
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
    region_insert(&set, 0, P, RW, VM_SHARE_PRIVATE, VM_DATA, NULL, &err);
    region_insert(&set, 2 * P, 3 * P, RW, VM_SHARE_COW, VM_DATA, NULL, &err);
    region_insert(&set, 4 * P, 5 * P, RW, VM_SHARE_SHARED, VM_MMAP, NULL, &err);
    assert_int_equal(region_set_copy(&child, &set), 0);
    assert_int_equal(child.count, 2);
    assert_int_equal(child.head->start, 2 * P);
    assert_int_equal(child.head->next->share, VM_SHARE_SHARED);
    region_set_clear(&child);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(insert_keeps_order_and_rejects_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(find_and_overlap, setup, teardown),
        cmocka_unit_test_setup_teardown(touching_neighbours_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(remove_splits_trims_and_drops, setup, teardown),
        cmocka_unit_test_setup_teardown(remove_reports_each_piece, setup, teardown),
        cmocka_unit_test_setup_teardown(split_without_memory_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(gaps_bottom_up_and_top_down, setup, teardown),
        cmocka_unit_test_setup_teardown(copy_skips_private_regions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
