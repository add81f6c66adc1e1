/*
 * mq_notify: one registered process per queue (EBUSY for a second, the registrant too), told once
 * by SIGEV_SIGNAL (si_code SI_MESGQ, si_value, the sender's pid and uid) or SIGEV_NONE when a
 * message arrives on the empty queue and no receiver waits, then unregistered; NULL, mq_close and
 * the registrant's end remove the registration; the errors.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <signal.h>

#include "check.h"
#include "sleeping.h"

static const char *const NAME = "/notify_test";
static sigset_t usr1;

static mqd_t open_queue(void) {
    struct mq_attr attr = {.mq_maxmsg = 4, .mq_msgsize = 16};
    mqd_t q = mq_open(NAME, O_RDWR | O_CREAT, 0600, &attr);
    CHECK(q != (mqd_t)-1);
    return q;
}

static struct sigevent by_signal(int sig, int value) {
    struct sigevent ev;
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = sig;
    ev.sigev_value.sival_int = value;
    return ev;
}

/* Is SIGUSR1 pending? Takes it, with its siginfo. */
static int took_usr1(siginfo_t *info) {
    struct timespec none = {0, 0};
    int r = sigtimedwait(&usr1, info, &none);
    CHECK(r == SIGUSR1 || (r == -1 && errno == EAGAIN));
    return r == SIGUSR1;
}

static void drain(mqd_t q) {
    char buf[16];
    struct mq_attr a;
    CHECK_EQ(mq_getattr(q, &a), 0);
    for (long i = 0; i < a.mq_curmsgs; i++)
        CHECK_EQ(mq_receive(q, buf, sizeof(buf), NULL), 1);
}

static void signal_once_on_empty(void) {
    mqd_t q = open_queue();
    siginfo_t info;
    struct sigevent ev = by_signal(SIGUSR1, 42);
    CHECK_EQ(mq_notify(q, &ev), 0);
    CHECK(!took_usr1(&info));
    CHECK_EQ(mq_send(q, "a", 1, 0), 0);
    CHECK(took_usr1(&info));
    CHECK_EQ(info.si_code, SI_MESGQ);
    CHECK_EQ(info.si_value.sival_int, 42);
    CHECK_EQ(info.si_pid, getpid());
    CHECK_EQ(info.si_uid, getuid());
    /* Used once: the next arrival on the empty queue tells nobody. */
    drain(q);
    CHECK_EQ(mq_send(q, "b", 1, 0), 0);
    CHECK(!took_usr1(&info));
    /* Only an arrival on the empty queue: registered with a message in it, the next says nothing. */
    CHECK_EQ(mq_notify(q, &ev), 0);
    CHECK_EQ(mq_send(q, "c", 1, 0), 0);
    CHECK(!took_usr1(&info));
    drain(q);
    CHECK_EQ(mq_send(q, "d", 1, 0), 0);
    CHECK(took_usr1(&info));
    drain(q);
    CHECK_EQ(mq_close(q), 0);
    PASS("SIGEV_SIGNAL: once, when a message arrives on the empty queue, SI_MESGQ, si_value, sender");
}

