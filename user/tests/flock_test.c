/*
 * POSIX record locks through fcntl (F_GETLK, F_SETLK, F_SETLKW): read locks share, write locks
 * exclude other processes; a process's own locks never stop it and are replaced over their range
 * (cut, split); fork does not inherit them; closing any descriptor of the file or exiting releases
 * them; F_SETLKW waits, is interrupted by a handler, and refuses a deadlock; every error.
 * Another process's view is a child's, which checks and exits 0.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>

#include "check.h"
#include "sleeping.h"

#define PATH "/tmp/flock_test.dat"

static int fd; /* PATH, open for reading and writing, 100 bytes */

static int lock(int f, int cmd, int type, int whence, off_t start, off_t len) {
    struct flock fl = {.l_type = (short)type, .l_whence = (short)whence, .l_start = start, .l_len = len};
    return fcntl(f, cmd, &fl);
}

/* What F_GETLK says of a lock of `type` over [start, start + len). */
static struct flock probe(int type, off_t start, off_t len) {
    struct flock fl = {.l_type = (short)type, .l_whence = SEEK_SET, .l_start = start, .l_len = len, .l_pid = -7};
    CHECK_EQ(fcntl(fd, F_GETLK, &fl), 0);
    return fl;
}

/* Runs fn in a child (another lock owner) and expects it to exit 0. */
static void other(void (*fn)(void)) {
    CHECK_EXITED(run_in_child(fn), 0);
}

static pid_t parent;

static void sees_parent_write_lock(void) {
    struct flock fl = probe(F_WRLCK, 1, 99);
    CHECK_EQ(fl.l_type, F_WRLCK);
    CHECK_EQ(fl.l_whence, SEEK_SET);
    CHECK_EQ(fl.l_start, 0);
    CHECK_EQ(fl.l_len, 100);
    CHECK_EQ(fl.l_pid, parent);
    fl = probe(F_RDLCK, 50, 1);
    CHECK_EQ(fl.l_type, F_WRLCK);
    /* fork did not give the child the lock: taking it fails. */
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10), EAGAIN);
    CHECK_ERR(lock(fd, F_SETLK, F_RDLCK, SEEK_SET, 99, 1), EAGAIN);
    /* Past it, all is free. */
    fl = probe(F_WRLCK, 100, 0);
    CHECK_EQ(fl.l_type, F_UNLCK);
    CHECK_EQ(fl.l_pid, -7); /* F_UNLCK changes only l_type */
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 100, 50), 0);
}

static void sees_read_lock(void) {
    CHECK_EQ(probe(F_RDLCK, 0, 100).l_type, F_UNLCK); /* read locks share */
    CHECK_EQ(lock(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 100), 0);
    struct flock fl = probe(F_WRLCK, 0, 0);
    CHECK_EQ(fl.l_type, F_RDLCK);
    CHECK_EQ(fl.l_pid, parent);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EAGAIN);
}

static void sees_hole(void) {
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 40, 20), 0); /* the hole the parent cut */
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 39, 1), EAGAIN);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 60, 1), EAGAIN);
    struct flock fl = probe(F_WRLCK, 60, 0);
    CHECK_EQ(fl.l_start, 60);
    CHECK_EQ(fl.l_len, 40);
}

static void sees_nothing(void) {
    CHECK_EQ(probe(F_WRLCK, 0, 0).l_type, F_UNLCK);
}

static void sees_relative_ranges(void) {
    struct flock fl = probe(F_WRLCK, 45, 1);
    CHECK_EQ(fl.l_type, F_WRLCK);
    CHECK_EQ(fl.l_start, 40); /* SEEK_CUR at 50, length -10 */
    CHECK_EQ(fl.l_len, 10);
    CHECK_EQ(probe(F_WRLCK, 50, 49).l_type, F_UNLCK);
    fl = probe(F_WRLCK, 5000, 1);
    CHECK_EQ(fl.l_start, 99); /* SEEK_END - 1, to the end of the file and beyond */
    CHECK_EQ(fl.l_len, 0);
}

static void holds_and_exits(void) {
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0), 0);
}

static void basic_cases(void) {
    CHECK_EQ(probe(F_WRLCK, 0, 0).l_type, F_UNLCK);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100), 0);
    CHECK_EQ(probe(F_WRLCK, 0, 0).l_type, F_UNLCK); /* one's own locks never stand in the way */
    other(sees_parent_write_lock);
    PASS("F_GETLK shows another's lock; F_SETLK gives EAGAIN; fork does not inherit locks");

    CHECK_EQ(lock(fd, F_SETLK, F_RDLCK, SEEK_SET, 0, 100), 0); /* replaces the write lock */
    other(sees_read_lock);
    PASS("a read lock replaces one's write lock; read locks share, a write lock is refused");

    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 100), 0);
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 40, 20), 0); /* splits it in two */
    other(sees_hole);
    PASS("unlocking the middle of a lock splits it");

    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
    other(sees_nothing);
    PASS("F_UNLCK to the end releases everything");

    CHECK_EQ(lseek(fd, 50, SEEK_SET), 50);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_CUR, 0, -10), 0);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_END, -1, 0), 0);
    other(sees_relative_ranges);
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
    PASS("SEEK_CUR, SEEK_END, a negative length, length 0 to the end of the file");
}

