/*
 * What a child inherits: the working directory (its own from then on: a child's chdir does not
 * move the parent, nor the parent's the child), open files with their shared offsets, across fork
 * and across exec; and pipes between parent and child: end of file once every writer is gone,
 * EPIPE (and SIGPIPE) once every reader is.
 */
#include <fcntl.h>
#include <signal.h>

#include "check.h"

#define DIR "/inherit_test"

static void cwd_is(const char *want) {
    char buf[256];
    CHECK(getcwd(buf, sizeof(buf)) == buf);
    if (strcmp(buf, want) != 0)
        FAIL("getcwd: \"%s\", want \"%s\"", buf, want);
}

/* Run as `inherit_test exec FD`: reports through its status what it inherited. */
static int exec_child(int fd) {
    char buf[256], c;
    int bits = 0;

    if (getcwd(buf, sizeof(buf)) && strcmp(buf, DIR "/sub") == 0)
        bits |= 1; /* the working directory came along */
    if (lseek(fd, 0, SEEK_CUR) == 2 && read(fd, &c, 1) == 1 && c == 'c')
        bits |= 2; /* the open file, at its shared offset */
    if (access("marker", F_OK) == 0)
        bits |= 4; /* relative names resolve from the inherited directory */
    if (fcntl(fd + 1, F_GETFD) == -1 && errno == EBADF)
        bits |= 8; /* the close-on-exec one is gone */
    return bits;
}

static void cwd_across_fork(void) {
    CHECK_EQ(mkdir("sub", 0755), 0);
    CHECK_EQ(mkdir("other", 0755), 0);
    fflush(stdout);
    int go[2], back[2];
    CHECK_EQ(pipe(go), 0);
    CHECK_EQ(pipe(back), 0);
    pid_t pid = fork();
    if (pid == 0) {
        char buf[256], c;
        int ok = getcwd(buf, sizeof(buf)) && strcmp(buf, DIR) == 0; /* inherited */
        ok &= chdir("sub") == 0;                                    /* its own from here */
        ok &= write(back[1], "x", 1) == 1 && read(go[0], &c, 1) == 1;
        /* The parent has moved to "other" meanwhile: the child has not. */
        ok &= getcwd(buf, sizeof(buf)) && strcmp(buf, DIR "/sub") == 0;
        _exit(ok ? 0 : 1);
    }
    char c;
    CHECK_EQ(read(back[0], &c, 1), 1);
    cwd_is(DIR); /* the child's chdir did not move the parent */
    CHECK_EQ(chdir("other"), 0);
    CHECK_EQ(write(go[1], "x", 1), 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    cwd_is(DIR "/other");
    CHECK_EQ(chdir(".."), 0);
    for (int i = 0; i < 2; i++) {
        close(go[i]);
        close(back[i]);
    }
    /* A directory removed while a child is in it: the parent's removal reaches the child. */
    pid = fork();
    if (pid == 0) {
        if (chdir("other") != 0)
            _exit(1);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(rmdir("other"), 0);
    PASS("fork: the child starts in the parent's directory, then each chdir moves only its caller");
}

static void across_exec(void) {
    int fd = open(DIR "/sub/marker", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK_EQ(fd, 3);
    CHECK_EQ(write(fd, "abcdef", 6), 6);
    CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
    int cl = open("/bin/init", O_RDONLY | O_CLOEXEC);
    CHECK_EQ(cl, 4);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (chdir("sub") != 0)
            _exit(100);
        char *argv[] = {"inherit_test", "exec", "3", NULL};
        execve("/bin/inherit_test", argv, NULL);
        _exit(101);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 15);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3); /* the child's read moved the shared offset */
    cwd_is(DIR);                         /* and its chdir did not move us */
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(close(cl), 0);
    CHECK_EQ(unlink("sub/marker"), 0);
    CHECK_EQ(rmdir("sub"), 0);
    PASS("exec: the working directory and open files stay, close-on-exec ones go");
}

static void pipe_eof_across_fork(void) {
    int fds[2];
    char buf[8];

    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    pid_t a = fork();
    if (a == 0) {
        close(fds[0]);
        _exit(write(fds[1], "one", 3) == 3 ? 0 : 1);
    }
    pid_t b = fork();
    if (b == 0) {
        close(fds[0]);
        _exit(write(fds[1], "two", 3) == 3 ? 0 : 1);
    }
    CHECK_EQ(close(fds[1]), 0);
    size_t got = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
        got += (size_t)n;
    CHECK_EQ(n, 0); /* end of file: both children and the parent closed their write ends */
    CHECK_EQ(got, 6);
    int status;
    CHECK_EQ(waitpid(a, &status, 0), a);
    CHECK_EXITED(status, 0);
    CHECK_EQ(waitpid(b, &status, 0), b);
    CHECK_EXITED(status, 0);
    CHECK_EQ(close(fds[0]), 0);
    PASS("a pipe between processes: end of file once every write end in every process is closed");
}

static void pipe_epipe_across_fork(void) {
    int fds[2];

    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        char c;
        _exit(read(fds[0], &c, 1) == 1 ? 0 : 1); /* reads one byte, then its read end goes */
    }
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(write(fds[1], "x", 1), 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    signal(SIGPIPE, SIG_IGN);
    CHECK_ERR(write(fds[1], "y", 1), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    /* Without the handler, the writer dies of SIGPIPE. */
    pid = fork();
    if (pid == 0) {
        write(fds[1], "z", 1);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGPIPE);
    CHECK_EQ(close(fds[1]), 0);
    PASS("a pipe between processes: EPIPE, and SIGPIPE, once the reader in the child is gone");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "exec") == 0)
        return exec_child(atoi(argv[2]));
    CHECK_EQ(mkdir(DIR, 0755), 0);
    CHECK_EQ(chdir(DIR), 0);
    cwd_across_fork();
    across_exec();
    pipe_eof_across_fork();
    pipe_epipe_across_fork();
    CHECK_EQ(chdir("/"), 0);
    CHECK_EQ(rmdir(DIR), 0);
    return done_testing();
}