static void one_registration(void) {
    mqd_t q = open_queue();
    struct sigevent ev = by_signal(SIGUSR1, 1), none = {.sigev_notify = SIGEV_NONE};
    siginfo_t info;
    CHECK_EQ(mq_notify(q, &ev), 0);
    CHECK_ERR(mq_notify(q, &ev), EBUSY); /* the registrant too */
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        mqd_t c = mq_open(NAME, O_RDWR);
        int busy = mq_notify(c, &none) == -1 && errno == EBUSY;
        int kept = mq_notify(c, NULL) == 0; /* not its registration: nothing happens */
        _exit(busy && kept && mq_close(c) == 0 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_ERR(mq_notify(q, &ev), EBUSY); /* the child's NULL and mq_close left ours */
    CHECK_EQ(mq_notify(q, NULL), 0);
    CHECK_EQ(mq_send(q, "a", 1, 0), 0);
    CHECK(!took_usr1(&info));
    drain(q);

    /* SIGEV_NONE registers (EBUSY for others), fires silently and is gone. */
    CHECK_EQ(mq_notify(q, &none), 0);
    CHECK_ERR(mq_notify(q, &ev), EBUSY);
    CHECK_EQ(mq_send(q, "b", 1, 0), 0);
    CHECK(!took_usr1(&info));
    CHECK_EQ(mq_notify(q, &ev), 0);
    CHECK_EQ(mq_notify(q, NULL), 0);
    drain(q);

    /* A registrant's end and its mq_close take the registration with them. */
    fflush(stdout);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        mqd_t c = mq_open(NAME, O_RDWR);
        _exit(mq_notify(c, &none) == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(mq_notify(q, &ev), 0);
    mqd_t again = open_queue();
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_notify(again, &ev), 0);
    CHECK_EQ(mq_close(again), 0);
    PASS("one registration per queue: EBUSY (the registrant too), NULL removes only one's own, "
         "SIGEV_NONE, the registrant's end and mq_close remove it");
}

static mqd_t shared_q;
static volatile pid_t receiver_tid;
static void *receiver(void *arg) {
    char buf[16];
    receiver_tid = gettid();
    *(ssize_t *)arg = mq_receive(shared_q, buf, sizeof(buf), NULL);
    return NULL;
}

static void receiver_waiting_takes_it(void) {
    shared_q = open_queue();
    struct sigevent ev = by_signal(SIGUSR1, 7);
    siginfo_t info;
    pthread_t t;
    ssize_t got = 0;
    receiver_tid = 0;
    CHECK_EQ(mq_notify(shared_q, &ev), 0);
    CHECK_EQ(pthread_create(&t, NULL, receiver, &got), 0);
    while (!receiver_tid)
        sched_yield();
    wait_until_asleep(receiver_tid); /* in mq_receive */
    CHECK_EQ(mq_send(shared_q, "r", 1, 0), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    CHECK_EQ(got, 1);
    CHECK(!took_usr1(&info)); /* the receiver took it: no notification, still registered */
    CHECK_EQ(mq_send(shared_q, "s", 1, 0), 0);
    CHECK(took_usr1(&info));
    CHECK_EQ(info.si_value.sival_int, 7);
    drain(shared_q);
    CHECK_EQ(mq_close(shared_q), 0);
    PASS("a receiver waiting takes the message: no notification, and the registration stays");
}

static void errors(void) {
    mqd_t q = open_queue();
    struct sigevent ev = by_signal(0, 0);
    CHECK_ERR(mq_notify(q, &ev), EINVAL);
    ev = by_signal(NSIG, 0);
    CHECK_ERR(mq_notify(q, &ev), EINVAL);
    ev.sigev_notify = SIGEV_THREAD;
    CHECK_ERR(mq_notify(q, &ev), EINVAL);
    ev.sigev_notify = 99;
    CHECK_ERR(mq_notify(q, &ev), EINVAL);
    ev = by_signal(SIGUSR1, 0);
    CHECK_ERR(mq_notify(q, (struct sigevent *)0xC0000000), EFAULT);
    CHECK_ERR(mq_notify(99, &ev), EBADF);
    CHECK_ERR(mq_notify(1, &ev), EBADF); /* the console: not a queue */
    CHECK_EQ(mq_notify(q, &ev), 0);      /* nothing was registered by the failures */
    CHECK_EQ(mq_close(q), 0);
    CHECK_EQ(mq_unlink(NAME), 0);
    PASS("EINVAL for a bad signal or kind (SIGEV_THREAD is not offered), EFAULT, EBADF");
}

/* A registrant that ends without mq_close: its registration goes with it, not to the next process
 * that gets its pid (pids wrap at 32,768: forked until one comes back). Before, that process
 * found itself registered (EBUSY, and the signal of another's registration). */
static void pid_reused(void) {
    mqd_t q = open_queue();
    struct sigevent none = {.sigev_notify = SIGEV_NONE};
    int status;

    fflush(stdout);
    pid_t registrant = fork();
    CHECK(registrant >= 0);
    if (registrant == 0)
        _exit(mq_notify(q, &none) == 0 ? 0 : 1); /* and ends registered */
    CHECK_EQ(waitpid(registrant, &status, 0), registrant);
    CHECK_EXITED(status, 0);
    int tries = 0;
    for (;;) {
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            if (getpid() != registrant)
                _exit(2);
            _exit(mq_notify(q, &none) == 0 && mq_notify(q, NULL) == 0 ? 0 : 1);
        }
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK(WIFEXITED(status));
        if (WEXITSTATUS(status) != 2)
            break;
        CHECK(++tries < 40000);
    }
    CHECK_EXITED(status, 0);
    CHECK_EQ(mq_close(q), 0);
    PASS("a registrant's end takes its registration: the next process with its pid is not registered");
}

int main(void) {
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
    signal_once_on_empty();
    one_registration();
    receiver_waiting_takes_it();
    errors();
    pid_reused();
    return done_testing();
}
