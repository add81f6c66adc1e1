/*
 * The terminal fed byte by byte, as the device's interrupt handler would (no serial line): echo,
 * the editing keys, ends of file, the ring's edges, raw mode, the signal keys and whom they
 * reach, job control (SIGTTIN, SIGTTOU, EIO), the foreground group and the session.
 *
 * Signals go to puppets: processes from proc_alloc parked in an uninterruptible sleep on no
 * queue, which a signal only marks pending; the test reads their pending sets and frees them.
 * The tests run in the ktest thread, pid 1, which leads session 1.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/termios.h>
#include <arch/cpu.h>
#include <fs/devfs.h>
#include <fs/file.h>
#include <fs/ramfs.h>
#include <fs/tty.h>
#include <fs/vfs.h>
#include <ktest/ktest.h>
#include <lib/string.h>
#include <proc/proc.h>

static struct tty t;
static char screen[4096];
static size_t screen_len;

static void capture(const char *s, size_t n) {
    for (size_t i = 0; i < n && screen_len < sizeof(screen) - 1; i++)
        screen[screen_len++] = s[i];
    screen[screen_len] = 0;
}

/* A fresh terminal with the default attributes and an empty screen. */
static void fresh(void) {
    tty_init(&t, capture);
    screen_len = 0;
    screen[0] = 0;
}

static void clear_screen(void) {
    screen_len = 0;
    screen[0] = 0;
}

/* Types `n` bytes, as the interrupt handler hands them over. */
static void type_n(const char *s, size_t n) {
    bool irq = irq_save();
    for (size_t i = 0; i < n; i++)
        tty_receive(&t, s[i]);
    irq_restore(irq);
}

static void type(const char *s) {
    type_n(s, strlen(s));
}

/* What a read of `n` bytes returns now, as a string ("" at end of file), or NULL when it would
 * wait; *len the count. */
static const char *read_n(size_t n, long *len) {
    static char buf[TTY_INPUT_SIZE + 1];
    *len = tty_read_now(&t, buf, n);
    if (*len < 0)
        return NULL;
    buf[*len] = 0;
    return buf;
}

#define EXPECT_READ(n, want)                                                                                           \
    do {                                                                                                               \
        long len_;                                                                                                     \
        const char *got_ = read_n(n, &len_);                                                                           \
        KEXPECT_EQ(len_, (long)strlen(want));                                                                          \
        KEXPECT_STREQ(got_, want);                                                                                     \
    } while (0)

#define EXPECT_NOTHING() KEXPECT_EQ(tty_read_now(&t, (char[8]){0}, 8), -EAGAIN)

/* --- puppets -------------------------------------------------------------------------------- */

static struct proc *puppet(struct proc *parent, int pgid, int sid) {
    int err;
    struct proc *p = proc_alloc(&err);
    if (!p)
        return NULL;
    p->parent = parent;
    p->pgid = pgid ? pgid : p->pid;
    p->sid = sid ? sid : p->pid;
    p->state = PROC_RUNNABLE;
    proc_main_thread(p)->state = THREAD_SLEEPING; /* parked: never woken, a signal only marks it pending */
    proc_main_thread(p)->interruptible = false;
    return p;
}

static void puppet_free(struct proc *p) {
    p->state = PROC_ZOMBIE;
    proc_free(p);
}

static bool pending(const struct proc *p, int sig) {
    return signal_is_pending(p, sig);
}

static void clear_pending(struct proc **ps, int n) {
    for (int i = 0; i < n; i++)
        ps[i]->sig_pending = 0;
}

/* --- echo and editing ----------------------------------------------------------------------- */

KTEST(tty, echo_and_a_line) {
    fresh();
    type("hi\r");
    KEXPECT_STREQ(screen, "hi\r\n"); /* ICRNL: Enter's CR is a NL; ONLCR: NL goes out as CR NL */
    EXPECT_READ(100, "hi\n");
    EXPECT_NOTHING();
    type("part");
    EXPECT_NOTHING(); /* a line being typed is nobody's yet */
}

