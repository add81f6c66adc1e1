/*
 * The programs about processes and the rest of /bin's small ones: ps, kill, sleep, env, true,
 * false, sync. Each is run as a person runs it; its output, its errors and its status are
 * checked, and what it did to other processes is seen through waitpid.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/procinfo.h>
#include <time.h>

#include "check.h"
#include "run_program.h"

static struct run_result r;

static void pause_forever(void) {
    sleep(1000);
}

/* Waits until `pid` has ended without reaping it: ps must see it as a zombie. */
static void wait_until_zombie(pid_t pid) {
    static struct abi_procinfo procs[64];

    for (;;) {
        int n = procinfo(procs, 64);
        CHECK(n > 0 && n <= 64);
        for (int i = 0; i < n; i++) {
            if (procs[i].pid == pid && procs[i].state == ABI_PROC_ZOMBIE)
                return;
        }
        sched_yield();
    }
}

/* A child that waits to be signalled, in its own process group. */
static pid_t start_sleeper(void) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        for (;;)
            pause_forever();
    }
    setpgid(pid, pid);
    return pid;
}

static void test_true_false_sync(void) {
    RUN(r, NULL, "/bin/true");
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/false");
    CHECK_RUN(r, 1, "", "");
    RUN(r, NULL, "/bin/sync");
    CHECK_RUN(r, 0, "", "");
    PASS("true, false and sync: their statuses, and sync says nothing");
}

static long long now_ms(void) {
    struct timespec t;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t), 0);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void test_sleep(void) {
    long long start = now_ms();
    RUN(r, NULL, "/bin/sleep", "0.2");
    CHECK_RUN(r, 0, "", "");
    CHECK(now_ms() - start >= 200);
    start = now_ms();
    RUN(r, NULL, "/bin/sleep", "0");
    CHECK_RUN(r, 0, "", "");
    PASS("sleep: a fraction of a second, and 0");
    RUN(r, NULL, "/bin/sleep", "x");
    CHECK_RUN(r, 2, "", "sleep: x: not a number of seconds\n");
    RUN(r, NULL, "/bin/sleep", ".");
    CHECK_RUN(r, 2, "", "sleep: .: not a number of seconds\n");
    RUN(r, NULL, "/bin/sleep", "-1");
    CHECK_RUN(r, 2, "", "sleep: -1: not a number of seconds\n");
    RUN(r, NULL, "/bin/sleep");
    CHECK_RUN(r, 2, "", "usage: sleep seconds\n");
    PASS("sleep: not a number, no argument (status 2)");
}

/* The line of `ps` output for pid, or NULL. */
static const char *ps_line(const char *out, pid_t pid) {
    char want[16];
    snprintf(want, sizeof(want), "\n%5d ", (int)pid);
    const char *line = strstr(out, want);
    return line ? line + 1 : NULL;
}

static void test_ps(void) {
    pid_t sleeper = start_sleeper();
    pid_t stopped = start_sleeper();
    CHECK_EQ(kill(stopped, SIGSTOP), 0);
    int status;
    CHECK_EQ(waitpid(stopped, &status, WUNTRACED), stopped);
    pid_t zombie = fork();
    if (zombie == 0)
        _exit(0);
    /* The zombie is there once it can be waited for; leave it unwaited until ps has run. */
    wait_until_zombie(zombie);

    RUN(r, NULL, "/bin/ps");
    CHECK_EQ(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0, 1);
    CHECK_EQ(strncmp(r.out, "  PID  PPID  PGID S NAME\n", 25), 0);
    char want[64];
    const char *line = ps_line(r.out, getpid());
    snprintf(want, sizeof(want), "%5d %5d %5d S proc_programs_t", (int)getpid(), (int)getppid(), (int)getpgrp());
    CHECK(line && strncmp(line, want, strlen(want)) == 0);
    line = ps_line(r.out, 1);
    CHECK(line && strncmp(line, "    1     0     1 S init\n", 25) == 0);
    line = ps_line(r.out, sleeper);
    snprintf(want, sizeof(want), "%5d %5d %5d S proc_programs_t", (int)sleeper, (int)getpid(), (int)sleeper);
    CHECK(line && strncmp(line, want, strlen(want)) == 0);
    line = ps_line(r.out, stopped);
    snprintf(want, sizeof(want), "%5d %5d %5d T", (int)stopped, (int)getpid(), (int)stopped);
    CHECK(line && strncmp(line, want, strlen(want)) == 0);
    line = ps_line(r.out, zombie);
    snprintf(want, sizeof(want), "%5d %5d %5d Z", (int)zombie, (int)getpid(), (int)getpgrp());
    CHECK(line && strncmp(line, want, strlen(want)) == 0);
    CHECK(strstr(r.out, " R ps\n"));
    CHECK_EQ(r.err[0], '\0');
    PASS("ps: a header, then pid, ppid, pgid, state (S, T, Z, R) and name of every process");
    RUN(r, NULL, "/bin/ps", "-T");
    CHECK_EQ(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0, 1);
    CHECK_EQ(strncmp(r.out, "  PID   TID  PPID  PGID S NAME\n", 31), 0);
    line = ps_line(r.out, 1);
    CHECK(line && strncmp(line, "    1     1     0     1 S init\n", 31) == 0);
    line = ps_line(r.out, stopped);
    snprintf(want, sizeof(want), "%5d %5d %5d %5d T", (int)stopped, (int)stopped, (int)getpid(), (int)stopped);
    CHECK(line && strncmp(line, want, strlen(want)) == 0);
    PASS("ps -T: a line per thread, with its id (a process's first thread's is the pid) and its state");
    /* POSIX's -e and -A (every process, which ps lists anyway), and the BSD "ax" and "aux" people
     * type (u's user columns are not kept: the same list). */
    static char *const all[] = {"-e", "-A", "ax", "aux"};
    for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        RUN(r, NULL, "/bin/ps", (char *)all[i]);
        CHECK_EQ(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0, 1);
        CHECK_EQ(strncmp(r.out, "  PID  PPID  PGID S NAME\n", 25), 0);
        CHECK(ps_line(r.out, 1) && ps_line(r.out, stopped));
    }
    RUN(r, NULL, "/bin/ps", "-eT");
    CHECK_EQ(strncmp(r.out, "  PID   TID  PPID  PGID S NAME\n", 31), 0);
    RUN(r, NULL, "/bin/ps", "-x");
    CHECK_RUN(r, 2, "", "ps: -x: unknown option\nusage: ps [-e | -A] [-T]\n");
    RUN(r, NULL, "/bin/ps", "-e", "1");
    CHECK_RUN(r, 2, "", "ps: 1: unknown option\nusage: ps [-e | -A] [-T]\n");
    PASS("ps: -e, -A, ax and aux list every process too; -eT; anything else is refused (status 2)");

    CHECK_EQ(waitpid(zombie, &status, 0), zombie);
    CHECK_EXITED(status, 0);
    CHECK_EQ(kill(sleeper, SIGKILL), 0);
    CHECK_EQ(kill(stopped, SIGKILL), 0);
    CHECK_EQ(waitpid(sleeper, &status, 0), sleeper);
    CHECK_EQ(waitpid(stopped, &status, 0), stopped);
}

