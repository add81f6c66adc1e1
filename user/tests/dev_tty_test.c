/*
 * /dev/tty, the caller's controlling terminal. This program's is the console (init's session's,
 * inherited): /dev/tty opens the same terminal as descriptors 0-2 (a terminal for isatty, the
 * same foreground group, session and attributes), a write through it reaches the screen (the
 * BUILD target types a line only once it has seen that write) and a read takes the line typed.
 * A process with no controlling terminal (after setsid) gets ENXIO, as on Linux, though it may
 * still open /dev/console, which stays session 1's. /dev/null is no terminal.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>

#include "console_input.h"

static void opens_the_controlling_terminal(void) {
    struct stat st;
    int fd = open("/dev/tty", O_RDWR);

    CHECK(fd >= 0);
    CHECK(isatty(fd));
    CHECK_EQ(tcgetpgrp(fd), getpgrp());
    CHECK_EQ(tcgetsid(fd), getsid(0));
    CHECK_EQ(tcgetsid(fd), 1);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK_EQ(st.st_rdev, 0x0500); /* Linux's 5,0 */
    CHECK_EQ(stat("/dev/tty", &st), 0);
    CHECK(S_ISCHR(st.st_mode));
    CHECK_EQ(st.st_mode & 0777, 0666);

    /* One terminal: attributes set through /dev/tty are those of descriptor 0. */
    struct termios old, t, seen;
    CHECK_EQ(tcgetattr(fd, &old), 0);
    t = old;
    t.c_cc[VREPRINT] = 0x12 ^ 0x01;
    CHECK_EQ(tcsetattr(fd, TCSANOW, &t), 0);
    CHECK_EQ(tcgetattr(0, &seen), 0);
    CHECK_EQ(seen.c_cc[VREPRINT], 0x12 ^ 0x01);
    CHECK_EQ(tcsetattr(fd, TCSANOW, &old), 0);
    CHECK_EQ(tcgetattr(0, &seen), 0);
    CHECK_EQ(seen.c_cc[VREPRINT], old.c_cc[VREPRINT]);
    CHECK_EQ(close(fd), 0);

    fd = open("/dev/tty", O_RDONLY | O_NOCTTY);
    CHECK(fd >= 0);
    CHECK_EQ(fcntl(fd, F_GETFL), O_RDONLY); /* O_NOCTTY is not kept */
    CHECK_EQ(close(fd), 0);
    PASS("/dev/tty opens the console, this session's terminal: isatty, its group, session, attributes");
}

static void not_a_terminal(void) {
    int fd = open("/dev/null", O_RDWR);

    CHECK(fd >= 0);
    errno = 0;
    CHECK(!isatty(fd));
    CHECK_EQ(errno, ENOTTY);
    CHECK_ERR(tcgetpgrp(fd), ENOTTY);
    CHECK_EQ(close(fd), 0);
    fd = open("/dev/null", O_WRONLY | O_NOCTTY);
    CHECK(fd >= 0);
    CHECK_EQ(fcntl(fd, F_GETFL), O_WRONLY); /* O_NOCTTY is no file status flag */
    CHECK_EQ(close(fd), 0);
    errno = 0;
    CHECK(!isatty(99));
    CHECK_EQ(errno, EBADF);
    PASS("/dev/null is no terminal (isatty 0, ENOTTY), nor a closed descriptor (EBADF)");
}

static void write_and_read(void) {
    int fd = open("/dev/tty", O_RDWR);
    static const char prompt[] = "dev_tty: type now\n";

    CHECK(fd >= 0);
    watchdog_start(20);
    /* Not through stdout: the line is typed only if this write reaches the screen. */
    CHECK_EQ(write(fd, prompt, sizeof(prompt) - 1), (ssize_t)sizeof(prompt) - 1);
    expect_read(fd, 100, "via tty\n", 8);
    watchdog_stop();
    CHECK_EQ(close(fd), 0);
    PASS("/dev/tty: a write reaches the screen, a read takes the line typed");
}

/* The child's checks, numbered for its exit status. */
static int without_a_terminal(void) {
    if (setsid() != getpid())
        return 1;
    errno = 0;
    if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
        return 2;
    errno = 0;
    if (open("/dev/tty", O_RDONLY | O_NOCTTY) != -1 || errno != ENXIO)
        return 3;
    /* The console opens, but is session 1's: not this one's, even for its leader. */
    int fd = open("/dev/console", O_RDWR);
    if (fd < 0)
        return 4;
    errno = 0;
    if (tcgetpgrp(fd) != -1 || errno != ENOTTY)
        return 5;
    errno = 0;
    if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
        return 6;
    return 0;
}

static void no_terminal_after_setsid(void) {
    int status;

    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(without_a_terminal());
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);

    /* A child that stays in the session has the terminal too. */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int fd = open("/dev/tty", O_WRONLY);
        _exit(fd >= 0 && isatty(fd) && tcgetsid(fd) == 1 ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("/dev/tty after setsid: ENXIO (no controlling terminal; the console is another session's)");
}

int main(void) {
    opens_the_controlling_terminal();
    not_a_terminal();
    write_and_read();
    no_terminal_after_setsid();
    return done_testing();
}
