/*
 * time [-p] utility [argument...]: runs the utility and then writes, on standard error, the
 * time it took in seconds in POSIX's -p format (the format without -p is the implementation's:
 * the same here):
 *
 *   real 1.02
 *   user 0.00
 *   sys 0.01
 *
 * real is the monotonic clock's difference; user and sys are the processor times of the child
 * and its reaped children (times(), counted in ticks of 10 ms). The exit status is the
 * utility's; 127 when it was not found, 126 when it would not run, 128 + the signal that ended
 * it. SIGINT and SIGQUIT are ignored while it runs, so a Ctrl-C ends the utility and time still
 * reports (as POSIX says for the shell's own waiting).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void report(const char *what, long long hundredths) {
    fprintf(stderr, "%s %lld.%02lld\n", what, hundredths / 100, hundredths % 100);
}

int main(int argc, char **argv) {
    int i = 1;
    if (i < argc && strcmp(argv[i], "-p") == 0)
        i++;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i < argc && argv[i][0] == '-') {
        fprintf(stderr, "time: %s: unknown option\nusage: time [-p] utility [argument...]\n", argv[i]);
        return 2;
    }
    if (i == argc) {
        fprintf(stderr, "usage: time [-p] utility [argument...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "time: %s\n", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        execvp(argv[i], argv + i);
        int err = errno;
        fprintf(stderr, "time: %s: %s\n", argv[i], strerror(err));
        _exit(err == ENOENT ? 127 : 126);
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "time: %s\n", strerror(errno));
            return 1;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    struct tms t;
    times(&t);
    long ticks = sysconf(_SC_CLK_TCK);
    long long real_ns = (long long)(end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
    report("real", real_ns / 10000000LL);
    report("user", (long long)t.tms_cutime * 100 / ticks);
    report("sys", (long long)t.tms_cstime * 100 / ticks);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
