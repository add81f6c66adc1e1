/*
 * Job control on the console, this program's controlling terminal (init put its group in the
 * foreground): tcgetpgrp and tcsetpgrp with their errors, SIGTTIN for a background read (EIO when
 * it is ignored or blocked, or when the group is orphaned), SIGTTOU for a background tcsetpgrp
 * or tcsetattr, and for a background write with TOSTOP. Nothing is typed: a background reader is
 * stopped before it could read.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "check.h"

static void block(int sig, bool on) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    CHECK_EQ(sigprocmask(on ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL), 0);
}

/* Gives the terminal to group `pgrp` from wherever we are (SIGTTOU blocked meanwhile). */
static void give_terminal(pid_t pgrp) {
    block(SIGTTOU, true);
    CHECK_EQ(tcsetpgrp(0, pgrp), 0);
    block(SIGTTOU, false);
}

/* A child in a background group of its own, running fn; returns its pid. */
static pid_t background(void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        fn();
        _exit(0);
    }
    setpgid(pid, pid);
    return pid;
}

static void expect_stopped_by(pid_t pid, int sig) {
    int status;
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != sig)
        FAIL("pid %d: want stopped by %d, wait status 0x%x", pid, sig, status);
}

static void expect_exit(pid_t pid, int code) {
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, code);
}

static void foreground_group(void) {
    pid_t me = getpid();
    int fds[2];

    CHECK_EQ(tcgetpgrp(0), me);
    CHECK_EQ(tcgetpgrp(1), me);
    CHECK_EQ(tcgetsid(0), 1);
    CHECK_EQ(pipe(fds), 0);
    CHECK_ERR(tcgetpgrp(fds[0]), ENOTTY);
    CHECK_ERR(tcgetpgrp(99), EBADF);
    CHECK_ERR(tcsetpgrp(fds[0], me), ENOTTY);
    CHECK_ERR(tcsetpgrp(99, me), EBADF);
    CHECK_ERR(tcsetpgrp(0, -1), EINVAL);
    CHECK_ERR(tcsetpgrp(0, 0), EINVAL);
    CHECK_ERR(tcsetpgrp(0, 29999), EPERM); /* no such group */
    CHECK_ERR(ioctl(0, TIOCGPGRP, (void *)0xC0000000), EFAULT);
    CHECK_ERR(ioctl(0, TIOCSPGRP, (void *)0xC0000000), EFAULT);
    CHECK_EQ(tcgetpgrp(0), me);

    /* A group of another session: EPERM. */
    fflush(stdout);
    pid_t leader = fork();
    if (leader == 0) {
        setsid();
        close(fds[1]);
        char c;
        read(fds[0], &c, 1);
        _exit(0);
    }
    while (getsid(leader) != leader)
        sched_yield();
    CHECK_ERR(tcsetpgrp(0, leader), EPERM);

    /* Into a child's group and back: we are in the background meanwhile. */
    pid_t child = fork();
    if (child == 0) {
        close(fds[1]);
        char c;
        read(fds[0], &c, 1);
        _exit(0);
    }
    CHECK_EQ(setpgid(child, child), 0);
    CHECK_EQ(tcsetpgrp(0, child), 0); /* from the foreground: no SIGTTOU */
    CHECK_EQ(tcgetpgrp(0), child);
    give_terminal(me);
    CHECK_EQ(tcgetpgrp(0), me);
    close(fds[1]);
    expect_exit(leader, 0);
    expect_exit(child, 0);
    close(fds[0]);
    PASS("tcgetpgrp, tcsetpgrp: ENOTTY, EBADF, EINVAL, EPERM (no group, another session's)");
}

static void read_terminal(void) {
    char c;
    errno = 0;
    ssize_t r = read(0, &c, 1);
    _exit(r == -1 ? 100 + errno : 50);
}

static void read_ignoring_sigttin(void) {
    signal(SIGTTIN, SIG_IGN);
    read_terminal();
}

static void read_blocking_sigttin(void) {
    block(SIGTTIN, true);
    read_terminal();
}

static volatile sig_atomic_t caught;

static void on_signal(int sig) {
    caught = sig;
}

static void read_with_sigttin_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal; /* no SA_RESTART: the read fails with EINTR */
    sigaction(SIGTTIN, &sa, NULL);
    char c;
    errno = 0;
    ssize_t r = read(0, &c, 1);
    _exit(r == -1 && errno == EINTR && caught == SIGTTIN ? 0 : 1);
}

/* Its group orphaned: its parent exits and leaves it to init. It reports its pid, then what its
 * read gave, through REPORT_FD. */
#define REPORT_FD 20
static void read_orphaned(void) {
    int fds[2];
    pipe(fds);
    pid_t child = fork();
    if (child == 0) {
        close(fds[1]);
        int report[2] = {getpid(), -1};
        write(REPORT_FD, &report[0], sizeof(int));
        char c;
        read(fds[0], &c, 1); /* until the parent is gone */
        errno = 0;
        report[1] = read(0, &c, 1) == -1 ? errno : 0;
        write(REPORT_FD, &report[1], sizeof(int));
        _exit(0);
    }
    _exit(0); /* the child's pipe end closes: it reads on */
}

