/*
 * Host tests of lib/string.c. The test binary links our functions, which take precedence over
 * glibc's inside it: every call below exercises ours (built with -fno-builtin so gcc does not
 * expand them inline). Results are compared against literal expectations, never against a
 * "reference" call, since that would resolve to our own function too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <lib/string.h>

#define GUARD 0xEE

/* Fills src with a recognisable pattern that has no zero byte. */
static void fill_pattern(unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7 + 1);
}

/* --- memcpy ----------------------------------------------------------------------------------- */

static void memcpy_returns_dst(void **state) {
    (void)state;
    char dst[4];

    assert_ptr_equal(memcpy(dst, "abc", 4), dst);
    assert_ptr_equal(memcpy(dst, "xyz", 0), dst);
}

static void memcpy_zero_length_writes_nothing(void **state) {
    (void)state;
    unsigned char dst[8];

    for (size_t i = 0; i < sizeof(dst); i++)
        dst[i] = GUARD;
    memcpy(dst, "abcdefgh", 0);
    for (size_t i = 0; i < sizeof(dst); i++)
        assert_int_equal(dst[i], GUARD);
}

static void memcpy_aligned_word_lengths(void **state) {
    (void)state;
    _Alignas(16) unsigned char src[64];
    _Alignas(16) unsigned char dst[72];

    fill_pattern(src, sizeof(src));
    /* Both pointers 4-aligned: the word loop runs, then the byte tail (n % 4 of 0..3). */
    for (size_t n = 0; n <= sizeof(src); n++) {
        for (size_t i = 0; i < sizeof(dst); i++)
            dst[i] = GUARD;
        memcpy(dst, src, n);
        assert_memory_equal(dst, src, n);
        for (size_t i = n; i < sizeof(dst); i++)
            assert_int_equal(dst[i], GUARD);
    }
}

static void memcpy_literal_result(void **state) {
    (void)state;
    _Alignas(4) char dst[16] = "................";

    memcpy(dst, "0123456789", 10);
    assert_memory_equal(dst, "0123456789......", 16);
    memcpy(dst + 1, "abcdefg", 7); /* unaligned destination, odd length */
    assert_memory_equal(dst, "0abcdefg89......", 16);
}

static void memcpy_unaligned_all_offsets_and_odd_lengths(void **state) {
    (void)state;
    _Alignas(16) unsigned char src[64];
    _Alignas(16) unsigned char dst[80];

    fill_pattern(src, sizeof(src));
    for (size_t so = 0; so < 4; so++) {
        for (size_t d = 0; d < 4; d++) {
            for (size_t n = 0; n < 41; n++) {
                for (size_t i = 0; i < sizeof(dst); i++)
                    dst[i] = GUARD;
                assert_ptr_equal(memcpy(dst + d, src + so, n), dst + d);
                for (size_t i = 0; i < n; i++)
                    assert_int_equal(dst[d + i], (unsigned char)((so + i) * 7 + 1));
                for (size_t k = 0; k < d; k++)
                    assert_int_equal(dst[k], GUARD);
                for (size_t k = d + n; k < sizeof(dst); k++)
                    assert_int_equal(dst[k], GUARD);
            }
        }
    }
}

/* --- memmove ---------------------------------------------------------------------------------- */

static void memmove_overlap_dst_above_src(void **state) {
    (void)state;
    char buf[17] = "abcdefghijklmnop";

    assert_ptr_equal(memmove(buf + 2, buf, 10), buf + 2);
    assert_memory_equal(buf, "ababcdefghijmnop", 16);
}

static void memmove_overlap_dst_below_src(void **state) {
    (void)state;
    char buf[17] = "abcdefghijklmnop";

    assert_ptr_equal(memmove(buf, buf + 3, 10), buf);
    assert_memory_equal(buf, "defghijklmklmnop", 16);
}

static void memmove_overlap_by_one_byte_both_ways(void **state) {
    (void)state;
    _Alignas(4) char up[13] = "0123456789ab";
    _Alignas(4) char down[13] = "0123456789ab";

    memmove(up + 1, up, 11);
    assert_memory_equal(up, "00123456789a", 12);
    memmove(down, down + 1, 11);
    assert_memory_equal(down, "123456789abb", 12);
}

