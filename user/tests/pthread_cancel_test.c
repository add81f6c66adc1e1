/*
 * Cancellation points in blocking calls (XSH 2.9.5): a thread asleep in read, write, nanosleep,
 * pause, sigsuspend, sigwait, sigtimedwait, waitpid, fcntl(F_SETLKW), mq_receive, mq_send,
 * select, pthread_join or sem_wait when pthread_cancel comes wakes, runs its cleanup handlers
 * and ends with PTHREAD_CANCELED. A thread asleep elsewhere (a mutex) is left alone, and so is
 * one whose cancellation is disabled, which ends at its next point once it enables it again. A
 * call that moved data returns it: nothing taken is lost. A call restarted after an SA_RESTART
 * handler is still a cancellation point. Many rounds leave nothing behind (the power-off report
 * counts it).
 */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <sys/procinfo.h>
#include <sys/select.h>

#include "check.h"
#include "sleeping.h"

static volatile int target_tid;   /* the thread under test, once it is about to block */
static volatile int cleanup_runs; /* its cleanup handler's runs */
static int fds[2];                /* a pipe the blocking calls use */

static void note_cleanup(void *arg) {
    (void)arg;
    cleanup_runs++;
}

/* The state of thread `tid` of this process (ABI_PROC_*), or 0 if it is not there. */
static unsigned thread_state(int tid) {
    static struct abi_procinfo info[64];
    int n = procinfo(info, 64);
    CHECK(n > 0 && n <= 64);
    for (int i = 0; i < n; i++) {
        if (info[i].pid == getpid() && info[i].tid == tid)
            return info[i].thread_state;
    }
    return 0;
}

/* Waits until the thread under test has announced itself and sleeps in the kernel. */
static void wait_asleep(const char *what) {
    for (int i = 0; i < 2000 && !target_tid; i++)
        usleep(1000);
    if (!target_tid)
        FAIL("%s: the thread never started", what);
    wait_until_asleep(target_tid);
}

/* Cancels `t`, which sleeps in `what`, and expects it to end cancelled, its cleanup run once. */
static void cancel_and_join(pthread_t t, const char *what) {
    wait_asleep(what);
    CHECK_EQ(pthread_cancel(t), 0);
    /* Before, the thread slept on: give it 3 s, then fail (exit ends the sleeper too). */
    for (int i = 0; i < 300 && cleanup_runs == 0; i++)
        usleep(10000);
    if (cleanup_runs == 0)
        FAIL("%s: the thread still sleeps 3 s after pthread_cancel", what);
    void *r = NULL;
    CHECK_EQ(pthread_join(t, &r), 0);
    if (r != PTHREAD_CANCELED)
        FAIL("%s: the thread ended with %p, not PTHREAD_CANCELED", what, r);
    CHECK_EQ(cleanup_runs, 1);
}

/* ---- one thread per kind of blocking call ---- */

enum blocker {
    B_READ,
    B_WRITE,
    B_NANOSLEEP,
    B_SLEEP,
    B_PAUSE,
    B_SIGSUSPEND,
    B_SIGWAIT,
    B_SIGTIMEDWAIT,
    B_WAITPID,
    B_SETLKW,
    B_MQ_RECEIVE,
    B_MQ_SEND,
    B_SELECT,
    B_JOIN,
    B_SEM_WAIT,
    B_COUNT
};

static const char *const blocker_name[B_COUNT] = {
    "read",    "write",    "nanosleep",  "sleep",   "pause",  "sigsuspend",   "sigwait",  "sigtimedwait",
    "waitpid", "F_SETLKW", "mq_receive", "mq_send", "select", "pthread_join", "sem_wait",
};

static pid_t helper;     /* a child process the waitpid and F_SETLKW cases wait on */
static int helper_go[2]; /* a byte here lets it end */
static int lock_fd;      /* the file it holds a lock on */
static mqd_t empty_q, full_q;
static pthread_t sleeper; /* the thread the join case joins */
static sem_t zero_sem;