/* Runs kill with `sig_arg` (NULL: none) at a new sleeper; checks the sleeper got `sig`. */
static void kill_with(const char *sig_arg, const char *sig_arg2, int sig) {
    pid_t pid = start_sleeper();
    char pid_text[16];
    int status;

    snprintf(pid_text, sizeof(pid_text), "%d", (int)pid);
    if (!sig_arg)
        RUN(r, NULL, "/bin/kill", pid_text);
    else if (!sig_arg2)
        RUN(r, NULL, "/bin/kill", (char *)sig_arg, pid_text);
    else
        RUN(r, NULL, "/bin/kill", (char *)sig_arg, (char *)sig_arg2, pid_text);
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, sig);
}

static void test_kill(void) {
    kill_with(NULL, NULL, SIGTERM);
    kill_with("-KILL", NULL, SIGKILL);
    kill_with("-SIGINT", NULL, SIGINT);
    kill_with("-9", NULL, SIGKILL);
    kill_with("-s", "USR1", SIGUSR1);
    kill_with("-s", "HUP", SIGHUP);
    kill_with("--", NULL, SIGTERM);
    PASS("kill: SIGTERM by default, -NAME, -SIGNAME, -N, -s NAME, --");

    pid_t a = start_sleeper(), b = fork();
    if (b == 0) {
        for (;;)
            pause_forever();
    }
    CHECK_EQ(setpgid(b, a), 0);
    char group[16];
    int status;
    snprintf(group, sizeof(group), "-%d", (int)a);
    RUN(r, NULL, "/bin/kill", "-TERM", group);
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(waitpid(a, &status, 0), a);
    CHECK_SIGNALED(status, SIGTERM);
    CHECK_EQ(waitpid(b, &status, 0), b);
    CHECK_SIGNALED(status, SIGTERM);
    PASS("kill: a negative pid signals the whole process group");

    pid_t alive = start_sleeper();
    char alive_text[16];
    snprintf(alive_text, sizeof(alive_text), "%d", (int)alive);
    RUN(r, NULL, "/bin/kill", "-0", alive_text);
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(waitpid(alive, &status, WNOHANG), 0);
    RUN(r, NULL, "/bin/kill", "-0", alive_text, "99999");
    CHECK_RUN(r, 1, "", "kill: 99999: No such process\n");
    CHECK_EQ(kill(alive, SIGKILL), 0);
    CHECK_EQ(waitpid(alive, &status, 0), alive);
    PASS("kill -0: tells whether a process exists; a missing one is named (status 1)");

    RUN(r, NULL, "/bin/kill", "-l");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
    CHECK(strncmp(r.out, " 1 HUP\n 2 INT\n", 14) == 0);
    CHECK(strstr(r.out, "\n 9 KILL\n") && strstr(r.out, "\n15 TERM\n") && strstr(r.out, "\n31 SYS\n"));
    RUN(r, NULL, "/bin/kill", "-l", "130");
    CHECK_RUN(r, 0, "INT\n", "");
    RUN(r, NULL, "/bin/kill", "-l", "15");
    CHECK_RUN(r, 0, "TERM\n", "");
    RUN(r, NULL, "/bin/kill", "-l", "99");
    CHECK_RUN(r, 1, "", "kill: 99: no such signal\n");
    PASS("kill -l: every signal's number and name; the name of a signal or of a status (130: INT)");

    RUN(r, NULL, "/bin/kill", "-FOO", "1");
    CHECK_RUN(r, 1, "", "kill: FOO: no such signal\n");
    RUN(r, NULL, "/bin/kill", "-s", "99", "1");
    CHECK_RUN(r, 1, "", "kill: 99: no such signal\n");
    RUN(r, NULL, "/bin/kill", "12x");
    CHECK_RUN(r, 1, "", "kill: 12x: not a process id\n");
    RUN(r, NULL, "/bin/kill");
    CHECK_RUN(r, 2, "", "usage: kill [-SIG | -s SIG] pid... | kill -l [status]\n");
    RUN(r, NULL, "/bin/kill", "-9");
    CHECK_RUN(r, 2, "", "usage: kill [-SIG | -s SIG] pid... | kill -l [status]\n");
    PASS("kill: an unknown signal, a bad pid (status 1), nothing to kill (status 2)");
}

