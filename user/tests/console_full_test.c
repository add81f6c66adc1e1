/*
 * The console's input ring at its limit (typed by the BUILD target; see console_input.h):
 * 1100 characters without a newline, two DELs, "MN" and a newline. The ring keeps what fits of
 * the line, editing still works, and the newline always has room, so the line arrives; nothing
 * past it is read.
 */
#include <fcntl.h>

#include "console_input.h"

#define RING_LINE 1022 /* the ring holds 1023 bytes: the last for the line's end */

int main(void) {
    static char want[RING_LINE + 1], got[RING_LINE + 200];
    size_t n = 0;

    memset(want, 'L', RING_LINE - 2);
    memcpy(want + RING_LINE - 2, "MN\n", 3);

    printf("console_full_test: type now\n");
    watchdog_start(20);
    /* The line arrives in reads of at most 128 bytes; it ends at the newline. */
    while (n == 0 || got[n - 1] != '\n') {
        errno = 0;
        ssize_t r = read(0, got + n, sizeof(got) - n);
        if (r < 0 && errno == EINTR)
            READ_FAIL("after %u bytes, no newline within the watchdog's delay: it was dropped at the full ring",
                      (unsigned)n);
        CHECK(r > 0 && r <= 128);
        n += (size_t)r;
        CHECK(n <= sizeof(want));
    }
    CHECK_EQ(n, sizeof(want));
    CHECK(memcmp(got, want, n) == 0);

    int fd = open("/dev/console", O_RDONLY | O_NONBLOCK);
    CHECK(fd >= 0);
    CHECK_ERR(read(fd, got, sizeof(got)), EAGAIN);
    CHECK_EQ(close(fd), 0);
    watchdog_stop();

    PASS("a full ring drops characters, still edits, and always takes the newline");
    return done_testing();
}