static void background_reads(void) {
    pid_t me = getpid();

    /* A background read stops the reader's group with SIGTTIN, again once continued. */
    pid_t pid = background(read_terminal);
    expect_stopped_by(pid, SIGTTIN);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    expect_stopped_by(pid, SIGTTIN);
    CHECK_EQ(tcgetpgrp(0), me);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("a background read: SIGTTIN stops the group, and again after SIGCONT");

    expect_exit(background(read_ignoring_sigttin), 100 + EIO);
    expect_exit(background(read_blocking_sigttin), 100 + EIO);
    PASS("a background read with SIGTTIN ignored or blocked: EIO");
    expect_exit(background(read_with_sigttin_handler), 0);
    PASS("a background read with a SIGTTIN handler: the handler runs, EINTR");

    /* Orphaned: the reader's parent is gone (init is no link); it reports through REPORT_FD. */
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(dup2(fds[1], REPORT_FD), REPORT_FD);
    pid_t middle = background(read_orphaned);
    close(REPORT_FD);
    close(fds[1]);
    expect_exit(middle, 0);
    pid_t orphan = 0;
    int err = -1;
    CHECK_EQ(read(fds[0], &orphan, sizeof(orphan)), sizeof(orphan));
    for (int i = 0; i < 300 && pipe_bytes(fds[0]) < (int)sizeof(err); i++)
        usleep(10000);
    if (pipe_bytes(fds[0]) < (int)sizeof(err)) {
        kill(orphan, SIGKILL);
        FAIL("the orphaned group's background read did not return (stopped by SIGTTIN?)");
    }
    CHECK_EQ(read(fds[0], &err, sizeof(err)), sizeof(err));
    CHECK_EQ(err, EIO);
    close(fds[0]);
    for (int i = 0; i < 300 && kill(orphan, 0) == 0; i++) /* init reaps it */
        usleep(10000);
    CHECK_ERR(kill(orphan, 0), ESRCH);
    PASS("a background read from an orphaned group: EIO, no stop nobody would end");
}

/*
 * A background group whose leader has exited, linked to the session by its other member (whose
 * parent is this program): that member's read still stops the group, under the dead leader's
 * number.
 */
static void leaderless_group(void) {
    int leader_go[2], reader_go[2];
    CHECK_EQ(pipe(leader_go), 0);
    CHECK_EQ(pipe(reader_go), 0);
    fflush(stdout);
    pid_t leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        close(leader_go[1]);
        close(reader_go[0]);
        close(reader_go[1]);
        char c;
        read(leader_go[0], &c, 1);
        _exit(0);
    }
    setpgid(leader, leader);
    pid_t reader = fork();
    if (reader == 0) {
        setpgid(0, leader);
        close(leader_go[0]);
        close(leader_go[1]); /* or the leader would never see its end of file */
        close(reader_go[1]);
        char c;
        read(reader_go[0], &c, 1);
        read_terminal();
    }
    CHECK_EQ(setpgid(reader, leader), 0);
    close(leader_go[0]);
    close(leader_go[1]);
    expect_exit(leader, 0);
    CHECK_EQ(getpgid(reader), leader);
    close(reader_go[0]);
    close(reader_go[1]);
    expect_stopped_by(reader, SIGTTIN);
    CHECK_EQ(kill(reader, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(reader, &status, 0), reader);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("a background group whose leader exited: a read still gets SIGTTIN");
}

static void set_foreground_from_background(void) {
    CHECK_EQ(tcsetpgrp(0, getpgrp()), 0);
    _exit(0);
}

static void set_foreground_ignoring_sigttou(void) {
    signal(SIGTTOU, SIG_IGN);
    set_foreground_from_background();
}

static void set_attributes_from_background(void) {
    struct termios t;
    CHECK_EQ(tcgetattr(0, &t), 0); /* reading them is fine */
    CHECK_EQ(tcsetattr(0, TCSANOW, &t), 0);
    _exit(0);
}

static void write_from_background(void) {
    CHECK_EQ(write(1, "", 0), 0);
    _exit(0);
}

static void write_ignoring_sigttou(void) {
    signal(SIGTTOU, SIG_IGN);
    write_from_background();
}

static void background_changes(void) {
    pid_t me = getpid();

    /* tcsetpgrp from the background: SIGTTOU stops it; put in front, it finishes. */
    pid_t pid = background(set_foreground_from_background);
    expect_stopped_by(pid, SIGTTOU);
    CHECK_EQ(tcgetpgrp(0), me);
    CHECK_EQ(tcsetpgrp(0, pid), 0);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    expect_exit(pid, 0);
    give_terminal(me);
    /* Ignoring SIGTTOU, it just does it. */
    pid = background(set_foreground_ignoring_sigttou);
    expect_exit(pid, 0);
    CHECK_EQ(tcgetpgrp(0), pid);
    give_terminal(me);
    PASS("tcsetpgrp from the background: SIGTTOU unless ignored or blocked");

    pid = background(set_attributes_from_background);
    expect_stopped_by(pid, SIGTTOU);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    PASS("tcsetattr from the background: SIGTTOU");

    /* Writes from the background: fine, until TOSTOP. */
    expect_exit(background(write_from_background), 0);
    struct termios t, saved;
    CHECK_EQ(tcgetattr(0, &saved), 0);
    t = saved;
    t.c_lflag |= TOSTOP;
    CHECK_EQ(tcsetattr(0, TCSADRAIN, &t), 0);
    pid = background(write_from_background);
    expect_stopped_by(pid, SIGTTOU);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    expect_exit(background(write_ignoring_sigttou), 0);
    CHECK_EQ(tcsetattr(0, TCSANOW, &saved), 0);
    PASS("a background write with TOSTOP: SIGTTOU unless ignored");
}

int main(void) {
    foreground_group();
    background_reads();
    leaderless_group();
    background_changes();
    return done_testing();
}
