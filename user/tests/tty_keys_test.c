/*
 * The terminal's keys typed on the serial line, as a person types them (the BUILD target's
 * serial_script types each key once this program says "keys: ..."):
 *  - Ctrl-C, Ctrl-\ and Ctrl-Z reach the foreground group only: its process dies of SIGINT or
 *    SIGQUIT, or stops with SIGTSTP, while a background group and this program (in the
 *    background meanwhile) get nothing; with the foreground group gone, a key goes nowhere;
 *  - Ctrl-C echoes ^C and discards the line being typed; Ctrl-U and Ctrl-W edit;
 *  - raw mode: each byte as it comes, the keys as data, no echo; VTIME; VMIN.
 */
#include <signal.h>
#include <stdbool.h>
#include <termios.h>

#include "console_input.h"

static void prompt(const char *what) {
    printf("keys: %s\n", what);
    fflush(stdout);
}

static void block(int sig, bool on) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    CHECK_EQ(sigprocmask(on ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL), 0);
}

static void give_terminal(pid_t pgrp) {
    block(SIGTTOU, true);
    CHECK_EQ(tcsetpgrp(0, pgrp), 0);
    block(SIGTTOU, false);
}

/* A child waiting in a group of its own. */
static pid_t idle_child(void) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        for (;;)
            sleep(30);
    }
    CHECK_EQ(setpgid(pid, pid), 0);
    return pid;
}

static bool alive(pid_t pid) {
    int status;
    return waitpid(pid, &status, WNOHANG | WUNTRACED) == 0;
}

/* The key `what` goes to a foreground child; `check` says what it must have done. */
static void key_to_foreground(const char *what, pid_t background, int sig, bool stops) {
    pid_t me = getpid();
    pid_t fg = idle_child();
    CHECK_EQ(tcsetpgrp(0, fg), 0); /* we are in the foreground: no SIGTTOU */
    prompt(what);
    int status;
    errno = 0;
    if (waitpid(fg, &status, WUNTRACED) != fg)
        READ_FAIL("no key reached the foreground group (errno %d)", errno);
    if (stops) {
        if (!WIFSTOPPED(status) || WSTOPSIG(status) != sig)
            READ_FAIL("want stopped by %d, wait status 0x%x", sig, status);
        CHECK_EQ(kill(fg, SIGKILL), 0);
        CHECK_EQ(waitpid(fg, &status, 0), fg);
    } else {
        CHECK_SIGNALED(status, sig);
    }
    printf("\n"); /* after the key's echo */
    CHECK(alive(background));
    give_terminal(me);
}

static volatile sig_atomic_t interrupts;

static void on_interrupt(int sig) {
    (void)sig;
    interrupts++;
}

static void read_exactly(char *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        errno = 0;
        ssize_t r = read(0, buf + got, n - got);
        if (r <= 0)
            READ_FAIL("read: %d (errno %d) after %u bytes", (int)r, errno, (unsigned)got);
        got += (size_t)r;
    }
}

static long elapsed_ms(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

int main(void) {
    pid_t me = getpid();

    watchdog_start(30);
    CHECK_EQ(tcgetpgrp(0), me);
    pid_t background = idle_child();

    key_to_foreground("INT now", background, SIGINT, false);
    key_to_foreground("QUIT now", background, SIGQUIT, false);
    key_to_foreground("TSTP now", background, SIGTSTP, true);
    PASS("Ctrl-C, Ctrl-\\, Ctrl-Z: SIGINT, SIGQUIT, SIGTSTP to the foreground group only");

    /* The foreground group is gone: the key reaches nobody (this program is in the background). */
    pid_t gone = idle_child();
    CHECK_EQ(tcsetpgrp(0, gone), 0);
    CHECK_EQ(kill(gone, SIGKILL), 0);
    CHECK_EQ(waitpid(gone, NULL, 0), gone);
    prompt("nobody now");
    let_input_arrive();
    printf("\n");
    CHECK(alive(background));
    give_terminal(me);
    PASS("a key for a foreground group that is gone goes nowhere");

    /* In the foreground ourselves, with a handler (SA_RESTART: the read goes on): abc ^C, then
     * def ^U ghi jkl ^W mno. */
    signal(SIGINT, on_interrupt);
    prompt("type");
    char line[64];
    memset(line, 0, sizeof(line));
    errno = 0;
    ssize_t r = read(0, line, sizeof(line) - 1);
    printf("\n");
    if (r != 8 || strcmp(line, "ghi mno\n") != 0)
        READ_FAIL("read %d \"%s\" (errno %d), want \"ghi mno\\n\"", (int)r, line, errno);
    CHECK_EQ(interrupts, 1);
    signal(SIGINT, SIG_DFL);
    PASS("Ctrl-C discards the line being typed and echoes ^C; Ctrl-U, Ctrl-W edit");

    /* Raw mode. */
    struct termios saved, raw;
    CHECK_EQ(tcgetattr(0, &saved), 0);
    raw = saved;
    cfmakeraw(&raw);
    CHECK_EQ(tcsetattr(0, TCSAFLUSH, &raw), 0);
    prompt("raw");
    char bytes[3];
    read_exactly(bytes, 3);
    CHECK(memcmp(bytes, "x\x03\r", 3) == 0); /* Ctrl-C and CR are data, with no ISIG nor ICRNL */
    CHECK_EQ(interrupts, 1);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 3;
    CHECK_EQ(tcsetattr(0, TCSANOW, &raw), 0);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_EQ(read(0, bytes, 1), 0); /* nothing within VTIME: 0 */
    long ms = elapsed_ms(&start);
    if (ms < 250 || ms > 2000)
        READ_FAIL("VTIME 3: the read returned after %ld ms", ms);
    raw.c_cc[VMIN] = 2;
    raw.c_cc[VTIME] = 0;
    CHECK_EQ(tcsetattr(0, TCSANOW, &raw), 0);
    prompt("two");
    memset(line, 0, sizeof(line));
    CHECK_EQ(read(0, line, sizeof(line)), 2); /* waits for VMIN bytes */
    CHECK(memcmp(line, "ab", 2) == 0);
    CHECK_EQ(tcsetattr(0, TCSANOW, &saved), 0);
    PASS("raw mode: bytes as they come, keys as data, no echo; VTIME; VMIN");

    prompt("cooked");
    memset(line, 0, sizeof(line));
    CHECK_EQ(read(0, line, sizeof(line)), 5);
    CHECK(strcmp(line, "line\n") == 0);
    PASS("canonical mode again: a line");

    CHECK_EQ(kill(background, SIGKILL), 0);
    CHECK_EQ(waitpid(background, NULL, 0), background);
    watchdog_stop();
    return done_testing();
}
