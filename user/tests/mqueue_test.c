/*
 * POSIX message queues: attributes, priorities (the oldest of the highest first), O_NONBLOCK and
 * EAGAIN, waiting senders and receivers, absolute timeouts, signals (EINTR, SA_RESTART),
 * descriptors shared with a forked child (O_NONBLOCK too), closed at exec, unlink while open,
 * select, and every error. A queue is left named at the end: the power-off check sees it freed.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/time.h>

#include "check.h"
#include "sleeping.h"

#define Q "/mq_test"

static mqd_t make(const char *name, int flags, long maxmsg, long msgsize) {
    struct mq_attr attr = {.mq_maxmsg = maxmsg, .mq_msgsize = msgsize};
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | flags, 0600, &attr);
    CHECK(q >= 0);
    return q;
}

static long curmsgs(mqd_t q) {
    struct mq_attr a;
    CHECK_EQ(mq_getattr(q, &a), 0);
    return a.mq_curmsgs;
}

static void expect(mqd_t q, const char *text, unsigned prio) {
    char buf[64];
    unsigned got_prio = 12345;
    ssize_t n = mq_receive(q, buf, sizeof(buf), &got_prio);
    CHECK_EQ(n, (long)strlen(text));
    CHECK_EQ(memcmp(buf, text, (size_t)n), 0);
    CHECK_EQ(got_prio, prio);
}

static struct timespec from_now(long ms) {
    struct timespec ts;
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
    ts.tv_nsec += ms % 1000 * 1000000;
    ts.tv_sec += ms / 1000 + ts.tv_nsec / 1000000000;
    ts.tv_nsec %= 1000000000;
    return ts;
}

static void attributes_and_priorities(void) {
    mqd_t q = make(Q, O_RDWR | O_NONBLOCK, 4, 64);
    struct mq_attr a;
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_flags, O_NONBLOCK);
    CHECK_EQ(a.mq_maxmsg, 4);
    CHECK_EQ(a.mq_msgsize, 64);
    CHECK_EQ(a.mq_curmsgs, 0);
    CHECK_EQ(fcntl(q, F_GETFD), FD_CLOEXEC); /* exec closes it */
    PASS("mq_open with attributes; mq_getattr; close-on-exec");

    CHECK_EQ(mq_send(q, "a", 1, 1), 0);
    CHECK_EQ(mq_send(q, "b", 1, 5), 0);
    CHECK_EQ(mq_send(q, "c", 1, 5), 0);
    CHECK_EQ(mq_send(q, "", 0, 0), 0);
    CHECK_EQ(curmsgs(q), 4);
    CHECK_ERR(mq_send(q, "e", 1, 9), EAGAIN); /* full */
    expect(q, "b", 5);
    expect(q, "c", 5);
    expect(q, "a", 1);
    expect(q, "", 0);
    char buf[64];
    CHECK_ERR(mq_receive(q, buf, sizeof(buf), NULL), EAGAIN); /* empty */
    PASS("the oldest message of the highest priority first; EAGAIN when full or empty (O_NONBLOCK)");

    /* mq_setattr: only O_NONBLOCK; the old attributes come back. */
    struct mq_attr nb = {.mq_flags = 0, .mq_maxmsg = 99}, old;
    CHECK_EQ(mq_setattr(q, &nb, &old), 0);
    CHECK_EQ(old.mq_flags, O_NONBLOCK);
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_flags, 0);
    CHECK_EQ(a.mq_maxmsg, 4); /* ignored */
    struct mq_attr bad = {.mq_flags = O_APPEND};
    CHECK_ERR(mq_setattr(q, &bad, NULL), EINVAL);
    CHECK_ERR(mq_setattr(q, &nb, (struct mq_attr *)0xC0000000), EFAULT);
    nb.mq_flags = O_NONBLOCK;
    CHECK_ERR(mq_setattr(q, &nb, (struct mq_attr *)0xC0000000), EFAULT);
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_flags, 0); /* the failed calls changed nothing */
    CHECK_EQ(mq_setattr(q, &nb, NULL), 0);
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_flags, O_NONBLOCK);
    PASS("mq_setattr sets O_NONBLOCK only; EINVAL; EFAULT before any change");
    CHECK_EQ(mq_close(q), 0);
    CHECK_ERR(mq_getattr(q, &a), EBADF);
    CHECK_EQ(mq_unlink(Q), 0);
}

