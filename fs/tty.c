/*
 * Terminals: the line discipline, termios and job control (see fs/tty.h for the interface and
 * docs/syscalls.md, "Terminal", for what a program sees).
 *
 * The input ring: [head, ready) is readable, [ready, edit) the line being edited. Every index
 * stays in [0, TTY_INPUT_SIZE) and moves only by ring_len-bounded steps, so none passes another:
 * a read takes at most ring_len(head, ready) slots, editing never erases past ready, and typing
 * stops short of head. Each slot has a mark: TTY_MARK_END ends a line with its byte (NL, EOL, or
 * the last byte typed in raw mode when canonical mode comes back), TTY_MARK_EOF is an end of file
 * that holds no byte (EOF typed: at the start of a line it reads as end of file, after a partial
 * line it ends that line and goes with it). A canonical read returns at most one line and never
 * passes an EOF slot or `ready`. In raw mode there are no EOF slots (leaving canonical mode
 * drops them) and every byte is readable as it comes. One slot is kept for the end of a line, so
 * a line typed into a full ring can still be finished: ordinary characters stop at
 * TTY_INPUT_SIZE - 2 bytes, line ends and raw bytes at TTY_INPUT_SIZE - 1.
 *
 * Concurrency: tty_receive runs in the device's interrupt handler; everything else that touches
 * the ring, the session or the foreground group does so with interrupts disabled.
 *
 * Job control: a process that reads its controlling terminal from outside the foreground group
 * sends SIGTTIN to its group and stops right there, inside the call (signal_at_sleep), to look
 * again once continued; likewise SIGTTOU for a change of the terminal, or a write with TOSTOP.
 * Where the stop cannot happen (SIGTTIN ignored or blocked, an orphaned group whose stop nobody
 * would end) the call fails with EIO instead. The keys reach the foreground group through
 * proc_signal_group, which finds nobody when the group is gone: keys then go nowhere.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <fs/tty.h>
#include <lib/string.h>
#include <mm/usercopy.h>
#include <proc/proc.h>

#define TTY_MARK_END 0x01
#define TTY_MARK_EOF 0x02
#define TTY_MAX 4 /* terminals that control a session at one time */

#define CTRL(c) ((c)&0x1F)
#define DEL 0x7F

/* The terminals that are some session's controlling terminal, for /dev/tty and hang-ups. */
static struct tty *controlling[TTY_MAX];

static uint32_t ring_len(uint32_t from, uint32_t to) {
    return (to - from) % TTY_INPUT_SIZE;
}

static uint32_t ring_next(uint32_t i) {
    return (i + 1) % TTY_INPUT_SIZE;
}

static uint32_t ring_prev(uint32_t i) {
    return (i + TTY_INPUT_SIZE - 1) % TTY_INPUT_SIZE;
}

static bool lflag(const struct tty *t, abi_tcflag_t bit) {
    return (t->termios.c_lflag & bit) != 0;
}

/* Is `c` the special character `index` of c_cc (never when that one is disabled)? */
static bool is_key(const struct tty *t, int index, char c) {
    abi_cc_t key = t->termios.c_cc[index];
    return key != _POSIX_VDISABLE && (uint8_t)c == key;
}

static bool is_control(char c) {
    return (uint8_t)c < 0x20 || (uint8_t)c == DEL;
}

static bool is_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void tty_init(struct tty *t, void (*output)(const char *s, size_t n)) {
    memset(t, 0, sizeof(*t));
    t->output = output;
    t->termios.c_iflag = ICRNL;
    t->termios.c_oflag = OPOST | ONLCR;
    t->termios.c_cflag = B115200 | CS8 | CREAD | HUPCL;
    t->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    static const abi_cc_t keys[ABI_NCCS] = {
        [VINTR] = CTRL('C'),
        [VQUIT] = CTRL('\\'),
        [VERASE] = DEL,
        [VKILL] = CTRL('U'),
        [VEOF] = CTRL('D'),
        [VTIME] = 0,
        [VMIN] = 1,
        [VSTART] = CTRL('Q'),
        [VSTOP] = CTRL('S'),
        [VSUSP] = CTRL('Z'),
        [VREPRINT] = CTRL('R'),
        [VDISCARD] = CTRL('O'),
        [VWERASE] = CTRL('W'),
        [VLNEXT] = CTRL('V'),
    };
    memcpy(t->termios.c_cc, keys, sizeof(keys));
    wait_queue_init(&t->readers);
}

