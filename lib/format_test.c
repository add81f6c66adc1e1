/*
 * Host tests of the printf engine (lib/format.c): conversions, flags, width and precision,
 * length modifiers, snprintf truncation and the sink interface. Expected strings are those of
 * ISO C printf, except where lib/format.h documents otherwise (%p, unknown conversions).
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <lib/format.h>
#include <lib/string.h>

/* Formats into a roomy buffer and checks both the text and the returned length. */
#define CHECK(expect, ...)                                                                                             \
    do {                                                                                                               \
        char buf_[160];                                                                                                \
        memset(buf_, 'Z', sizeof(buf_));                                                                               \
        int n_ = format_snprintf(buf_, sizeof(buf_), __VA_ARGS__);                                                     \
        assert_string_equal(buf_, expect);                                                                             \
        assert_int_equal(n_, (int)strlen(expect));                                                                     \
    } while (0)

/* --- conversions ------------------------------------------------------------------------------ */

static void plain_text_is_copied(void **state) {
    (void)state;
    CHECK("", "");
    CHECK("hello, world", "hello, world");
}

static void conversion_d_and_i(void **state) {
    (void)state;
    CHECK("0", "%d", 0);
    CHECK("42", "%d", 42);
    CHECK("-42", "%i", -42);
    CHECK("2147483647", "%i", INT_MAX);
    CHECK("a1b-2c", "a%db%ic", 1, -2);
}

static void conversion_d_int_min(void **state) {
    (void)state;
    CHECK("-2147483648", "%d", INT_MIN);
    CHECK("-2147483648", "%i", INT_MIN);
}

static void conversion_u(void **state) {
    (void)state;
    CHECK("0", "%u", 0u);
    CHECK("42", "%u", 42u);
    CHECK("4294967295", "%u", UINT_MAX);
    CHECK("4294967295", "%u", -1); /* the bits of an int, read as unsigned */
}

