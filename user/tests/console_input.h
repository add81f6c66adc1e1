/*
 * Helpers for the tests that read typed input from the console (console_test,
 * console_full_test, tty_keys_test). Their BUILD targets type the input on the serial line once the program
 * has printed "<name>: type now" (user_test's serial_input / serial_input_after).
 *
 * A console bug can leave a blocking read waiting for a line that never comes; the watchdog
 * turns that into a failure with a message (the read returns EINTR) instead of a timeout.
 */
#ifndef USER_TESTS_CONSOLE_INPUT_H
#define USER_TESTS_CONSOLE_INPUT_H

#include <signal.h>

#include "check.h"

#define UNTOUCHED 0xEE

static pid_t watchdog_pid;

static void watchdog_fired(int sig) {
    (void)sig; /* only there to interrupt a blocking read (no SA_RESTART) */
}

/* Ends the watchdog when the test exits early (a failed check), so that it leaves nothing
 * running; runs in the test process only (a forked child that exits would run it too). */
static pid_t watchdog_owner;

static void watchdog_kill(void) {
    if (getpid() == watchdog_owner && watchdog_pid > 0) {
        kill(watchdog_pid, SIGKILL);
        waitpid(watchdog_pid, NULL, 0);
        watchdog_pid = 0;
    }
}

/* After `seconds`, SIGUSR1 interrupts whatever this process is blocked in. */
static inline void watchdog_start(unsigned seconds) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = watchdog_fired;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    pid_t parent = getpid();
    fflush(stdout);
    watchdog_pid = fork();
    CHECK(watchdog_pid >= 0);
    if (watchdog_pid == 0) {
        setpgid(0, 0); /* out of the terminal's foreground group: no key typed for the test hits it */
        sleep(seconds);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    setpgid(watchdog_pid, watchdog_pid);
    watchdog_owner = parent;
    CHECK_EQ(atexit(watchdog_kill), 0);
}

static inline void watchdog_stop(void) {
    int status;
    CHECK_EQ(kill(watchdog_pid, SIGKILL), 0);
    CHECK_EQ(waitpid(watchdog_pid, &status, 0), watchdog_pid);
    watchdog_pid = 0;
}

/* Lets the input typed in one go arrive whole before the program reads, as when a user types
 * ahead of a busy program (typed input takes a few ms over the emulated UART). */
static inline void let_input_arrive(void) {
    struct timespec ts = {1, 500000000};
    CHECK_EQ(nanosleep(&ts, NULL), 0);
}

/*
 * read(fd, buf, n) must return exactly `want` (`len` bytes) and leave the rest of the buffer
 * as it was: bytes past the result are never written.
 */
/* A failure report starts its own line: the console's echo of typed input may precede it. */
#define READ_FAIL(...)                                                                                                 \
    do {                                                                                                               \
        printf("\n");                                                                                                  \
        FAIL(__VA_ARGS__);                                                                                             \
    } while (0)

static inline void expect_read(int fd, size_t n, const char *want, size_t len) {
    static char buf[2048];

    memset(buf, UNTOUCHED, sizeof(buf));
    errno = 0;
    ssize_t r = read(fd, buf, n);
    if (r < 0 && errno == EINTR)
        READ_FAIL("read(%d, buf, %u) still blocked after the watchdog's delay; wanted \"%.*s\"", fd, (unsigned)n,
                  (int)len, want);
    if (r != (ssize_t)len || memcmp(buf, want, len) != 0)
        READ_FAIL("read(%d, buf, %u) = %d \"%.*s\" (errno %d), want %u \"%.*s\"", fd, (unsigned)n, (int)r,
                  r > 0 ? (int)r : 0, buf, errno, (unsigned)len, (int)len, want);
    for (size_t i = len; i < sizeof(buf); i++) {
        if ((unsigned char)buf[i] != UNTOUCHED)
            READ_FAIL("read(%d, buf, %u) = %d wrote byte %u (0x%02x) past its result", fd, (unsigned)n, (int)r,
                      (unsigned)i, (unsigned char)buf[i]);
    }
}

#endif