static void *block_in(void *arg) {
    enum blocker b = (enum blocker)(intptr_t)arg;
    char c = 0;
    sigset_t set;
    struct timespec long_time = {30, 0};
    int sig;
    pthread_cleanup_push(note_cleanup, NULL);
    target_tid = gettid();
    switch (b) {
    case B_READ:
        read(fds[0], &c, 1);
        break;
    case B_WRITE:
        write(fds[1], &c, 1); /* the pipe is full */
        break;
    case B_NANOSLEEP:
        nanosleep(&long_time, NULL);
        break;
    case B_SLEEP:
        sleep(30);
        break;
    case B_PAUSE:
        pause();
        break;
    case B_SIGSUSPEND:
        sigemptyset(&set);
        sigsuspend(&set);
        break;
    case B_SIGWAIT:
        sigemptyset(&set);
        sigaddset(&set, SIGUSR2); /* blocked in every thread (main) */
        sigwait(&set, &sig);
        break;
    case B_SIGTIMEDWAIT:
        sigemptyset(&set);
        sigaddset(&set, SIGUSR2);
        sigtimedwait(&set, NULL, &long_time);
        break;
    case B_WAITPID:
        waitpid(helper, NULL, 0);
        break;
    case B_SETLKW: {
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
        fcntl(lock_fd, F_SETLKW, &fl);
        break;
    }
    case B_MQ_RECEIVE: {
        char buf[16];
        mq_receive(empty_q, buf, sizeof(buf), NULL);
        break;
    }
    case B_MQ_SEND:
        mq_send(full_q, "x", 1, 0);
        break;
    case B_SELECT: {
        fd_set r;
        FD_ZERO(&r);
        FD_SET(fds[0], &r);
        select(fds[0] + 1, &r, NULL, NULL, NULL);
        break;
    }
    case B_JOIN:
        pthread_join(sleeper, NULL);
        break;
    case B_SEM_WAIT:
        sem_wait(&zero_sem);
        break;
    case B_COUNT:
        break;
    }
    pthread_cleanup_pop(0);
    return (void *)(intptr_t)b; /* came back: not what is expected */
}

/* A thread that sleeps in read until cancelled (the join case's target). */
static void *read_forever(void *arg) {
    (void)arg;
    char c;
    for (;;)
        read(fds[0], &c, 1);
    return NULL;
}

/* A child that holds a write lock on lock_fd's first byte until a byte comes on helper_go. */
static void start_helper(void) {
    int ready[2];
    CHECK_EQ(pipe(ready), 0);
    CHECK_EQ(pipe(helper_go), 0);
    fflush(stdout);
    helper = fork();
    CHECK(helper >= 0);
    if (helper == 0) {
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
        char c;
        if (fcntl(lock_fd, F_SETLK, &fl) != 0)
            _exit(2);
        write(ready[1], "r", 1);
        read(helper_go[0], &c, 1);
        _exit(0);
    }
    char c;
    CHECK_EQ(read(ready[0], &c, 1), 1);
    close(ready[0]);
    close(ready[1]);
}

static void end_helper(void) {
    int status;
    CHECK_EQ(write(helper_go[1], "g", 1), 1);
    CHECK_EQ(waitpid(helper, &status, 0), helper);
    CHECK_EXITED(status, 0);
    close(helper_go[0]);
    close(helper_go[1]);
}