static void test_env(void) {
    RUN(r, NULL, "/bin/env");
    CHECK_RUN(r, 0, "PATH=/bin\nHOME=/\n", "");
    RUN(r, NULL, "/bin/env", "-i");
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/env", "-i", "A=1", "B=two words", "A=3");
    CHECK_RUN(r, 0, "A=3\nB=two words\n", "");
    RUN(r, NULL, "/bin/env", "HOME=/tmp", "X=");
    CHECK_RUN(r, 0, "PATH=/bin\nHOME=/tmp\nX=\n", "");
    PASS("env: prints the environment; -i empties it; NAME=value sets or replaces");
    RUN(r, NULL, "/bin/env", "-i", "ONLY=this", "env");
    CHECK_RUN(r, 0, "ONLY=this\n", "");
    RUN(r, NULL, "/bin/env", "/bin/echo", "from", "echo");
    CHECK_RUN(r, 0, "from echo\n", "");
    RUN(r, NULL, "/bin/env", "nosuchprogram");
    CHECK_RUN(r, 127, "", "env: nosuchprogram: No such file or directory\n");
    PASS("env: runs a command (found through PATH) in the environment; 127 when not found");
}

/* One line "NAME S.CC\n" of time's report at *p, in hundredths into *out; moves *p past it. */
static bool time_line(const char **p, const char *name, long *out) {
    size_t len = strlen(name);
    char *end;
    if (strncmp(*p, name, len) != 0 || (*p)[len] != ' ')
        return false;
    long whole = strtol(*p + len + 1, &end, 10);
    if (*end != '.' || end[1] < '0' || end[1] > '9' || end[2] < '0' || end[2] > '9' || end[3] != '\n')
        return false;
    *out = whole * 100 + (end[1] - '0') * 10 + (end[2] - '0');
    *p = end + 4;
    return true;
}

/* time's report in POSIX -p format, all of err: real, user and sys in hundredths of a second. */
static bool time_report(const char *err, long *real, long *user, long *sys) {
    return time_line(&err, "real", real) && time_line(&err, "user", user) && time_line(&err, "sys", sys) && !*err;
}

static void test_time(void) {
    long real, user, sys;
    RUN(r, NULL, "/bin/time", "sleep", "0.3");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && r.out[0] == '\0');
    if (!time_report(r.err, &real, &user, &sys) || real < 30 || real > 3000 || user + sys > real + 2)
        FAIL("time sleep 0.3 reported \"%s\"", r.err);
    RUN(r, NULL, "/bin/time", "-p", "echo", "hi");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && strcmp(r.out, "hi\n") == 0);
    CHECK(time_report(r.err, &real, &user, &sys));
    RUN(r, NULL, "/bin/time", "sh", "-c", "exit 3");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 3 && time_report(r.err, &real, &user, &sys));
    RUN(r, NULL, "/bin/time", "sh", "-c", "kill -TERM $$");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 128 + SIGTERM && time_report(r.err, &real, &user, &sys));
    PASS("time: real, user and sys in -p's format; the utility's output and status (128 + a signal)");
    RUN(r, NULL, "/bin/time", "nosuch");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127);
    CHECK(strncmp(r.err, "time: nosuch: No such file or directory\n", 40) == 0);
    RUN(r, NULL, "/bin/time");
    CHECK_RUN(r, 2, "", "usage: time [-p] utility [argument...]\n");
    RUN(r, NULL, "/bin/time", "-x", "ls");
    CHECK_RUN(r, 2, "", "time: -x: unknown option\nusage: time [-p] utility [argument...]\n");
    PASS("time: a utility not found (127), none or a bad option (2)");
}

int main(void) {
    test_true_false_sync();
    test_sleep();
    test_ps();
    test_kill();
    test_env();
    test_time();
    return done_testing();
}
