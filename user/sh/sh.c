/*
 * A small shell: reads a line, splits it into words, and runs it. Builtins: cd, pwd, exit.
 * Anything else is a program found through PATH, run in the foreground. A line ending in `&`
 * runs in the background. Quits at end of input (Ctrl-D) or `exit [status]`.
 *
 * No job control: commands run in the shell's own process group, the terminal's foreground
 * group, so the shell ignores the terminal's Ctrl-C and Ctrl-\ (a foreground command gets them
 * back, a background one keeps ignoring them, as POSIX's sh without job control) and Ctrl-Z for
 * everyone (a stopped command would leave the shell waiting for good).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 32

static int split(char *line, char **argv) {
    int argc = 0;

    for (char *word = strtok(line, " \t\n"); word && argc < MAX_ARGS - 1; word = strtok(NULL, " \t\n"))
        argv[argc++] = word;
    argv[argc] = NULL;
    return argc;
}

static int run(char **argv, int background) {
    pid_t pid = fork();

    if (pid < 0) {
        perror("sh: fork");
        return 1;
    }
    if (pid == 0) {
        if (!background) {
            signal(SIGINT, SIG_DFL);
            signal(SIGQUIT, SIG_DFL);
        }
        execvp(argv[0], argv);
        fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (background) {
        printf("[%d]\n", pid);
        return 0;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return 1;
    }
    if (WIFSIGNALED(status))
        printf("sh: %s: killed by signal %d\n", argv[0], WTERMSIG(status));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void) {
    char line[256], cwd[256];
    char *argv[MAX_ARGS];
    int last = 0;

    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    for (;;) {
        /* Reap finished background jobs. */
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        printf("%s $ ", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
        if (!fgets(line, sizeof(line), stdin)) {
            printf("\n");
            return last;
        }
        int argc = split(line, argv);
        if (argc == 0)
            continue;
        int background = strcmp(argv[argc - 1], "&") == 0;
        if (background)
            argv[--argc] = NULL;
        if (argc == 0)
            continue;
        if (strcmp(argv[0], "exit") == 0)
            return argc > 1 ? atoi(argv[1]) : last;
        if (strcmp(argv[0], "cd") == 0) {
            if (chdir(argc > 1 ? argv[1] : "/") < 0)
                perror("cd");
            continue;
        }
        if (strcmp(argv[0], "pwd") == 0) {
            puts(getcwd(cwd, sizeof(cwd)) ? cwd : "?");
            continue;
        }
        last = run(argv, background);
    }
}