static void cancel_each_blocking_call(void) {
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &usr2, NULL), 0); /* the threads inherit it */

    CHECK_EQ(pipe(fds), 0);
    lock_fd = open("/tmp/cancel_lock", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(lock_fd >= 0);
    struct mq_attr attr = {.mq_maxmsg = 1, .mq_msgsize = 16};
    empty_q = mq_open("/cancel_empty", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    full_q = mq_open("/cancel_full", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    CHECK(empty_q != (mqd_t)-1 && full_q != (mqd_t)-1);
    CHECK_EQ(mq_send(full_q, "f", 1, 0), 0);
    CHECK_EQ(sem_init(&zero_sem, 0, 0), 0);

    for (int b = 0; b < B_COUNT; b++) {
        pthread_t t;
        target_tid = 0;
        cleanup_runs = 0;
        if (b == B_WRITE) { /* fill the pipe, so that one more byte waits */
            CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
            while (write(fds[1], "f", 1) == 1)
                ;
            CHECK_EQ(errno, EAGAIN);
            CHECK_EQ(fcntl(fds[1], F_SETFL, 0), 0);
        }
        if (b == B_WAITPID || b == B_SETLKW)
            start_helper();
        if (b == B_JOIN) {
            CHECK_EQ(pthread_create(&sleeper, NULL, read_forever, NULL), 0);
        }
        CHECK_EQ(pthread_create(&t, NULL, block_in, (void *)(intptr_t)b), 0);
        cancel_and_join(t, blocker_name[b]);
        if (b == B_WRITE) { /* empty it again */
            CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
            char buf[256];
            while (read(fds[0], buf, sizeof(buf)) > 0)
                ;
            CHECK_EQ(fcntl(fds[0], F_SETFL, 0), 0);
        }
        if (b == B_WAITPID || b == B_SETLKW)
            end_helper();
        if (b == B_JOIN) {
            CHECK_EQ(pthread_cancel(sleeper), 0); /* the target itself, asleep in read */
            void *r;
            CHECK_EQ(pthread_join(sleeper, &r), 0);
            CHECK(r == PTHREAD_CANCELED);
        }
    }
    CHECK_EQ(sem_destroy(&zero_sem), 0);
    CHECK_EQ(mq_close(empty_q), 0);
    CHECK_EQ(mq_close(full_q), 0);
    CHECK_EQ(mq_unlink("/cancel_empty"), 0);
    CHECK_EQ(mq_unlink("/cancel_full"), 0);
    CHECK_EQ(close(lock_fd), 0);
    CHECK_EQ(unlink("/tmp/cancel_lock"), 0);
    CHECK_EQ(sigprocmask(SIG_UNBLOCK, &usr2, NULL), 0);
    PASS("a thread asleep in read, write, nanosleep, sleep, pause, sigsuspend, sigwait, sigtimedwait, "
         "waitpid, fcntl(F_SETLKW), mq_receive, mq_send, select, pthread_join or sem_wait is cancelled, "
         "its cleanup run");
}

/* ---- disabled cancellation, and sleeps that are not cancellation points ---- */

static volatile int got;
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *disabled_reader(void *arg) {
    (void)arg;
    char c;
    pthread_cleanup_push(note_cleanup, NULL);
    CHECK_EQ(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL), 0);
    target_tid = gettid();
    got = (int)read(fds[0], &c, 1); /* cancelled meanwhile, but disabled: the byte comes */
    CHECK_EQ(pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL), 0);
    /* The next cancellation point acts, before its call does anything. */
    open("/tmp/cancel_never", O_RDWR | O_CREAT, 0600);
    got = -100;
    pthread_cleanup_pop(0);
    return NULL;
}

static void *mutex_locker(void *arg) {
    (void)arg;
    char c;
    pthread_cleanup_push(note_cleanup, NULL);
    target_tid = gettid();
    pthread_mutex_lock(&held); /* not a cancellation point: it waits for the mutex */
    got = 1;
    pthread_mutex_unlock(&held);
    read(fds[0], &c, 1); /* is one: ends here, though a byte waits */
    got = -100;
    pthread_cleanup_pop(0);
    return NULL;
}

