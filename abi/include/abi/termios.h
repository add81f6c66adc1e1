/*
 * Terminal attributes (termios) and the terminal's ioctl requests, with Linux i386's values and
 * layout: struct abi_termios is the kernel's `struct termios` that TCGETS and TCSETS copy, so a
 * program's expectations from Linux hold. Which of the bits the kernel acts on is said in
 * docs/syscalls.md ("Terminal"); the others are kept as set and reported back.
 */
#ifndef ABI_TERMIOS_H
#define ABI_TERMIOS_H

#include <stdint.h>

typedef uint8_t abi_cc_t;
typedef uint32_t abi_tcflag_t;

#define ABI_NCCS 19

struct abi_termios {
    abi_tcflag_t c_iflag; /* input modes */
    abi_tcflag_t c_oflag; /* output modes */
    abi_tcflag_t c_cflag; /* control modes (the line: speed, character size) */
    abi_tcflag_t c_lflag; /* local modes (the line discipline) */
    abi_cc_t c_line;      /* which line discipline: always 0 */
    abi_cc_t c_cc[ABI_NCCS];
};
_Static_assert(sizeof(struct abi_termios) == 36, "Linux i386's struct termios (TCGETS)");

/* The window size (TIOCGWINSZ, TIOCSWINSZ): a serial line has none until a program sets one. */
struct abi_winsize {
    uint16_t ws_row;
    uint16_t ws_col;
    uint16_t ws_xpixel;
    uint16_t ws_ypixel;
};

/* c_cc: the special characters. 0 (_POSIX_VDISABLE) turns one off. */
#define VINTR 0     /* ^C: SIGINT to the foreground group (ISIG) */
#define VQUIT 1     /* ^\: SIGQUIT */
#define VERASE 2    /* DEL: erase a character (ICANON) */
#define VKILL 3     /* ^U: erase the line */
#define VEOF 4      /* ^D: hand the line over; at its start, end of file */
#define VTIME 5     /* raw mode: timeout in tenths of a second */
#define VMIN 6      /* raw mode: bytes a read waits for */
#define VSWTC 7     /* (unused) */
#define VSTART 8    /* ^Q (flow control: not acted on) */
#define VSTOP 9     /* ^S (flow control: not acted on) */
#define VSUSP 10    /* ^Z: SIGTSTP */
#define VEOL 11     /* another end of line (0: none) */
#define VREPRINT 12 /* ^R (not acted on) */
#define VDISCARD 13 /* ^O (not acted on) */
#define VWERASE 14  /* ^W: erase a word (ICANON and IEXTEN) */
#define VLNEXT 15   /* ^V (not acted on) */
#define VEOL2 16    /* yet another end of line (IEXTEN; 0: none) */
#define _POSIX_VDISABLE 0

/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define IGNPAR 0000004
#define PARMRK 0000010
#define INPCK 0000020
#define ISTRIP 0000040 /* strip the eighth bit */
#define INLCR 0000100  /* NL -> CR */
#define IGNCR 0000200  /* drop CR */
#define ICRNL 0000400  /* CR -> NL (Enter sends CR) */
#define IUCLC 0001000
#define IXON 0002000
#define IXANY 0004000
#define IXOFF 0010000
#define IMAXBEL 0020000
#define IUTF8 0040000

/* c_oflag */
#define OPOST 0000001 /* output processing: ONLCR */
#define OLCUC 0000002
#define ONLCR 0000004 /* NL -> CR NL */
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040

/* c_cflag */
#define CBAUD 0010017
#define B0 0000000
#define B9600 0000015
#define B19200 0000016
#define B38400 0000017
#define B57600 0010001
#define B115200 0010002
#define CSIZE 0000060
#define CS5 0000000
#define CS6 0000020
#define CS7 0000040
#define CS8 0000060
#define CSTOPB 0000100
#define CREAD 0000200
#define PARENB 0000400
#define PARODD 0001000
#define HUPCL 0002000
#define CLOCAL 0004000

/* c_lflag */
#define ISIG 0000001    /* INTR, QUIT, SUSP send signals */
#define ICANON 0000002  /* canonical mode: line editing, a read returns a line */
#define ECHO 0000010    /* echo what is typed */
#define ECHOE 0000020   /* ERASE and WERASE erase on the screen */
#define ECHOK 0000040   /* KILL: a newline after the echoed KILL (without ECHOKE) */
#define ECHONL 0000100  /* echo NL even without ECHO (ICANON) */
#define NOFLSH 0000200  /* the signal keys do not discard the input */
#define TOSTOP 0000400  /* background writes get SIGTTOU */
#define ECHOCTL 0001000 /* echo control characters as ^X */
#define ECHOPRT 0002000
#define ECHOKE 0004000 /* KILL erases the line on the screen */
#define FLUSHO 0010000
#define PENDIN 0040000
#define IEXTEN 0100000 /* WERASE, EOL2 */

/* tcsetattr's actions */
#define TCSANOW 0
#define TCSADRAIN 1
#define TCSAFLUSH 2

/* tcflush's queues */
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

/* ioctl requests (Linux i386 numbers) and what `arg` is. */
#define TCGETS 0x5401     /* struct abi_termios *: the attributes */
#define TCSETS 0x5402     /* const struct abi_termios *: set them now */
#define TCSETSW 0x5403    /* ... once output is drained (it always is) */
#define TCSETSF 0x5404    /* ... drained, and pending input discarded */
#define TCFLSH 0x540B     /* int: TCIFLUSH, TCOFLUSH or TCIOFLUSH */
#define TIOCSCTTY 0x540E  /* int (ignored): make it the caller's controlling terminal */
#define TIOCGPGRP 0x540F  /* pid_t *: the foreground group */
#define TIOCSPGRP 0x5410  /* const pid_t *: set the foreground group */
#define TIOCGWINSZ 0x5413 /* struct abi_winsize * */
#define TIOCSWINSZ 0x5414 /* const struct abi_winsize * */
#define FIONREAD 0x541B   /* int *: bytes a read could return now */
#define TIOCGSID 0x5429   /* pid_t *: the session it controls */

#endif
