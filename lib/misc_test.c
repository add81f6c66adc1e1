/*
 * Host tests of the command line, symbol table, logging, panic and cpio readers in lib/.
 *
 * Logging and panic keep state in statics (the console sink, the clock, the level and panic's
 * "already panicking" counter); the log setup and teardown reset what can be reset. The panic
 * counter cannot be: only the first panic of the process prints a report, so exactly one test
 * (panic_prints_report_backtrace_and_bail_out, which checks it runs first) observes the report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include <abi/errno.h>

#include <lib/cmdline.h>
#include <lib/cpio.h>
#include <lib/ksyms.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/path.h>
#include <lib/string.h>

/* --- cmdline ---------------------------------------------------------------------------------- */

static const char *const cmdline = "quiet ktest=pmm,vm loglevel=debug root=LABEL=boot ktest=all";

static void cmdline_bare_word_has_empty_value(void **state) {
    (void)state;
    char v[8] = "junk";

    assert_true(cmdline_get(cmdline, "quiet", v, sizeof(v)));
    assert_string_equal(v, "");
}

static void cmdline_key_value(void **state) {
    (void)state;
    char v[16];

    assert_true(cmdline_get(cmdline, "loglevel", v, sizeof(v)));
    assert_string_equal(v, "debug");
    assert_true(cmdline_get(cmdline, "root", v, sizeof(v)));
    assert_string_equal(v, "LABEL=boot"); /* split at the first '=' only */
    assert_true(cmdline_get("a=", "a", v, sizeof(v)));
    assert_string_equal(v, "");
}

static void cmdline_last_one_wins(void **state) {
    (void)state;
    char v[16];

    assert_true(cmdline_get(cmdline, "ktest", v, sizeof(v)));
    assert_string_equal(v, "all");
    assert_true(cmdline_get("x=1 x", "x", v, sizeof(v)));
    assert_string_equal(v, ""); /* a bare word after a value still wins */
    assert_true(cmdline_get("x x=2", "x", v, sizeof(v)));
    assert_string_equal(v, "2");
}

static void cmdline_prefix_is_not_a_match(void **state) {
    (void)state;
    char v[8] = "keep";

    assert_false(cmdline_get("ktestx", "ktest", v, sizeof(v)));
    assert_false(cmdline_get("ktestx=1", "ktest", v, sizeof(v)));
    assert_false(cmdline_get(cmdline, "log", v, sizeof(v)));   /* "loglevel=debug" */
    assert_false(cmdline_get("kt=1", "ktest", v, sizeof(v)));  /* a shorter word */
    assert_false(cmdline_get(cmdline, "debug", v, sizeof(v))); /* values are not keys */
    assert_string_equal(v, "keep");                            /* untouched when absent */
}

static void cmdline_absent_key(void **state) {
    (void)state;
    char v[8];

    assert_false(cmdline_get(cmdline, "init", v, sizeof(v)));
    assert_false(cmdline_get("", "a", v, sizeof(v)));
    assert_false(cmdline_get("   ", "a", v, sizeof(v)));
}

static void cmdline_value_truncated_to_size(void **state) {
    (void)state;
    char v[8];

    memset(v, 'x', sizeof(v));
    assert_true(cmdline_get(cmdline, "loglevel", v, 4));
    assert_memory_equal(v, "deb\0xxxx", 8);
    assert_true(cmdline_get(cmdline, "loglevel", v, 1));
    assert_string_equal(v, "");
    assert_true(cmdline_get(cmdline, "loglevel", v, 6)); /* exactly fits */
    assert_string_equal(v, "debug");
}

static void cmdline_null_value_only_reports_presence(void **state) {
    (void)state;
    char v[4] = "abc";

    assert_true(cmdline_get(cmdline, "quiet", NULL, 0));
    assert_true(cmdline_get(cmdline, "loglevel", NULL, 16));
    assert_false(cmdline_get(cmdline, "nope", NULL, 0));
    assert_true(cmdline_get(cmdline, "loglevel", v, 0)); /* size 0 writes nothing */
    assert_string_equal(v, "abc");
}

static void cmdline_extra_spaces(void **state) {
    (void)state;
    char v[8];

    assert_true(cmdline_get("  a=1   b=2  ", "b", v, sizeof(v)));
    assert_string_equal(v, "2");
    assert_true(cmdline_get("  a=1   b=2  ", "a", v, sizeof(v)));
    assert_string_equal(v, "1");
}

