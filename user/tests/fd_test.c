/* Descriptors: the table's bounds, dup/dup2 and close-on-exec across execve, getcwd's buffer. */
#include <fcntl.h>
#include <limits.h>
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

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "after-exec") == 0)
        return check_after_exec(atoi(argv[2]), atoi(argv[3]));
    bounds();
    cloexec_across_exec(argv[0]);
    getcwd_buffer();
    seek_limits();
    return done_testing();
}
