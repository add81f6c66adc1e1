/* Host tests of lib/string.c. The test binary links our functions, which take precedence over
 * glibc's inside it: every call below exercises ours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <lib/string.h>

static void memcpy_all_alignments_and_lengths(void **state) {
    (void)state;
    unsigned char src[64], dst[80];

    for (int i = 0; i < 64; i++)
        src[i] = (unsigned char)(i * 7 + 1);
    for (int so = 0; so < 4; so++) {
        for (int d = 0; d < 4; d++) {
            for (size_t n = 0; n < 40; n++) {
                memset(dst, 0xEE, sizeof(dst));
                assert_ptr_equal(memcpy(dst + d, src + so, n), dst + d);
                assert_memory_equal(dst + d, src + so, n);
                for (int k = 0; k < d; k++)
                    assert_int_equal(dst[k], 0xEE);
                assert_int_equal(dst[d + n], 0xEE);
            }
        }
    }
}

static void memmove_overlaps(void **state) {
    (void)state;
    char buf[32] = "abcdefghijklmnop";

    memmove(buf + 2, buf, 10);
    assert_memory_equal(buf, "ababcdefghijmnop", 16);
    strcpy(buf, "abcdefghijklmnop");
    memmove(buf, buf + 3, 10);
    assert_memory_equal(buf, "defghijklmklmnop", 16);
    assert_ptr_equal(memmove(buf, buf, 5), buf);
}

static void memset_and_memcmp(void **state) {
    (void)state;
    unsigned char buf[37];

    assert_ptr_equal(memset(buf, 0x1AB, sizeof(buf)), buf);
    for (size_t i = 0; i < sizeof(buf); i++)
        assert_int_equal(buf[i], 0xAB);
    assert_int_equal(memcmp("abc", "abc", 3), 0);
    assert_true(memcmp("abc", "abd", 3) < 0);
    assert_true(memcmp("\xff", "\x01", 1) > 0); /* compares as unsigned char */
    assert_int_equal(memcmp("abc", "xyz", 0), 0);
}

static void memchr_finds_first(void **state) {
    (void)state;
    const char *s = "hello\0world";

    assert_ptr_equal(memchr(s, 'l', 11), s + 2);
    assert_ptr_equal(memchr(s, 'w', 11), s + 6);
    assert_ptr_equal(memchr(s, '\0', 11), s + 5);
    assert_null(memchr(s, 'z', 11));
    assert_null(memchr(s, 'h', 0));
}

static void lengths(void **state) {
    (void)state;
    assert_int_equal(strlen(""), 0);
    assert_int_equal(strlen("abc"), 3);
    assert_int_equal(strnlen("abcdef", 3), 3);
    assert_int_equal(strnlen("ab", 10), 2);
    assert_int_equal(strnlen("ab", 0), 0);
}

static void comparisons(void **state) {
    (void)state;
    assert_int_equal(strcmp("abc", "abc"), 0);
    assert_true(strcmp("abc", "abd") < 0);
    assert_true(strcmp("abd", "abc") > 0);
    assert_true(strcmp("ab", "abc") < 0);
    assert_true(strcmp("\x80", "a") > 0);
    assert_int_equal(strncmp("abcdef", "abcxyz", 3), 0);
    assert_true(strncmp("abcdef", "abcxyz", 4) < 0);
    assert_int_equal(strncmp("a", "b", 0), 0);
    assert_int_equal(strncmp("same", "same", 100), 0);
}

static void copies_and_concatenation(void **state) {
    (void)state;
    char buf[16];

    assert_ptr_equal(strcpy(buf, "hi"), buf);
    assert_string_equal(buf, "hi");
    assert_ptr_equal(strcat(buf, " there"), buf);
    assert_string_equal(buf, "hi there");
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "ab", 6);
    assert_memory_equal(buf, "ab\0\0\0\0xx", 8); /* zero-fills up to n */
    strncpy(buf, "abcdefgh", 4);
    assert_memory_equal(buf, "abcd\0\0", 6); /* no terminator when truncated */
}

static void searching(void **state) {
    (void)state;
    const char *s = "path/to/file";

    assert_ptr_equal(strchr(s, '/'), s + 4);
    assert_ptr_equal(strrchr(s, '/'), s + 7);
    assert_ptr_equal(strchr(s, '\0'), s + 12);
    assert_ptr_equal(strrchr(s, '\0'), s + 12);
    assert_null(strchr(s, 'z'));
    assert_null(strrchr(s, 'z'));
    assert_ptr_equal(strstr(s, "to"), s + 5);
    assert_ptr_equal(strstr(s, ""), s);
    assert_null(strstr(s, "tox"));
    assert_null(strstr("", "a"));
}

static void strlcpy_truncates_and_reports(void **state) {
    (void)state;
    char buf[5];

    assert_int_equal(strlcpy(buf, "abc", sizeof(buf)), 3);
    assert_string_equal(buf, "abc");
    assert_int_equal(strlcpy(buf, "abcdefg", sizeof(buf)), 7);
    assert_string_equal(buf, "abcd");
    buf[0] = 'q';
    assert_int_equal(strlcpy(buf, "xyz", 0), 3);
    assert_int_equal(buf[0], 'q'); /* size 0 writes nothing */
    assert_int_equal(strlcpy(buf, "", sizeof(buf)), 0);
    assert_string_equal(buf, "");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(memcpy_all_alignments_and_lengths),
        cmocka_unit_test(memmove_overlaps),
        cmocka_unit_test(memset_and_memcmp),
        cmocka_unit_test(memchr_finds_first),
        cmocka_unit_test(lengths),
        cmocka_unit_test(comparisons),
        cmocka_unit_test(copies_and_concatenation),
        cmocka_unit_test(searching),
        cmocka_unit_test(strlcpy_truncates_and_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