/* --- ksyms ------------------------------------------------------------------------------------ */

/* Builds a table in the documented byte format: little-endian words, then the strings. */
struct ksyms_builder {
    _Alignas(4) unsigned char bytes[1024];
    size_t size;
};

static void put32(unsigned char *p, uint32_t v) {
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void build_ksyms(struct ksyms_builder *b, size_t count, const uint32_t *addresses, const char *const *names) {
    size_t strings = 12 + 8 * count, used = 0;

    memset(b->bytes, 0, sizeof(b->bytes));
    memcpy(b->bytes, "KSYM", 4);
    put32(b->bytes + 4, (uint32_t)count);
    put32(b->bytes + 8, (uint32_t)strings);
    for (size_t i = 0; i < count; i++) {
        put32(b->bytes + 12 + 8 * i, addresses[i]);
        put32(b->bytes + 12 + 8 * i + 4, (uint32_t)used);
        size_t len = strlen(names[i]) + 1;
        assert_true(strings + used + len <= sizeof(b->bytes));
        memcpy(b->bytes + strings + used, names[i], len);
        used += len;
    }
    b->size = strings + used;
}

static const uint32_t three_addresses[] = {0x1000, 0x1100, 0x1300};
static const char *const three_names[] = {"first", "mid", "last"};

static void ksyms_magic_spells_ksym(void **state) {
    (void)state;
    uint32_t magic;

    memcpy(&magic, "KSYM", 4);
    assert_int_equal(magic, KSYMS_MAGIC); /* on the little-endian host, as on i386 */
}

static void ksyms_exact_address_has_offset_zero(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 99;

    build_ksyms(&b, 3, three_addresses, three_names);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x1000, &off), "first");
    assert_int_equal(off, 0);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x1100, &off), "mid");
    assert_int_equal(off, 0);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x1300, &off), "last");
    assert_int_equal(off, 0);
}

static void ksyms_inside_a_function_gives_offset(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x1001, &off), "first");
    assert_int_equal(off, 1);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x10FF, &off), "first");
    assert_int_equal(off, 0xFF);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x12FF, &off), "mid");
    assert_int_equal(off, 0x1FF);
}

static void ksyms_before_first_symbol_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    assert_null(ksyms_lookup(b.bytes, b.size, 0xFFF, &off));
    assert_null(ksyms_lookup(b.bytes, b.size, 0, &off));
}

static void ksyms_after_last_symbol_is_the_last(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x9999, &off), "last");
    assert_int_equal(off, 0x9999 - 0x1300);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, UINT32_MAX, &off), "last");
    assert_int_equal(off, UINT32_MAX - 0x1300);
}

static void ksyms_single_symbol(void **state) {
    (void)state;
    static const uint32_t addr[] = {0xC0100000u};
    static const char *const name[] = {"kernel_main"};
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 1, addr, name);
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0xC0100010u, &off), "kernel_main");
    assert_int_equal(off, 0x10);
    assert_null(ksyms_lookup(b.bytes, b.size, 0xC00FFFFFu, &off));
}

static void ksyms_many_symbols_each_found(void **state) {
    (void)state;
    enum { N = 50 };
    static uint32_t addr[N];
    static char storage[N][8];
    static const char *names[N];
    struct ksyms_builder b;
    uint32_t off = 0;

    for (int i = 0; i < N; i++) {
        addr[i] = 0x100000u + (uint32_t)i * 0x40u;
        snprintf(storage[i], sizeof(storage[i]), "f%d", i);
        names[i] = storage[i];
    }
    build_ksyms(&b, N, addr, names);
    for (int i = 0; i < N; i++) {
        assert_string_equal(ksyms_lookup(b.bytes, b.size, addr[i], &off), names[i]);
        assert_int_equal(off, 0);
        assert_string_equal(ksyms_lookup(b.bytes, b.size, addr[i] + 0x3F, &off), names[i]);
        assert_int_equal(off, 0x3F);
    }
}

static void ksyms_empty_table_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 0, NULL, NULL);
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
}

