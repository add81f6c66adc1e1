/* Host tests of the command line, symbol table, logging, panic and cpio readers in lib/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <lib/cmdline.h>
#include <lib/cpio.h>
#include <lib/ksyms.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>

/* --- cmdline ---------------------------------------------------------------------------------- */

static void cmdline_words_and_values(void **state) {
    (void)state;
    char v[8];
    const char *cl = "quiet ktest=pmm,vm loglevel=debug ktest=all";

    assert_true(cmdline_get(cl, "quiet", v, sizeof(v)));
    assert_string_equal(v, "");
    assert_true(cmdline_get(cl, "ktest", v, sizeof(v)));
    assert_string_equal(v, "all"); /* the last one wins */
    assert_true(cmdline_get(cl, "loglevel", v, 4));
    assert_string_equal(v, "deb"); /* truncated to size - 1 */
    assert_false(cmdline_get(cl, "log", v, sizeof(v)));     /* a prefix is not a match */
    assert_false(cmdline_get("ktestx=1", "ktest", NULL, 0)); /* nor a longer key */
    assert_true(cmdline_get(cl, "quiet", NULL, 0));
    assert_false(cmdline_get("", "a", v, sizeof(v)));
}

/* --- ksyms ------------------------------------------------------------------------------------ */

struct table {
    struct ksyms_header h;
    struct ksyms_entry e[3];
    char strings[32];
};

static struct table make_table(void) {
    struct table t = {
        .h = {KSYMS_MAGIC, 3, offsetof(struct table, strings)},
        .e = {{0x1000, 0}, {0x1100, 6}, {0x1300, 11}},
        .strings = "first\0mid\0\0last",
    };
    return t;
}

static void ksyms_lookup_finds_the_containing_symbol(void **state) {
    (void)state;
    struct table t = make_table();
    uint32_t off = 99;

    assert_string_equal(ksyms_lookup(&t, sizeof(t), 0x1000, &off), "first");
    assert_int_equal(off, 0);
    assert_string_equal(ksyms_lookup(&t, sizeof(t), 0x10FF, &off), "first");
    assert_int_equal(off, 0xFF);
    assert_string_equal(ksyms_lookup(&t, sizeof(t), 0x1100, &off), "mid");
    assert_string_equal(ksyms_lookup(&t, sizeof(t), 0x9999, &off), "last");
    assert_int_equal(off, 0x9999 - 0x1300);
    assert_null(ksyms_lookup(&t, sizeof(t), 0xFFF, &off));
}

static void ksyms_rejects_bad_tables(void **state) {
    (void)state;
    struct table t = make_table();
    uint32_t off;

    assert_null(ksyms_lookup(&t, 4, 0x1000, &off)); /* shorter than a header */
    t.h.magic = 0;
    assert_null(ksyms_lookup(&t, sizeof(t), 0x1000, &off));
    t = make_table();
    t.h.count = 1000;
    assert_null(ksyms_lookup(&t, sizeof(t), 0x1000, &off));
    t = make_table();
    t.h.count = 0;
    assert_null(ksyms_lookup(&t, sizeof(t), 0x1000, &off));
    t = make_table();
    t.e[2].name_offset = 1000;
    assert_null(ksyms_lookup(&t, sizeof(t), 0x2000, &off));
}

/* --- log -------------------------------------------------------------------------------------- */

static char captured[512];
static size_t captured_len;
static int sink_calls;

static void capture(const char *s, size_t len) {
    memcpy(captured + captured_len, s, len);
    captured_len += len;
    captured[captured_len] = '\0';
    sink_calls++;
}

static uint64_t fixed_clock(void) {
    return 1000002000ull; /* 1.000002 s */
}

static int log_setup(void **state) {
    (void)state;
    captured_len = 0;
    captured[0] = '\0';
    sink_calls = 0;
    console_set_sink(capture);
    log_set_clock(NULL);
    log_set_level(LOG_INFO);
    return 0;
}

#define LOG_MODULE "test"

static void log_lines(void **state) {
    (void)state;
    log_info("hello %d", 5);
    assert_string_equal(captured, "test: hello 5\n");
    assert_int_equal(sink_calls, 1); /* one write per line */
    captured_len = 0;
    log_set_clock(fixed_clock);
    log_warn("careful");
    log_error("bad");
    assert_string_equal(captured, "[    1.000002] WARN test: careful\n[    1.000002] ERROR test: bad\n");
}

static void log_levels_filter(void **state) {
    (void)state;
    log_debug("hidden");
    assert_int_equal(captured_len, 0);
    log_set_level(LOG_DEBUG);
    log_debug("shown");
    assert_string_equal(captured, "test: shown\n");
    log_set_level(LOG_ERROR);
    captured_len = 0;
    log_warn("hidden too");
    assert_int_equal(captured_len, 0);
    assert_int_equal(log_level_parse("debug"), LOG_DEBUG);
    assert_int_equal(log_level_parse("error"), LOG_ERROR);
    assert_int_equal(log_level_parse("loud"), -1);
}