static void memmove_disjoint_regions(void **state) {
    (void)state;
    char buf[17] = "abcdefghijklmnop";

    memmove(buf + 8, buf, 8); /* dst starts exactly where src ends */
    assert_memory_equal(buf, "abcdefghabcdefgh", 16);
    memmove(buf, buf + 12, 4);
    assert_memory_equal(buf, "efghefghabcdefgh", 16);
}

static void memmove_same_pointer_and_zero_length(void **state) {
    (void)state;
    char buf[6] = "hello";

    assert_ptr_equal(memmove(buf, buf, 5), buf);
    assert_string_equal(buf, "hello");
    assert_ptr_equal(memmove(buf + 1, buf, 0), buf + 1);
    assert_string_equal(buf, "hello");
}

/* --- memset ----------------------------------------------------------------------------------- */

static void memset_all_alignments_and_lengths(void **state) {
    (void)state;
    _Alignas(16) unsigned char buf[48];

    for (size_t off = 0; off < 4; off++) {
        for (size_t n = 0; n < 40; n++) {
            for (size_t i = 0; i < sizeof(buf); i++)
                buf[i] = GUARD;
            assert_ptr_equal(memset(buf + off, 0x5A, n), buf + off);
            for (size_t i = 0; i < sizeof(buf); i++)
                assert_int_equal(buf[i], (i >= off && i < off + n) ? 0x5A : GUARD);
        }
    }
}

static void memset_uses_only_the_low_byte(void **state) {
    (void)state;
    _Alignas(4) unsigned char buf[9];

    memset(buf, 0x1AB, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], 0xAB);
    memset(buf, -1, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], 0xFF);
    memset(buf, 0, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], 0);
}

/* --- memcmp ----------------------------------------------------------------------------------- */

static void memcmp_equal_and_zero_length(void **state) {
    (void)state;
    assert_int_equal(memcmp("abc", "abc", 3), 0);
    assert_int_equal(memcmp("abc", "xyz", 0), 0);
    assert_int_equal(memcmp("a\0b", "a\0b", 3), 0);
}

static void memcmp_sign_of_first_difference(void **state) {
    (void)state;
    assert_true(memcmp("abc", "abd", 3) < 0);
    assert_true(memcmp("abd", "abc", 3) > 0);
    assert_true(memcmp("abcz", "abda", 4) < 0); /* only the first difference counts */
    assert_int_equal(memcmp("abcX", "abcY", 3), 0);
}

static void memcmp_compares_unsigned_bytes(void **state) {
    (void)state;
    assert_true(memcmp("\xff", "\x01", 1) > 0);
    assert_true(memcmp("\x01", "\x80", 1) < 0);
}

static void memcmp_looks_past_nul_bytes(void **state) {
    (void)state;
    assert_true(memcmp("a\0b", "a\0c", 3) < 0);
    assert_true(memcmp("a\0c", "a\0b", 3) > 0);
}

/* --- memchr ----------------------------------------------------------------------------------- */

static void memchr_finds_first_occurrence(void **state) {
    (void)state;
    const char *s = "hello\0world";

    assert_ptr_equal(memchr(s, 'l', 11), s + 2);
    assert_ptr_equal(memchr(s, 'h', 11), s);
    assert_ptr_equal(memchr(s, 'd', 11), s + 10);
}

static void memchr_searches_past_nul(void **state) {
    (void)state;
    const char *s = "hello\0world";

    assert_ptr_equal(memchr(s, 'w', 11), s + 6);
    assert_ptr_equal(memchr(s, '\0', 11), s + 5);
}

static void memchr_respects_length(void **state) {
    (void)state;
    const char *s = "hello\0world";

    assert_null(memchr(s, 'z', 11));
    assert_null(memchr(s, 'h', 0));
    assert_null(memchr(s, 'o', 4));
    assert_ptr_equal(memchr(s, 'o', 5), s + 4);
}