/* --- output -------------------------------------------------------------------------------- */

/* Follows the cursor over one byte that went to the screen. */
static void track_column(struct tty *t, char c) {
    if (c == '\n' || c == '\r')
        t->column = 0;
    else if (c == '\t')
        t->column = (t->column | 7) + 1;
    else if (c == '\b')
        t->column -= t->column > 0;
    else if (!is_control(c))
        t->column++;
}

/* Puts `n` bytes on the screen with output processing (OPOST: ONLCR). */
static void output(struct tty *t, const char *s, size_t n) {
    bool onlcr = (t->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR);
    size_t start = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' && onlcr) {
            t->output(s + start, i - start);
            t->output("\r", 1);
            start = i;
        }
        track_column(t, s[i]);
    }
    t->output(s + start, n - start);
}

/* Echoes a typed character: a control character as ^X with ECHOCTL (but TAB and NL as they are). */
static void echo_char(struct tty *t, char c) {
    if (lflag(t, ECHOCTL) && is_control(c) && c != '\t' && c != '\n') {
        char caret[2] = {'^', (char)(c ^ 0x40)};
        output(t, caret, 2);
    } else {
        output(t, &c, 1);
    }
}

/* Takes the character `c`, just removed from the end of the line, off the screen. */
static void echo_erase(struct tty *t, char c) {
    if (c == '\t') {
        /* Back to where the tab began: the column the rest of the line ends at. */
        uint32_t col = t->line_column;
        for (uint32_t i = t->ready; i != t->edit; i = ring_next(i)) {
            char d = t->input[i];
            col = d == '\t' ? (col | 7) + 1 : is_control(d) ? col + 2 * lflag(t, ECHOCTL) : col + 1;
        }
        while (t->column > col)
            output(t, "\b", 1);
        return;
    }
    int width = !is_control(c) ? 1 : lflag(t, ECHOCTL) ? 2 : 0;
    for (int i = 0; i < width; i++)
        output(t, "\b \b", 3);
}

/* --- input --------------------------------------------------------------------------------- */

/* Appends a byte (or, with TTY_MARK_EOF, an end of file) to the ring if it holds fewer than
 * `limit` slots. */
static bool put_input(struct tty *t, char c, uint8_t mark, uint32_t limit) {
    if (ring_len(t->head, t->edit) >= limit)
        return false; /* full: dropped, as a terminal drops what its buffer cannot take */
    if (t->edit == t->ready)
        t->line_column = t->column;
    t->input[t->edit] = c;
    t->mark[t->edit] = mark;
    t->edit = ring_next(t->edit);
    return true;
}

/* Hands everything typed so far to the readers. */
static void hand_over(struct tty *t) {
    t->ready = t->edit;
    wake_all(&t->readers);
    file_poll_wake();
}

/* Discards all input, read or not (a signal key, TCIFLUSH). */
static void flush_input(struct tty *t) {
    t->head = t->ready = t->edit;
}

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

/* ERASE, WERASE, KILL: takes characters off the end of the line being edited, never before it. */
static void erase(struct tty *t, enum erase_kind kind, char key) {
    if (t->edit == t->ready)
        return;
    bool echo = lflag(t, ECHO);
    if (kind == ERASE_LINE && (!echo || !lflag(t, ECHOK) || !lflag(t, ECHOKE) || !lflag(t, ECHOE))) {
        /* The line goes at once; the screen shows the KILL key (and a newline with ECHOK). */
        t->edit = t->ready;
        if (echo) {
            echo_char(t, key);
            if (lflag(t, ECHOK))
                output(t, "\n", 1);
        }
        return;
    }
    bool seen_word = false;
    while (t->edit != t->ready) {
        char c = t->input[ring_prev(t->edit)];
        /* A word: what ends at the last word character, with the non-word ones after it (Linux). */
        if (kind == ERASE_WORD && !is_word(c) && seen_word)
            break;
        seen_word |= is_word(c);
        t->edit = ring_prev(t->edit);
        if (echo && kind == ERASE_CHAR && !lflag(t, ECHOE))
            echo_char(t, key);
        else if (echo)
            echo_erase(t, c);
        if (kind == ERASE_CHAR)
            break;
    }
}

/* A signal key (ISIG): its signal to the foreground group, the input discarded unless NOFLSH. */
static void signal_key(struct tty *t, int sig, char c) {
    if (!lflag(t, NOFLSH))
        flush_input(t);
    proc_signal_group(t->pgrp, sig);
    if (lflag(t, ECHO))
        echo_char(t, c);
}

