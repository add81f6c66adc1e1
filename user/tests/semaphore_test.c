/*
 * POSIX semaphores (<semaphore.h>): unnamed ones between threads and, in MAP_SHARED memory,
 * between processes; named ones (sem_open) shared with a forked child, the same name opened twice,
 * O_EXCL, a name unlinked while open; and every error path.
 * Compare with Linux: `gcc -m32 -pthread semaphore_test.c && qemu-i386 ./a.out`.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "sleeping.h"

static sem_t items, slots;
static volatile int produced[500];

static void *post_fn(void *arg) {
    (void)arg;
    for (int i = 0; i < 500; i++) {
        if (sem_wait(&slots) != 0)
            return (void *)1;
        produced[i] = 1;
        if (sem_post(&items) != 0)
            return (void *)2;
    }
    return NULL;
}

static void test_unnamed(void) {
    int v = -1;
    CHECK_EQ(sem_init(&items, 0, 0), 0);
    CHECK_EQ(sem_init(&slots, 0, 3), 0);
    CHECK_EQ(sem_getvalue(&slots, &v), 0);
    CHECK_EQ(v, 3);
    CHECK_ERR(sem_trywait(&items), EAGAIN);
    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, post_fn, NULL), 0);
    for (int i = 0; i < 500; i++) {
        CHECK_EQ(sem_wait(&items), 0);
        CHECK(produced[i]);
        CHECK_EQ(sem_post(&slots), 0);
    }
    void *r;
    CHECK_EQ(pthread_join(t, &r), 0);
    CHECK(r == NULL);
    CHECK_EQ(sem_getvalue(&items, &v), 0);
    CHECK_EQ(v, 0);
    CHECK_EQ(sem_destroy(&items), 0);
    CHECK_EQ(sem_destroy(&slots), 0);
    PASS("sem_wait/sem_post between two threads: 500 items through 3 slots");

    sem_t s;
    CHECK_ERR(sem_init(&s, 0, (unsigned)SEM_VALUE_MAX + 1), EINVAL);
    CHECK_EQ(sem_init(&s, 0, SEM_VALUE_MAX), 0);
    CHECK_ERR(sem_post(&s), EOVERFLOW);
    CHECK_EQ(sem_init(&s, 0, 0), 0);
    struct timespec abs, now;
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &abs), 0);
    abs.tv_nsec += 20 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000L) {
        abs.tv_nsec -= 1000000000L;
        abs.tv_sec++;
    }
    CHECK_ERR(sem_timedwait(&s, &abs), ETIMEDOUT);
    CHECK_EQ(clock_gettime(CLOCK_REALTIME, &now), 0);
    CHECK(now.tv_sec > abs.tv_sec || (now.tv_sec == abs.tv_sec && now.tv_nsec >= abs.tv_nsec));
    struct timespec bad = {abs.tv_sec, -1};
    CHECK_ERR(sem_timedwait(&s, &bad), EINVAL);
    PASS("sem_init EINVAL, sem_post EOVERFLOW, sem_timedwait ETIMEDOUT and EINVAL");
}

static volatile int alarmed;
static void on_alarm(int sig) {
    (void)sig;
    alarmed = 1;
}

static void test_eintr(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_alarm; /* no SA_RESTART: POSIX has sem_wait fail with EINTR */
    CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
    sem_t s;
    CHECK_EQ(sem_init(&s, 0, 0), 0);
    alarm(1);
    CHECK_ERR(sem_wait(&s), EINTR);
    CHECK(alarmed);
    PASS("a handler interrupts sem_wait: EINTR");
}

/*
 * sem_wait is an interruptible function (it may fail with EINTR): after a handler with SA_RESTART
 * it goes on waiting instead (POSIX sigaction), and a post then ends it; sem_timedwait goes on too
 * and still ends with ETIMEDOUT. A child waits on a semaphore in MAP_SHARED memory; the parent
 * signals it once it sleeps there, then posts (or lets the time run out).
 */
static volatile int *handler_ran; /* in the shared page: the parent sees the child's handler */
static void on_usr1(int sig) {
    (void)sig;
    alarmed = 1;
    *handler_ran = 1;
}