static void kprintf_and_sink_swap(void **state) {
    (void)state;
    assert_int_equal(kprintf("%s=%u", "x", 7u), 3);
    assert_string_equal(captured, "x=7");
    assert_ptr_equal(console_set_sink(NULL), capture);
    kprintf("dropped");
    assert_string_equal(captured, "x=7");
}

static void long_lines_are_cut_but_end_with_newline(void **state) {
    (void)state;
    char big[400];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    log_info("%s", big);
    assert_true(captured_len <= 256);
    assert_int_equal(captured[captured_len - 1], '\n');
}

/* --- panic ------------------------------------------------------------------------------------ */

static jmp_buf halted;
static int backtraces;

static void count_backtrace(void) {
    backtraces++;
}

static __attribute__((noreturn)) void jump_back(void) {
    longjmp(halted, 1);
}

static const struct panic_ops test_ops = {count_backtrace, jump_back};

static void panic_reports_and_halts(void **state) {
    (void)state;
    panic_set_ops(&test_ops);
    if (setjmp(halted) == 0) {
        panic_at("mm/pmm.c", 42, "frame %d is %s", 7, "free");
        fail_msg("panic returned");
    }
    assert_non_null(strstr(captured, "PANIC at mm/pmm.c:42: frame 7 is free\n"));
    assert_non_null(strstr(captured, "Bail out! kernel panic at mm/pmm.c:42\n"));
    assert_int_equal(backtraces, 1);
    /* A second panic (a fault while panicking) goes straight to halt: nothing more is printed. */
    size_t before = captured_len;
    if (setjmp(halted) == 0)
        panic_at("x.c", 1, "again");
    assert_int_equal(captured_len, before);
    assert_int_equal(backtraces, 1);
}

/* --- cpio ------------------------------------------------------------------------------------- */

/* Appends one newc entry to buf at *len. */
static void add_entry(char *buf, size_t *len, const char *name, unsigned mode, const char *data) {
    size_t namesize = strlen(name) + 1, size = data ? strlen(data) : 0;
    *len += (size_t)sprintf(buf + *len, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1, mode, 0, 0, 1,
                            0, (unsigned)size, 0, 0, 0, 0, (unsigned)namesize, 0);
    memcpy(buf + *len, name, namesize);
    *len = (*len + namesize + 3) & ~(size_t)3;
    if (size)
        memcpy(buf + *len, data, size);
    *len = (*len + size + 3) & ~(size_t)3;
}

static void cpio_reads_entries_then_the_trailer(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "bin", 040755, NULL);
    add_entry(buf, &len, "bin/hello", 0100755, "hello world");
    add_entry(buf, &len, "TRAILER!!!", 0, NULL);
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), 1);
    assert_string_equal(e.name, "bin");
    assert_int_equal(e.mode, 040755);
    assert_int_equal(e.size, 0);
    assert_int_equal(cpio_next(&it, &e), 1);
    assert_string_equal(e.name, "bin/hello");
    assert_int_equal(e.size, 11);
    assert_memory_equal(e.data, "hello world", 11);
    assert_int_equal(cpio_next(&it, &e), 0);
    assert_int_equal(cpio_next(&it, &e), 0);
}

static void cpio_rejects_malformed_archives(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    add_entry(buf, &len, "file", 0100644, "data data data");
    /* Cut inside the data. */
    cpio_iter_init(&it, buf, len - 8);
    assert_int_equal(cpio_next(&it, &e), -1);
    /* Cut inside the header. */
    cpio_iter_init(&it, buf, 50);
    assert_int_equal(cpio_next(&it, &e), -1);
    /* Bad magic. */
    buf[0] = 'X';
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), -1);
    buf[0] = '0';
    /* Bad hex in the file size. */
    buf[6 + 6 * 8] = 'g';
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), -1);
    /* No trailer: the end of the buffer is an error, not a silent stop. */
    len = 0;
    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "a", 0100644, "x");
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), 1);
    assert_int_equal(cpio_next(&it, &e), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cmdline_words_and_values),
        cmocka_unit_test(ksyms_lookup_finds_the_containing_symbol),
        cmocka_unit_test(ksyms_rejects_bad_tables),
        cmocka_unit_test_setup(log_lines, log_setup),
        cmocka_unit_test_setup(log_levels_filter, log_setup),
        cmocka_unit_test_setup(kprintf_and_sink_swap, log_setup),
        cmocka_unit_test_setup(long_lines_are_cut_but_end_with_newline, log_setup),
        cmocka_unit_test_setup(panic_reports_and_halts, log_setup),
        cmocka_unit_test(cpio_reads_entries_then_the_trailer),
        cmocka_unit_test(cpio_rejects_malformed_archives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
