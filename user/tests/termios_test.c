/*
 * Terminal attributes and the terminal's ioctl requests on the console, without typing: isatty,
 * tcgetattr and tcsetattr (defaults, a round trip, each action, errors), cfmakeraw, FIONREAD,
 * the window size, and what a descriptor that is no terminal answers.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "check.h"

static void isatty_says_what_is_a_terminal(void) {
    int fds[2];

    CHECK_EQ(isatty(0), 1);
    CHECK_EQ(isatty(1), 1);
    CHECK_EQ(pipe(fds), 0);
    errno = 0;
    CHECK_EQ(isatty(fds[0]), 0);
    CHECK_EQ(errno, ENOTTY);
    errno = 0;
    CHECK_EQ(isatty(99), 0);
    CHECK_EQ(errno, EBADF);
    int file = open("/bin/termios_test", O_RDONLY);
    CHECK(file >= 0);
    errno = 0;
    CHECK_EQ(isatty(file), 0);
    CHECK_EQ(errno, ENOTTY);
    int console = open("/dev/console", O_RDONLY | O_NOCTTY);
    CHECK(console >= 0);
    CHECK_EQ(isatty(console), 1);
    CHECK_EQ(close(console), 0);

    /* A file or a pipe knows no terminal request, nor any other. */
    struct termios t;
    CHECK_ERR(tcgetattr(fds[1], &t), ENOTTY);
    CHECK_ERR(tcsetattr(file, TCSANOW, &t), ENOTTY);
    CHECK_ERR(ioctl(fds[0], FIONREAD, &(int){0}), ENOTTY);
    CHECK_ERR(tcgetpgrp(file), ENOTTY);
    CHECK_ERR(ioctl(99, TCGETS, &t), EBADF);
    CHECK_ERR(ioctl(0, 0x12345678, &t), ENOTTY); /* an unknown request */
    CHECK_ERR(ioctl(0, 0, 0), ENOTTY);
    close(fds[0]);
    close(fds[1]);
    close(file);
    PASS("isatty: 1 for the console; 0 with ENOTTY for a pipe or a file, EBADF for no file");
    PASS("ioctl: ENOTTY for a file, a pipe or an unknown request; EBADF");
}

static void attributes(void) {
    struct termios t, back;

    CHECK_EQ(tcgetattr(0, &t), 0);
    /* A Linux console's defaults. */
    CHECK((t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN | ECHOE | ECHOK)) ==
          (ICANON | ECHO | ISIG | IEXTEN | ECHOE | ECHOK));
    CHECK(!(t.c_lflag & TOSTOP));
    CHECK(t.c_iflag & ICRNL);
    CHECK((t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
    CHECK_EQ(t.c_cc[VINTR], 3);
    CHECK_EQ(t.c_cc[VQUIT], 0x1C);
    CHECK_EQ(t.c_cc[VERASE], 0x7F);
    CHECK_EQ(t.c_cc[VKILL], 0x15);
    CHECK_EQ(t.c_cc[VEOF], 4);
    CHECK_EQ(t.c_cc[VSUSP], 0x1A);
    CHECK_EQ(t.c_cc[VWERASE], 0x17);
    CHECK_EQ(t.c_cc[VMIN], 1);
    CHECK_EQ(t.c_cc[VTIME], 0);
    CHECK_EQ(cfgetospeed(&t), B115200);
    PASS("tcgetattr: the defaults of a Linux console (ICANON, ECHO, ISIG, ^C ^\\ ^Z ^U ^W ^D, DEL)");

    /* Each action sets them; what was set comes back as it was. */
    static const int actions[] = {TCSANOW, TCSADRAIN, TCSAFLUSH};
    for (unsigned i = 0; i < 3; i++) {
        struct termios changed = t;
        changed.c_cc[VKILL] = (cc_t)(0x10 + i);
        changed.c_lflag |= ECHONL;
        CHECK_EQ(tcsetattr(0, actions[i], &changed), 0);
        memset(&back, 0xEE, sizeof(back));
        CHECK_EQ(tcgetattr(1, &back), 0); /* the same terminal through another descriptor */
        CHECK_EQ(back.c_cc[VKILL], 0x10 + i);
        CHECK(back.c_lflag & ECHONL);
        CHECK_EQ(back.c_line, 0);
    }
    CHECK_EQ(tcsetattr(0, TCSANOW, &t), 0);
    CHECK_EQ(tcgetattr(0, &back), 0);
    CHECK(memcmp(&back, &t, sizeof(t)) == 0);
    PASS("tcsetattr: TCSANOW, TCSADRAIN, TCSAFLUSH; tcgetattr reads back what was set");

    CHECK_ERR(tcsetattr(0, 3, &t), EINVAL);
    CHECK_ERR(tcsetattr(0, -1, &t), EINVAL);
    CHECK_ERR(tcgetattr(0, (struct termios *)0xC0000000), EFAULT);
    CHECK_ERR(tcgetattr(0, (struct termios *)0x10000000), EFAULT);                /* unmapped */
    CHECK_ERR(tcsetattr(0, TCSANOW, (const struct termios *)0xBFFFFFF0), EFAULT); /* runs into the kernel */
    CHECK_ERR(tcsetattr(0, TCSANOW, (const struct termios *)0x10000000), EFAULT);
    CHECK_EQ(tcgetattr(0, &back), 0);
    CHECK(memcmp(&back, &t, sizeof(t)) == 0); /* a failed set changed nothing */
    PASS("tcsetattr, tcgetattr: EINVAL for a bad action, EFAULT for bad pointers, nothing changed");

    struct termios raw = t;
    cfmakeraw(&raw);
    CHECK(!(raw.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)));
    CHECK(!(raw.c_iflag & ICRNL));
    CHECK(!(raw.c_oflag & OPOST));
    CHECK_EQ(raw.c_cc[VMIN], 1);
    CHECK_EQ(raw.c_cc[VTIME], 0);
    CHECK_EQ(cfsetospeed(&raw, B9600), 0);
    CHECK_EQ(cfgetospeed(&raw), B9600);
    CHECK_ERR(cfsetospeed(&raw, 0x12345), EINVAL);
    PASS("cfmakeraw, cfgetospeed, cfsetospeed");
}