static void on_alarm(int sig) {
    (void)sig;
}

static int alarms;
static void count_alarm(int sig) {
    (void)sig;
    alarms++;
}

static void waiting(void) {
    mqd_t q = make(Q, O_RDWR, 1, 16);
    char buf[16];
    int status;

    /* A receiver waits for a message. */
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        unsigned prio;
        ssize_t n = mq_receive(q, buf, sizeof(buf), &prio);
        _exit(n == 2 && memcmp(buf, "hi", 2) == 0 && prio == 3 ? 0 : 1);
    }
    wait_until_asleep(pid);
    CHECK_EQ(mq_send(q, "hi", 2, 3), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("mq_receive waits for a message; a forked child uses the parent's descriptor");

    /* A sender waits for room. */
    CHECK_EQ(mq_send(q, "1", 1, 0), 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(mq_send(q, "2", 1, 0) == 0 ? 0 : 1);
    wait_until_asleep(pid);
    CHECK_EQ(curmsgs(q), 1);
    expect(q, "1", 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    expect(q, "2", 0);
    PASS("mq_send waits for room");

    /* Absolute timeouts. */
    struct timespec ts = from_now(50);
    CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, &ts), ETIMEDOUT);
    struct timespec now = from_now(0);
    CHECK(now.tv_sec > ts.tv_sec || (now.tv_sec == ts.tv_sec && now.tv_nsec >= ts.tv_nsec)); /* never early */
    struct timespec past = {.tv_sec = 1, .tv_nsec = 0};
    CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, &past), ETIMEDOUT);
    struct timespec bad = {.tv_sec = 1, .tv_nsec = 1000000000};
    CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, &bad), EINVAL);
    CHECK_EQ(mq_timedsend(q, "x", 1, 0, &bad), 0); /* room: the time is not even looked at */
    CHECK_ERR(mq_timedsend(q, "y", 1, 0, &past), ETIMEDOUT);
    CHECK_ERR(mq_timedsend(q, "y", 1, 0, &bad), EINVAL);
    ts = from_now(30);
    CHECK_ERR(mq_timedsend(q, "y", 1, 0, &ts), ETIMEDOUT);
    CHECK_EQ(mq_timedreceive(q, buf, sizeof(buf), NULL, &bad), 1);
    CHECK_ERR(mq_timedreceive(q, buf, sizeof(buf), NULL, (struct timespec *)0xC0000000), EFAULT);
    PASS("absolute timeouts: ETIMEDOUT (never early), EINVAL only when it would wait, EFAULT");

    /* A handler without SA_RESTART interrupts the wait; with it, the wait goes on. */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct sigaction sa = {.sa_handler = on_alarm};
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        struct itimerval it = {.it_value = {.tv_usec = 30000}};
        setitimer(ITIMER_REAL, &it, NULL);
        ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);
        _exit(n == -1 && errno == EINTR ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct sigaction sa = {.sa_handler = count_alarm, .sa_flags = SA_RESTART};
        sigemptyset(&sa.sa_mask);
        sigaction(SIGALRM, &sa, NULL);
        struct itimerval it = {.it_value = {.tv_usec = 10000}};
        setitimer(ITIMER_REAL, &it, NULL);
        ssize_t n = mq_receive(q, buf, sizeof(buf), NULL);
        _exit(n == 1 && buf[0] == 'r' && alarms == 1 ? 0 : 1);
    }
    wait_until_asleep(pid);
    struct timespec pause_ts = {.tv_nsec = 60000000};
    nanosleep(&pause_ts, NULL); /* the alarm has come and gone */
    wait_until_asleep(pid);     /* asleep again: restarted */
    CHECK_EQ(mq_send(q, "r", 1, 0), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a handler interrupts a wait (EINTR); with SA_RESTART the call is made again");

    /* A forked child shares the open queue: its O_NONBLOCK is the parent's too. */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct mq_attr nb = {.mq_flags = O_NONBLOCK};
        _exit(mq_setattr(q, &nb, NULL) == 0 && mq_send(q, "c", 1, 7) == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    struct mq_attr a;
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_flags, O_NONBLOCK);
    expect(q, "c", 7);
    CHECK_ERR(mq_receive(q, buf, sizeof(buf), NULL), EAGAIN);
    PASS("fork: the child's descriptor is the same open queue (messages, O_NONBLOCK)");

    /* select: readable with a message, writable with room. */
    fd_set rd, wr;
    struct timeval zero = {0, 0};
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(q, &rd);
    FD_SET(q, &wr);
    CHECK_EQ(select(q + 1, &rd, &wr, NULL, &zero), 1);
    CHECK(!FD_ISSET(q, &rd) && FD_ISSET(q, &wr));
    CHECK_EQ(mq_send(q, "s", 1, 0), 0);
    FD_SET(q, &rd);
    FD_SET(q, &wr);
    CHECK_EQ(select(q + 1, &rd, &wr, NULL, &zero), 1);
    CHECK(FD_ISSET(q, &rd) && !FD_ISSET(q, &wr));
    PASS("select: readable with a message, writable with room");
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_unlink(Q), 0);
}

