/* ioctl: a device's own requests; the terminal's are in abi/termios.h (TCGETS, TIOCGPGRP...). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <abi/termios.h>

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};
_Static_assert(sizeof(struct winsize) == sizeof(struct abi_winsize), "the kernel's struct winsize");

/* The third argument is a number or a pointer, as the request says. */
int ioctl(int fd, unsigned long request, ...);

#endif