KTEST(tty, erase_keys) {
    fresh();
    type("ab\x7f"
         "c\b"
         "d\n");
    KEXPECT_STREQ(screen, "ab\b \bc\b \bd\r\n");
    EXPECT_READ(100, "ad\n");
    /* Erasing never passes the start of the line: what was handed over stays. */
    type("x\n\x7f\x7f\by\n");
    EXPECT_READ(100, "x\n");
    EXPECT_READ(100, "y\n");
    /* Without ECHOE the erase key is echoed instead. */
    t.termios.c_lflag &= ~(abi_tcflag_t)ECHOE;
    clear_screen();
    type("ab\x7f\n");
    KEXPECT_STREQ(screen, "ab^?\r\n");
    EXPECT_READ(100, "a\n");
}

KTEST(tty, erase_takes_control_characters_and_tabs_off_the_screen) {
    fresh();
    type("\x01");
    KEXPECT_STREQ(screen, "^A"); /* ECHOCTL */
    type("\x7f");
    KEXPECT_STREQ(screen, "^A\b \b\b \b");
    clear_screen();
    type("\tab\x7f\x7f\x7f");
    KEXPECT_STREQ(screen, "\tab\b \b\b \b\b\b\b\b\b\b\b\b"); /* the tab: back 8 columns */
    type("\n");
    EXPECT_READ(100, "\n");
}

KTEST(tty, kill_line) {
    fresh();
    type("abc\x15"
         "def\n");
    KEXPECT_STREQ(screen, "abc\b \b\b \b\b \bdef\r\n"); /* ECHOKE: erased on the screen */
    EXPECT_READ(100, "def\n");
    t.termios.c_lflag &= ~(abi_tcflag_t)ECHOKE;
    clear_screen();
    type("abc\x15x\n");
    KEXPECT_STREQ(screen, "abc^U\r\nx\r\n"); /* the key echoed, then a newline (ECHOK) */
    EXPECT_READ(100, "x\n");
    type("\x15\x15y\n"); /* on an empty line: nothing */
    EXPECT_READ(100, "y\n");
}

KTEST(tty, erase_word) {
    fresh();
    type("foo bar  \x17"
         "baz\n");
    EXPECT_READ(100, "foo baz\n");
    type("a.b\x17"
         "c\n");
    EXPECT_READ(100, "a.c\n"); /* a word ends at a character that is not one of its own */
    type("foo_bar9\x17x\n");
    EXPECT_READ(100, "x\n");
    type("  \x17\x17z\n"); /* spaces only: all of them */
    EXPECT_READ(100, "z\n");
    t.termios.c_lflag &= ~(abi_tcflag_t)IEXTEN;
    type("ab\x17\n");
    EXPECT_READ(100, "ab\x17\n"); /* WERASE needs IEXTEN */
}

/* --- ends of file ---------------------------------------------------------------------------- */

KTEST(tty, end_of_file) {
    fresh();
    type("abc\x04");
    KEXPECT_STREQ(screen, "abc"); /* EOF is not echoed */
    EXPECT_READ(100, "abc");      /* a partial line as it is: 3 bytes, not 100 (F4) */
    EXPECT_NOTHING();             /* and its EOF went with it */
    type("\x04");
    EXPECT_READ(100, ""); /* at the start of a line: end of file, once */
    EXPECT_NOTHING();
    type("ab\x04\x04");
    EXPECT_READ(2, "ab"); /* the EOF right after a read that fills the buffer goes with it */
    EXPECT_READ(100, "");
    EXPECT_NOTHING();
    type("abc\x04");
    EXPECT_READ(2, "ab");
    EXPECT_READ(100, "c");
    EXPECT_NOTHING();
    /* In its place among lines typed ahead; a zero-length read takes nothing. */
    type("one\x04\x04two\n");
    EXPECT_READ(100, "one");
    KEXPECT_EQ(tty_read_now(&t, NULL, 0), 0);
    EXPECT_READ(100, "");
    EXPECT_READ(100, "two\n");
    /* A line ended by EOF is not glued to the next one. */
    type("ab\x04"
         "cd\n");
    EXPECT_READ(100, "ab");
    EXPECT_READ(100, "cd\n");
}

KTEST(tty, a_read_returns_one_line_and_at_most_the_canonical_limit) {
    static char line[300];
    fresh();
    memset(line, 'L', 200);
    line[200] = '\n';
    type_n(line, 201);
    type("next\n");
    long len;
    const char *got = read_n(1000, &len);
    KEXPECT_EQ(len, TTY_CANON_READ_MAX);
    KEXPECT_EQ(got[0], 'L');
    got = read_n(1000, &len);
    KEXPECT_EQ(len, 201 - TTY_CANON_READ_MAX);
    KEXPECT_EQ(got[len - 1], '\n');
    EXPECT_READ(1000, "next\n");
}