static void canonical_key(struct tty *t, char c) {
    if (is_key(t, VERASE, c) || c == '\b') {
        erase(t, ERASE_CHAR, c);
    } else if (is_key(t, VKILL, c)) {
        erase(t, ERASE_LINE, c);
    } else if (lflag(t, IEXTEN) && is_key(t, VWERASE, c)) {
        erase(t, ERASE_WORD, c);
    } else if (is_key(t, VEOF, c)) {
        /* Not echoed: a partial line is handed over as it is; at the start of a line, end of file. */
        if (put_input(t, 0, TTY_MARK_EOF, TTY_INPUT_SIZE - 1))
            hand_over(t);
    } else if (c == '\n' || is_key(t, VEOL, c) || (lflag(t, IEXTEN) && is_key(t, VEOL2, c))) {
        if (!put_input(t, c, TTY_MARK_END, TTY_INPUT_SIZE - 1))
            return;
        if (lflag(t, ECHO) || lflag(t, ECHONL))
            echo_char(t, c);
        hand_over(t);
    } else if (put_input(t, c, 0, TTY_INPUT_SIZE - 2) && lflag(t, ECHO)) {
        echo_char(t, c);
    }
}

void tty_receive(struct tty *t, char c) {
    abi_tcflag_t iflag = t->termios.c_iflag;

    t->last_input_tick = timer_ticks();
    if (iflag & ISTRIP)
        c &= 0x7F;
    if (c == '\r') {
        if (iflag & IGNCR)
            return;
        if (iflag & ICRNL)
            c = '\n';
    } else if (c == '\n' && (iflag & INLCR)) {
        c = '\r';
    }
    if (lflag(t, ISIG)) {
        int sig = is_key(t, VINTR, c) ? SIGINT : is_key(t, VQUIT, c) ? SIGQUIT : is_key(t, VSUSP, c) ? SIGTSTP : 0;
        if (sig) {
            signal_key(t, sig, c);
            return;
        }
    }
    if (lflag(t, ICANON)) {
        canonical_key(t, c);
    } else if (put_input(t, c, 0, TTY_INPUT_SIZE - 1)) {
        if (lflag(t, ECHO))
            echo_char(t, c);
        hand_over(t);
    }
}

/* --- reading ------------------------------------------------------------------------------- */

/*
 * What a read of `n` (> 0) bytes takes from the ring now: *len bytes, starting at head and never
 * wrapping past ready, and *consume slots (the bytes, plus an end of file that ends them).
 * Canonical: at most one line (through its end), at most TTY_CANON_READ_MAX bytes; an EOF slot
 * right after them goes with them, and one at head alone is an end of file (*len 0, *consume 1).
 * Raw: whatever is there, up to n.
 */
static void readable(const struct tty *t, size_t n, size_t *len, size_t *consume) {
    size_t avail = ring_len(t->head, t->ready);

    *len = *consume = 0;
    if (!lflag(t, ICANON)) {
        *len = *consume = avail < n ? avail : n;
        return;
    }
    size_t max = n < TTY_CANON_READ_MAX ? n : TTY_CANON_READ_MAX;
    for (uint32_t i = t->head; i != t->ready; i = ring_next(i)) {
        if (t->mark[i] & TTY_MARK_EOF) {
            (*consume)++;
            return;
        }
        if (*len == max)
            return;
        (*len)++;
        (*consume)++;
        if (t->mark[i] & TTY_MARK_END)
            return;
    }
}

/* Copies `len` ring bytes from head to `kbuf` (when not NULL) or `ubuf`: 0 or -EFAULT. */
static int copy_out(const struct tty *t, struct uaddr ubuf, char *kbuf, size_t len) {
    size_t first = TTY_INPUT_SIZE - t->head < len ? TTY_INPUT_SIZE - t->head : len;

    if (kbuf) {
        memcpy(kbuf, t->input + t->head, first);
        memcpy(kbuf + first, t->input, len - first);
        return 0;
    }
    if (copy_to_user(ubuf, t->input + t->head, first) || copy_to_user(user_offset(ubuf, first), t->input, len - first))
        return -EFAULT;
    return 0;
}