static void unlink_while_open(void) {
    mqd_t q = make(Q, O_RDWR | O_NONBLOCK, 2, 8);
    CHECK_EQ(mq_send(q, "kept", 4, 0), 0);
    mqd_t q2 = mq_open(Q, O_RDONLY);
    CHECK(q2 >= 0);
    expect(q2, "kept", 0); /* the same queue by its name */
    CHECK_EQ(mq_send(q, "more", 4, 1), 0);
    CHECK_EQ(mq_unlink(Q), 0);
    CHECK_ERR(mq_open(Q, O_RDWR), ENOENT);
    CHECK_ERR(mq_unlink(Q), ENOENT);
    mqd_t fresh = make(Q, O_RDWR | O_NONBLOCK, 2, 8); /* a new queue under the name */
    CHECK_EQ(curmsgs(fresh), 0);
    expect(q2, "more", 1); /* the old one still works through its descriptors */
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_close(q2), 0);
    CHECK_EQ(mq_close(fresh), 0);
    q = mq_open(Q, O_RDWR);
    CHECK(q >= 0); /* a name keeps a queue nobody has open */
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_unlink(Q), 0);
    PASS("unlink while open: the name goes, the queue stays for its descriptors; a name keeps a queue");
}

static void errors(void) {
    struct mq_attr a = {.mq_maxmsg = 2, .mq_msgsize = 8};
    char buf[16];

    CHECK_ERR(mq_open(Q, O_RDWR), ENOENT);
    CHECK_ERR(mq_open("mq_test", O_RDWR | O_CREAT, 0600, NULL), EINVAL);
    CHECK_ERR(mq_open("/mq/test", O_RDWR | O_CREAT, 0600, NULL), EINVAL);
    CHECK_ERR(mq_open("/", O_RDWR | O_CREAT, 0600, NULL), EINVAL);
    char long_name[80] = "/";
    memset(long_name + 1, 'n', 60);
    CHECK_ERR(mq_open(long_name, O_RDWR | O_CREAT, 0600, NULL), ENAMETOOLONG);
    long_name[60] = '\0'; /* 59 bytes after the slash: NAME_MAX */
    mqd_t q = mq_open(long_name, O_RDWR | O_CREAT, 0600, NULL);
    CHECK(q >= 0);
    CHECK_EQ(mq_getattr(q, &a), 0);
    CHECK_EQ(a.mq_maxmsg, MQ_MAXMSG_DEFAULT);
    CHECK_EQ(a.mq_msgsize, MQ_MSGSIZE_DEFAULT);
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_unlink(long_name), 0);
    CHECK_ERR(mq_open(Q, O_ACCMODE | O_CREAT, 0600, NULL), EINVAL);
    CHECK_ERR(mq_open((const char *)0xC0000000, O_RDWR), EFAULT);
    struct mq_attr bad[] = {{.mq_maxmsg = 0, .mq_msgsize = 8},
                            {.mq_maxmsg = 2, .mq_msgsize = 0},
                            {.mq_maxmsg = MQ_MAXMSG_MAX + 1, .mq_msgsize = 8},
                            {.mq_maxmsg = 2, .mq_msgsize = MQ_MSGSIZE_MAX + 1},
                            {.mq_maxmsg = -1, .mq_msgsize = 8}};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_ERR(mq_open(Q, O_RDWR | O_CREAT, 0600, &bad[i]), EINVAL);
    CHECK_ERR(mq_open(Q, O_RDWR | O_CREAT, 0600, (struct mq_attr *)0xC0000000), EFAULT);
    CHECK_ERR(mq_open(Q, O_RDWR), ENOENT); /* none of those made it */
    PASS("mq_open: ENOENT, EINVAL (names, access mode, attributes), ENAMETOOLONG, EFAULT; defaults");

    a = (struct mq_attr){.mq_maxmsg = 2, .mq_msgsize = 8};
    mqd_t w = mq_open(Q, O_WRONLY | O_CREAT | O_EXCL | O_NONBLOCK, 0600, &a);
    CHECK(w >= 0);
    CHECK_ERR(mq_open(Q, O_RDWR | O_CREAT | O_EXCL, 0600, &a), EEXIST);
    mqd_t r = mq_open(Q, O_RDONLY | O_CREAT | O_NONBLOCK, 0600, NULL); /* exists: attr unused */
    CHECK(r >= 0);
    CHECK_ERR(mq_send(w, "123456789", 9, 0), EMSGSIZE);
    CHECK_ERR(mq_send(w, "1", 1, MQ_PRIO_MAX), EINVAL);
    CHECK_ERR(mq_send(r, "1", 1, 0), EBADF);
    CHECK_ERR(mq_send(99, "1", 1, 0), EBADF);
    CHECK_ERR(mq_send(0, "1", 1, 0), EBADF); /* not a queue */
    CHECK_ERR(mq_send(w, (const char *)0xC0000000, 4, 0), EFAULT);
    CHECK_EQ(curmsgs(w), 0);
    CHECK_EQ(mq_send(w, "12345678", 8, 0), 0);
    CHECK_ERR(mq_receive(r, buf, 7, NULL), EMSGSIZE);
    CHECK_ERR(mq_receive(w, buf, sizeof(buf), NULL), EBADF);
    CHECK_ERR(mq_receive(r, (char *)0xC0000000, 8, NULL), EFAULT);
    CHECK_ERR(mq_receive(r, buf, sizeof(buf), (unsigned *)0xC0000000), EFAULT);
    CHECK_EQ(curmsgs(r), 1); /* still there */
    CHECK_EQ(mq_receive(r, buf, sizeof(buf), NULL), 8);
    CHECK_ERR(mq_getattr(0, &a), EBADF);
    CHECK_ERR(mq_getattr(r, (struct mq_attr *)0xC0000000), EFAULT);
    CHECK_ERR(read(r, buf, 1), EINVAL);
    CHECK_EQ(mq_notify(r, NULL), 0); /* nothing registered, nothing removed (mq_notify_test) */
    CHECK_EQ(mq_close(w), 0);
    CHECK_EQ(mq_close(r), 0);
    CHECK_ERR(mq_close(r), EBADF);
    CHECK_ERR(mq_unlink("no_slash"), EINVAL);
    CHECK_EQ(mq_unlink(Q), 0);
    PASS("send/receive: EMSGSIZE, EINVAL, EBADF, EFAULT (nothing sent, nothing lost); EEXIST");

    /* The system holds MQ_QUEUES_MAX queues. */
    char name[16];
    int made = 0;
    for (int i = 0; i < MQ_QUEUES_MAX + 1; i++) {
        snprintf(name, sizeof(name), "/mq_many%d", i);
        mqd_t m = mq_open(name, O_RDWR | O_CREAT, 0600, &a);
        if (m < 0) {
            CHECK_EQ(errno, ENOSPC);
            break;
        }
        CHECK_EQ(mq_close(m), 0);
        made++;
    }
    CHECK(made > 0 && made <= MQ_QUEUES_MAX);
    for (int i = 0; i < made; i++) {
        snprintf(name, sizeof(name), "/mq_many%d", i);
        CHECK_EQ(mq_unlink(name), 0);
    }
    PASS("ENOSPC past the system's queues");
}

int main(void) {
    attributes_and_priorities();
    waiting();
    unlink_while_open();
    errors();
    /* Left behind on purpose: a named queue ends with the system (the power-off check). */
    mqd_t left = make("/mq_test_left", O_RDWR, 2, 8);
    CHECK_EQ(mq_send(left, "bye", 3, 0), 0);
    CHECK_EQ(mq_close(left), 0);
    return done_testing();
}