/* --- the ring's edges ------------------------------------------------------------------------- */

KTEST(tty, a_full_ring_keeps_room_for_the_end_of_the_line) {
    static char line[1100];
    fresh();
    memset(line, 'L', sizeof(line));
    type_n(line, sizeof(line));
    type("\x7f\x7fMN\n");
    size_t total = 0;
    long len;
    const char *got;
    while ((got = read_n(1000, &len)) && len > 0) {
        total += (size_t)len;
        if (got[len - 1] == '\n')
            break;
    }
    KEXPECT_EQ(total, TTY_INPUT_SIZE - 1); /* 1020 L, M, N and the newline */
    KEXPECT_EQ(got[len - 3], 'M');
    EXPECT_NOTHING();
    /* And EOF always has a slot too. */
    type_n(line, sizeof(line));
    type("\x04");
    for (total = 0; (got = read_n(1000, &len)) && len > 0;)
        total += (size_t)len;
    KEXPECT_EQ(total, TTY_INPUT_SIZE - 2);
    KEXPECT_EQ(len, -EAGAIN); /* the EOF went with the partial line: nothing after it */
}

/* Moves the ring's indices to `at` slots before its end, empty. */
static void ring_at(uint32_t at) {
    fresh();
    for (uint32_t i = 0; i < TTY_INPUT_SIZE - at; i++) {
        type("x\n");
        long len;
        read_n(10, &len);
        if (t.head == TTY_INPUT_SIZE - at)
            break;
    }
    clear_screen();
}

KTEST(tty, editing_across_the_end_of_the_ring) {
    ring_at(2);
    KASSERT_EQ(t.head, TTY_INPUT_SIZE - 2);
    type("abcdef\x15"
         "gh\n"); /* KILL across the wrap */
    EXPECT_READ(100, "gh\n");
    ring_at(1);
    type("ab\x7f\x7f\x7f"
         "c\x04"); /* ERASE across the wrap, never before the line; EOF after the wrap */
    EXPECT_READ(100, "c");
    EXPECT_NOTHING();
    ring_at(1);
    type("\x04\x04");
    EXPECT_READ(100, "");
    EXPECT_READ(100, "");
    EXPECT_NOTHING();
    ring_at(3);
    type("wx yz\x17\x17"
         "q\n");
    EXPECT_READ(100, "q\n");
    ring_at(2);
    type("abcdef\n");
    EXPECT_READ(3, "abc"); /* a read whose bytes wrap */
    EXPECT_READ(100, "def\n");
}

/* --- raw mode --------------------------------------------------------------------------------- */

static void make_raw(int vmin, int vtime) {
    t.termios.c_iflag &= ~(abi_tcflag_t)(ICRNL | IXON);
    t.termios.c_oflag &= ~(abi_tcflag_t)OPOST;
    t.termios.c_lflag &= ~(abi_tcflag_t)(ECHO | ICANON | ISIG | IEXTEN);
    t.termios.c_cc[VMIN] = (abi_cc_t)vmin;
    t.termios.c_cc[VTIME] = (abi_cc_t)vtime;
}

KTEST(tty, raw_mode) {
    fresh();
    make_raw(1, 0);
    type("a");
    EXPECT_READ(10, "a"); /* VMIN 1: each byte as it comes, no line */
    type("\x03\x7f\x15\x04\r");
    EXPECT_READ(10, "\x03\x7f\x15\x04\r"); /* no keys, no CR -> NL: all data */
    KEXPECT_EQ(screen_len, 0u);            /* no echo */
    EXPECT_NOTHING();
    t.termios.c_cc[VMIN] = 3;
    type("xy");
    EXPECT_NOTHING();     /* waits for VMIN bytes */
    EXPECT_READ(2, "xy"); /* or as many as asked, when fewer */
    type("xyz");
    EXPECT_READ(10, "xyz");
    t.termios.c_cc[VMIN] = 0;
    EXPECT_READ(10, ""); /* VMIN 0, VTIME 0: what is there, maybe nothing */
    t.termios.c_lflag |= ECHO;
    t.termios.c_cc[VMIN] = 1;
    type("e\n");
    KEXPECT_STREQ(screen, "e\n"); /* echo, and no ONLCR without OPOST */
    EXPECT_READ(10, "e\n");
}