/* Is there enough for a read of `n` bytes to return (raw mode: VMIN of them)? */
static bool read_ready(const struct tty *t, size_t n) {
    size_t avail = ring_len(t->head, t->ready);

    if (lflag(t, ICANON))
        return avail > 0;
    size_t vmin = t->termios.c_cc[VMIN];
    return avail >= (vmin < n ? vmin : n) && (avail > 0 || t->termios.c_cc[VTIME] == 0);
}

/* Takes what a read returns now; copies, then consumes only what reached the reader. */
static long take(struct tty *t, struct uaddr ubuf, char *kbuf, size_t n) {
    size_t len, consume;

    readable(t, n, &len, &consume);
    if (copy_out(t, ubuf, kbuf, len))
        return -EFAULT;
    t->head = (t->head + consume) % TTY_INPUT_SIZE;
    return (long)len;
}

long tty_read_now(struct tty *t, char *buf, size_t n) {
    bool irq = irq_save();
    long result = n == 0 ? 0 : read_ready(t, n) ? take(t, UADDR_NULL, buf, n) : -EAGAIN;

    irq_restore(irq);
    return result;
}

static bool controls_caller(const struct tty *t, const struct proc *p) {
    return t->session != 0 && t->session == p->sid;
}

int tty_job_control(struct tty *t, struct proc *p, int sig) {
    bool irq = irq_save();
    int result = 0;

    if (controls_caller(t, p) && t->pgrp != 0 && p->pgid != t->pgrp) {
        if (signal_ignored_or_blocked(p, sig))
            result = sig == SIGTTIN ? -EIO : 0; /* a write or a change goes on (POSIX) */
        else if (proc_group_orphaned(p->pgid))
            result = -EIO; /* stopped, nobody would continue it */
        else
            result = proc_signal_group(p->pgid, sig) > 0;
    }
    irq_restore(irq);
    return result;
}

/*
 * Job control for the caller, which stops in here when it must and looks again once continued.
 * 0: go on; -EIO; -EINTR when a handler is to run (a call marked RESTART is then made again
 * after SA_RESTART, as Linux's -ERESTARTSYS).
 */
static int job_control_wait(struct tty *t, int sig) {
    for (;;) {
        int r = tty_job_control(t, current, sig);
        if (r <= 0)
            return r;
        bool irq = irq_save();
        enum sleep_signal s = signal_at_sleep();
        irq_restore(irq);
        if (s == SLEEP_SIGNAL_INTERRUPT)
            return -EINTR;
        if (s == SLEEP_SIGNAL_NONE)
            return -EIO; /* the signal could not stop it (init takes no default action) */
    }
}

/* The tick when a raw read of `n` bytes stops waiting, or 0 for no limit (VTIME). */
static uint64_t read_deadline(const struct tty *t, uint64_t start) {
    uint64_t vtime = t->termios.c_cc[VTIME] * (uint64_t)(TIMER_HZ / 10);

    if (lflag(t, ICANON) || vtime == 0)
        return 0;
    if (t->termios.c_cc[VMIN] == 0)
        return start + vtime; /* the whole read */
    /* Between bytes: the clock starts at the first. */
    return ring_len(t->head, t->ready) ? t->last_input_tick + vtime : 0;
}

static long tty_read(struct tty *t, int fflags, struct uaddr ubuf, size_t n) {
    int err = job_control_wait(t, SIGTTIN);
    if (err)
        return err;
    if (n == 0)
        return 0; /* consumes nothing, not even an end of file */
    bool irq = irq_save();
    uint64_t start = timer_ticks();
    long result;

    while (!read_ready(t, n)) {
        uint64_t deadline = read_deadline(t, start);
        if (deadline && timer_ticks() >= deadline)
            break; /* VTIME: what is there, maybe nothing */
        if (ring_len(t->head, t->ready) > 0 && (fflags & O_NONBLOCK))
            break; /* some, if not VMIN: what is there */
        if (fflags & O_NONBLOCK) {
            result = -EAGAIN;
            goto out;
        }
        if ((deadline ? sleep_on_until(&t->readers, deadline) : sleep_on(&t->readers, true)) == -EINTR) {
            result = -EINTR;
            goto out;
        }
    }
    result = take(t, ubuf, NULL, n);
out:
    irq_restore(irq);
    return result;
}

/* --- writing ------------------------------------------------------------------------------- */

