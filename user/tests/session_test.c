/*
 * Sessions and process groups with POSIX semantics: setsid, getsid, setpgid across sessions and
 * after execve, the terminal a new session does not have, and what happens to a stopped group
 * that its last link to the session leaves behind (SIGHUP, then SIGCONT).
 *
 * init leads session 1, whose controlling terminal is the console; this program runs in a group
 * of its own in that session, in the terminal's foreground.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "check.h"

/* Run as `session_test park FD`: waits until FD (a pipe) ends, as a program that has exec'd. */
static int park(int fd) {
    char c;
    while (read(fd, &c, 1) > 0)
        ;
    return 0;
}

/* Reports an int through a pipe (a child's verdict to the parent, which prints the TAP). */
static void send_int(int fd, int value) {
    CHECK_EQ(write(fd, &value, sizeof(value)), sizeof(value));
}

static int receive_int(int fd) {
    int value = -12345;
    CHECK_EQ(read(fd, &value, sizeof(value)), sizeof(value));
    return value;
}

static void sessions_and_their_leaders(void) {
    pid_t me = getpid();

    CHECK_EQ(getsid(0), 1); /* init's session */
    CHECK_EQ(getsid(me), 1);
    CHECK_EQ(getsid(1), 1);
    CHECK_ERR(getsid(30000), ESRCH);
    CHECK_ERR(getsid(-1), ESRCH);
    CHECK_ERR(setsid(), EPERM); /* a group leader (init made our group) */
    CHECK_EQ(getpgrp(), me);

    /* A child makes a session: it leads it and a group of its own, with no terminal. */
    int fds[2], verdict[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(pipe(verdict), 0);
    fflush(stdout);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        close(fds[1]);
        int step = 0;
        pid_t self = getpid();
        if (getsid(0) != 1 || setsid() != self)
            _exit(10);
        step = 1;
        if (getsid(0) != self || getpgrp() != self || getsid(getppid()) != 1)
            _exit(11);
        errno = 0;
        if (setsid() != -1 || errno != EPERM) /* now a group leader */
            _exit(12);
        if (setpgid(0, 0) != -1 || errno != EPERM) /* a session leader keeps its group */
            _exit(13);
        if (tcgetpgrp(0) != -1 || errno != ENOTTY) /* the console is not its terminal */
            _exit(14);
        /* Opening a terminal another session controls does not make it ours. */
        int fd = open("/dev/console", O_RDWR);
        if (fd < 0 || tcgetpgrp(fd) != -1 || errno != ENOTTY || tcgetsid(fd) != -1 || errno != ENOTTY)
            _exit(15);
        if (ioctl(fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
            _exit(16);
        close(fd);
        step = 2;
        send_int(verdict[1], step);
        park(fds[0]);
        _exit(0);
    }
    close(fds[0]);
    CHECK_EQ(receive_int(verdict[0]), 2);
    CHECK_EQ(getsid(child), child);
    CHECK_EQ(getpgid(child), child);
    CHECK_ERR(setpgid(child, 0), EPERM); /* our child, but in another session */
    CHECK_ERR(setpgid(child, me), EPERM);
    CHECK_ERR(setpgid(0, child), EPERM); /* a group of another session */

    /* A child of ours, in our session, cannot join that group either. */
    fflush(stdout);
    pid_t other = fork();
    if (other == 0) {
        park(fds[0]);
        _exit(0);
    }
    CHECK_ERR(setpgid(other, child), EPERM);
    CHECK_EQ(setpgid(other, other), 0);
    CHECK_EQ(getsid(other), 1); /* fork keeps the session */

    close(fds[1]);
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 0);
    CHECK_EQ(waitpid(other, &status, 0), other);
    CHECK_EXITED(status, 0);
    close(verdict[0]);
    close(verdict[1]);
    PASS("setsid: a new session and group, no terminal; EPERM for a group leader");
    PASS("getsid; setpgid: EPERM across sessions and for a session leader");
}

static void setpgid_after_execve(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        char arg[12];
        snprintf(arg, sizeof(arg), "%d", fds[0]);
        close(fds[1]);
        char *argv[] = {"/bin/session_test", "park", arg, NULL};
        execv(argv[0], argv);
        _exit(127);
    }
    close(fds[0]);
    /* Until it has exec'd, moving it is fine; wait for the exec to be done. */
    for (int i = 0; i < 500; i++) {
        errno = 0;
        if (setpgid(child, child) == -1 && errno == EACCES)
            break;
        CHECK_EQ(errno, 0);
        usleep(2000);
    }
    CHECK_ERR(setpgid(child, child), EACCES);
    CHECK_ERR(setpgid(child, getpgrp()), EACCES);
    close(fds[1]);
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 0);
    PASS("setpgid of a child that has called execve: EACCES");
}

static volatile sig_atomic_t hups;

static void on_hup(int sig) {
    (void)sig;
    hups++;
}

/*
 * A group whose only link to the session exits while a member is stopped: POSIX wants SIGHUP
 * then SIGCONT for every member, or nobody could continue it. Here: middle leads group M with
 * its child `stopped`; stopped stops itself; middle exits. stopped is now init's (no link), its
 * group orphaned; it gets SIGHUP (its handler tells us) and SIGCONT.
 */
static void orphaned_stopped_group_hangs_up(void) {
    int report[2];
    CHECK_EQ(pipe(report), 0);
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        setpgid(0, 0);
        pid_t stopped = fork();
        if (stopped == 0) {
            struct sigaction sa;
            memset(&sa, 0, sizeof(sa));
            sa.sa_handler = on_hup;
            sigaction(SIGHUP, &sa, NULL);
            raise(SIGSTOP);
            /* Continued: by SIGCONT after SIGHUP, or by nobody (the defect). */
            int got = hups;
            write(report[1], &got, sizeof(got));
            _exit(0);
        }
        int status;
        if (waitpid(stopped, &status, WUNTRACED) != stopped || !WIFSTOPPED(status))
            _exit(1);
        write(report[1], &stopped, sizeof(stopped));
        _exit(0); /* leaves `stopped` to init, stopped, in a group nothing links any more */
    }
    close(report[1]);
    int status;
    CHECK_EQ(waitpid(middle, &status, 0), middle);
    CHECK_EXITED(status, 0);
    pid_t stopped = receive_int(report[0]);
    CHECK(stopped > 0);
    /* Its report, or a timeout: it would stay stopped forever. */
    int got = -1;
    for (int i = 0; i < 300 && pipe_bytes(report[0]) < (int)sizeof(got); i++)
        usleep(10000);
    if (pipe_bytes(report[0]) < (int)sizeof(got)) {
        kill(stopped, SIGKILL);
        FAIL("the orphaned group's stopped member was neither hung up nor continued");
    }
    CHECK_EQ(read(report[0], &got, sizeof(got)), sizeof(got));
    CHECK_EQ(got, 1);
    /* init reaps it; wait until it has, so nothing is left running. */
    for (int i = 0; i < 300 && kill(stopped, 0) == 0; i++)
        usleep(10000);
    CHECK_ERR(kill(stopped, 0), ESRCH);
    close(report[0]);
    PASS("an exit that orphans a group with a stopped member: SIGHUP, then SIGCONT");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "park") == 0)
        return park(atoi(argv[2]));
    sessions_and_their_leaders();
    setpgid_after_execve();
    orphaned_stopped_group_hangs_up();
    return done_testing();
}