KTEST(tty, raw_mode_ring_limit) {
    static char bytes[1100];
    fresh();
    make_raw(1, 0);
    memset(bytes, 'r', sizeof(bytes));
    type_n(bytes, sizeof(bytes));
    long len;
    read_n(sizeof(bytes), &len);
    KEXPECT_EQ(len, TTY_INPUT_SIZE - 1); /* no canonical limit on a raw read; the rest dropped */
}

KTEST(tty, switching_modes) {
    fresh();
    type("ab\x04\x04"
         "cd");
    struct abi_termios raw = t.termios;
    raw.c_lflag &= ~(abi_tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    /* Leaving canonical mode hands over the line being typed and drops the ends of file. */
    tty_set_termios(&t, &raw, false);
    EXPECT_READ(100, "abcd");
    type("ef");
    /* Coming back makes what was typed a line; the bytes typed raw are data, ^D among them. */
    type("\x04");
    struct abi_termios canon = t.termios;
    canon.c_lflag |= ICANON;
    tty_set_termios(&t, &canon, false);
    EXPECT_READ(100, "ef\x04");
    EXPECT_NOTHING();
    type("lost");
    tty_set_termios(&t, &canon, true); /* TCSETSF: pending input discarded */
    type("\n");
    EXPECT_READ(100, "\n");
    raw.c_cc[VMIN] = 0;
    tty_set_termios(&t, &raw, false);
    EXPECT_READ(100, ""); /* VMIN 0, VTIME 0, nothing there: 0 at once */
}

/* --- input processing --------------------------------------------------------------------- */

KTEST(tty, carriage_returns_and_output_processing) {
    fresh();
    t.termios.c_iflag &= ~(abi_tcflag_t)ICRNL;
    type("a\rb\n");
    EXPECT_READ(100, "a\rb\n");
    t.termios.c_iflag |= IGNCR;
    type("c\r\n");
    EXPECT_READ(100, "c\n");
    t.termios.c_iflag = INLCR;
    type("d\n\r"); /* NL -> CR: no line end any more but the CR typed ... */
    EXPECT_NOTHING();
    type("\x15");
    t.termios.c_oflag &= ~(abi_tcflag_t)OPOST;
    t.termios.c_iflag = ICRNL;
    clear_screen();
    type("e\n");
    KEXPECT_STREQ(screen, "e\n");
    EXPECT_READ(100, "e\n");
}

/* --- the signal keys ---------------------------------------------------------------------- */

KTEST(tty, signal_keys_reach_only_the_foreground_group) {
    fresh();
    struct proc *leader = puppet(NULL, 0, 0);
    KASSERT_TRUE(leader != NULL);
    int sid = leader->pid;
    struct proc *f1 = puppet(leader, 0, sid);
    struct proc *f2 = puppet(leader, f1->pid, sid);
    struct proc *b1 = puppet(leader, 0, sid);
    struct proc *other = puppet(NULL, 0, 0); /* another session */
    struct proc *all[] = {leader, f1, f2, b1, other};
    t.session = sid;
    t.pgrp = f1->pid;

    static const struct {
        char key;
        int sig;
        const char *echo;
    } keys[] = {{0x03, SIGINT, "^C"}, {0x1C, SIGQUIT, "^\\"}, {0x1A, SIGTSTP, "^Z"}};
    for (unsigned i = 0; i < 3; i++) {
        clear_pending(all, 5);
        clear_screen();
        type("lost");
        char key[2] = {keys[i].key, 0};
        type(key);
        KEXPECT_TRUE(pending(f1, keys[i].sig));
        KEXPECT_TRUE(pending(f2, keys[i].sig));
        KEXPECT_FALSE(pending(b1, keys[i].sig));
        KEXPECT_FALSE(pending(leader, keys[i].sig));
        KEXPECT_FALSE(pending(other, keys[i].sig));
        KEXPECT_EQ(leader->sig_pending | b1->sig_pending | other->sig_pending, 0u);
        KEXPECT_STREQ(screen + 4, keys[i].echo);
        type("kept\n");
        EXPECT_READ(100, "kept\n"); /* the line typed before the key was discarded */
    }
    /* NOFLSH keeps the input; ISIG off makes the key a character. */
    t.termios.c_lflag |= NOFLSH;
    clear_pending(all, 5);
    type("ab\x03"
         "c\n");
    EXPECT_READ(100, "abc\n");
    KEXPECT_TRUE(pending(f1, SIGINT));
    t.termios.c_lflag &= ~(abi_tcflag_t)ISIG;
    clear_pending(all, 5);
    type("\x03\n");
    EXPECT_READ(100, "\x03\n");
    KEXPECT_FALSE(pending(f1, SIGINT));
    t.termios.c_lflag |= ISIG;
    /* The keys are c_cc's: another INTR key, and a disabled QUIT. */
    t.termios.c_cc[VINTR] = 'q';
    t.termios.c_cc[VQUIT] = _POSIX_VDISABLE;
    clear_pending(all, 5);
    type("q\x1C\n");
    KEXPECT_TRUE(pending(f1, SIGINT));
    KEXPECT_FALSE(pending(f1, SIGQUIT));
    EXPECT_READ(100, "\x1C\n");

    t.session = t.pgrp = 0;
    for (int i = 4; i >= 0; i--)
        puppet_free(all[i]);
}

KTEST(tty, keys_for_a_group_that_is_gone_go_nowhere) {
    fresh();
    struct proc *p = puppet(NULL, 0, 0);
    KASSERT_TRUE(p != NULL);
    struct proc *q = puppet(p, p->pid, p->pid);
    t.session = p->pid;
    /* A group that does not exist, no group at all, and 1 (init's, not "every process"). */
    static const int groups[] = {31999, 0, 1, -1};
    for (unsigned i = 0; i < 4; i++) {
        t.pgrp = groups[i];
        p->sig_pending = q->sig_pending = 0;
        type("x\x03\x1C\x1A");
        KEXPECT_EQ(p->sig_pending | q->sig_pending, 0u);
    }
    /* The foreground group's leader exits: the rest of the group still gets the keys. */
    t.pgrp = p->pid;
    puppet_free(p);
    q->parent = NULL;
    type("\x03");
    KEXPECT_TRUE(pending(q, SIGINT));
    t.session = t.pgrp = 0;
    puppet_free(q);
}

/* --- job control ------------------------------------------------------------------------------ */

KTEST(tty, background_reads_get_sigttin) {
    fresh();
    struct proc *shell = puppet(NULL, 0, 0);
    KASSERT_TRUE(shell != NULL);
    int sid = shell->pid;
    struct proc *fg = puppet(shell, 0, sid);
    struct proc *bg = puppet(shell, 0, sid);
    struct proc *bg2 = puppet(bg, bg->pid, sid);
    struct proc *stranger = puppet(NULL, 0, 0);
    struct proc *all[] = {shell, fg, bg, bg2, stranger};
    t.session = sid;
    t.pgrp = fg->pid;

    KEXPECT_EQ(tty_job_control(&t, fg, SIGTTIN), 0);       /* the foreground reads */
    KEXPECT_EQ(tty_job_control(&t, stranger, SIGTTIN), 0); /* not its controlling terminal */
    KEXPECT_EQ(fg->sig_pending | stranger->sig_pending, 0u);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), 1); /* the background: its whole group stops */
    KEXPECT_TRUE(pending(bg, SIGTTIN));
    KEXPECT_TRUE(pending(bg2, SIGTTIN));
    KEXPECT_EQ(shell->sig_pending | fg->sig_pending, 0u);

    /* It cannot be stopped: EIO, and nobody is sent anything. */
    clear_pending(all, 5);
    proc_main_thread(bg2)->sig_blocked = ABI_SIGBIT(SIGTTIN);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), -EIO);
    proc_main_thread(bg2)->sig_blocked = 0;
    bg2->sig_action[SIGTTIN].sa_handler = ABI_SIG_IGN;
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), -EIO);
    bg2->sig_action[SIGTTIN].sa_handler = ABI_SIG_DFL;
    KEXPECT_EQ(bg->sig_pending | bg2->sig_pending, 0u);
    /* A handler: it is sent (the call is then interrupted). */
    bg2->sig_action[SIGTTIN].sa_handler = 0x1000;
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), 1);
    bg2->sig_action[SIGTTIN].sa_handler = ABI_SIG_DFL;

    /* Orphaned: no member has a parent in another group of the session. bg2's parent is bg, in
     * the group; bg's is the link. A parent in another session, or init, is none. */
    clear_pending(all, 5);
    bg->parent = stranger;
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), -EIO);
    bg->parent = NULL; /* adopted by init */
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), -EIO);
    KEXPECT_EQ(bg->sig_pending | bg2->sig_pending, 0u);
    bg->parent = shell;
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), 1);

    /* The group's leader exits, with the rest of its group linked by another member: the group
     * lives on under the dead leader's number and still gets SIGTTIN. */
    struct proc *bg3 = puppet(shell, bg->pid, sid);
    KASSERT_TRUE(bg3 != NULL);
    int group = bg->pid;
    bg2->parent = NULL;
    puppet_free(bg);
    all[2] = bg3;
    clear_pending(all, 5);
    KEXPECT_TRUE(proc_find(group) == NULL);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), 1);
    KEXPECT_TRUE(pending(bg2, SIGTTIN));
    KEXPECT_TRUE(pending(bg3, SIGTTIN));
    /* Its last link goes too: orphaned, EIO. */
    bg3->parent = NULL;
    clear_pending(all, 5);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTIN), -EIO);
    KEXPECT_EQ(bg2->sig_pending | bg3->sig_pending, 0u);
    bg3->parent = shell;
    bg = bg3;

    /* SIGTTOU (a write with TOSTOP, a change of the terminal): ignored or blocked, it goes on. */
    clear_pending(all, 5);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTOU), 1);
    KEXPECT_TRUE(pending(bg, SIGTTOU));
    proc_main_thread(bg2)->sig_blocked = ABI_SIGBIT(SIGTTOU);
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTOU), 0);
    proc_main_thread(bg2)->sig_blocked = 0;
    bg2->sig_action[SIGTTOU].sa_handler = ABI_SIG_IGN;
    KEXPECT_EQ(tty_job_control(&t, bg2, SIGTTOU), 0);
    /* No foreground group: no check. */
    t.pgrp = 0;
    KEXPECT_EQ(tty_job_control(&t, bg, SIGTTIN), 0);

    t.session = 0;
    for (int i = 4; i >= 0; i--)
        puppet_free(all[i]);
}

