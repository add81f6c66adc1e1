/*
 * Threads and the process around them: a thread blocked in a system call does not block the
 * others; fork from a thread gives a child with that one thread (and pthread_atfork's handlers
 * run in order); exit() from any thread ends them all; the main thread's pthread_exit leaves the
 * others running and the last one's end is exit(0); pthread_kill reaches the thread it names,
 * pthread_sigmask is the calling thread's own, and a process-directed signal goes to a thread
 * that does not block it.
 * Compare with Linux: `gcc -m32 -pthread pthread_process_test.c && qemu-i386 ./a.out`.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static int fds[2];

static void *blocked_reader(void *arg) {
    (void)arg;
    char c = 0;
    if (read(fds[0], &c, 1) != 1)
        return NULL;
    return (void *)(intptr_t)c;
}

static volatile int spins;
static void *spinner(void *arg) {
    (void)arg;
    for (int i = 0; i < 100; i++) {
        spins++;
        sched_yield();
    }
    return NULL;
}

static void test_blocked_syscall(void) {
    CHECK_EQ(pipe(fds), 0);
    pthread_t r, s;
    CHECK_EQ(pthread_create(&r, NULL, blocked_reader, NULL), 0);
    CHECK_EQ(pthread_create(&s, NULL, spinner, NULL), 0);
    CHECK_EQ(pthread_join(s, NULL), 0); /* ran to its end while the reader sleeps in read */
    CHECK_EQ(spins, 100);
    printf("    # main and another thread ran while one slept in read()\n");
    CHECK_EQ(write(fds[1], "x", 1), 1);
    void *got;
    CHECK_EQ(pthread_join(r, &got), 0);
    CHECK_EQ((intptr_t)got, 'x');
    close(fds[0]);
    close(fds[1]);
    PASS("a thread asleep in read() does not stop the others; the write wakes it");
}