static void test_restart(void) {
    sem_t *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED);
    handler_ran = (volatile int *)(s + 1);
    for (int timed = 0; timed < 2; timed++) {
        CHECK_EQ(sem_init(s, 1, 0), 0);
        *handler_ran = 0;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            struct sigaction sa;
            memset(&sa, 0, sizeof(sa));
            sa.sa_handler = on_usr1;
            sa.sa_flags = SA_RESTART;
            if (sigaction(SIGUSR1, &sa, NULL) != 0)
                _exit(100);
            int r;
            if (timed) {
                struct timespec t0, t1, until;
                clock_gettime(CLOCK_REALTIME, &t0);
                until = t0;
                until.tv_sec += 2;
                r = sem_timedwait(s, &until);
                clock_gettime(CLOCK_REALTIME, &t1);
                if (r == 0 || errno != ETIMEDOUT)
                    _exit(r == 0 ? 101 : errno);
                long long late = (t1.tv_sec - until.tv_sec) * 1000000000LL + (t1.tv_nsec - until.tv_nsec);
                if (late < 0)
                    _exit(102); /* ended before its deadline */
                if (late > 500000000LL)
                    _exit(104); /* the wait made again took the whole time again */
            } else {
                r = sem_wait(s);
                if (r != 0)
                    _exit(errno);
            }
            _exit(alarmed ? 0 : 103);
        }
        CHECK(pid > 0);
        wait_until_asleep(pid);
        if (timed) {
            /* Late in the wait: one made again for the whole time would end a second late. */
            struct timespec half = {.tv_sec = 1};
            CHECK_EQ(nanosleep(&half, NULL), 0);
        }
        CHECK_EQ(kill(pid, SIGUSR1), 0);
        while (!*handler_ran)
            sched_yield();
        if (!timed) {
            /* Its handler run, asleep again in the wait made again: the post ends it. */
            wait_until_asleep(pid);
            CHECK_EQ(sem_post(s), 0);
        }
        int status;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_EXITED(status, 0);
    }
    CHECK_EQ(munmap(s, 4096), 0);
    PASS("after a handler with SA_RESTART, sem_wait and sem_timedwait go on waiting");
}

