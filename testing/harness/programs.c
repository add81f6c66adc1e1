/*
 * Programs that misbehave on purpose, one per hole a harness could have: the harness test boots
 * each and checks the harness fails it, for the right reason. Which misbehaviour runs is chosen
 * by the name the program was installed under (argv[0]), so one binary serves every case.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "user/tests/check.h"

static const char *name_of(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Prints every benchmark figure with the same value, like bench/bench.c's output. */
static void fake_bench_figures(void) {
    static const char *const names[] = {
        "getpid",
        "sched_yield",
        "yield_pingpong",
        "pipe_pingpong",
        "fork_exit_wait",
        "fork_exit_wait_1mib",
        "fork_exit_wait_4mib",
        "fork_exit_wait_16mib",
        "cow_fault",
        "execve",
        "disk_write_1mib",
        "disk_read_1mib",
        "disk_read_cached",
        "pipe_64k",
        "demand_zero_fault",
        "fork_exec_wait",
        "sh_c_true",
        "signal_roundtrip",
        "mmap_touch_1mib",
        "open_close",
        "ext2_create_unlink",
        "thread_create_join",
        "mutex_uncontended",
        "mutex_handoff",
        "thread_switch",
    };
    for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        printf("BENCH %s 1000 1000\n", names[i]);
    printf("BENCH done 0 0\n");
}

/* A child that would run forever: the program "forgets" it. */
static void leave_a_child(void) {
    if (fork() == 0) {
        for (;;)
            sleep(1000);
    }
}

/* Files and directories left in the root file system, one of them unlinked but still open (the
 * kernel closes it at exit): not a leak, since the whole tree goes at power-off. */
static void leave_files(void) {
    static char page[3 * 4096];
    int fd;

    CHECK_EQ(mkdir("/left", 0755), 0);
    CHECK_EQ(mkdir("/left/a", 0755), 0);
    CHECK((fd = open("/left/a/data", O_WRONLY | O_CREAT, 0644)) >= 0);
    CHECK_EQ(write(fd, page, sizeof(page)), (ssize_t)sizeof(page));
    CHECK((fd = open("/left/gone", O_RDWR | O_CREAT, 0644)) >= 0);
    CHECK_EQ(write(fd, page, sizeof(page)), (ssize_t)sizeof(page));
    CHECK_EQ(unlink("/left/gone"), 0);
}

/* A child that never sleeps: it is always runnable, so nothing else idles the CPU for it. It
 * leaves the terminal's foreground group, so the hang-up when init (the session's leader) ends
 * does not end it: only init's end killing what is left can. */
static void leave_a_busy_child(void) {
    if (fork() == 0) {
        static volatile unsigned spins;
        setpgid(0, 0);
        for (;;)
            spins++;
    }
}

int main(int argc, char **argv) {
    const char *what = name_of(argv[0]);
    (void)argc;

    if (strcmp(what, "good") == 0) { /* the control: a program that passes */
        PASS("one");
        PASS("two");
        return done_testing();
    }
    if (strcmp(what, "short_plan") == 0) { /* plans 3, reports 2 */
        printf("    1..3\n    ok 1 - one\n    ok 2 - two\n");
        return 0;
    }
    if (strcmp(what, "not_ok") == 0) { /* a failure, but exits 0 */
        printf("    ok 1 - one\n    not ok 2 - two\n    1..2\n");
        return 0;
    }
    if (strcmp(what, "empty_plan") == 0) {
        printf("    1..0\n");
        return 0;
    }
    if (strcmp(what, "silent") == 0) /* exits 0 before printing anything */
        return 0;
    if (strcmp(what, "leaves_child") == 0) {
        leave_a_child();
        PASS("the parent is done");
        return done_testing();
    }
    if (strcmp(what, "leaves_files") == 0) {
        leave_files();
        PASS("files left behind");
        return done_testing();
    }
    if (strcmp(what, "leaves_busy_child") == 0) {
        leave_a_busy_child();
        PASS("the parent is done");
        return done_testing();
    }
    if (strcmp(what, "killed_child") == 0) { /* CHECK_EXITED must not take a kill for exit 0 */
        pid_t pid = fork();
        if (pid == 0) {
            for (;;)
                sleep(1000);
        }
        int status;
        kill(pid, SIGKILL);
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_EXITED(status, 0);
        PASS("a killed child counted as exit 0");
        return done_testing();
    }
    if (strcmp(what, "conversation") == 0) { /* for --script: answers each line typed at its prompt */
        char line[64];
        for (;;) {
            printf("ready> ");
            if (!fgets(line, sizeof(line), stdin))
                break;
            line[strcspn(line, "\n")] = '\0';
            if (strcmp(line, "bye") == 0)
                break;
            printf("you typed: %s\n", line);
        }
        PASS("the conversation ended");
        return done_testing();
    }
    if (strcmp(what, "bench_ok") == 0) {
        fake_bench_figures();
        return 0;
    }
    if (strcmp(what, "bench_exit1") == 0) { /* every figure printed, then a failure */
        fake_bench_figures();
        return 1;
    }
    if (strcmp(what, "bench_leak") == 0) {
        leave_a_child();
        fake_bench_figures();
        return 0;
    }
    printf("harness program: unknown case %s\n", what);
    return 2;
}