static void disabled_and_non_points_left_alone(void) {
    pthread_t t;
    void *r;
    char c;

    target_tid = 0;
    cleanup_runs = 0;
    got = 0;
    CHECK_EQ(pthread_create(&t, NULL, disabled_reader, NULL), 0);
    wait_asleep("disabled read");
    CHECK_EQ(pthread_cancel(t), 0);
    usleep(50000);
    CHECK_EQ(thread_state(target_tid), ABI_PROC_SLEEPING); /* still in its read */
    CHECK_EQ(cleanup_runs, 0);
    CHECK_EQ(write(fds[1], "d", 1), 1);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    CHECK_EQ(got, 1);
    CHECK_EQ(cleanup_runs, 1);
    CHECK_ERR(access("/tmp/cancel_never", F_OK), ENOENT);

    target_tid = 0;
    cleanup_runs = 0;
    got = 0;
    CHECK_EQ(pthread_mutex_lock(&held), 0);
    CHECK_EQ(pthread_create(&t, NULL, mutex_locker, NULL), 0);
    wait_asleep("mutex lock");
    CHECK_EQ(pthread_cancel(t), 0);
    usleep(50000);
    CHECK_EQ(thread_state(target_tid), ABI_PROC_SLEEPING); /* still waits for the mutex */
    CHECK_EQ(cleanup_runs, 0);
    CHECK_EQ(write(fds[1], "m", 1), 1);
    CHECK_EQ(pthread_mutex_unlock(&held), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    CHECK_EQ(got, 1);
    CHECK_EQ(cleanup_runs, 1);
    CHECK_EQ(read(fds[0], &c, 1), 1); /* the byte its read never took */
    CHECK_EQ(c, 'm');
    PASS("disabled cancellation leaves a read alone and acts at the next point once enabled; a "
         "thread waiting for a mutex is not cancelled there");
}

/* ---- data moved before the cancel is returned, not lost ---- */

#define BIG (3 * PIPE_BUF)
static char big[BIG];
static volatile long written; /* what the writer's write returned */

static void *big_writer(void *arg) {
    (void)arg;
    target_tid = gettid();
    written = write(fds[1], big, BIG); /* moves some, then sleeps for room */
    pthread_testcancel();
    written = -100;
    return NULL;
}

static void *restarted_reader(void *arg) {
    (void)arg;
    char c;
    pthread_cleanup_push(note_cleanup, NULL);
    target_tid = gettid();
    read(fds[0], &c, 1); /* interrupted by SIGUSR1 (SA_RESTART): made again, still a point */
    pthread_cleanup_pop(0);
    return NULL;
}

static volatile int usr1_runs;
static void on_usr1(int sig) {
    (void)sig;
    usr1_runs++;
}

static void moved_data_returned_and_restarts_still_points(void) {
    pthread_t t;
    void *r;

    memset(big, 'b', sizeof(big));
    target_tid = 0;
    written = 0;
    CHECK_EQ(pthread_create(&t, NULL, big_writer, NULL), 0);
    wait_asleep("big write"); /* the pipe is full: it moved PIPE_BUF bytes and waits */
    char buf[512];
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), (long)sizeof(buf)); /* room: it moves more, waits again */
    wait_asleep("big write, again");
    CHECK_EQ(pthread_cancel(t), 0);
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    /* Its write returned what it moved, and all of that is in the pipe or was read. */
    long drained = sizeof(buf);
    CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
    for (long n; (n = read(fds[0], buf, sizeof(buf))) > 0;)
        drained += n;
    CHECK_EQ(fcntl(fds[0], F_SETFL, 0), 0);
    CHECK(written > PIPE_BUF && written < BIG);
    CHECK_EQ(drained, written);

    struct sigaction sa = {.sa_handler = on_usr1, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    target_tid = 0;
    cleanup_runs = 0;
    CHECK_EQ(pthread_create(&t, NULL, restarted_reader, NULL), 0);
    wait_asleep("read before the signal");
    CHECK_EQ(pthread_kill(t, SIGUSR1), 0);
    for (int i = 0; i < 1000 && !usr1_runs; i++)
        usleep(1000);
    CHECK_EQ(usr1_runs, 1);
    cancel_and_join(t, "read restarted after SA_RESTART");
    sa.sa_handler = SIG_DFL;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    PASS("a write cancelled after it moved bytes returns their count, none lost; a read restarted "
         "after an SA_RESTART handler is still a cancellation point");
}

/* ---- a race: bytes and the cancel come together, many times ---- */

static volatile long taken;

static void *racing_reader(void *arg) {
    (void)arg;
    char buf[8];
    for (;;) {
        long n = read(fds[0], buf, sizeof(buf));
        if (n > 0)
            taken += n; /* read returned them: they count, whatever comes next */
    }
    return NULL;
}

