/*
 * select (POSIX <sys/select.h>): pipes readable with data or at end of file, writable with room
 * or with no reader; the console; timeouts (never short, zero for a look, none); a handler ends
 * the wait with EINTR; and every error. Times are measured with CLOCK_MONOTONIC.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/select.h>

#define MS 1000000LL

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int ready(int fd, bool write, long usec) {
    fd_set set;
    FD_ZERO(&set);
    FD_SET(fd, &set);
    struct timeval tv = {usec / 1000000, usec % 1000000};
    int n = select(fd + 1, write ? NULL : &set, write ? &set : NULL, NULL, &tv);
    CHECK(n >= 0);
    CHECK_EQ(n, FD_ISSET(fd, &set));
    return n;
}

static void test_pipes(void) {
    int p[2];
    CHECK_EQ(pipe(p), 0);

    CHECK_EQ(ready(p[0], false, 0), 0);
    CHECK_EQ(ready(p[1], true, 0), 1);
    CHECK_EQ(ready(p[1], false, 0), 0); /* the write end never reads */
    CHECK_EQ(ready(p[0], true, 0), 0);  /* nor the read end writes */
    CHECK_EQ(write(p[1], "x", 1), 1);
    CHECK_EQ(ready(p[0], false, 0), 1);
    char c;
    CHECK_EQ(read(p[0], &c, 1), 1);
    CHECK_EQ(ready(p[0], false, 0), 0);
    PASS("a pipe's read end is ready with data, its write end with room");

    /* Full: not writable until a byte is read. */
    CHECK_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
    char buf[512];
    memset(buf, 'y', sizeof(buf));
    while (write(p[1], buf, sizeof(buf)) > 0)
        ;
    CHECK_EQ(errno, EAGAIN);
    CHECK_EQ(ready(p[1], true, 0), 0);
    CHECK_EQ(read(p[0], &c, 1), 1);
    CHECK_EQ(ready(p[1], true, 0), 1);
    PASS("a full pipe is not writable, and is again after a read");

    /* Both sets at once, and the count is of bits. */
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    FD_SET(p[0], &wr);
    struct timeval zero = {0, 0};
    CHECK_EQ(select(p[1] + 1, &rd, &wr, NULL, &zero), 2);
    CHECK(FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr) && !FD_ISSET(p[0], &wr));
    PASS("select counts ready bits across the sets and clears the others");

    /* No writer left: end of file is readable. No reader left: a write fails at once (EPIPE),
     * so the write end is writable. */
    CHECK_EQ(close(p[1]), 0);
    CHECK_EQ(ready(p[0], false, 0), 1);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(ready(p[1], true, 0), 1);
    CHECK_EQ(close(p[1]), 0);
    PASS("end of file is readable; a pipe with no reader is writable");
}

static void test_waiting(void) {
    int p[2];
    CHECK_EQ(pipe(p), 0);

    /* A timeout: 0 after at least that long, the set emptied. */
    long long start = now_ns();
    CHECK_EQ(ready(p[0], false, 150000), 0);
    long long took = now_ns() - start;
    CHECK(took >= 150 * MS && took < 1000 * MS);
    struct timeval tv = {0, 120000};
    start = now_ns();
    CHECK_EQ(select(0, NULL, NULL, NULL, &tv), 0);
    took = now_ns() - start;
    CHECK(took >= 120 * MS && took < 1000 * MS);
    CHECK(tv.tv_sec == 0 && tv.tv_usec == 120000); /* left as it was */
    PASS("a timeout is waited out in full; select(0, ...) sleeps");

    /* No timeout: until a writer (a child, 200 ms later) makes it readable. */
    start = now_ns();
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec nap = {0, 200 * MS};
        nanosleep(&nap, NULL);
        _exit(write(p[1], "z", 1) == 1 ? 0 : 1);
    }
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, NULL), 1);
    took = now_ns() - start;
    CHECK(FD_ISSET(p[0], &rd));
    CHECK(took >= 200 * MS && took < 2000 * MS);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("select without a timeout wakes when another process writes");

    /* The last writer's close wakes it too (end of file). */
    char c;
    CHECK_EQ(read(p[0], &c, 1), 1);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec nap = {0, 100 * MS};
        nanosleep(&nap, NULL);
        _exit(0);
    }
    CHECK_EQ(close(p[1]), 0); /* the child holds the last write end, until it exits */
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv = (struct timeval){5, 0};
    CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &tv), 1);
    CHECK_EQ(read(p[0], &c, 1), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(close(p[0]), 0);
    PASS("the last writer's exit wakes a select on the read end");
}

static volatile int alarms;

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
}

