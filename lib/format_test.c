/* Host tests of the printf engine (lib/format.c). */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <lib/format.h>
#include <lib/string.h>

#define CHECK(expect, ...)                                                                                             \
    do {                                                                                                               \
        char buf_[128];                                                                                                \
        int n_ = format_snprintf(buf_, sizeof(buf_), __VA_ARGS__);                                                     \
        assert_string_equal(buf_, expect);                                                                             \
        assert_int_equal(n_, (int)strlen(expect));                                                                     \
    } while (0)

static void integers(void **state) {
    (void)state;
    CHECK("0 -1 42", "%d %i %u", 0, -1, 42u);
    CHECK("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
    CHECK("4294967295", "%u", UINT_MAX);
    CHECK("ff FF 17", "%x %X %o", 255u, 255u, 15u);
    CHECK("0xff 0XFF 017 0 0", "%#x %#X %#o %#x %#o", 255u, 255u, 15u, 0u, 0u);
}

static void widths_flags_precision(void **state) {
    (void)state;
    CHECK("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
    CHECK("[  -42][-0042]", "[%5d][%05d]", -42, -42);
    CHECK("[+5][ 5][+0]", "[%+d][% d][%+d]", 5, 5, 0);
    CHECK("[00042][  042]", "[%.5d][%5.3d]", 42, 42);
    CHECK("[][5]", "[%.0d][%.0d]", 0, 5); /* precision 0 and value 0 print no digit */
    CHECK("[  abc][abc  ][ab]", "[%5s][%-5s][%.2s]", "abc", "abc", "abc");
    CHECK("[   7][7   ]", "[%*d][%*d]", 4, 7, -4, 7);
    CHECK("[ab]", "[%.*s]", 2, "abcdef");
    CHECK("[    x]", "[%5c]", 'x');
}

static void lengths(void **state) {
    (void)state;
    CHECK("-1 255 -1 65535", "%hhd %hhu %hd %hu", -1, 255, -1, 65535);
    CHECK("-9223372036854775808", "%lld", LLONG_MIN);
    CHECK("18446744073709551615 ffffffffffffffff", "%llu %llx", ULLONG_MAX, ULLONG_MAX);
    CHECK("123456789012", "%lld", 123456789012ll);
    CHECK("-5 7", "%ld %zu", -5l, (size_t)7);
    CHECK("42", "%jd", (intmax_t)42);
}

static void pointers_strings_chars(void **state) {
    (void)state;
    char expect[40], got[40];
    void *p = (void *)(uintptr_t)0x1234;
    /* "0x" and at least 2 * sizeof(void *) digits. */
    if (sizeof(void *) == 8)
        strcpy(expect, "0x0000000000001234");
    else
        strcpy(expect, "0x00001234");
    format_snprintf(got, sizeof(got), "%p", p);
    assert_string_equal(got, expect);
    CHECK("(null)", "%s", (char *)NULL);
    CHECK("a%b", "%c%%%c", 'a', 'b');
}

static void unknown_conversions_show_up(void **state) {
    (void)state;
    CHECK("%q", "%q");
    CHECK("x %", "x %");
    CHECK("%5q", "%5q");
}

static void truncation_follows_snprintf(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, 5, "%s", "abcdefgh"), 8);
    assert_string_equal(buf, "abcd");
    assert_int_equal(buf[5], 'z');
    memset(buf, 'z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, 0, "%d", 12345), 5);
    assert_int_equal(buf[0], 'z'); /* size 0 writes nothing */
    assert_int_equal(format_snprintf(buf, 1, "%d", 12345), 5);
    assert_string_equal(buf, "");
}

struct counter {
    int calls;
    size_t bytes;
    char text[64];
};

static void count_sink(void *ctx, const char *s, size_t len) {
    struct counter *c = ctx;
    assert_true(len > 0);
    memcpy(c->text + c->bytes, s, len);
    c->calls++;
    c->bytes += len;
}

static int via_sink(struct counter *c, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = format_v(count_sink, c, fmt, ap);
    va_end(ap);
    return n;
}

static void custom_sink_sees_every_byte(void **state) {
    (void)state;
    struct counter c = {0};

    assert_int_equal(via_sink(&c, "n=%d, %s!", 10, "ok"), 9);
    assert_int_equal(c.bytes, 9);
    assert_memory_equal(c.text, "n=10, ok!", 9);
    assert_true(c.calls >= 3);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers),
        cmocka_unit_test(widths_flags_precision),
        cmocka_unit_test(lengths),
        cmocka_unit_test(pointers_strings_chars),
        cmocka_unit_test(unknown_conversions_show_up),
        cmocka_unit_test(truncation_follows_snprintf),
        cmocka_unit_test(custom_sink_sees_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