static void close_cases(void) {
    /* Another descriptor of the same file, by name: closing it releases the locks taken by fd. */
    int other_fd = open(PATH, O_RDONLY);
    CHECK(other_fd >= 0);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    CHECK_EQ(close(other_fd), 0);
    other(sees_nothing);
    PASS("closing any descriptor of the file releases the process's locks");

    int dup_fd = dup(fd);
    CHECK(dup_fd >= 0);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    CHECK_EQ(close(dup_fd), 0);
    other(sees_nothing);
    /* dup2 over a descriptor of the file closes it too. */
    dup_fd = dup(fd);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    CHECK_EQ(dup2(0, dup_fd), dup_fd);
    other(sees_nothing);
    CHECK_EQ(close(dup_fd), 0);
    PASS("closing a dup, or dup2 over one, releases them too");

    other(holds_and_exits);
    CHECK_EQ(probe(F_WRLCK, 0, 0).l_type, F_UNLCK);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0), 0);
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
    PASS("exit releases a process's locks");
}

static void on_alarm(int sig) {
    (void)sig;
}

static void wait_cases(void) {
    int ready[2], got[2];
    CHECK_EQ(pipe(ready), 0);
    CHECK_EQ(pipe(got), 0);
    CHECK_EQ(fcntl(got[0], F_SETFL, O_NONBLOCK), 0);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (write(ready[1], "r", 1) != 1 || lock(fd, F_SETLKW, F_RDLCK, SEEK_SET, 5, 1) != 0)
            _exit(1);
        _exit(write(got[1], "g", 1) == 1 ? 0 : 2);
    }
    char c;
    CHECK_EQ(read(ready[0], &c, 1), 1);
    wait_until_asleep(pid);
    CHECK_ERR(read(got[0], &c, 1), EAGAIN); /* still waiting */
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(read(got[0], &c, 1), 1);
    PASS("F_SETLKW waits until the lock in the way goes");

    /* A handler without SA_RESTART ends the wait with EINTR. */
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct sigaction sa = {.sa_handler = on_alarm};
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        struct itimerval it = {.it_value = {.tv_usec = 50000}};
        setitimer(ITIMER_REAL, &it, NULL);
        int r = lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 1);
        _exit(r == -1 && errno == EINTR ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
    PASS("F_SETLKW fails with EINTR when a handler runs");

    /* Deadlock: the child holds 10..19 and waits for 0..9, which we hold; we ask for 10..19. */
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10), 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 10, 10) != 0 || write(ready[1], "r", 1) != 1)
            _exit(1);
        _exit(lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 0, 10) == 0 ? 0 : 2);
    }
    CHECK_EQ(read(ready[0], &c, 1), 1);
    wait_until_asleep(pid); /* in F_SETLKW, waiting for us */
    CHECK_ERR(lock(fd, F_SETLKW, F_WRLCK, SEEK_SET, 10, 10), EDEADLK);
    CHECK_EQ(probe(F_WRLCK, 0, 10).l_type, F_UNLCK);          /* our lock is unchanged (our own) */
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 10), 0); /* the child gets it and exits */
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("F_SETLKW refuses a deadlock with EDEADLK");
    close(ready[0]);
    close(ready[1]);
    close(got[0]);
    close(got[1]);
}

static void error_cases(void) {
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    CHECK_ERR(fcntl(99, F_SETLK, &fl), EBADF);
    CHECK_ERR(fcntl(-1, F_GETLK, &fl), EBADF);
    int ro = open(PATH, O_RDONLY), wo = open(PATH, O_WRONLY);
    CHECK(ro >= 0 && wo >= 0);
    CHECK_ERR(lock(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EBADF);
    CHECK_ERR(lock(wo, F_SETLKW, F_RDLCK, SEEK_SET, 0, 1), EBADF);
    CHECK_EQ(lock(ro, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), 0);
    CHECK_EQ(lock(wo, F_SETLK, F_UNLCK, SEEK_SET, 0, 1), 0); /* unlocking needs no access */
    CHECK_EQ(lock(wo, F_GETLK, F_RDLCK, SEEK_SET, 0, 1), 0); /* nor does asking */
    close(ro);
    close(wo);
    PASS("EBADF: a bad descriptor, a lock the access mode does not allow");

    CHECK_ERR(lock(fd, F_SETLK, 7, SEEK_SET, 0, 1), EINVAL);
    CHECK_ERR(lock(fd, F_GETLK, F_UNLCK, SEEK_SET, 0, 1), EINVAL);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, 3, 0, 1), EINVAL);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, -1, 1), EINVAL);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, -6), EINVAL);
    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_END, -101, 1), EINVAL);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_ERR(lock(p[1], F_SETLK, F_WRLCK, SEEK_SET, 0, 1), EINVAL);
    close(p[0]);
    close(p[1]);
    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK(dir >= 0);
    CHECK_ERR(lock(dir, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EINVAL);
    close(dir);
    PASS("EINVAL: type, F_GETLK of F_UNLCK, whence, a start before 0, a pipe, a directory");

    CHECK_ERR(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0x7FFFFFFF, 2), EOVERFLOW);
    CHECK_EQ(lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0x7FFFFFFF, 1), 0);
    CHECK_EQ(lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0), 0);
    CHECK_ERR(fcntl(fd, F_SETLK, (struct flock *)0xC0000000), EFAULT);
    CHECK_ERR(fcntl(fd, F_GETLK, (struct flock *)8), EFAULT);
    other(sees_nothing); /* nothing failed half way */
    PASS("EOVERFLOW past INT32_MAX, EFAULT; failures change nothing");
}

int main(void) {
    parent = getpid();
    fd = open(PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    char buf[100] = {0};
    CHECK_EQ(write(fd, buf, sizeof(buf)), 100);
    basic_cases();
    close_cases();
    wait_cases();
    error_cases();
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink(PATH), 0);
    return done_testing();
}
