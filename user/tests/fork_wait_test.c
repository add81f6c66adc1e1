/* fork and wait: statuses, ECHILD, WNOHANG, many children, orphans, groups, bad pointers. */
#include <signal.h>
#include <stdint.h>

#include "check.h"

static void exit_statuses(void) {
    for (int code = 0; code < 256; code += 51) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(code);
        int status;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK(WIFEXITED(status));
        CHECK(!WIFSIGNALED(status));
        CHECK_EXITED(status, code);
    }
    PASS("exit statuses");
}

static void killed_status(void) {
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            sched_yield();
    }
    CHECK_EQ(kill(pid, SIGTERM), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFSIGNALED(status));
    CHECK(!WIFEXITED(status));
    CHECK_SIGNALED(status, SIGTERM);
    PASS("killed status");
}

static void echild_and_wnohang(void) {
    CHECK_ERR(wait(NULL), ECHILD);
    CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
    CHECK_ERR(waitpid(getpid(), NULL, 0), ECHILD); /* not our child */
    CHECK_ERR(waitpid(-1, NULL, 0x4000), EINVAL);

    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(fds[0], &c, 1); /* wait for the parent */
        _exit(3);
    }
    CHECK_EQ(waitpid(pid, NULL, WNOHANG), 0); /* still running */
    CHECK_EQ(write(fds[1], "x", 1), 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 3);
    CHECK_ERR(waitpid(pid, NULL, WNOHANG), ECHILD); /* reaped: gone */
    close(fds[0]);
    close(fds[1]);
    PASS("ECHILD and WNOHANG");
}

static void many_children(void) {
    enum { N = 60 };
    pid_t pids[N];
    int seen[N] = {0};

    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        CHECK(pids[i] >= 0);
        if (pids[i] == 0)
            _exit(i);
    }
    for (int i = 0; i < N; i++) {
        int status;
        pid_t pid = wait(&status);
        CHECK(pid > 0);
        CHECK(WIFEXITED(status));
        int code = WEXITSTATUS(status);
        CHECK(code >= 0 && code < N);
        CHECK_EQ(pids[code], pid);
        CHECK_EQ(seen[code], 0);
        seen[code] = 1;
    }
    CHECK_ERR(wait(NULL), ECHILD);
    PASS("60 children, each reaped once");
}

static void orphans_go_to_init(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            close(fds[0]);
            /* Wait until our parent is gone, then report our new parent. */
            while (getppid() != 1)
                sched_yield();
            pid_t ppid = getppid();
            write(fds[1], &ppid, sizeof(ppid));
            _exit(0);
        }
        _exit(0);
    }
    close(fds[1]);
    CHECK_EQ(waitpid(child, NULL, 0), child);
    pid_t ppid = 0;
    CHECK_EQ(read(fds[0], &ppid, sizeof(ppid)), sizeof(ppid));
    CHECK_EQ(ppid, 1);
    close(fds[0]);
    PASS("orphans are adopted by init");
}

static void wait_by_group(void) {
    pid_t a = fork();
    if (a == 0) {
        setpgid(0, 0);
        _exit(11);
    }
    setpgid(a, a); /* either of us may win the race; both calls are fine */
    pid_t b = fork();
    if (b == 0)
        _exit(12);
    int status;
    CHECK_EQ(waitpid(-a, &status, 0), a); /* only a is in group a */
    CHECK_EXITED(status, 11);
    CHECK_EQ(waitpid(0, &status, 0), b); /* b is in our group */
    CHECK_EXITED(status, 12);
    PASS("wait by process group");
}

static void bad_status_pointer_keeps_the_status(void) {
    pid_t pid = fork();
    if (pid == 0)
        _exit(42);
    CHECK_ERR(waitpid(pid, (int *)0xC0000000u, 0), EFAULT);
    CHECK_ERR(waitpid(pid, (int *)0x10, 0), EFAULT);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid); /* still there, status intact */
    CHECK_EXITED(status, 42);
    PASS("a bad status pointer loses nothing");
}

static volatile sig_atomic_t sigchlds;
static void on_sigchld(int sig) {
    (void)sig;
    sigchlds++;
}

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&t, &t) == -1 && errno == EINTR)
        ;
}

/* The exit a wait is waiting for also sends SIGCHLD: the wait returns the child all the same and
 * the handler runs afterwards (Linux). Only a signal that comes with nothing to report, here the
 * SIGCHLD of a child the wait does not name, interrupts it. No SA_RESTART. */
static void sigchld_handler_and_a_satisfied_wait(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_sigchld;
    CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
    sigchlds = 0;
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            sleep_ms(30);
            _exit(5);
        }
        int status;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_EXITED(status, 5);
        CHECK_EQ(sigchlds, i + 1);
    }
    fflush(stdout);
    pid_t slow = fork();
    if (slow == 0) {
        sleep_ms(300);
        _exit(1);
    }
    pid_t quick = fork();
    if (quick == 0) {
        sleep_ms(30);
        _exit(2);
    }
    int status;
    CHECK_ERR(waitpid(slow, &status, 0), EINTR);
    CHECK_EQ(sigchlds, 4);
    CHECK_EQ(waitpid(slow, &status, 0), slow);
    CHECK_EXITED(status, 1);
    CHECK_EQ(waitpid(quick, &status, 0), quick);
    CHECK_EXITED(status, 2);
    signal(SIGCHLD, SIG_DFL);
    PASS("a SIGCHLD handler does not turn the exit a wait was waiting for into EINTR");
}

int main(void) {
    exit_statuses();
    killed_status();
    echild_and_wnohang();
    many_children();
    orphans_go_to_init();
    wait_by_group();
    bad_status_pointer_keeps_the_status();
    sigchld_handler_and_a_satisfied_wait();
    return done_testing();
}