static void memchr_converts_c_to_unsigned_char(void **state) {
    (void)state;
    const char *s = "ab\xff";

    assert_ptr_equal(memchr(s, 0xff, 3), s + 2);
    assert_ptr_equal(memchr(s, -1, 3), s + 2);
    assert_ptr_equal(memchr(s, 'a' + 256, 3), s);
}

/* --- strlen / strnlen ------------------------------------------------------------------------- */

static void strlen_counts_up_to_nul(void **state) {
    (void)state;
    assert_int_equal(strlen(""), 0);
    assert_int_equal(strlen("a"), 1);
    assert_int_equal(strlen("abc"), 3);
    assert_int_equal(strlen("ab\0cd"), 2);
}

static void strnlen_stops_at_max(void **state) {
    (void)state;
    assert_int_equal(strnlen("abcdef", 3), 3);
    assert_int_equal(strnlen("abcdef", 6), 6);
    assert_int_equal(strnlen("abcdef", 7), 6);
    assert_int_equal(strnlen("ab", 10), 2);
    assert_int_equal(strnlen("", 10), 0);
    assert_int_equal(strnlen("ab", 0), 0);
}

static void strnlen_accepts_unterminated_buffer(void **state) {
    (void)state;
    /* No terminator anywhere: strnlen must not look at bytes beyond max. */
    const char raw[4] = {'w', 'x', 'y', 'z'};

    assert_int_equal(strnlen(raw, sizeof(raw)), 4);
    assert_int_equal(strnlen(raw, 2), 2);
}

/* --- strcmp / strncmp ------------------------------------------------------------------------- */

static void strcmp_equal_strings(void **state) {
    (void)state;
    assert_int_equal(strcmp("", ""), 0);
    assert_int_equal(strcmp("abc", "abc"), 0);
}

static void strcmp_sign(void **state) {
    (void)state;
    assert_true(strcmp("abc", "abd") < 0);
    assert_true(strcmp("abd", "abc") > 0);
    assert_true(strcmp("ab", "abc") < 0); /* a prefix sorts first */
    assert_true(strcmp("abc", "ab") > 0);
    assert_true(strcmp("", "a") < 0);
    assert_true(strcmp("a", "") > 0);
}

static void strcmp_compares_unsigned_chars(void **state) {
    (void)state;
    assert_true(strcmp("\x80", "a") > 0);
    assert_true(strcmp("a", "\xff") < 0);
}

static void strncmp_n_limits(void **state) {
    (void)state;
    assert_int_equal(strncmp("abcdef", "abcxyz", 3), 0);
    assert_true(strncmp("abcdef", "abcxyz", 4) < 0);
    assert_true(strncmp("abcxyz", "abcdef", 4) > 0);
    assert_int_equal(strncmp("a", "b", 0), 0);
    assert_int_equal(strncmp("same", "same", 100), 0); /* stops at the terminator */
    assert_true(strncmp("ab", "abc", 3) < 0);
    assert_int_equal(strncmp("ab", "abc", 2), 0);
}

static void strncmp_stops_at_nul(void **state) {
    (void)state;
    /* Equal up to a common terminator: what follows it is not compared. */
    assert_int_equal(strncmp("ab\0x", "ab\0y", 4), 0);
    assert_true(strncmp("\x80", "a", 1) > 0);
}

/* --- strcpy / strncpy / strcat ---------------------------------------------------------------- */

static void strcpy_copies_terminator_and_returns_dst(void **state) {
    (void)state;
    char buf[8] = "xxxxxxx";

    assert_ptr_equal(strcpy(buf, "hi"), buf);
    assert_memory_equal(buf, "hi\0xxxx", 8);
    assert_ptr_equal(strcpy(buf, ""), buf);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'i');
}

static void strncpy_zero_fills_up_to_n(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    assert_ptr_equal(strncpy(buf, "ab", 6), buf);
    assert_memory_equal(buf, "ab\0\0\0\0xx", 8);
}

static void strncpy_truncates_without_terminator(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "abcdefgh", 4);
    assert_memory_equal(buf, "abcdxxxx", 8);
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "abcd", 4); /* exact length: still no terminator */
    assert_memory_equal(buf, "abcdxxxx", 8);
}

