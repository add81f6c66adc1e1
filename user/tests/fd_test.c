/* Descriptors: the table's bounds, the lowest free one, dup/dup2 and close-on-exec across execve,
 * the table across fork and exit, getcwd's buffer, lseek's limits. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "check.h"

#define FD_TABLE 32 /* descriptors per process (docs/syscalls.md) */

/* Re-executed by ourselves: descriptor `open_fd` must be open, `closed_fd` closed. */
static int check_after_exec(int open_fd, int closed_fd) {
    struct stat st;
    CHECK_EQ(fstat(open_fd, &st), 0);
    CHECK_ERR(fstat(closed_fd, &st), EBADF);
    return 42;
}

static void bounds(void) {
    /* A close-on-exec descriptor makes the word after the table non-zero: a bounds check off by
     * one would then take it for a file. */
    int fd = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    static const int bad[] = {-1, FD_TABLE, FD_TABLE + 1, 1000, INT_MAX, INT_MIN};
    char c;
    struct stat st;
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        CHECK_ERR(read(bad[i], &c, 1), EBADF);
        CHECK_ERR(write(bad[i], &c, 1), EBADF);
        CHECK_ERR(fstat(bad[i], &st), EBADF);
        CHECK_ERR(lseek(bad[i], 0, SEEK_SET), EBADF);
        CHECK_ERR(close(bad[i]), EBADF);
        CHECK_ERR(dup(bad[i]), EBADF);
        CHECK_ERR(dup2(bad[i], 5), EBADF);
        CHECK_ERR(dup2(fd, bad[i]), EBADF);
    }
    /* The last slot works; the table then fills up with EMFILE. */
    CHECK_EQ(dup2(fd, FD_TABLE - 1), FD_TABLE - 1);
    CHECK_EQ(close(FD_TABLE - 1), 0);
    int opened = 0, got;
    while ((got = dup(fd)) >= 0)
        opened++;
    CHECK_EQ(errno, EMFILE);
    CHECK(opened > 0 && opened < FD_TABLE);
    for (int i = 3; i < FD_TABLE; i++)
        close(i);
    PASS("descriptors outside the table are EBADF, a full table EMFILE");
}

/* Runs ourselves again in a child, which checks `open_fd` is open and `closed_fd` closed. */
static void exec_and_check(const char *self, int open_fd, int closed_fd) {
    char open_arg[12], closed_arg[12];
    snprintf(open_arg, sizeof(open_arg), "%d", open_fd);
    snprintf(closed_arg, sizeof(closed_arg), "%d", closed_fd);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {(char *)self, "after-exec", open_arg, closed_arg, NULL};
        execv(self, args);
        _exit(99);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
}

static void cloexec_across_exec(const char *self) {
    int fd = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK(fd >= 0);
    /* dup2 gives a descriptor without close-on-exec; the original keeps it. */
    CHECK_EQ(dup2(fd, 10), 10);
    exec_and_check(self, 10, fd);
    /* dup2 onto a close-on-exec descriptor clears the flag of the new one. */
    int other = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK(other >= 0);
    CHECK_EQ(dup2(fd, other), other);
    exec_and_check(self, other, fd);
    /* So does dup. */
    int copy = dup(fd);
    CHECK(copy >= 0);
    exec_and_check(self, copy, fd);
    close(fd);
    close(10);
    close(other);
    close(copy);
    PASS("close-on-exec: closed by execve; dup and dup2 give descriptors without it");
}

static void getcwd_buffer(void) {
    char buf[16];
    CHECK_EQ(chdir("/bin"), 0);
    memset(buf, 'x', sizeof(buf));
    CHECK(getcwd(buf, 5) == buf); /* "/bin" and its NUL: exactly enough */
    CHECK_EQ(strcmp(buf, "/bin"), 0);
    CHECK_EQ(buf[5], 'x');
    memset(buf, 'x', sizeof(buf));
    CHECK_ERR(getcwd(buf, 4) == NULL ? -1 : 0, ERANGE); /* one byte short */
    for (unsigned i = 0; i < sizeof(buf); i++)
        CHECK_EQ(buf[i], 'x'); /* and nothing written */
    CHECK_ERR(getcwd(buf, 0) == NULL ? -1 : 0, EINVAL);
    CHECK_EQ(chdir("/"), 0);
    PASS("getcwd writes exactly what fits, or fails with ERANGE and writes nothing");
}