KTEST(tty, a_session_leader_opens_its_controlling_terminal) {
    fresh();
    /* This thread (pid 1) leads session 1 and has no terminal yet. */
    KASSERT_EQ(current->sid, current->pid);
    struct file *f = NULL;
    KEXPECT_EQ(tty_open_controlling(O_RDWR, &f), -ENXIO);
    struct file *nocty = tty_open(&t, O_RDWR | O_NOCTTY);
    KASSERT_TRUE(nocty != NULL);
    KEXPECT_EQ(t.session, 0);
    KEXPECT_EQ(nocty->flags & O_NOCTTY, 0); /* not kept */
    struct file *ctty = tty_open(&t, O_RDWR);
    KASSERT_TRUE(ctty != NULL);
    KEXPECT_EQ(t.session, current->sid);
    KEXPECT_EQ(t.pgrp, current->pgid);
    KEXPECT_EQ(tty_open_controlling(O_RDONLY, &f), 0); /* /dev/tty */
    KEXPECT_TRUE(f && f->priv == &t);

    /* Another terminal does not become a second one. */
    static struct tty second;
    tty_init(&second, capture);
    struct file *g = tty_open(&second, O_RDWR);
    KEXPECT_EQ(second.session, 0);

    /* The session's leader goes: the terminal hangs up, SIGHUP to the foreground group. */
    struct proc *member = puppet(current, current->pgid, current->sid);
    KASSERT_TRUE(member != NULL);
    tty_session_ended(current->sid);
    KEXPECT_TRUE(pending(member, SIGHUP));
    KEXPECT_EQ(t.session, 0);
    KEXPECT_EQ(t.pgrp, 0);
    KEXPECT_EQ(tty_open_controlling(O_RDONLY, &f) == -ENXIO, 1);
    puppet_free(member);
    if (f)
        file_put(f);
    file_put(g);
    file_put(ctty);
    file_put(nocty);
}

