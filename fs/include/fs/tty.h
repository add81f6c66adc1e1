/*
 * Terminals (fs/tty.c): the line discipline between a character device and the programs that
 * read and write it, and job control. The console (fs/console.c, COM1) is one.
 *
 * A device hands each received byte to tty_receive (interrupt context) and gives the terminal a
 * function that puts bytes on the screen as they are. The terminal does the rest, as POSIX's
 * general terminal interface says and Linux's n_tty does (docs/syscalls.md, "Terminal"):
 *  - input: canonical mode (ICANON) edits a line (ERASE, KILL, WERASE) and hands it to readers at
 *    its end (NL, EOL, EOF); raw mode hands over every byte, a read waiting for VMIN bytes or
 *    VTIME tenths of a second; ISIG makes INTR, QUIT and SUSP send SIGINT, SIGQUIT and SIGTSTP
 *    to the foreground process group; ECHO echoes;
 *  - output: OPOST|ONLCR turns NL into CR NL;
 *  - job control: a terminal controls at most one session and has a foreground process group of
 *    it. A process of that session outside the foreground group that reads gets SIGTTIN, one that
 *    changes the terminal (or writes, with TOSTOP) gets SIGTTOU; EIO when it cannot be stopped.
 *
 * A process's controlling terminal is the terminal whose session is the process's session: fork
 * inherits it with the session, setsid leaves it, and when the session's leader exits, the
 * terminal hangs up (SIGHUP to the foreground group) and is free for another session.
 */
#ifndef FS_TTY_H
#define FS_TTY_H

#include <abi/termios.h>
#include <fs/file.h>
#include <mm/usercopy.h>
#include <proc/proc.h>
#include <stddef.h>
#include <stdint.h>

#define TTY_INPUT_SIZE 1024    /* the input ring; it holds one byte less */
#define TTY_CANON_READ_MAX 128 /* canonical mode: bytes one read returns at most */

struct tty {
    /* The device: puts `n` bytes on the screen as they are. Called with interrupts disabled
     * (echo) or enabled (writes); must not sleep. */
    void (*output)(const char *s, size_t n);
    struct abi_termios termios;
    struct abi_winsize winsize;
    int session; /* the session it is the controlling terminal of; 0: none */
    int pgrp;    /* its foreground process group; 0: none */

    /*
     * Input ring. [head, ready) is handed over and readable, [ready, edit) is the line being
     * edited (empty in raw mode). mark[] holds, per slot, TTY_MARK_END (a line ends with this
     * byte) or TTY_MARK_EOF (an end of file: the slot holds no byte and is read as nothing).
     */
    char input[TTY_INPUT_SIZE];
    uint8_t mark[TTY_INPUT_SIZE];
    uint32_t head, ready, edit;
    uint64_t last_input_tick; /* when the last byte arrived (VTIME between bytes) */

    uint32_t column;      /* the cursor's column, as far as this terminal's output moved it */
    uint32_t line_column; /* the column where the line being edited began (erasing a tab) */
    struct wait_queue readers;
};

/* Gives `t` the default attributes (those of a Linux console: ICANON, ECHO, ISIG...) and an empty
 * ring, no session. `output` is the device's. */
void tty_init(struct tty *t, void (*output)(const char *s, size_t n));

/* A byte the device received: edits, echoes, signals, wakes readers. Interrupts disabled. */
void tty_receive(struct tty *t, char c);

/*
 * A new open file on `t` (one reference), or NULL when out of memory. Without O_NOCTTY in
 * `flags`, a session leader with no controlling terminal that opens a terminal no session has
 * makes it its controlling terminal, with its group in the foreground (POSIX leaves the choice
 * to the system; Linux does this). O_NOCTTY is not kept in the file's flags.
 */
struct file *tty_open(struct tty *t, int flags);

/* /dev/tty (a devfs_open_fn, fs/devfs.h): opens the caller's controlling terminal (0, *out a new
 * open file of it, as if with O_NOCTTY), or -ENXIO when it has none (Linux's error), or -ENOMEM. */
int tty_open_controlling(int flags, struct file **out);

/*
 * What a read of `n` bytes returns now, into kernel memory: the count (0 for an end of file) or
 * -EAGAIN when it would wait. No job control, no waiting: for the kernel's own tests.
 */
long tty_read_now(struct tty *t, char *buf, size_t n);

/*
 * Job control for process `p` using `t` (its controlling terminal or not): 0 when it may go on;
 * -EIO when it may not and cannot be stopped (`sig` is SIGTTIN and ignored or blocked, or its
 * group is orphaned); 1 when `sig` (SIGTTIN: a read; SIGTTOU: a write with TOSTOP, a change of
 * the terminal) was sent to its group, which should stop before it tries again.
 */
int tty_job_control(struct tty *t, struct proc *p, int sig);

/* New attributes (tcsetattr once job control has let it: TCSETS), `flush`: pending input is
 * discarded first (TCSETSF). What the change of ICANON does to the input is said in tty.c. */
void tty_set_termios(struct tty *t, const struct abi_termios *tio, bool flush);

/* tcsetpgrp for `caller`, job control aside: group `pgrp` of the caller's session becomes the
 * foreground group. 0, -ENOTTY (`t` is not the caller's controlling terminal), -EINVAL
 * (pgrp <= 0), -EPERM (no such group in the caller's session). */
int tty_set_foreground(struct tty *t, struct proc *caller, int pgrp);

/* The terminal hangs up: SIGHUP to its foreground group, and it controls no session any more. */
void tty_hangup(struct tty *t);

/* The session `sid` lost its leader: its controlling terminal, if any, hangs up (the process
 * layer's hook, set in kernel/wiring.c). */
void tty_session_ended(int sid);

/* The console (fs/console.c), COM1 as a terminal: console_open and console_receive, in fs/file.h. */

#endif