static void conversion_x_and_X(void **state) {
    (void)state;
    CHECK("0", "%x", 0u);
    CHECK("ff", "%x", 255u);
    CHECK("FF", "%X", 255u);
    CHECK("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
    CHECK("ffffffff", "%x", UINT_MAX);
}

static void conversion_o(void **state) {
    (void)state;
    CHECK("0", "%o", 0u);
    CHECK("17", "%o", 15u);
    CHECK("10", "%o", 8u);
    CHECK("37777777777", "%o", UINT_MAX);
}

static void conversion_c(void **state) {
    (void)state;
    CHECK("x", "%c", 'x');
    CHECK("[a][b]", "[%c][%c]", 'a', 'b');
    CHECK("A", "%c", 'A' + 256); /* converted to unsigned char */
}

static void conversion_c_nul_is_one_byte(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'Z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, sizeof(buf), "a%cb", 0), 3);
    assert_memory_equal(buf, "a\0b\0", 4);
}

static void conversion_s(void **state) {
    (void)state;
    CHECK("hello", "%s", "hello");
    CHECK("", "%s", "");
    CHECK("a-b-c", "%s-%s-%s", "a", "b", "c");
}

static void conversion_s_null_prints_null(void **state) {
    (void)state;
    CHECK("(null)", "%s", (char *)NULL);
    CHECK("[  (null)]", "[%8s]", (char *)NULL);
}

static void percent_percent(void **state) {
    (void)state;
    CHECK("%", "%%");
    CHECK("100%", "%d%%", 100);
    CHECK("a%b", "%c%%%c", 'a', 'b');
    CHECK("%%", "%%%%");
}

/* --- %p --------------------------------------------------------------------------------------- */

static void pointer_has_0x_and_full_width_digits(void **state) {
    (void)state;
    /* "0x" then at least 2 * sizeof(void *) hex digits. */
    if (sizeof(void *) == 8) {
        CHECK("0x0000000000001234", "%p", (void *)(uintptr_t)0x1234);
        CHECK("0x00000000deadbeef", "%p", (void *)(uintptr_t)0xdeadbeefu);
    } else {
        CHECK("0x00001234", "%p", (void *)(uintptr_t)0x1234);
        CHECK("0xdeadbeef", "%p", (void *)(uintptr_t)0xdeadbeefu);
    }
}

static void pointer_null_and_max(void **state) {
    (void)state;
    if (sizeof(void *) == 8) {
        CHECK("0x0000000000000000", "%p", (void *)NULL);
        CHECK("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
    } else {
        CHECK("0x00000000", "%p", (void *)NULL);
        CHECK("0xffffffff", "%p", (void *)UINTPTR_MAX);
    }
}

static void pointer_with_width(void **state) {
    (void)state;
    if (sizeof(void *) == 8) {
        CHECK("[  0x0000000000000010]", "[%20p]", (void *)(uintptr_t)16);
        CHECK("[0x0000000000000010  ]", "[%-20p]", (void *)(uintptr_t)16);
    } else {
        CHECK("[  0x00000010]", "[%12p]", (void *)(uintptr_t)16);
        CHECK("[0x00000010  ]", "[%-12p]", (void *)(uintptr_t)16);
    }
}

/* --- width, flags and precision --------------------------------------------------------------- */

static void width_pads_on_the_left(void **state) {
    (void)state;
    CHECK("[   42]", "[%5d]", 42);
    CHECK("[  -42]", "[%5d]", -42);
    CHECK("[  abc]", "[%5s]", "abc");
    CHECK("[    x]", "[%5c]", 'x');
    CHECK("[ ff]", "[%3x]", 255u);
    CHECK("[12345]", "[%3d]", 12345); /* never truncates */
}

static void wide_padding_spans_many_chunks(void **state) {
    (void)state;
    CHECK("                                       7", "%40d", 7);
    CHECK("0000000000000000000000000000000000000007", "%040d", 7);
    CHECK("7                                       |", "%-40d|", 7);
}

static void minus_flag_left_justifies(void **state) {
    (void)state;
    CHECK("[42   ]", "[%-5d]", 42);
    CHECK("[-42  ]", "[%-5d]", -42);
    CHECK("[abc  ]", "[%-5s]", "abc");
    CHECK("[x    ]", "[%-5c]", 'x');
    CHECK("[ff   ]", "[%-5x]", 255u);
}

static void zero_flag_pads_with_zeros(void **state) {
    (void)state;
    CHECK("[00042]", "[%05d]", 42);
    CHECK("[-0042]", "[%05d]", -42); /* zeros go after the sign */
    CHECK("[000ff]", "[%05x]", 255u);
    CHECK("[00017]", "[%05o]", 15u);
    CHECK("[00007]", "[%05u]", 7u);
}

static void zero_flag_ignored_with_minus_or_precision(void **state) {
    (void)state;
    CHECK("[42   ]", "[%-05d]", 42);
    CHECK("[42   ]", "[%0-5d]", 42);
    CHECK("[  042]", "[%05.3d]", 42);
    CHECK("[ -042]", "[%05.3d]", -42);
}

static void precision_gives_minimum_integer_digits(void **state) {
    (void)state;
    CHECK("[00042]", "[%.5d]", 42);
    CHECK("[-00042]", "[%.5d]", -42);
    CHECK("[  042]", "[%5.3d]", 42);
    CHECK("[042  ]", "[%-5.3d]", 42);
    CHECK("[000ff]", "[%.5x]", 255u);
    CHECK("[12345]", "[%.2d]", 12345);
    CHECK("[5]", "[%.d]", 5); /* '.' alone means precision 0 */
}

static void precision_zero_with_value_zero_prints_no_digits(void **state) {
    (void)state;
    CHECK("[]", "[%.0d]", 0);
    CHECK("[]", "[%.0u]", 0u);
    CHECK("[]", "[%.0x]", 0u);
    CHECK("[]", "[%.d]", 0);
    CHECK("[   ]", "[%3.0d]", 0);
    CHECK("[5]", "[%.0d]", 5);
}

static void precision_truncates_strings(void **state) {
    (void)state;
    CHECK("[ab]", "[%.2s]", "abcdef");
    CHECK("[]", "[%.0s]", "abcdef");
    CHECK("[abc]", "[%.10s]", "abc");
    CHECK("[   ab]", "[%5.2s]", "abcdef");
    CHECK("[ab   ]", "[%-5.2s]", "abcdef");
}

static void precision_reads_no_further_than_needed(void **state) {
    (void)state;
    /* Not terminated: with a precision, %s must stop there. */
    const char raw[3] = {'x', 'y', 'z'};

    CHECK("xyz", "%.3s", raw);
    CHECK("xy", "%.2s", raw);
}

static void star_width_and_precision(void **state) {
    (void)state;
    CHECK("[    7]", "[%*d]", 5, 7);
    CHECK("[007]", "[%.*d]", 3, 7);
    CHECK("[  007]", "[%*.*d]", 5, 3, 7);
    CHECK("[ab]", "[%.*s]", 2, "abcdef");
    CHECK("[   ab]", "[%*.*s]", 5, 2, "abcdef");
    CHECK("[7] next", "[%*d] %s", 0, 7, "next"); /* arguments stay in step */
}

static void negative_star_width_left_justifies(void **state) {
    (void)state;
    CHECK("[7   ]", "[%*d]", -4, 7);
    CHECK("[abc  ]", "[%*s]", -5, "abc");
    CHECK("[7   ]", "[%0*d]", -4, 7); /* '-' overrides '0' */
}

static void negative_star_precision_counts_as_absent(void **state) {
    (void)state;
    CHECK("[abcdef]", "[%.*s]", -1, "abcdef");
    CHECK("[00042]", "[%0*.*d]", 5, -1, 42); /* no precision, so '0' applies */
    CHECK("[0]", "[%.*d]", -3, 0);
}

static void plus_and_space_flags_on_signed(void **state) {
    (void)state;
    CHECK("[+5][-5][+0]", "[%+d][%+d][%+d]", 5, -5, 0);
    CHECK("[ 5][-5][ 0]", "[% d][% d][% d]", 5, -5, 0);
    CHECK("[+5]", "[%+ d]", 5); /* '+' wins over ' ' */
    CHECK("[+5]", "[% +d]", 5);
    CHECK("[  +42][+0042][+42  ]", "[%+5d][%+05d][%-+5d]", 42, 42, 42);
    CHECK("[ 0042]", "[% 05d]", 42);
    CHECK("[+]", "[%+.0d]", 0);
}

static void plus_and_space_flags_ignored_on_unsigned(void **state) {
    (void)state;
    /* ISO C: they concern signed conversions only. */
    CHECK("[5][5]", "[%+u][% u]", 5u, 5u);
    CHECK("[ff][FF][17]", "[%+x][% X][%+o]", 255u, 255u, 15u);
    CHECK("[  ff]", "[%+4x]", 255u);
    if (sizeof(void *) == 8)
        CHECK("0x0000000000000001", "%+p", (void *)(uintptr_t)1);
    else
        CHECK("0x00000001", "%+p", (void *)(uintptr_t)1);
}

static void hash_flag_with_x_and_X(void **state) {
    (void)state;
    CHECK("0xff", "%#x", 255u);
    CHECK("0XFF", "%#X", 255u);
    CHECK("0", "%#x", 0u); /* no prefix for zero */
    CHECK("[  0xff]", "[%#6x]", 255u);
    CHECK("[0xff  ]", "[%-#6x]", 255u);
    CHECK("[0x00ff]", "[%#06x]", 255u); /* zeros after the prefix */
    CHECK("[0x000ff]", "[%#.5x]", 255u);
    CHECK("[]", "[%#.0x]", 0u);
}

static void hash_flag_with_o(void **state) {
    (void)state;
    CHECK("017", "%#o", 15u);
    CHECK("0", "%#o", 0u);
    CHECK("[  017]", "[%#5o]", 15u);
    CHECK("[00017]", "[%#05o]", 15u);
}

static void hash_flag_with_o_and_precision(void **state) {
    (void)state;
    /* '#' raises the precision only as far as needed for a leading 0. */
    CHECK("[00010]", "[%#.5o]", 8u);
    CHECK("[010]", "[%#.3o]", 8u);
    CHECK("[010]", "[%#.2o]", 8u);
    CHECK("[0]", "[%#.0o]", 0u); /* value and precision 0: a single 0 */
    CHECK("[    0]", "[%#5.0o]", 0u);
    CHECK("[0]", "[%#.1o]", 0u);
}

/* --- length modifiers ------------------------------------------------------------------------- */

static void length_hh(void **state) {
    (void)state;
    CHECK("-1 255", "%hhd %hhu", -1, 255);
    CHECK("0 1", "%hhu %hhu", 256, 257); /* converted to unsigned char */
    CHECK("-128 127", "%hhd %hhd", 128, 127);
    CHECK("ff 377", "%hhx %hho", -1, -1);
}

static void length_h(void **state) {
    (void)state;
    CHECK("-1 65535", "%hd %hu", -1, 65535);
    CHECK("-32768 0", "%hd %hu", 32768, 65536);
    CHECK("ffff FFFF", "%hx %hX", -1, -1);
}

static void length_l(void **state) {
    (void)state;
    CHECK("-5 7", "%ld %lu", -5l, 7ul);
    CHECK("ff", "%lx", 255ul);
    if (sizeof(long) == 8) {
        CHECK("-9223372036854775808", "%ld", LONG_MIN);
        CHECK("ffffffffffffffff", "%lx", ULONG_MAX);
    } else {
        CHECK("-2147483648", "%ld", LONG_MIN);
        CHECK("ffffffff", "%lx", ULONG_MAX);
    }
}

static void length_ll(void **state) {
    (void)state;
    CHECK("123456789012", "%lld", 123456789012ll);
    CHECK("-123456789012", "%lli", -123456789012ll);
    CHECK("9223372036854775807", "%lld", LLONG_MAX);
    CHECK("1 2", "%lld %d", 1ll, 2); /* a 64-bit argument does not shift the next one */
}

static void length_ll_llong_min(void **state) {
    (void)state;
    CHECK("-9223372036854775808", "%lld", LLONG_MIN);
    CHECK("[-9223372036854775808]", "[%5lld]", LLONG_MIN);
}

static void length_ll_64bit_extremes(void **state) {
    (void)state;
    CHECK("18446744073709551615", "%llu", ULLONG_MAX);
    CHECK("ffffffffffffffff", "%llx", 0xffffffffffffffffull);
    CHECK("FFFFFFFFFFFFFFFF", "%llX", 0xffffffffffffffffull);
    CHECK("1777777777777777777777", "%llo", 0xffffffffffffffffull);
    CHECK("0x123456789abcdef0", "%#llx", 0x123456789abcdef0ull);
    CHECK("4294967296", "%llu", 0x100000000ull);
    CHECK("10000000000000000000", "%llu", 10000000000000000000ull);
}

static void length_z_t_j(void **state) {
    (void)state;
    CHECK("7", "%zu", (size_t)7);
    CHECK("-5", "%zd", (ptrdiff_t)-5);
    CHECK("abc", "%zx", (size_t)0xabc);
    CHECK("-77", "%td", (ptrdiff_t)-77);
    CHECK("42", "%jd", (intmax_t)42);
    CHECK("-9223372036854775808", "%jd", (intmax_t)INT64_MIN);
    CHECK("18446744073709551615", "%ju", (uintmax_t)UINT64_MAX);
    if (sizeof(size_t) == 8)
        CHECK("18446744073709551615", "%zu", SIZE_MAX);
    else
        CHECK("4294967295", "%zu", SIZE_MAX);
}

/* --- malformed formats ------------------------------------------------------------------------ */

static void unknown_conversion_printed_verbatim(void **state) {
    (void)state;
    CHECK("%q", "%q");
    CHECK("a %q b", "a %q b");
    CHECK("%5q", "%5q");
    CHECK("%-08.3lq", "%-08.3lq");
    CHECK("%q 5", "%q %d", 5); /* consumes no argument */
}

static void trailing_lone_percent(void **state) {
    (void)state;
    CHECK("%", "%");
    CHECK("x %", "x %");
    CHECK("50%", "%d%", 50);
}

static void trailing_incomplete_conversion(void **state) {
    (void)state;
    CHECK("%5", "%5");
    CHECK("x %-l", "x %-l");
}

/* --- snprintf semantics ----------------------------------------------------------------------- */

static void truncation_returns_full_length(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, 5, "%s", "abcdefgh"), 8);
    assert_string_equal(buf, "abcd");
    assert_int_equal(buf[5], 'z'); /* nothing written past size */
}