static void test_interrupted(void) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART; /* select is not restarted all the same */
    CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
    struct itimerval it = {{0, 0}, {0, 100000}};
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    long long start = now_ns();
    CHECK_ERR(select(p[0] + 1, &rd, NULL, NULL, NULL), EINTR);
    CHECK(now_ns() - start >= 100 * MS);
    CHECK_EQ(alarms, 1);
    CHECK(FD_ISSET(p[0], &rd)); /* unchanged on failure */
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(close(p[1]), 0);
    PASS("a handler ends select with EINTR, the sets unchanged");
}

static void test_others(void) {
    int null = open("/dev/null", O_RDWR);
    CHECK(null >= 0);
    CHECK_EQ(ready(null, false, 0), 1);
    CHECK_EQ(ready(null, true, 0), 1);
    CHECK_EQ(close(null), 0);
    int file = open("/select_file", O_RDWR | O_CREAT, 0644);
    CHECK(file >= 0);
    CHECK_EQ(ready(file, false, 0), 1);
    CHECK_EQ(ready(file, true, 0), 1);
    CHECK_EQ(close(file), 0);
    CHECK_EQ(unlink("/select_file"), 0);
    /* The console (descriptor 0, nothing typed): not readable, always writable. */
    CHECK_EQ(ready(0, false, 0), 0);
    CHECK_EQ(ready(1, true, 0), 1);
    CHECK_EQ(ready(0, false, 50000), 0);
    /* The harness types a line after this prompt; select wakes for it, long before its timeout
     * (20 s: a watchdog; a select the line does not wake returns only then). */
    printf("select_test: type now\n");
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(0, &rd);
    struct timeval tv = {20, 0};
    long long start = now_ns();
    CHECK_EQ(select(1, &rd, NULL, NULL, &tv), 1);
    CHECK(now_ns() - start < 15000 * MS);
    CHECK(FD_ISSET(0, &rd));
    char line[16] = {0};
    CHECK_EQ(read(0, line, sizeof(line) - 1), 6);
    CHECK(strcmp(line, "typed\n") == 0);
    CHECK_EQ(ready(0, false, 0), 0);
    PASS("regular files and /dev/null are always ready; the console is writable, readable once a line is typed");
}

static void test_errors(void) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    fd_set rd, copy;
    struct timeval zero = {0, 0};
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);

    CHECK_ERR(select(-1, &rd, NULL, NULL, &zero), EINVAL);
    CHECK_ERR(select(INT32_MIN, &rd, NULL, NULL, &zero), EINVAL);
    CHECK_ERR(select(FD_SETSIZE + 1, &rd, NULL, NULL, &zero), EINVAL);
    CHECK_ERR(select(INT32_MAX, &rd, NULL, NULL, &zero), EINVAL);
    static const struct timeval bad[] = {{0, 1000000}, {0, -1}, {-1, 0}, {INT32_MIN, 0}};
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct timeval tv = bad[i];
        CHECK_ERR(select(p[0] + 1, &rd, NULL, NULL, &tv), EINVAL);
    }
    PASS("select: EINVAL for nfds out of 0..FD_SETSIZE and for a bad timeout");

    copy = rd;
    FD_SET(30, &rd); /* not open */
    CHECK_ERR(select(31, &rd, NULL, NULL, &zero), EBADF);
    CHECK(FD_ISSET(30, &rd) && FD_ISSET(p[0], &rd)); /* unchanged */
    CHECK_ERR(select(31, NULL, NULL, &rd, &zero), EBADF);
    FD_ZERO(&rd);
    FD_SET(1000, &rd);
    CHECK_ERR(select(FD_SETSIZE, &rd, NULL, NULL, &zero), EBADF);
    /* Bits at or above nfds are not looked at. */
    rd = copy;
    FD_SET(30, &rd);
    CHECK_EQ(select(p[0] + 1, &rd, NULL, NULL, &zero), 0);
    PASS("select: EBADF for a descriptor that is not open; bits past nfds ignored");

    CHECK_ERR(select(p[0] + 1, (fd_set *)0xC0000000, NULL, NULL, &zero), EFAULT);
    CHECK_ERR(select(p[0] + 1, NULL, (fd_set *)1, NULL, &zero), EFAULT);
    CHECK_ERR(select(p[0] + 1, NULL, NULL, (fd_set *)0xFFFFFFF0, &zero), EFAULT);
    rd = copy;
    CHECK_ERR(select(p[0] + 1, &rd, NULL, NULL, (struct timeval *)0xC0000000), EFAULT);
    /* A set in the last bytes below the kernel: only the words nfds needs are read. */
    CHECK_EQ(select(0, (fd_set *)0xBFFFFFFF, NULL, NULL, &zero), 0);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(close(p[1]), 0);
    PASS("select: EFAULT for sets and timeouts it cannot read");
}

int main(void) {
    test_pipes();
    test_waiting();
    test_interrupted();
    test_others();
    test_errors();
    return done_testing();
}