static void ksyms_bad_magic_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    memcpy(b.bytes, "KSYN", 4);
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
    memcpy(b.bytes, "MYSK", 4); /* big-endian spelling */
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
}

static void ksyms_count_too_large_for_size_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    put32(b.bytes + 4, 1000);
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
    put32(b.bytes + 4, UINT32_MAX);
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
    /* The entries of a correct count must also fit the size given. */
    build_ksyms(&b, 3, three_addresses, three_names);
    assert_null(ksyms_lookup(b.bytes, 12 + 8 * 2, 0x1000, &off));
}

static void ksyms_size_smaller_than_header_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    assert_null(ksyms_lookup(b.bytes, 0, 0x1000, &off));
    assert_null(ksyms_lookup(b.bytes, 4, 0x1000, &off));
    assert_null(ksyms_lookup(b.bytes, 11, 0x1000, &off));
}

static void ksyms_name_outside_table_is_null(void **state) {
    (void)state;
    struct ksyms_builder b;
    uint32_t off = 0;

    build_ksyms(&b, 3, three_addresses, three_names);
    put32(b.bytes + 12 + 8 * 2 + 4, 1000); /* last entry's name_offset */
    assert_null(ksyms_lookup(b.bytes, b.size, 0x2000, &off));
    assert_string_equal(ksyms_lookup(b.bytes, b.size, 0x1000, &off), "first"); /* others still fine */

    build_ksyms(&b, 3, three_addresses, three_names);
    put32(b.bytes + 8, (uint32_t)b.size); /* strings_offset at the very end */
    assert_null(ksyms_lookup(b.bytes, b.size, 0x1000, &off));
}

/* --- log -------------------------------------------------------------------------------------- */

static char captured[1024];
static size_t captured_len;
static int sink_calls;

static void capture(const char *s, size_t len) {
    assert_true(captured_len + len < sizeof(captured));
    memcpy(captured + captured_len, s, len);
    captured_len += len;
    captured[captured_len] = '\0';
    sink_calls++;
}

static void reset_capture(void) {
    captured_len = 0;
    captured[0] = '\0';
    sink_calls = 0;
}

static uint64_t clock_ns;

static uint64_t test_clock(void) {
    return clock_ns;
}

/* Leaves the level alone, so the first test sees the default one. */
static int log_setup(void **state) {
    (void)state;
    reset_capture();
    console_set_sink(capture);
    log_set_clock(NULL);
    return 0;
}

static int log_teardown(void **state) {
    (void)state;
    console_set_sink(NULL);
    log_set_clock(NULL);
    log_set_level(LOG_INFO);
    return 0;
}

#define LOG_MODULE "test"

static void log_default_level_is_info(void **state) {
    (void)state;
    log_debug("hidden");
    assert_int_equal(captured_len, 0);
    log_info("shown");
    assert_string_equal(captured, "test: shown\n");
}

static void console_set_sink_returns_previous(void **state) {
    (void)state;
    assert_ptr_equal(console_set_sink(NULL), capture);
    assert_null(console_set_sink(capture));
    assert_ptr_equal(console_set_sink(capture), capture);
}

static void console_without_sink_drops_output(void **state) {
    (void)state;
    console_set_sink(NULL);
    console_write("lost", 4);
    log_error("lost too");
    assert_int_equal(kprintf("%s", "gone"), 4); /* still reports its length */
    console_set_sink(capture);
    assert_int_equal(captured_len, 0);
    assert_int_equal(sink_calls, 0);
}

static void console_write_passes_bytes_through(void **state) {
    (void)state;
    console_write("ab\0cd", 5);
    assert_int_equal(captured_len, 5);
    assert_memory_equal(captured, "ab\0cd", 5);
    assert_int_equal(sink_calls, 1);
}

static void kprintf_writes_raw_text(void **state) {
    (void)state;
    assert_int_equal(kprintf("%s=%u", "x", 7u), 3);
    assert_string_equal(captured, "x=7"); /* no prefix, no newline */
    reset_capture();
    assert_int_equal(kprintf("%5d|%-3s|", -1, "a"), 10);
    assert_string_equal(captured, "   -1|a  |");
}

static void log_line_without_clock(void **state) {
    (void)state;
    log_info("hello %d", 5);
    assert_string_equal(captured, "test: hello 5\n");
    assert_int_equal(sink_calls, 1); /* one write per line */
}

