/*
 * kill [-SIG | -s SIG | -N] pid...: sends a signal (SIGTERM unless told) to each process, or to
 * a process group for a negative pid. SIG is a name with or without SIG ("-KILL", "-SIGKILL")
 * or a number ("-9").
 * kill -l [status]: lists the signal names, or names the signal of a status ($? 130 is INT).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The number of a signal written as a name (with or without SIG) or a number, or -1. */
static int signal_number(const char *s) {
    int sig;
    return str2sig(strncmp(s, "SIG", 3) == 0 ? s + 3 : s, &sig) == 0 ? sig : -1;
}

static int list(int argc, char **argv) {
    if (argc == 2) {
        for (int sig = 1; sig < NSIG; sig++)
            printf("%2d %s\n", sig, sigabbrev_np(sig));
        return 0;
    }
    char *end;
    long n = strtol(argv[2], &end, 10);
    if (*end == '\0' && n > 128)
        n -= 128; /* a status from a signal: 128 + its number */
    if (*argv[2] == '\0' || *end != '\0' || n <= 0 || n >= NSIG) {
        fprintf(stderr, "kill: %s: no such signal\n", argv[2]);
        return 1;
    }
    printf("%s\n", sigabbrev_np((int)n));
    return 0;
}

int main(int argc, char **argv) {
    int sig = SIGTERM, i = 1, status = 0;

    if (argc > 1 && strcmp(argv[1], "-l") == 0)
        return list(argc, argv);
    if (i < argc && strcmp(argv[i], "-s") == 0) {
        if (i + 1 == argc)
            goto usage;
        sig = signal_number(argv[i + 1]);
        if (sig < 0) {
            fprintf(stderr, "kill: %s: no such signal\n", argv[i + 1]);
            return 1;
        }
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
        sig = signal_number(argv[i] + 1);
        if (sig < 0) {
            fprintf(stderr, "kill: %s: no such signal\n", argv[i] + 1);
            return 1;
        }
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        goto usage;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*argv[i] == '\0' || *end != '\0') {
            fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, sig) < 0) {
            fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;

usage:
    fprintf(stderr, "usage: kill [-SIG | -s SIG] pid... | kill -l [status]\n");
    return 2;
}
