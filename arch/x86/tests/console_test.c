/* kprintf and the log reach the console sink, formatted. */
#include <ktest/ktest.h>
#include <lib/log.h>

#define LOG_MODULE "ktest"

static char captured[512];
static size_t captured_len;

static void capture(const char *s, size_t len) {
    for (size_t i = 0; i < len && captured_len < sizeof(captured) - 1; i++)
        captured[captured_len++] = s[i];
    captured[captured_len] = '\0';
}

KTEST(console, kprintf_formats_to_the_sink) {
    captured_len = 0;
    console_write_fn old = console_set_sink(capture);
    int n = kprintf("[%d|%5u|%-4x|%08X|%s|%c|%%|%lld]", -42, 7u, 0xabu, 0xBEEFu, "str", 'z', -1234567890123ll);
    console_set_sink(old);

    KEXPECT_STREQ(captured, "[-42|    7|ab  |0000BEEF|str|z|%|-1234567890123]");
    KEXPECT_EQ(n, (int)captured_len);
}

KTEST(console, log_lines_carry_time_level_and_module) {
    captured_len = 0;
    console_write_fn old = console_set_sink(capture);
    log_warn("value %d", 5);
    log_debug("dropped at the default level");
    console_set_sink(old);

    KEXPECT_TRUE(captured[0] == '[');
    KEXPECT_TRUE(strstr(captured, "] WARN ktest: value 5\n") != NULL);
    KEXPECT_TRUE(strstr(captured, "dropped") == NULL);
}