static void log_line_with_clock(void **state) {
    (void)state;
    clock_ns = 1000002000ull; /* 1.000002 s */
    log_set_clock(test_clock);
    log_info("hello %s", "world");
    assert_string_equal(captured, "[    1.000002] test: hello world\n");
    assert_int_equal(sink_calls, 1);
}

static void log_clock_formats_seconds_and_microseconds(void **state) {
    (void)state;
    log_set_clock(test_clock);
    clock_ns = 0;
    log_info("a");
    clock_ns = 12345678999ull; /* sub-microsecond part dropped */
    log_info("b");
    clock_ns = 99999999999999ull;
    log_info("c");
    assert_string_equal(captured, "[    0.000000] test: a\n"
                                  "[   12.345678] test: b\n"
                                  "[99999.999999] test: c\n");
}

static void log_warn_and_error_prefixes(void **state) {
    (void)state;
    log_warn("careful");
    log_error("bad %d", 2);
    assert_string_equal(captured, "WARN test: careful\nERROR test: bad 2\n");
    reset_capture();
    clock_ns = 1000002000ull;
    log_set_clock(test_clock);
    log_warn("careful");
    log_error("bad");
    assert_string_equal(captured, "[    1.000002] WARN test: careful\n[    1.000002] ERROR test: bad\n");
}

static void log_write_takes_module_argument(void **state) {
    (void)state;
    log_write(LOG_INFO, "pmm", "%u pages free", 32000u);
    assert_string_equal(captured, "pmm: 32000 pages free\n");
}

static void log_set_level_filters_below_threshold(void **state) {
    (void)state;
    log_set_level(LOG_DEBUG);
    log_debug("d");
    log_info("i");
    assert_string_equal(captured, "test: d\ntest: i\n");

    reset_capture();
    log_set_level(LOG_WARN);
    log_debug("d");
    log_info("i");
    log_warn("w");
    log_error("e");
    assert_string_equal(captured, "WARN test: w\nERROR test: e\n");

    reset_capture();
    log_set_level(LOG_ERROR);
    log_warn("w");
    log_error("e");
    assert_string_equal(captured, "ERROR test: e\n");
}

static void log_filtered_message_writes_nothing(void **state) {
    (void)state;
    log_set_level(LOG_ERROR);
    log_set_clock(test_clock);
    log_info("hidden");
    assert_int_equal(captured_len, 0);
    assert_int_equal(sink_calls, 0);
}

static void log_level_parse_names(void **state) {
    (void)state;
    assert_int_equal(log_level_parse("debug"), LOG_DEBUG);
    assert_int_equal(log_level_parse("info"), LOG_INFO);
    assert_int_equal(log_level_parse("warn"), LOG_WARN);
    assert_int_equal(log_level_parse("error"), LOG_ERROR);
}

static void log_level_parse_rejects_others(void **state) {
    (void)state;
    assert_int_equal(log_level_parse(""), -EINVAL);
    assert_int_equal(log_level_parse("loud"), -EINVAL);
    assert_int_equal(log_level_parse("DEBUG"), -EINVAL);
    assert_int_equal(log_level_parse("warning"), -EINVAL);
    assert_int_equal(log_level_parse("err"), -EINVAL);
    assert_int_equal(log_level_parse("info "), -EINVAL);
}

static void log_long_line_is_cut_but_ends_with_newline(void **state) {
    (void)state;
    char big[400];

    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    log_info("%s", big);
    assert_int_equal(sink_calls, 1);
    assert_true(captured_len <= 256);
    assert_memory_equal(captured, "test: aaaa", 10);
    assert_int_equal(captured[captured_len - 1], '\n');
    assert_int_equal(strlen(captured), captured_len); /* no stray terminator inside */
}

/* --- panic ------------------------------------------------------------------------------------ */

static jmp_buf halted;
static int backtraces;
static int halts;
static int panics_started;

static void test_backtrace(void) {
    backtraces++;
    kprintf("<backtrace>\n");
}

static __noreturn void test_halt(void) {
    halts++;
    longjmp(halted, 1);
}

static const struct panic_ops test_ops = {test_backtrace, test_halt};