static void truncation_inside_a_conversion(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, 6, "n=%d!", -123456), 10);
    assert_string_equal(buf, "n=-12");
    memset(buf, 'z', sizeof(buf));
    assert_int_equal(format_snprintf(buf, 4, "%8d", 1), 8);
    assert_string_equal(buf, "   ");
}

static void exact_fit_and_one_short(void **state) {
    (void)state;
    char buf[8];

    assert_int_equal(format_snprintf(buf, 6, "hello"), 5);
    assert_string_equal(buf, "hello");
    assert_int_equal(format_snprintf(buf, 5, "hello"), 5);
    assert_string_equal(buf, "hell");
}

static void size_one_gives_empty_string(void **state) {
    (void)state;
    char buf[4] = "xyz";

    assert_int_equal(format_snprintf(buf, 1, "%d", 12345), 5);
    assert_memory_equal(buf, "\0yz", 4);
}

static void size_zero_writes_nothing(void **state) {
    (void)state;
    char buf[4] = "xyz";

    assert_int_equal(format_snprintf(buf, 0, "%d", 12345), 5);
    assert_string_equal(buf, "xyz");
    assert_int_equal(format_snprintf(NULL, 0, "%s and %s", "this", "that"), 13);
}

static int call_vsnprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;

    va_start(ap, fmt);
    int n = format_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void vsnprintf_takes_a_va_list(void **state) {
    (void)state;
    char buf[32];

    assert_int_equal(call_vsnprintf(buf, sizeof(buf), "%s=%d (%#x)", "x", 26, 26u), 11);
    assert_string_equal(buf, "x=26 (0x1a)");
    assert_int_equal(call_vsnprintf(buf, 3, "%s", "abcdef"), 6);
    assert_string_equal(buf, "ab");
}