static void test_pshared(void) {
    sem_t *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED);
    CHECK_EQ(sem_init(&s[0], 1, 0), 0);
    CHECK_EQ(sem_init(&s[1], 1, 0), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* Ping-pong: each side sleeps in sem_wait until the other posts. */
        for (int i = 0; i < 50; i++) {
            if (sem_wait(&s[0]) != 0 || sem_post(&s[1]) != 0)
                _exit(1);
        }
        _exit(0);
    }
    CHECK(pid > 0);
    for (int i = 0; i < 50; i++) {
        CHECK_EQ(sem_post(&s[0]), 0);
        CHECK_EQ(sem_wait(&s[1]), 0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(munmap(s, 4096), 0);
    PASS("a pshared semaphore in MAP_SHARED memory: 50 ping-pongs with a child");
}

static void test_named(void) {
    sem_unlink("/lune_sem_a"); /* left over from nothing, normally */
    CHECK(sem_open("/lune_sem_a", 0) == SEM_FAILED);
    CHECK_EQ(errno, ENOENT);
    sem_t *a = sem_open("/lune_sem_a", O_CREAT | O_EXCL, 0600, 1);
    CHECK(a != SEM_FAILED);
    CHECK(sem_open("/lune_sem_a", O_CREAT | O_EXCL, 0600, 1) == SEM_FAILED);
    CHECK_EQ(errno, EEXIST);
    sem_t *again = sem_open("/lune_sem_a", O_CREAT, 0600, 5); /* exists: value ignored */
    CHECK(again == a);
    int v = -1;
    CHECK_EQ(sem_getvalue(a, &v), 0);
    CHECK_EQ(v, 1);
    CHECK_EQ(sem_close(again), 0);
    CHECK(sem_open("/bad/name", O_CREAT, 0600, 0) == SEM_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(sem_open("/lune_sem_b", O_CREAT, 0600, (unsigned)SEM_VALUE_MAX + 1) == SEM_FAILED);
    CHECK_EQ(errno, EINVAL);
    PASS("sem_open: ENOENT, O_EXCL's EEXIST, the same name gives the same semaphore, EINVAL");

    /* Across fork: the child takes the unit and posts two; an unlinked one still works. */
    sem_t *b = sem_open("/lune_sem_b", O_CREAT, 0600, 0);
    CHECK(b != SEM_FAILED);
    CHECK_EQ(sem_unlink("/lune_sem_b"), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (sem_wait(a) != 0 || sem_wait(b) != 0)
            _exit(1);
        sem_post(a);
        sem_post(a);
        _exit(0);
    }
    CHECK(pid > 0);
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
    CHECK_EQ(sem_post(b), 0); /* the child sleeps on b until now */
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(sem_getvalue(a, &v), 0);
    CHECK_EQ(v, 2);
    CHECK_EQ(sem_close(b), 0);
    CHECK_EQ(sem_close(a), 0);
    CHECK_ERR(sem_close(a), EINVAL);
    PASS("named semaphores are shared with a forked child, unlinked or not");

    /* Opened again by name: the same counter; once unlinked, a new one. */
    a = sem_open("/lune_sem_a", 0);
    CHECK(a != SEM_FAILED);
    CHECK_EQ(sem_getvalue(a, &v), 0);
    CHECK_EQ(v, 2);
    CHECK_EQ(sem_unlink("/lune_sem_a"), 0);
    CHECK_ERR(sem_unlink("/lune_sem_a"), ENOENT);
    sem_t *fresh = sem_open("/lune_sem_a", O_CREAT, 0600, 0);
    CHECK(fresh != SEM_FAILED && fresh != a);
    CHECK_EQ(sem_getvalue(fresh, &v), 0);
    CHECK_EQ(v, 0);
    CHECK_EQ(sem_close(a), 0);
    CHECK_EQ(sem_close(fresh), 0);
    CHECK_EQ(sem_unlink("/lune_sem_a"), 0);
    PASS("a name opened again is the same counter; after sem_unlink, a new semaphore");
}

/* Several processes create, open and unlink one name at once (as POSIX's fork/1-1 does with two):
 * each sem_open(O_CREAT) either makes the semaphore or finds it whole, never a file its maker
 * has not filled yet (that failed with EINVAL, or would show the value 0). */
static void test_named_race(void) {
    enum { PROCS = 4, ROUNDS = 1500 };
    pid_t pids[PROCS];

    fflush(stdout);
    for (int i = 0; i < PROCS; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            int bad = 0;
            for (int r = 0; r < ROUNDS && bad < 100; r++) {
                sem_t *s = sem_open("/lune_sem_race", O_CREAT, 0600, 7);
                int v = -1;
                if (s == SEM_FAILED || sem_getvalue(s, &v) != 0 || v != 7)
                    bad++;
                if (s != SEM_FAILED)
                    sem_close(s);
                sem_unlink("/lune_sem_race"); /* ENOENT when another got there first */
            }
            _exit(bad);
        }
        CHECK(pids[i] > 0);
    }
    for (int i = 0; i < PROCS; i++) {
        int status;
        CHECK_EQ(waitpid(pids[i], &status, 0), pids[i]);
        CHECK_EXITED(status, 0);
    }
    sem_unlink("/lune_sem_race");
    PASS("sem_open(O_CREAT) racing in four processes: each finds the semaphore made and filled");
}

/* A thread with a cancel request pending calls sem_open: it must not end inside with the libc's
 * lock of names taken (a cancellation point under that lock did), or the next sem_open hangs. */
static void *open_cancelled(void *arg) {
    (void)arg;
    pthread_cancel(pthread_self()); /* deferred: pending until a cancellation point */
    sem_t *s = sem_open("/lune_sem_cancel", O_CREAT, 0600, 3);
    if (s != SEM_FAILED)
        sem_close(s);
    pthread_testcancel();
    return NULL;
}

static void test_named_cancel(void) {
    pthread_t t;
    void *ret = NULL;

    CHECK_EQ(pthread_create(&t, NULL, open_cancelled, NULL), 0);
    CHECK_EQ(pthread_join(t, &ret), 0);
    CHECK(ret == PTHREAD_CANCELED);
    sem_t *s = sem_open("/lune_sem_cancel", O_CREAT, 0600, 3);
    CHECK(s != SEM_FAILED);
    int v = -1;
    CHECK_EQ(sem_getvalue(s, &v), 0);
    CHECK_EQ(v, 3);
    CHECK_EQ(sem_close(s), 0);
    CHECK_EQ(sem_unlink("/lune_sem_cancel"), 0);
    PASS("a thread cancelled around sem_open leaves the names usable, the semaphore whole");
}

int main(void) {
    test_unnamed();
    test_eintr();
    test_restart();
    test_pshared();
    test_named();
    test_named_race();
    test_named_cancel();
    return done_testing();
}
