/* The terminal functions of termios.h and unistd.h, each an ioctl request (abi/termios.h). */
#include <errno.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "internal.h"

int ioctl(int fd, unsigned long request, ...) {
    va_list ap;

    va_start(ap, request);
    uintptr_t arg = va_arg(ap, uintptr_t);
    va_end(ap);
    return (int)__result(__sys_ioctl(fd, (uint32_t)request, (uint32_t)arg));
}

int tcgetattr(int fd, struct termios *t) {
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t) {
    switch (action) {
    case TCSANOW:
        return ioctl(fd, TCSETS, t);
    case TCSADRAIN:
        return ioctl(fd, TCSETSW, t);
    case TCSAFLUSH:
        return ioctl(fd, TCSETSF, t);
    default:
        errno = EINVAL;
        return -1;
    }
}

int tcflush(int fd, int queue) {
    return ioctl(fd, TCFLSH, queue);
}

/* Output goes out as it is written: there is never any to wait for, on a terminal. */
int tcdrain(int fd) {
    struct termios t;
    __testcancel(); /* a cancellation point (POSIX), though it never waits */
    return tcgetattr(fd, &t);
}

pid_t tcgetsid(int fd) {
    pid_t sid;
    return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

pid_t tcgetpgrp(int fd) {
    pid_t pgrp;
    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp) {
    return ioctl(fd, TIOCSPGRP, &pgrp);
}

/* A terminal is what answers TCGETS (POSIX: errno ENOTTY for anything else, EBADF for no file). */
int isatty(int fd) {
    struct termios t;
    return tcgetattr(fd, &t) == 0;
}

void cfmakeraw(struct termios *t) {
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *t) {
    return t->c_cflag & CBAUD;
}

speed_t cfgetospeed(const struct termios *t) {
    return t->c_cflag & CBAUD;
}

int cfsetospeed(struct termios *t, speed_t speed) {
    if (speed & ~(speed_t)CBAUD) {
        errno = EINVAL;
        return -1;
    }
    t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | speed;
    return 0;
}

int cfsetispeed(struct termios *t, speed_t speed) {
    return speed == 0 ? 0 : cfsetospeed(t, speed); /* 0: the same as the output speed (POSIX) */
}