static void cancel_races_with_data(void) {
    long sent = 0;
    taken = 0;
    for (int round = 0; round < 300; round++) {
        pthread_t t;
        void *r;
        CHECK_EQ(pthread_create(&t, NULL, racing_reader, NULL), 0);
        for (int i = 0; i < round % 4; i++)
            sched_yield();
        int n = 1 + round % 5;
        CHECK_EQ(write(fds[1], "abcde", (size_t)n), n);
        sent += n;
        if (round % 3)
            sched_yield();
        CHECK_EQ(pthread_cancel(t), 0);
        CHECK_EQ(pthread_join(t, &r), 0);
        CHECK(r == PTHREAD_CANCELED);
    }
    char buf[64];
    long left = 0;
    CHECK_EQ(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
    for (long n; (n = read(fds[0], buf, sizeof(buf))) > 0;)
        left += n;
    CHECK_EQ(fcntl(fds[0], F_SETFL, 0), 0);
    CHECK_EQ(taken + left, sent);
    PASS("300 rounds of bytes and a cancel racing to a reader: every byte read or still in the pipe");
}

/* ---- a condition wait woken and cancelled keeps the wake-up ---- */

static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int tokens;            /* under cm */
static volatile int taken_by; /* 1 or 2: the waiter that took the token */
static volatile int waiter_tid[3];

static void unlock_cm(void *arg) {
    (void)arg;
    pthread_mutex_unlock(&cm);
}

static void *token_waiter(void *arg) {
    int me = (int)(intptr_t)arg;
    pthread_mutex_lock(&cm);
    pthread_cleanup_push(unlock_cm, NULL);
    waiter_tid[me] = gettid();
    while (tokens == 0)
        pthread_cond_wait(&cv, &cm);
    tokens--;
    taken_by = me;
    pthread_cleanup_pop(1);
    pthread_testcancel(); /* the first waiter's request acts here, after it took the token */
    return NULL;
}

static void wait_tid_asleep(volatile int *tid) {
    while (!*tid)
        sched_yield();
    wait_until_asleep(*tid);
}

static void woken_waiter_keeps_the_wakeup(void) {
    pthread_t a, b;
    void *r;
    tokens = 0;
    taken_by = 0;
    waiter_tid[1] = waiter_tid[2] = 0;
    CHECK_EQ(pthread_create(&a, NULL, token_waiter, (void *)1), 0);
    wait_tid_asleep(&waiter_tid[1]); /* first in the futex's queue: the signal wakes it */
    CHECK_EQ(pthread_create(&b, NULL, token_waiter, (void *)2), 0);
    wait_tid_asleep(&waiter_tid[2]);
    /* One token and one signal, and a cancel for the woken waiter before it runs. */
    CHECK_EQ(pthread_mutex_lock(&cm), 0);
    tokens = 1;
    CHECK_EQ(pthread_cond_signal(&cv), 0);
    CHECK_EQ(pthread_cancel(a), 0);
    CHECK_EQ(pthread_mutex_unlock(&cm), 0);
    CHECK_EQ(pthread_join(a, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    /* Its wait returned normally and it took the token; had it ended inside the wait, the
     * wake-up would be gone with it and the token would wait with b forever. */
    for (int i = 0; i < 1000 && !taken_by; i++)
        usleep(1000);
    CHECK_EQ(taken_by, 1);
    CHECK_EQ(pthread_cancel(b), 0); /* asleep in its wait: cancelled there */
    CHECK_EQ(pthread_join(b, &r), 0);
    CHECK(r == PTHREAD_CANCELED);
    CHECK_EQ(tokens, 0);
    PASS("a condition waiter woken by a signal and then cancelled returns from the wait and takes "
         "the token: the wake-up is not lost with it");
}

int main(void) {
    cancel_each_blocking_call();
    disabled_and_non_points_left_alone();
    moved_data_returned_and_restarts_still_points();
    cancel_races_with_data();
    woken_waiter_keeps_the_wakeup();
    close(fds[0]);
    close(fds[1]);
    return done_testing();
}