static void panic_prints_report_backtrace_and_bail_out(void **state) {
    (void)state;
    char expect[256];
    volatile int line = 0;

    /* Only the first panic of the process prints (see the top of the file). */
    assert_int_equal(panics_started, 0);
    panic_set_ops(&test_ops);
    panics_started++;
    if (setjmp(halted) == 0) {
        line = __LINE__ + 1; /* the line of the panic below */
        panic("frame %d is %s", 7, "free");
        fail_msg("panic returned");
    }
    snprintf(expect, sizeof(expect),
             "\nPANIC at %s:%d: frame 7 is free\n<backtrace>\nBail out! kernel panic at %s:%d\n", __FILE__, line,
             __FILE__, line);
    assert_string_equal(captured, expect);
    assert_int_equal(backtraces, 1);
    assert_int_equal(halts, 1);
}

/* Makes sure a first panic has happened, so what follows sees panic's "panicking" state. */
static void ensure_first_panic_happened(void) {
    panic_set_ops(&test_ops);
    if (panics_started == 0) {
        panics_started++;
        if (setjmp(halted) == 0)
            panic_at("first.c", 1, "first");
    }
}

static void second_panic_skips_report_and_halts(void **state) {
    (void)state;
    ensure_first_panic_happened();
    reset_capture();
    int bt = backtraces, h = halts;

    /* A panic while panicking (a fault in the backtrace, say) goes straight to halt. */
    if (setjmp(halted) == 0) {
        panic_at("again.c", 2, "again %d", 2);
        fail_msg("panic returned");
    }
    assert_int_equal(captured_len, 0);
    assert_int_equal(backtraces, bt);
    assert_int_equal(halts, h + 1);
}

static void assert_macros_halt_only_on_false(void **state) {
    (void)state;
    ensure_first_panic_happened();
    int h = halts;
    volatile int value = 1;

    ASSERT(value == 1);
    ASSERT_MSG(value == 1, "value is %d", value);
    assert_int_equal(halts, h);
    /* The report itself is not printed again (see above): only the halt is observable. */
    if (setjmp(halted) == 0) {
        ASSERT(value == 2);
        fail_msg("ASSERT returned");
    }
    assert_int_equal(halts, h + 1);
    if (setjmp(halted) == 0) {
        ASSERT_MSG(value == 2, "value is %d", value);
        fail_msg("ASSERT_MSG returned");
    }
    assert_int_equal(halts, h + 2);
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
    assert_int_equal(e.mode, 0100755);
    assert_int_equal(e.size, 11);
    assert_memory_equal(e.data, "hello world", 11);
    assert_int_equal(cpio_next(&it, &e), 0);
    assert_int_equal(cpio_next(&it, &e), 0); /* stays at the end */
}

static void cpio_rejects_truncated_archives(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "file", 0100644, "data data data");
    cpio_iter_init(&it, buf, len - 8); /* cut inside the data */
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
    cpio_iter_init(&it, buf, 50); /* cut inside the header */
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
    cpio_iter_init(&it, buf, 112); /* cut inside the name */
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
}

static void cpio_rejects_bad_magic_and_hex(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "file", 0100644, "data data data");
    buf[0] = 'X';
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
    buf[0] = '0';
    buf[6 + 6 * 8] = 'g'; /* bad hex in the file size */
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
}

static void cpio_missing_trailer_is_an_error(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "a", 0100644, "x");
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), 1);
    assert_int_equal(cpio_next(&it, &e), -EINVAL); /* the end of the buffer is not a silent stop */
}

/* Every malformed archive is -EINVAL, an errno a caller can pass on (not -1, which is -EPERM). */
static void cpio_malformed_is_einval(void **state) {
    (void)state;
    static char buf[1024];
    size_t len = 0;
    struct cpio_iter it;
    struct cpio_entry e;

    cpio_iter_init(&it, buf, 0); /* empty: not even a trailer */
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
    memset(buf, 0, sizeof(buf));
    add_entry(buf, &len, "name", 0100644, "x");
    buf[110 + 4] = 'X'; /* the name's NUL */
    cpio_iter_init(&it, buf, len);
    assert_int_equal(cpio_next(&it, &e), -EINVAL);
    assert_int_equal(cpio_next(&it, &e), -EINVAL); /* and it stays so */
}

/* --- path_next, path_last ---------------------------------------------------------------- */