/* lseek's arithmetic: a negative result is EINVAL, one past what off_t holds EOVERFLOW, and a
 * failed lseek leaves the offset alone. */
static void seek_limits(void) {
    struct stat st;
    int fd = open("/bin/echo", O_RDONLY);

    CHECK(fd >= 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
    CHECK_EQ(lseek(fd, 5, SEEK_CUR), 15);
    CHECK_EQ(lseek(fd, -1, SEEK_END), st.st_size - 1);
    CHECK_EQ(lseek(fd, INT_MAX, SEEK_SET), INT_MAX);
    CHECK_ERR(lseek(fd, 1, SEEK_CUR), EOVERFLOW);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), INT_MAX);
    CHECK_ERR(lseek(fd, INT_MAX, SEEK_END), EOVERFLOW);
    CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
    CHECK_ERR(lseek(fd, INT_MIN, SEEK_END), EINVAL);
    CHECK_ERR(lseek(fd, 0, 3), EINVAL);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), INT_MAX);
    CHECK_EQ(close(fd), 0);
    PASS("lseek: EINVAL below 0, EOVERFLOW above INT_MAX, the offset unchanged on failure");
}

/* pipe() takes the two lowest free descriptors, the read end first. */
static void pipe_takes_the_lowest_two(void) {
    int a = dup(0), b = dup(0), c = dup(0), fds[2];
    CHECK_EQ(a, 3);
    CHECK_EQ(b, 4);
    CHECK_EQ(c, 5);
    CHECK_EQ(close(a), 0);
    CHECK_EQ(close(c), 0);
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(fds[0], 3);
    CHECK_EQ(fds[1], 5);
    CHECK_EQ(dup(0), 6);
    for (int fd = 3; fd <= 6; fd++)
        CHECK_EQ(close(fd), 0);
    CHECK_EQ(dup(0), 3); /* everything from 3 up is free again */
    CHECK_EQ(close(3), 0);
    PASS("pipe takes the two lowest free descriptors, read end first");
}

static unsigned ino(int fd) {
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    return st.st_ino;
}