static void strncpy_zero_n_writes_nothing(void **state) {
    (void)state;
    char buf[4] = "xyz";

    assert_ptr_equal(strncpy(buf, "abc", 0), buf);
    assert_string_equal(buf, "xyz");
}

static void strcat_appends(void **state) {
    (void)state;
    char buf[16] = "hi";

    assert_ptr_equal(strcat(buf, " there"), buf);
    assert_string_equal(buf, "hi there");
    assert_ptr_equal(strcat(buf, ""), buf);
    assert_string_equal(buf, "hi there");
}

static void strcat_onto_empty_string(void **state) {
    (void)state;
    char buf[8] = "";

    strcat(buf, "abc");
    assert_string_equal(buf, "abc");
}

/* --- strchr / strrchr ------------------------------------------------------------------------- */

static void strchr_finds_first(void **state) {
    (void)state;
    const char *s = "path/to/file";

    assert_ptr_equal(strchr(s, '/'), s + 4);
    assert_ptr_equal(strchr(s, 'p'), s);
    assert_ptr_equal(strchr(s, 'e'), s + 11);
    assert_null(strchr(s, 'z'));
    assert_null(strchr("", 'a'));
}

static void strchr_finds_terminator(void **state) {
    (void)state;
    const char *s = "path/to/file";

    assert_ptr_equal(strchr(s, '\0'), s + 12);
    const char *empty = "";
    assert_ptr_equal(strchr(empty, '\0'), empty);
}

static void strchr_converts_c_to_char(void **state) {
    (void)state;
    const char *s = "ab\xe9";

    assert_ptr_equal(strchr(s, 0xe9), s + 2);
    assert_ptr_equal(strchr(s, 'b' + 256), s + 1);
}

static void strrchr_finds_last(void **state) {
    (void)state;
    const char *s = "path/to/file";

    assert_ptr_equal(strrchr(s, '/'), s + 7);
    assert_ptr_equal(strrchr(s, 'p'), s);
    assert_ptr_equal(strrchr(s, 't'), s + 5);
    assert_null(strrchr(s, 'z'));
    assert_null(strrchr("", 'a'));
}

static void strrchr_finds_terminator(void **state) {
    (void)state;
    const char *s = "path/to/file";
    const char *empty = "";

    assert_ptr_equal(strrchr(s, '\0'), s + 12);
    assert_ptr_equal(strrchr(empty, '\0'), empty);
}

/* --- strstr ----------------------------------------------------------------------------------- */

static void strstr_finds_first_occurrence(void **state) {
    (void)state;
    const char *s = "path/to/file/to";

    assert_ptr_equal(strstr(s, "to"), s + 5);
    assert_ptr_equal(strstr(s, "path"), s);
    assert_ptr_equal(strstr(s, "file/to"), s + 8);
    assert_ptr_equal(strstr(s, s), s);
}

static void strstr_retries_after_partial_match(void **state) {
    (void)state;
    const char *s = "aaab";
    const char *t = "abababc";

    assert_ptr_equal(strstr(s, "aab"), s + 1);
    assert_ptr_equal(strstr(t, "ababc"), t + 2);
}

static void strstr_not_found(void **state) {
    (void)state;
    assert_null(strstr("path/to/file", "tox"));
    assert_null(strstr("abc", "abcd")); /* needle longer than haystack */
    assert_null(strstr("", "a"));
}

static void strstr_empty_needle_returns_haystack(void **state) {
    (void)state;
    const char *s = "abc";
    const char *empty = "";

    assert_ptr_equal(strstr(s, ""), s);
    assert_ptr_equal(strstr(empty, ""), empty);
}

/* --- strlcpy ---------------------------------------------------------------------------------- */