KTEST(tty, set_foreground_group) {
    fresh();
    struct proc *shell = puppet(NULL, 0, 0);
    KASSERT_TRUE(shell != NULL);
    int sid = shell->pid;
    struct proc *job = puppet(shell, 0, sid);
    struct proc *stranger = puppet(NULL, 0, 0);
    t.session = sid;
    t.pgrp = shell->pid;

    KEXPECT_EQ(tty_set_foreground(&t, shell, job->pid), 0);
    KEXPECT_EQ(t.pgrp, job->pid);
    KEXPECT_EQ(tty_set_foreground(&t, shell, stranger->pid), -EPERM); /* another session's group */
    KEXPECT_EQ(tty_set_foreground(&t, shell, 31999), -EPERM);         /* no such group */
    KEXPECT_EQ(tty_set_foreground(&t, shell, 0), -EINVAL);
    KEXPECT_EQ(tty_set_foreground(&t, shell, -5), -EINVAL);
    KEXPECT_EQ(tty_set_foreground(&t, stranger, stranger->pid), -ENOTTY); /* not its terminal */
    KEXPECT_EQ(t.pgrp, job->pid);
    KEXPECT_EQ(tty_set_foreground(&t, job, shell->pid), 0); /* any process of the session may */
    KEXPECT_EQ(t.pgrp, shell->pid);
    t.session = 0;
    KEXPECT_EQ(tty_set_foreground(&t, shell, shell->pid), -ENOTTY); /* a terminal of no session */

    t.pgrp = 0;
    puppet_free(stranger);
    puppet_free(job);
    puppet_free(shell);
}