static long tty_write(struct tty *t, struct uaddr ubuf, size_t n) {
    char chunk[128];
    size_t done = 0;

    if (lflag(t, TOSTOP)) {
        int err = job_control_wait(t, SIGTTOU);
        if (err)
            return err;
    }
    while (done < n) {
        size_t run = n - done < sizeof(chunk) ? n - done : sizeof(chunk);
        if (copy_from_user(chunk, user_offset(ubuf, done), run))
            return done ? (long)done : -EFAULT;
        output(t, chunk, run);
        done += run;
    }
    return (long)done;
}

/* --- attributes and the session ------------------------------------------------------------ */

/* Leaving canonical mode hands the line being edited over (and drops ends of file, which raw
 * reads know nothing of); entering it makes what was typed in raw mode a line. */
void tty_set_termios(struct tty *t, const struct abi_termios *tio, bool flush) {
    bool irq = irq_save();
    bool was_canon = lflag(t, ICANON);

    t->termios = *tio;
    t->termios.c_line = 0;
    if (flush)
        flush_input(t);
    if (was_canon && !lflag(t, ICANON)) {
        uint32_t to = t->head;
        for (uint32_t from = t->head; from != t->edit; from = ring_next(from)) {
            if (!(t->mark[from] & TTY_MARK_EOF)) {
                t->input[to] = t->input[from];
                t->mark[to] = t->mark[from];
                to = ring_next(to);
            }
        }
        t->edit = to;
        hand_over(t);
    } else if (!was_canon && lflag(t, ICANON) && t->edit != t->head) {
        t->mark[ring_prev(t->edit)] |= TTY_MARK_END;
        hand_over(t);
    }
    irq_restore(irq);
}

static bool acquire(struct tty *t, struct proc *p) {
    for (int i = 0; i < TTY_MAX; i++) {
        if (!controlling[i]) {
            controlling[i] = t;
            t->session = p->sid;
            t->pgrp = p->pgid;
            return true;
        }
    }
    return false;
}

/* The terminal the session `sid` controls, or NULL. */
static struct tty *controlling_terminal(int sid) {
    for (int i = 0; i < TTY_MAX; i++) {
        if (sid != 0 && controlling[i] && controlling[i]->session == sid)
            return controlling[i];
    }
    return NULL;
}

static bool is_session_leader(const struct proc *p) {
    return p->sid != 0 && p->sid == p->pid;
}

void tty_hangup(struct tty *t) {
    bool irq = irq_save();

    if (t->session) {
        proc_signal_group(t->pgrp, SIGHUP);
        for (int i = 0; i < TTY_MAX; i++) {
            if (controlling[i] == t)
                controlling[i] = NULL;
        }
        t->session = t->pgrp = 0;
    }
    irq_restore(irq);
}

void tty_session_ended(int sid) {
    struct tty *t = controlling_terminal(sid);

    if (t)
        tty_hangup(t);
}

int tty_set_foreground(struct tty *t, struct proc *caller, int pgrp) {
    bool irq = irq_save();
    int err = 0;

    if (!controls_caller(t, caller))
        err = -ENOTTY;
    else if (pgrp <= 0)
        err = -EINVAL;
    else if (!proc_group_in_session(pgrp, caller->sid))
        err = -EPERM;
    else
        t->pgrp = pgrp;
    irq_restore(irq);
    return err;
}

/* tcsetpgrp: EFAULT, ENOTTY and EINVAL first, then job control (SIGTTOU from the background),
 * then EPERM. */
static long set_foreground(struct tty *t, struct uaddr uarg) {
    int pgrp;

    if (copy_from_user(&pgrp, uarg, sizeof(pgrp)))
        return -EFAULT;
    if (!controls_caller(t, current))
        return -ENOTTY;
    if (pgrp <= 0)
        return -EINVAL;
    int err = job_control_wait(t, SIGTTOU);
    return err ? err : tty_set_foreground(t, current, pgrp);
}

/* Bytes the readers could have now (FIONREAD): ends of file are none. */
static int unread_bytes(const struct tty *t) {
    bool irq = irq_save();
    int n = 0;

    for (uint32_t i = t->head; i != t->ready; i = ring_next(i))
        n += !(t->mark[i] & TTY_MARK_EOF);
    irq_restore(irq);
    return n;
}

/* Writes the int `value` to the user: 0 or -EFAULT. */
static long put_int(struct uaddr uarg, int value) {
    return copy_to_user(uarg, &value, sizeof(value)) ? -EFAULT : 0;
}