static void strlcpy_fits(void **state) {
    (void)state;
    char buf[5];

    assert_int_equal(strlcpy(buf, "abc", sizeof(buf)), 3);
    assert_string_equal(buf, "abc");
    assert_int_equal(strlcpy(buf, "abcd", sizeof(buf)), 4); /* exactly size - 1 */
    assert_string_equal(buf, "abcd");
    assert_int_equal(strlcpy(buf, "", sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

static void strlcpy_truncates_and_returns_source_length(void **state) {
    (void)state;
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    assert_int_equal(strlcpy(buf, "abcdefg", 5), 7);
    assert_memory_equal(buf, "abcd\0xxx", 8);
    assert_int_equal(strlcpy(buf, "abcde", 5), 5); /* result >= size: truncated */
    assert_string_equal(buf, "abcd");
}

static void strlcpy_size_one_gives_empty_string(void **state) {
    (void)state;
    char buf[4] = "xyz";

    assert_int_equal(strlcpy(buf, "abc", 1), 3);
    assert_memory_equal(buf, "\0yz", 4);
}

static void strlcpy_size_zero_writes_nothing(void **state) {
    (void)state;
    char buf[4] = "qqq";

    assert_int_equal(strlcpy(buf, "xyz", 0), 3);
    assert_string_equal(buf, "qqq");
    assert_int_equal(strlcpy(NULL, "hello", 0), 5);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memcpy_returns_dst),
        cmocka_unit_test(memcpy_zero_length_writes_nothing),
        cmocka_unit_test(memcpy_aligned_word_lengths),
        cmocka_unit_test(memcpy_literal_result),
        cmocka_unit_test(memcpy_unaligned_all_offsets_and_odd_lengths),
        cmocka_unit_test(memmove_overlap_dst_above_src),
        cmocka_unit_test(memmove_overlap_dst_below_src),
        cmocka_unit_test(memmove_overlap_by_one_byte_both_ways),
        cmocka_unit_test(memmove_disjoint_regions),
        cmocka_unit_test(memmove_same_pointer_and_zero_length),
        cmocka_unit_test(memset_all_alignments_and_lengths),
        cmocka_unit_test(memset_uses_only_the_low_byte),
        cmocka_unit_test(memcmp_equal_and_zero_length),
        cmocka_unit_test(memcmp_sign_of_first_difference),
        cmocka_unit_test(memcmp_compares_unsigned_bytes),
        cmocka_unit_test(memcmp_looks_past_nul_bytes),
        cmocka_unit_test(memchr_finds_first_occurrence),
        cmocka_unit_test(memchr_searches_past_nul),
        cmocka_unit_test(memchr_respects_length),
        cmocka_unit_test(memchr_converts_c_to_unsigned_char),
        cmocka_unit_test(strlen_counts_up_to_nul),
        cmocka_unit_test(strnlen_stops_at_max),
        cmocka_unit_test(strnlen_accepts_unterminated_buffer),
        cmocka_unit_test(strcmp_equal_strings),
        cmocka_unit_test(strcmp_sign),
        cmocka_unit_test(strcmp_compares_unsigned_chars),
        cmocka_unit_test(strncmp_n_limits),
        cmocka_unit_test(strncmp_stops_at_nul),
        cmocka_unit_test(strcpy_copies_terminator_and_returns_dst),
        cmocka_unit_test(strncpy_zero_fills_up_to_n),
        cmocka_unit_test(strncpy_truncates_without_terminator),
        cmocka_unit_test(strncpy_zero_n_writes_nothing),
        cmocka_unit_test(strcat_appends),
        cmocka_unit_test(strcat_onto_empty_string),
        cmocka_unit_test(strchr_finds_first),
        cmocka_unit_test(strchr_finds_terminator),
        cmocka_unit_test(strchr_converts_c_to_char),
        cmocka_unit_test(strrchr_finds_last),
        cmocka_unit_test(strrchr_finds_terminator),
        cmocka_unit_test(strstr_finds_first_occurrence),
        cmocka_unit_test(strstr_retries_after_partial_match),
        cmocka_unit_test(strstr_not_found),
        cmocka_unit_test(strstr_empty_needle_returns_haystack),
        cmocka_unit_test(strlcpy_fits),
        cmocka_unit_test(strlcpy_truncates_and_returns_source_length),
        cmocka_unit_test(strlcpy_size_one_gives_empty_string),
        cmocka_unit_test(strlcpy_size_zero_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