/* --- through devfs ------------------------------------------------------------------------------ */

static int open_test_terminal(int flags, struct file **out) {
    *out = tty_open(&t, flags);
    return *out ? 0 : -ENOMEM;
}

/* The VFS hands O_NOCTTY to a device's open (it decides whether the terminal becomes the
 * caller's), and keeps it out of the file's flags; /dev/tty is the caller's terminal or ENXIO. */
KTEST(tty, opened_by_name_through_devfs) {
    fresh();
    struct mount *root = ramfs_create(1u << 20);
    KASSERT_TRUE(root != NULL);
    KASSERT_EQ(vfs_attach(root, NULL), 0);
    KASSERT_EQ(vfs_mkdir("/dev", 0755), 0);
    KASSERT_EQ(devfs_register("ttytest", 0620, 0x0440, open_test_terminal), 0);
    KASSERT_EQ(devfs_register("tty", 0666, 0x0500, tty_open_controlling), 0);
    KASSERT_EQ(devfs_mount("/dev"), 0);
    struct file *f = NULL, *g = NULL, *h = NULL;

    KASSERT_EQ(current->sid, current->pid); /* this thread leads session 1, with no terminal */
    KEXPECT_EQ(vfs_open("/dev/tty", O_RDWR, 0, &f), -ENXIO);
    KASSERT_EQ(vfs_open("/dev/ttytest", O_RDWR | O_NOCTTY, 0, &f), 0);
    KEXPECT_EQ(t.session, 0);
    KEXPECT_EQ(f->flags, O_RDWR);
    KEXPECT_EQ(vfs_open("/dev/tty", O_RDWR, 0, &h), -ENXIO);
    KASSERT_EQ(vfs_open("/dev/ttytest", O_RDONLY | O_NONBLOCK, 0, &g), 0);
    KEXPECT_EQ(t.session, current->sid);
    KEXPECT_EQ(g->flags, O_RDONLY | O_NONBLOCK);
    KASSERT_EQ(vfs_open("/dev/tty", O_WRONLY, 0, &h), 0);
    KEXPECT_TRUE(h->priv == &t);
    KEXPECT_EQ(h->flags, O_WRONLY);
    struct abi_stat st;
    vfs_fstat(h, &st);
    KEXPECT_EQ(st.st_rdev, 0x0500); /* the node's */
    file_put(h);

    tty_hangup(&t);
    KEXPECT_EQ(vfs_open("/dev/tty", O_RDWR, 0, &h), -ENXIO);
    file_put(g);
    file_put(f);
    KEXPECT_EQ(vfs_umount_all(), 0);
}