static long tty_ioctl(struct tty *t, uint32_t request, uint32_t arg) {
    struct uaddr uarg = UADDR(arg);
    struct abi_termios tio;
    struct abi_winsize ws;
    long err = 0;
    bool irq;

    switch (request) {
    case TCGETS:
        tio = t->termios;
        return copy_to_user(uarg, &tio, sizeof(tio)) ? -EFAULT : 0;
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        if (copy_from_user(&tio, uarg, sizeof(tio)))
            return -EFAULT;
        err = job_control_wait(t, SIGTTOU);
        if (err)
            return err;
        tty_set_termios(t, &tio, request == TCSETSF); /* output is never pending: TCSETSW drains nothing */
        return 0;
    case TCFLSH:
        if (arg > TCIOFLUSH)
            return -EINVAL;
        err = job_control_wait(t, SIGTTOU);
        if (err)
            return err;
        if (arg != TCOFLUSH) {
            irq = irq_save();
            flush_input(t);
            irq_restore(irq);
        }
        return 0;
    case TIOCGPGRP:
        return controls_caller(t, current) ? put_int(uarg, t->pgrp) : -ENOTTY;
    case TIOCSPGRP:
        return set_foreground(t, uarg);
    case TIOCGSID:
        return controls_caller(t, current) ? put_int(uarg, t->session) : -ENOTTY;
    case TIOCSCTTY:
        irq = irq_save();
        if (!is_session_leader(current))
            err = -EPERM;
        else if (controls_caller(t, current))
            err = 0; /* it is already */
        else if (controlling_terminal(current->sid) || t->session)
            err = -EPERM; /* it has another terminal, or this one is another session's */
        else if (!acquire(t, current))
            err = -ENOMEM;
        irq_restore(irq);
        return err;
    case FIONREAD:
        return put_int(uarg, unread_bytes(t));
    case TIOCGWINSZ:
        ws = t->winsize;
        return copy_to_user(uarg, &ws, sizeof(ws)) ? -EFAULT : 0;
    case TIOCSWINSZ:
        if (copy_from_user(&ws, uarg, sizeof(ws)))
            return -EFAULT;
        irq = irq_save();
        /* A new size tells the foreground group to redraw (SIGWINCH, whose default is to be
         * ignored), as Linux; the same size again is no change. */
        if (memcmp(&ws, &t->winsize, sizeof(ws)) != 0) {
            t->winsize = ws;
            proc_signal_group(t->pgrp, SIGWINCH);
        }
        irq_restore(irq);
        return 0;
    default:
        return -ENOTTY;
    }
}

/* --- the file ------------------------------------------------------------------------------ */

static long file_read(struct file *f, struct uaddr ubuf, size_t n) {
    return tty_read(f->priv, f->flags, ubuf, n);
}

static long file_write(struct file *f, struct uaddr ubuf, size_t n) {
    return tty_write(f->priv, ubuf, n);
}

static long file_ioctl(struct file *f, uint32_t request, uint32_t arg) {
    return tty_ioctl(f->priv, request, arg);
}

static void file_stat(struct file *f, struct abi_stat *st) {
    (void)f;
    st->st_mode = S_IFCHR | 0620;
    st->st_rdev = 0x0400; /* like a tty */
}

/* Readable once a read would return without waiting for input: a line (or an end of file) in
 * canonical mode, a byte in raw mode. Writes never wait for the device. */
static unsigned file_poll_tty(struct file *f) {
    const struct tty *t = f->priv;

    return (ring_len(t->head, t->ready) > 0 ? FILE_POLL_IN : 0) | FILE_POLL_OUT;
}

static const struct file_ops tty_file_ops = {
    .read = file_read,
    .write = file_write,
    .stat = file_stat,
    .ioctl = file_ioctl,
    .poll = file_poll_tty,
};

struct file *tty_open(struct tty *t, int flags) {
    struct file *f = file_new(&tty_file_ops, t, flags & ~O_NOCTTY);

    if (f && !(flags & O_NOCTTY)) {
        bool irq = irq_save();
        if (is_session_leader(current) && !controlling_terminal(current->sid) && !t->session)
            acquire(t, current);
        irq_restore(irq);
    }
    return f;
}

int tty_open_controlling(int flags, struct file **out) {
    bool irq = irq_save();
    struct tty *t = controlling_terminal(current->sid);

    irq_restore(irq);
    if (!t)
        return -ENXIO; /* as Linux: no controlling terminal */
    /* The terminal stays: a session's hang-up leaves it, ready for another session. */
    *out = tty_open(t, flags | O_NOCTTY);
    return *out ? 0 : -ENOMEM;
}
