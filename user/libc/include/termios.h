/* Terminal attributes (POSIX termios), over the terminal's ioctl requests (abi/termios.h). */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <abi/termios.h>
#include <sys/types.h>

#define NCCS ABI_NCCS

typedef abi_cc_t cc_t;
typedef abi_tcflag_t tcflag_t;
typedef uint32_t speed_t;

struct termios {
    tcflag_t c_iflag;
    tcflag_t c_oflag;
    tcflag_t c_cflag;
    tcflag_t c_lflag;
    cc_t c_line;
    cc_t c_cc[NCCS];
};
_Static_assert(sizeof(struct termios) == sizeof(struct abi_termios), "the kernel's struct termios (TCGETS)");

int tcgetattr(int fd, struct termios *t);
/* action: TCSANOW, TCSADRAIN (output is never pending), TCSAFLUSH (pending input is discarded). */
int tcsetattr(int fd, int action, const struct termios *t);
int tcflush(int fd, int queue);
int tcdrain(int fd);
pid_t tcgetsid(int fd);
/* Raw mode as Linux's cfmakeraw: no line editing, echo, signals or output processing; VMIN 1. */
void cfmakeraw(struct termios *t);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);

#endif