static volatile sig_atomic_t winches;

static void on_winch(int sig) {
    (void)sig;
    winches++;
}

static void other_requests(void) {
    int n = -1;
    CHECK_EQ(ioctl(0, FIONREAD, &n), 0);
    CHECK_EQ(n, 0); /* nothing typed */
    CHECK_ERR(ioctl(0, FIONREAD, (void *)0xC0000000), EFAULT);

    /* A new size sends SIGWINCH to the foreground group (this program's), as Linux; the same
     * size again sends nothing. */
    struct winsize ws = {0}, set = {24, 80, 0, 0};
    CHECK(signal(SIGWINCH, on_winch) != SIG_ERR);
    CHECK_EQ(ioctl(0, TIOCGWINSZ, &ws), 0);
    CHECK_EQ(ws.ws_row, 0); /* a serial line has no size until one is set */
    CHECK_EQ(ioctl(0, TIOCSWINSZ, &set), 0);
    CHECK_EQ(winches, 1);
    CHECK_EQ(ioctl(0, TIOCSWINSZ, &set), 0);
    CHECK_EQ(winches, 1);
    CHECK_EQ(ioctl(1, TIOCGWINSZ, &ws), 0);
    CHECK_EQ(ws.ws_row, 24);
    CHECK_EQ(ws.ws_col, 80);
    set.ws_row = set.ws_col = 0;
    CHECK_EQ(ioctl(0, TIOCSWINSZ, &set), 0);
    CHECK_EQ(winches, 2);
    CHECK(signal(SIGWINCH, SIG_DFL) != SIG_ERR);
    CHECK_ERR(ioctl(0, TIOCSWINSZ, (void *)0x10000000), EFAULT);

    CHECK_EQ(tcflush(0, TCIFLUSH), 0);
    CHECK_EQ(tcflush(0, TCIOFLUSH), 0);
    CHECK_ERR(tcflush(0, 3), EINVAL);
    CHECK_EQ(tcdrain(1), 0);
    CHECK_ERR(ioctl(0, TIOCSCTTY, 0), EPERM); /* not a session leader */
    PASS("FIONREAD, TIOCGWINSZ/TIOCSWINSZ (SIGWINCH for a new size), tcflush, tcdrain, TIOCSCTTY: EPERM");
}

int main(void) {
    isatty_says_what_is_a_terminal();
    attributes();
    other_requests();
    return done_testing();
}