static void path_components_skip_repeated_slashes(void **state) {
    (void)state;
    const char *p = "//ab///c/";
    size_t len;

    const char *name = path_next(&p, &len);
    assert_int_equal(len, 2);
    assert_memory_equal(name, "ab", 2);
    assert_false(path_last(p));
    name = path_next(&p, &len);
    assert_int_equal(len, 1);
    assert_int_equal(*name, 'c');
    assert_true(path_last(p));
    assert_int_equal(*p, '/'); /* a trailing slash is left for the caller to see */
    path_next(&p, &len);
    assert_int_equal(len, 0);
}

static void path_of_slashes_or_nothing_has_no_component(void **state) {
    (void)state;
    const char *paths[] = {"", "/", "///"};

    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        const char *p = paths[i];
        size_t len = 99;
        path_next(&p, &len);
        assert_int_equal(len, 0);
        assert_int_equal(*p, '\0');
        assert_true(path_last(paths[i]));
    }
}

static void path_relative_single_component(void **state) {
    (void)state;
    const char *p = "name";
    size_t len;

    const char *name = path_next(&p, &len);
    assert_ptr_equal(name, p - 4);
    assert_int_equal(len, 4);
    assert_true(path_last(p));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(path_components_skip_repeated_slashes),
        cmocka_unit_test(path_of_slashes_or_nothing_has_no_component),
        cmocka_unit_test(path_relative_single_component),
        cmocka_unit_test(cmdline_bare_word_has_empty_value),
        cmocka_unit_test(cmdline_key_value),
        cmocka_unit_test(cmdline_last_one_wins),
        cmocka_unit_test(cmdline_prefix_is_not_a_match),
        cmocka_unit_test(cmdline_absent_key),
        cmocka_unit_test(cmdline_value_truncated_to_size),
        cmocka_unit_test(cmdline_null_value_only_reports_presence),
        cmocka_unit_test(cmdline_extra_spaces),
        cmocka_unit_test(ksyms_magic_spells_ksym),
        cmocka_unit_test(ksyms_exact_address_has_offset_zero),
        cmocka_unit_test(ksyms_inside_a_function_gives_offset),
        cmocka_unit_test(ksyms_before_first_symbol_is_null),
        cmocka_unit_test(ksyms_after_last_symbol_is_the_last),
        cmocka_unit_test(ksyms_single_symbol),
        cmocka_unit_test(ksyms_many_symbols_each_found),
        cmocka_unit_test(ksyms_empty_table_is_null),
        cmocka_unit_test(ksyms_bad_magic_is_null),
        cmocka_unit_test(ksyms_count_too_large_for_size_is_null),
        cmocka_unit_test(ksyms_size_smaller_than_header_is_null),
        cmocka_unit_test(ksyms_name_outside_table_is_null),
        /* First of the log tests: it observes the default level. */
        cmocka_unit_test_setup_teardown(log_default_level_is_info, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(console_set_sink_returns_previous, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(console_without_sink_drops_output, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(console_write_passes_bytes_through, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(kprintf_writes_raw_text, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_line_without_clock, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_line_with_clock, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_clock_formats_seconds_and_microseconds, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_warn_and_error_prefixes, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_write_takes_module_argument, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_set_level_filters_below_threshold, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(log_filtered_message_writes_nothing, log_setup, log_teardown),
        cmocka_unit_test(log_level_parse_names),
        cmocka_unit_test(log_level_parse_rejects_others),
        cmocka_unit_test_setup_teardown(log_long_line_is_cut_but_ends_with_newline, log_setup, log_teardown),
        /* The first panic of the process must be this one: only it prints a report. */
        cmocka_unit_test_setup_teardown(panic_prints_report_backtrace_and_bail_out, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(second_panic_skips_report_and_halts, log_setup, log_teardown),
        cmocka_unit_test_setup_teardown(assert_macros_halt_only_on_false, log_setup, log_teardown),
        cmocka_unit_test(cpio_reads_entries_then_the_trailer),
        cmocka_unit_test(cpio_rejects_truncated_archives),
        cmocka_unit_test(cpio_rejects_bad_magic_and_hex),
        cmocka_unit_test(cpio_missing_trailer_is_an_error),
        cmocka_unit_test(cpio_malformed_is_einval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