static int order[8], norder;
static void prepare1(void) {
    order[norder++] = 1;
}
static void prepare2(void) {
    order[norder++] = 2;
}
static void parent1(void) {
    order[norder++] = 3;
}
static void parent2(void) {
    order[norder++] = 4;
}
static void child1(void) {
    order[norder++] = 5;
}
static void child2(void) {
    order[norder++] = 6;
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static volatile int holder_ready, holder_release;

static void *holder(void *arg) {
    (void)arg;
    pthread_mutex_lock(&held);
    holder_ready = 1;
    while (!holder_release)
        sched_yield();
    pthread_mutex_unlock(&held);
    return NULL;
}

static void *forker(void *arg) {
    (void)arg;
    pid_t pid = fork();
    if (pid == 0) {
        /* One thread here: ours. malloc and stdio work (their locks were not left held). */
        char *p = malloc(100);
        if (!p)
            _exit(10);
        snprintf(p, 100, "child of a thread");
        if (order[2] != 5 || order[3] != 6)
            _exit(11);
        pthread_t t;
        if (pthread_create(&t, NULL, spinner, NULL) != 0 || pthread_join(t, NULL) != 0)
            _exit(12);
        if (pthread_mutex_trylock(&held) != EBUSY) /* its holder is not here: still locked */
            _exit(13);
        exit(7);
    }
    int status = -1;
    if (waitpid(pid, &status, 0) != pid)
        return (void *)-1;
    return (void *)(intptr_t)status;
}

static void test_fork_from_thread(void) {
    CHECK_EQ(pthread_atfork(prepare1, parent1, child1), 0);
    CHECK_EQ(pthread_atfork(prepare2, parent2, child2), 0);
    pthread_t h, f;
    CHECK_EQ(pthread_create(&h, NULL, holder, NULL), 0);
    while (!holder_ready)
        sched_yield();
    fflush(stdout);
    CHECK_EQ(pthread_create(&f, NULL, forker, NULL), 0);
    void *status;
    CHECK_EQ(pthread_join(f, &status), 0);
    CHECK_EXITED((int)(intptr_t)status, 7);
    holder_release = 1;
    CHECK_EQ(pthread_join(h, NULL), 0);
    CHECK_EQ(norder, 4);
    CHECK(order[0] == 2 && order[1] == 1 && order[2] == 3 && order[3] == 4);
    PASS("fork from a thread: the child runs with one thread, malloc/stdio usable; atfork order");
}

static void *exit_fn(void *arg) {
    (void)arg;
    exit(3);
}

static void *forever(void *arg) {
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static void exit_child(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, forever, NULL);
    pthread_create(&b, NULL, exit_fn, NULL);
    for (;;)
        pause(); /* exit in b ends us too */
}

static void *last_fn(void *arg) {
    (void)arg;
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    printf("    # last thread ends\n");
    return NULL;
}

static void main_exits_child(void) {
    pthread_t t;
    pthread_create(&t, NULL, last_fn, NULL);
    pthread_exit(NULL); /* the process lives on in t, then exits 0 */
}

static void test_exit(void) {
    CHECK_EXITED(run_in_child(exit_child), 3);
    PASS("exit() in one thread ends every thread, with its status");
    CHECK_EXITED(run_in_child(main_exits_child), 0);
    PASS("main's pthread_exit: the others run on; the last thread's end is exit(0)");
}

static volatile pthread_t handled_by;
static volatile int handled;
static void on_usr1(int sig) {
    (void)sig;
    handled_by = pthread_self();
    handled++;
}

static void *raiser(void *arg) {
    /* raise is directed at the calling thread: while it blocks the signal, the signal waits for it
     * even though main does not block it (a kill() of the process would go to main). */
    (void)arg;
    sigset_t s, pending;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    if (pthread_sigmask(SIG_BLOCK, &s, NULL) != 0 || raise(SIGUSR1) != 0)
        return (void *)1;
    sched_yield();
    if (handled != 0 || sigpending(&pending) != 0 || !sigismember(&pending, SIGUSR1))
        return (void *)2;
    pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* delivered here, before this returns */
    if (handled != 1)
        return (void *)3;
    return NULL;
}

static volatile int target_ready;
static void *target_fn(void *arg) {
    (void)arg;
    target_ready = 1;
    while (!handled)
        sched_yield();
    return NULL;
}

static volatile int unblocked_ready;
static void *unblocked_fn(void *arg) {
    /* Unblocks SIGUSR1 in itself only (it started with its creator's mask, which blocks it). */
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    if (pthread_sigmask(SIG_UNBLOCK, &s, NULL) != 0)
        return (void *)1;
    unblocked_ready = 1;
    while (!handled)
        sched_yield();
    return NULL;
}

static void *still_blocked_fn(void *arg) {
    (void)arg;
    sigset_t now;
    pthread_sigmask(SIG_BLOCK, NULL, &now);
    if (!sigismember(&now, SIGUSR1)) /* the creator's mask, inherited */
        return (void *)1;
    while (!handled)
        sched_yield();
    return NULL;
}

static void test_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);

    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, target_fn, NULL), 0);
    while (!target_ready)
        sched_yield();
    CHECK_EQ(pthread_kill(t, SIGUSR1), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
    CHECK_EQ(handled, 1);
    CHECK(pthread_equal(handled_by, t));
    handled = 0;
    void *rr;
    CHECK_EQ(pthread_create(&t, NULL, raiser, NULL), 0);
    CHECK_EQ(pthread_join(t, &rr), 0);
    CHECK(rr == NULL);
    CHECK_EQ(handled, 1);
    CHECK(pthread_equal(handled_by, t)); /* raise is the caller's own */
    CHECK_EQ(pthread_kill(pthread_self(), 0), 0);
    CHECK_EQ(pthread_kill(pthread_self(), 999), EINVAL);
    PASS("pthread_kill and raise run the handler in the thread they name; signal 0 checks, EINVAL");

    /* Main and one thread block SIGUSR1, a third unblocks it in itself only: a kill() of the
     * process is handled there. */
    sigset_t s, old;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    handled = 0;
    CHECK_EQ(pthread_sigmask(SIG_BLOCK, &s, &old), 0);
    pthread_t blocked, unblocked;
    CHECK_EQ(pthread_create(&blocked, NULL, still_blocked_fn, NULL), 0);
    CHECK_EQ(pthread_create(&unblocked, NULL, unblocked_fn, NULL), 0);
    while (!unblocked_ready)
        sched_yield();
    CHECK_EQ(kill(getpid(), SIGUSR1), 0);
    void *r1, *r2;
    CHECK_EQ(pthread_join(unblocked, &r1), 0);
    CHECK_EQ(pthread_join(blocked, &r2), 0);
    CHECK(r1 == NULL && r2 == NULL);
    CHECK_EQ(handled, 1);
    CHECK(pthread_equal(handled_by, unblocked));
    sigset_t now;
    CHECK_EQ(pthread_sigmask(SIG_SETMASK, &old, &now), 0);
    CHECK(sigismember(&now, SIGUSR1)); /* the other thread's unblock was its own */
    CHECK_EQ(handled, 1);              /* nothing was left pending for main */
    CHECK_EQ(pthread_sigmask(99, &s, NULL), EINVAL);
    PASS("pthread_sigmask is per thread; kill() reaches the thread that does not block it");
}

int main(void) {
    test_blocked_syscall();
    test_fork_from_thread();
    test_exit();
    test_signals();
    return done_testing();
}