/* --- format_v and its sink -------------------------------------------------------------------- */

struct counter {
    int calls;
    size_t bytes;
    size_t zero_len_calls;
    char text[128];
};

static void count_sink(void *ctx, const char *s, size_t len) {
    struct counter *c = ctx;

    if (len == 0)
        c->zero_len_calls++;
    if (c->bytes + len <= sizeof(c->text))
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

static void format_v_sink_receives_every_byte(void **state) {
    (void)state;
    struct counter c = {0};

    assert_int_equal(via_sink(&c, "n=%d, %s!", 10, "ok"), 9);
    assert_int_equal(c.bytes, 9);
    assert_memory_equal(c.text, "n=10, ok!", 9);
    /* "n=", "10", ", ", "ok", "!": at least one call per piece. */
    assert_true(c.calls >= 5);
    assert_int_equal(c.zero_len_calls, 0);
}

static void format_v_plain_text_is_one_call(void **state) {
    (void)state;
    struct counter c = {0};

    assert_int_equal(via_sink(&c, "just text"), 9);
    assert_int_equal(c.calls, 1);
    assert_memory_equal(c.text, "just text", 9);
}

static void format_v_never_calls_sink_with_zero_length(void **state) {
    (void)state;
    struct counter c = {0};

    assert_int_equal(via_sink(&c, ""), 0);
    assert_int_equal(c.calls, 0);
    assert_int_equal(via_sink(&c, "%s%.0d%.0s", "", 0, "abc"), 0);
    assert_int_equal(c.calls, 0);
    assert_int_equal(via_sink(&c, "%s|%s", "", ""), 1);
    assert_int_equal(c.calls, 1);
    assert_int_equal(c.zero_len_calls, 0);
}

static void format_v_counts_padding(void **state) {
    (void)state;
    struct counter c = {0};

    /* 100 bytes of padding and 1 digit, whatever the chunking. */
    assert_int_equal(via_sink(&c, "%101d", 5), 101);
    assert_int_equal(c.bytes, 101);
    for (int i = 0; i < 100; i++)
        assert_int_equal(c.text[i], ' ');
    assert_int_equal(c.text[100], '5');
    assert_int_equal(c.zero_len_calls, 0);
}

static void format_v_return_matches_bytes(void **state) {
    (void)state;
    struct counter c = {0};
    int n = via_sink(&c, "%-6s|%+05d|%#o|%c|%%|%q|%llu", "ab", 42, 8u, 'z', 18446744073709551615ull);

    assert_int_equal(n, (int)c.bytes);
    assert_int_equal(c.bytes, strlen("ab    |+0042|010|z|%|%q|18446744073709551615"));
    assert_memory_equal(c.text, "ab    |+0042|010|z|%|%q|18446744073709551615", c.bytes);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_is_copied),
        cmocka_unit_test(conversion_d_and_i),
        cmocka_unit_test(conversion_d_int_min),
        cmocka_unit_test(conversion_u),
        cmocka_unit_test(conversion_x_and_X),
        cmocka_unit_test(conversion_o),
        cmocka_unit_test(conversion_c),
        cmocka_unit_test(conversion_c_nul_is_one_byte),
        cmocka_unit_test(conversion_s),
        cmocka_unit_test(conversion_s_null_prints_null),
        cmocka_unit_test(percent_percent),
        cmocka_unit_test(pointer_has_0x_and_full_width_digits),
        cmocka_unit_test(pointer_null_and_max),
        cmocka_unit_test(pointer_with_width),
        cmocka_unit_test(width_pads_on_the_left),
        cmocka_unit_test(wide_padding_spans_many_chunks),
        cmocka_unit_test(minus_flag_left_justifies),
        cmocka_unit_test(zero_flag_pads_with_zeros),
        cmocka_unit_test(zero_flag_ignored_with_minus_or_precision),
        cmocka_unit_test(precision_gives_minimum_integer_digits),
        cmocka_unit_test(precision_zero_with_value_zero_prints_no_digits),
        cmocka_unit_test(precision_truncates_strings),
        cmocka_unit_test(precision_reads_no_further_than_needed),
        cmocka_unit_test(star_width_and_precision),
        cmocka_unit_test(negative_star_width_left_justifies),
        cmocka_unit_test(negative_star_precision_counts_as_absent),
        cmocka_unit_test(plus_and_space_flags_on_signed),
        cmocka_unit_test(plus_and_space_flags_ignored_on_unsigned),
        cmocka_unit_test(hash_flag_with_x_and_X),
        cmocka_unit_test(hash_flag_with_o),
        cmocka_unit_test(hash_flag_with_o_and_precision),
        cmocka_unit_test(length_hh),
        cmocka_unit_test(length_h),
        cmocka_unit_test(length_l),
        cmocka_unit_test(length_ll),
        cmocka_unit_test(length_ll_llong_min),
        cmocka_unit_test(length_ll_64bit_extremes),
        cmocka_unit_test(length_z_t_j),
        cmocka_unit_test(unknown_conversion_printed_verbatim),
        cmocka_unit_test(trailing_lone_percent),
        cmocka_unit_test(trailing_incomplete_conversion),
        cmocka_unit_test(truncation_returns_full_length),
        cmocka_unit_test(truncation_inside_a_conversion),
        cmocka_unit_test(exact_fit_and_one_short),
        cmocka_unit_test(size_one_gives_empty_string),
        cmocka_unit_test(size_zero_writes_nothing),
        cmocka_unit_test(vsnprintf_takes_a_va_list),
        cmocka_unit_test(format_v_sink_receives_every_byte),
        cmocka_unit_test(format_v_plain_text_is_one_call),
        cmocka_unit_test(format_v_never_calls_sink_with_zero_length),
        cmocka_unit_test(format_v_counts_padding),
        cmocka_unit_test(format_v_return_matches_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
