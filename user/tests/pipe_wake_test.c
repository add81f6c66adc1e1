/*
 * A pipe's wake-ups, which have short paths of their own (proc/sched.c, proc/sleep.c).
 *
 * Fairness: two processes that hand a byte back and forth through pipes
 * wake each other at every step, and each wake must put the woken one behind every thread that
 * is already runnable (round robin), never ahead. A third process that only computes (it never
 * sleeps) must get its turn between the ping-pong's steps; a wake that hands the CPU straight
 * to the woken reader, or queues it first, would let the pair run forever past it (their time
 * slices never run out: each runs far less than a tick before it sleeps).
 *
 * Stops: a stop is the whole process's. A thread asleep in a pipe read while another thread
 * takes the stop must park: a byte written meanwhile stays in the pipe until SIGCONT.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "sleeping.h"

enum { ROUNDS = 10 };

static void spinner_runs_between_ping_pong_steps(void) {
    volatile unsigned *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(counter != MAP_FAILED);
    *counter = 0;

    pid_t spinner = fork();
    CHECK(spinner >= 0);
    if (spinner == 0) {
        for (;;)
            (*counter)++;
    }
    while (*counter == 0) /* it has run once: it is on the run queue from now on */
        sched_yield();

    int there[2], back[2];
    CHECK_EQ(pipe(there), 0);
    CHECK_EQ(pipe(back), 0);
    pid_t echo = fork();
    CHECK(echo >= 0);
    if (echo == 0) {
        char c;
        close(there[1]);
        close(back[0]);
        while (read(there[0], &c, 1) == 1)
            write(back[1], &c, 1);
        _exit(0);
    }
    close(there[0]);
    close(back[1]);

    /* Each round trip is two sleeps and two wakes; at each, the spinner is ahead in the queue. */
    int spun = 0;
    char c = 'x';
    for (int i = 0; i < ROUNDS; i++) {
        unsigned before = *counter;
        CHECK_EQ(write(there[1], &c, 1), 1);
        CHECK_EQ(read(back[0], &c, 1), 1);
        spun += *counter != before;
    }
    CHECK_EQ(spun, ROUNDS);

    close(there[1]);
    int status;
    CHECK_EQ(waitpid(echo, &status, 0), echo);
    CHECK_EXITED(status, 0);
    close(back[0]);
    CHECK_EQ(kill(spinner, SIGKILL), 0);
    CHECK_EQ(waitpid(spinner, &status, 0), spinner);
    CHECK_SIGNALED(status, SIGKILL);
    munmap((void *)counter, 4096);
    PASS("a process that never sleeps runs between the steps of a pipe ping-pong");
}

static int stop_pipe[2];

static void *reader(void *arg) {
    (void)arg;
    char c;
    _exit(read(stop_pipe[0], &c, 1) == 1 ? c : 99);
}

/* Yields until a thread of `pid` other than its first sleeps. */
static void wait_until_second_thread_asleep(pid_t pid) {
    static struct abi_procinfo procs[64];
    for (int tries = 0; tries < 10000; tries++) {
        int n = procinfo(procs, 64);
        CHECK(n > 0);
        for (int i = 0; i < n && i < 64; i++) {
            if (procs[i].pid == pid && procs[i].tid != pid && procs[i].thread_state == ABI_PROC_SLEEPING)
                return;
        }
        sched_yield();
    }
    FAIL("no second thread of %d ever slept", (int)pid);
}

static void sleeping_reader_parks_when_another_thread_stops(void) {
    CHECK_EQ(pipe(stop_pipe), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, reader, NULL))
            _exit(98);
        for (;;)
            pause(); /* the first thread: SIGSTOP finds it first, and it takes the stop */
    }
    wait_until_second_thread_asleep(pid);
    int status;
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    CHECK_EQ(write(stop_pipe[1], "x", 1), 1);
    struct timespec pause_for = {0, 50 * 1000 * 1000};
    nanosleep(&pause_for, NULL);
    struct stat st;
    CHECK_EQ(fstat(stop_pipe[0], &st), 0);
    CHECK_EQ(st.st_size, 1); /* nobody read it: the reader is parked */
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 'x');
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    PASS("a thread asleep in a pipe read parks when another thread takes a stop");
}

int main(void) {
    spinner_runs_between_ping_pong_steps();
    sleeping_reader_parks_when_another_thread_stops();
    return done_testing();
}
