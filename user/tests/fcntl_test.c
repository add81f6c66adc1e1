/*
 * fcntl: the close-on-exec flag (F_GETFD, F_SETFD), the file's status flags (F_GETFL, F_SETFL:
 * O_APPEND and O_NONBLOCK change, the rest stays), and F_DUPFD / F_DUPFD_CLOEXEC; errors EBADF,
 * EINVAL, EMFILE, with nothing changed when a call fails.
 */
#include <fcntl.h>

#include "check.h"

#define FD_MAX 32

static void close_on_exec_flag(void) {
    int fd = open("/bin/init", O_RDONLY), cl = open("/bin/init", O_RDONLY | O_CLOEXEC);

    CHECK(fd >= 0 && cl >= 0);
    CHECK_EQ(fcntl(fd, F_GETFD), 0);
    CHECK_EQ(fcntl(cl, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(fcntl(fd, F_SETFD, 0), 0);
    CHECK_EQ(fcntl(fd, F_GETFD), 0);
    CHECK_EQ(fcntl(fd, F_SETFD, 7), 0); /* only FD_CLOEXEC means anything */
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(fcntl(cl, F_GETFD), FD_CLOEXEC); /* the flag is the descriptor's, not the file's */
    int d = dup(fd);
    CHECK(d >= 0);
    CHECK_EQ(fcntl(d, F_GETFD), 0);
    CHECK_EQ(close(d), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(close(cl), 0);
    CHECK_ERR(fcntl(fd, F_GETFD), EBADF);
    CHECK_ERR(fcntl(fd, F_SETFD, FD_CLOEXEC), EBADF);
    CHECK_ERR(fcntl(-1, F_GETFD), EBADF);
    CHECK_ERR(fcntl(FD_MAX, F_GETFD), EBADF);
    PASS("F_GETFD and F_SETFD: the close-on-exec flag of one descriptor");
}

static void status_flags(void) {
    int fds[2];
    char c;

    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY);
    CHECK_EQ(fcntl(fds[1], F_GETFL), O_WRONLY);
    CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
    CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY | O_NONBLOCK);
    CHECK_ERR(read(fds[0], &c, 1), EAGAIN); /* it takes effect */
    int d = dup(fds[0]);
    CHECK_EQ(fcntl(d, F_GETFL), O_RDONLY | O_NONBLOCK); /* shared by the open file's descriptors */
    CHECK_EQ(close(d), 0);
    CHECK_EQ(fcntl(fds[0], F_SETFL, 0), 0);
    CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY);
    /* The access mode and the open-time flags are not status flags: ignored. */
    CHECK_EQ(fcntl(fds[0], F_SETFL, O_RDWR | O_CREAT | O_TRUNC | O_EXCL | O_APPEND), 0);
    CHECK_EQ(fcntl(fds[0], F_GETFL), O_RDONLY | O_APPEND);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);

    /* O_APPEND set later moves every write to the end. */
    int fd = open("/fcntl_test.data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(fcntl(fd, F_GETFL), O_RDWR);
    CHECK_EQ(write(fd, "abc", 3), 3);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(fcntl(fd, F_SETFL, O_APPEND), 0);
    CHECK_EQ(write(fd, "d", 1), 1);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
    CHECK_EQ(fcntl(fd, F_SETFL, 0), 0);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(write(fd, "A", 1), 1);
    char buf[4];
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, buf, 4), 4);
    CHECK_EQ(memcmp(buf, "Abcd", 4), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/fcntl_test.data"), 0);
    CHECK_ERR(fcntl(fd, F_GETFL), EBADF);
    CHECK_ERR(fcntl(fd, F_SETFL, 0), EBADF);
    PASS("F_GETFL and F_SETFL: O_APPEND and O_NONBLOCK change, shared by dup; the rest stays");
}

static void dupfd(void) {
    int fd = open("/bin/init", O_RDONLY | O_CLOEXEC);
    struct stat a, b;

    CHECK_EQ(fd, 3);
    int d = fcntl(fd, F_DUPFD, 10);
    CHECK_EQ(d, 10);
    CHECK_EQ(fcntl(d, F_GETFD), 0); /* F_DUPFD: not close-on-exec */
    CHECK_EQ(fstat(fd, &a), 0);
    CHECK_EQ(fstat(d, &b), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(lseek(fd, 7, SEEK_SET), 7);
    CHECK_EQ(lseek(d, 0, SEEK_CUR), 7);   /* the same open file */
    CHECK_EQ(fcntl(fd, F_DUPFD, 10), 11); /* the lowest free at or above */
    int c = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    CHECK_EQ(c, 4);
    CHECK_EQ(fcntl(c, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(fcntl(fd, F_DUPFD, FD_MAX - 1), FD_MAX - 1);
    CHECK_ERR(fcntl(fd, F_DUPFD, FD_MAX - 1), EMFILE);
    CHECK_ERR(fcntl(fd, F_DUPFD, FD_MAX), EINVAL);
    CHECK_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
    CHECK_ERR(fcntl(FD_MAX + 5, F_DUPFD, 0), EBADF);
    CHECK_ERR(fcntl(fd, 99), EINVAL);
    CHECK_ERR(fcntl(fd, -1), EINVAL);
    for (int i = 3; i < FD_MAX; i++)
        close(i);
    /* A full table: F_DUPFD fails with EMFILE and takes nothing. */
    while (dup(0) >= 0)
        ;
    CHECK_EQ(errno, EMFILE);
    CHECK_ERR(fcntl(0, F_DUPFD, 0), EMFILE);
    CHECK_ERR(fcntl(0, F_DUPFD_CLOEXEC, 5), EMFILE);
    for (int i = 3; i < FD_MAX; i++)
        close(i);
    CHECK_EQ(lowest_free_fd(), 3);
    PASS("F_DUPFD and F_DUPFD_CLOEXEC: the lowest free descriptor from arg; EMFILE, EINVAL, EBADF");
}

int main(void) {
    close_on_exec_flag();
    status_flags();
    dupfd();
    return done_testing();
}
