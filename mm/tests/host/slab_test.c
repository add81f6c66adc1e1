/* Host tests of the slab allocator behind kmalloc (mm/kmalloc.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "host_pages.h"
#include <lib/panic.h>

static jmp_buf panic_jump;
static __attribute__((noreturn)) void test_halt(void) {
    longjmp(panic_jump, 1);
}
static void no_backtrace(void) {}
static const struct panic_ops ops = {no_backtrace, test_halt};

static int setup(void **state) {
    (void)state;
    host_pages_install(1000);
    panic_set_ops(&ops);
    return 0;
}

static void rounds_up_to_classes(void **state) {
    (void)state;
    void *a = kmalloc(1), *b = kmalloc(17), *c = kmalloc(2048), *d = kmalloc(3000);

    assert_non_null(a);
    assert_int_equal(kmalloc_usable_size(a), 16);
    assert_int_equal(kmalloc_usable_size(b), 32);
    assert_int_equal(kmalloc_usable_size(c), 2048);
    assert_int_equal(kmalloc_usable_size(d), 4096);
    assert_null(kmalloc(4097));
    kfree(a);
    kfree(b);
    kfree(c);
    kfree(d);
    assert_int_equal(host_pages_live(), 3); /* one warm slab each for classes 16, 32, 2048 */
}

static void blocks_are_aligned_to_their_class(void **state) {
    (void)state;
    for (size_t size = 16; size <= 2048; size *= 2) {
        void *p[8];
        for (int i = 0; i < 8; i++) {
            p[i] = kmalloc(size);
            assert_non_null(p[i]);
            assert_int_equal((uintptr_t)p[i] % size, 0);
        }
        for (int i = 0; i < 8; i++)
            kfree(p[i]);
    }
    void *f = kmalloc_aligned(512, 16);
    assert_int_equal((uintptr_t)f % 16, 0);
    kfree(f);
}

static void distinct_blocks_do_not_overlap(void **state) {
    (void)state;
    enum { N = 1000 };
    static unsigned char *p[N];

    for (int i = 0; i < N; i++) {
        p[i] = kmalloc(48);
        assert_non_null(p[i]);
        memset(p[i], i & 0xff, 48);
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < 48; j++)
            assert_int_equal(p[i][j], i & 0xff);
    }
    struct kheap_stats st;
    kheap_stats(&st);
    assert_int_equal(st.objects, N);
    for (int i = 0; i < N; i++)
        kfree(p[i]);
    kheap_stats(&st);
    assert_int_equal(st.objects, 0);
    assert_int_equal(st.slabs, 1); /* all pages returned but the warm one */
}

static void freed_blocks_are_poisoned_and_reused(void **state) {
    (void)state;
    unsigned char *a = kmalloc(64);
    unsigned char *keep = kmalloc(64); /* keeps the slab alive */

    memset(a, 0, 64);
    kfree(a);
    for (int i = sizeof(void *); i < 64; i++)
        assert_int_equal(a[i], 0x6B);
    assert_ptr_equal(kmalloc(64), a); /* LIFO reuse */
    kfree(a);
    kfree(keep);
}

static void exhaustion_returns_null(void **state) {
    (void)state;
    host_pages_install(2);
    void *a = kmalloc(4096), *b = kmalloc(4096);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(kmalloc(4096));
    assert_null(kmalloc(16)); /* needs a new slab page */
    kfree(a);
    void *c = kmalloc(16);
    assert_non_null(c);
    kfree(b);
    kfree(c);
}

static void double_free_panics(void **state) {
    (void)state;
    void *a = kmalloc(32), *keep = kmalloc(32);
    kfree(a);
    if (setjmp(panic_jump) == 0) {
        kfree(a);
        fail_msg("double free was not caught");
    }
    kfree(keep);
}

static void zalloc_zeroes(void **state) {
    (void)state;
    unsigned char *a = kmalloc(100);
    memset(a, 0xff, 100);
    kfree(a);
    unsigned char *b = kzalloc(100);
    for (int i = 0; i < 100; i++)
        assert_int_equal(b[i], 0);
    kfree(b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(rounds_up_to_classes, setup),
        cmocka_unit_test_setup(blocks_are_aligned_to_their_class, setup),
        cmocka_unit_test_setup(distinct_blocks_do_not_overlap, setup),
        cmocka_unit_test_setup(freed_blocks_are_poisoned_and_reused, setup),
        cmocka_unit_test_setup(exhaustion_returns_null, setup),
        cmocka_unit_test_setup(double_free_panics, setup),
        cmocka_unit_test_setup(zalloc_zeroes, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
