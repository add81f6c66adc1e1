/*
 * init, pid 1. Opens the console as descriptors 0, 1 and 2 (init leads session 1, so the console
 * becomes the session's controlling terminal), runs the program the kernel named (argv[1], the
 * shell by default) in its own process group, which it puts in the terminal's foreground, and
 * reaps every process that ends up its child meanwhile (orphans are given to init). When the
 * program ends, init powers off at once with the program's wait status: the kernel reports that
 * status, names any process the program left running (a leak), and stops and reaps everything
 * itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/poweroff.h>
#include <sys/wait.h>
#include <unistd.h>

/* Puts group `pgrp` in the console's foreground. SIGTTOU is blocked meanwhile: the caller may
 * be in the background already (the other of init and its child went first). */
static void foreground(pid_t pgrp) {
    sigset_t ttou, old;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    sigprocmask(SIG_BLOCK, &ttou, &old);
    tcsetpgrp(0, pgrp);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(int argc, char **argv) {
    const char *program = argc > 1 ? argv[1] : "/bin/sh";

    if (open("/dev/console", O_RDWR) != 0 || dup(0) != 1 || dup(0) != 2)
        return 1; /* nothing to report on: the kernel sees init end */

    pid_t child = fork();
    if (child == 0) {
        char *args[] = {(char *)program, NULL};
        setpgid(0, 0);
        foreground(getpid());
        execv(program, args);
        fprintf(stderr, "init: cannot run %s: %s\n", program, strerror(errno));
        _exit(127);
    }
    int status = ABI_W_EXITCODE(127); /* as if the child had run and failed */
    /* The group is made from both sides (either of us may run first; after the child's exec this
     * is EACCES), but the terminal is handed over by the child alone: the program may give it to
     * a group of its own at once, and a late call here would take it back from that group. */
    if (child > 0)
        setpgid(child, child);
    if (child < 0) {
        fprintf(stderr, "init: fork failed: %s\n", strerror(errno));
    } else {
        for (;;) {
            int st;
            pid_t pid = wait(&st);
            if (pid == child) {
                status = st;
                break;
            }
            if (pid < 0 && errno == ECHILD)
                break;
        }
    }
    poweroff(status);
    return 1;
}