static void dup2_edge_cases(void) {
    int echo = open("/bin/echo", O_RDONLY), cat = open("/bin/cat", O_RDONLY);
    CHECK(echo >= 0 && cat >= 0);
    unsigned echo_ino = ino(echo), cat_ino = ino(cat);
    CHECK(echo_ino != cat_ino);
    /* A closed source fails before the target is touched: it stays open, on its file. */
    CHECK_ERR(dup2(20, cat), EBADF);
    CHECK_EQ(ino(cat), cat_ino);
    CHECK_ERR(dup2(cat, -1), EBADF);
    CHECK_EQ(ino(cat), cat_ino);
    /* Onto itself: nothing changes, not even the offset. */
    CHECK_EQ(lseek(echo, 7, SEEK_SET), 7);
    CHECK_EQ(dup2(echo, echo), echo);
    CHECK_EQ(lseek(echo, 0, SEEK_CUR), 7);
    /* Onto an open descriptor: it now names the source's open file, offset included. */
    CHECK_EQ(dup2(echo, cat), cat);
    CHECK_EQ(ino(cat), echo_ino);
    CHECK_EQ(lseek(cat, 0, SEEK_CUR), 7);
    CHECK_EQ(lseek(cat, 3, SEEK_CUR), 10);
    CHECK_EQ(lseek(echo, 0, SEEK_CUR), 10);
    /* Closing one of the two leaves the other working. */
    CHECK_EQ(close(echo), 0);
    CHECK_EQ(lseek(cat, 0, SEEK_CUR), 10);
    CHECK_EQ(close(cat), 0);
    CHECK_ERR(close(cat), EBADF);
    /* dup2 over the last write end of a pipe releases it at once: the reader sees end of file. */
    int fds[2];
    char c;
    CHECK_EQ(pipe(fds), 0);
    int other = open("/bin/echo", O_RDONLY);
    CHECK(other >= 0);
    CHECK_EQ(dup2(other, fds[1]), fds[1]);
    CHECK_EQ(read(fds[0], &c, 1), 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_EQ(close(other), 0);
    PASS("dup2: a bad source leaves the target alone, onto itself changes nothing, over a file releases it");
}

/* execve(path) fails with `err`, in this process: the descriptors must be as they were. */
static void failed_exec(const char *path, int err) {
    char *args[] = {"x", NULL};
    CHECK_ERR(execve(path, args, NULL), err);
}

static void cloexec_bits(const char *self) {
    /* dup2 onto itself keeps close-on-exec (POSIX): exec closes it. */
    int fd = open("/bin/init", O_RDONLY | O_CLOEXEC), keep = open("/bin/init", O_RDONLY);
    CHECK(fd >= 0 && keep >= 0);
    CHECK_EQ(dup2(fd, fd), fd);
    exec_and_check(self, keep, fd);
    /* A failed execve closes nothing. */
    failed_exec("/nope", ENOENT);
    failed_exec("/bin", EACCES);
    failed_exec("/bin/init/", ENOTDIR);
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    /* The flag belongs to the descriptor, not the slot: a descriptor opened later in the slot of
     * a closed close-on-exec one is not close-on-exec. */
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(dup(keep), fd);
    exec_and_check(self, fd, 20);
    CHECK_EQ(close(fd), 0);
    int cloexec = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK_EQ(cloexec, fd);
    CHECK_EQ(close(cloexec), 0);
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(fds[0], fd);
    exec_and_check(self, fds[0], 20);
    /* Nor does it travel with the open file to other descriptors. */
    cloexec = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK_EQ(dup2(fds[0], cloexec), cloexec);
    exec_and_check(self, cloexec, 20);
    CHECK_EQ(close(cloexec), 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_EQ(close(keep), 0);
    PASS("close-on-exec: kept by dup2 onto itself, by a failed execve; not inherited by a reused slot");
}

/* A child that holds the write end of `fds` (and its dup) until told to go through `go`, then
 * writes 'a' and exits (or, with `hang`, waits to be killed). */
static pid_t writer_child(int fds[2], int go[2], bool hang) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        if (read(go[0], &c, 1) != 1)
            _exit(2);
        if (hang) {
            for (;;)
                read(go[0], &c, 1); /* nothing more comes */
        }
        _exit(write(fds[1], "a", 1) == 1 ? 0 : 3);
    }
    CHECK(pid > 0);
    return pid;
}

static void fork_copies_the_table(void) {
    int fds[2], go[2];
    char c;
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(pipe(go), 0);
    int extra = dup(fds[1]);
    CHECK(extra >= 0);
    /* The child's descriptors are its own: what it closes and opens is not the parent's. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        close(extra);
        int fd = open("/bin/echo", O_RDONLY);
        _exit(fd == fds[0] ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    struct stat st;
    CHECK_EQ(fstat(fds[0], &st), 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK_EQ(fstat(extra, &st), 0);
    CHECK(S_ISFIFO(st.st_mode));

    /* The child's copy of the write end is a reference of its own: with the parent's two closed,
     * the pipe still has a writer, and the reader gets what the child writes... */
    pid = writer_child(fds, go, false);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_EQ(close(extra), 0);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK_EQ(read(fds[0], &c, 1), 1);
    CHECK_EQ(c, 'a');
    /* ...and end of file once the child's exit has dropped it. */
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(read(fds[0], &c, 1), 0);
    CHECK_EQ(close(fds[0]), 0);

    /* A child killed while it holds descriptors drops them too. */
    CHECK_EQ(pipe(fds), 0);
    pid = writer_child(fds, go, true);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    CHECK_EQ(read(fds[0], &c, 1), 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(go[0]), 0);
    CHECK_EQ(close(go[1]), 0);
    PASS("fork copies the table with a reference per open file; exit and SIGKILL release them");
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "after-exec") == 0)
        return check_after_exec(atoi(argv[2]), atoi(argv[3]));
    bounds();
    cloexec_across_exec(argv[0]);
    getcwd_buffer();
    seek_limits();
    pipe_takes_the_lowest_two();
    dup2_edge_cases();
    cloexec_bits(argv[0]);
    fork_copies_the_table();
    return done_testing();
}
