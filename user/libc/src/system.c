/* system(): a command through /bin/sh -c, as POSIX describes it. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

#define SHELL "/bin/sh"

int system(const char *command) {
    if (!command)
        return access(SHELL, X_OK) == 0; /* is there a shell? */
    /* A cancellation point (POSIX): here, before the command starts. The wait for it is not one:
     * a thread cancelled there would leave the shell running and the caller's SIGINT, SIGQUIT
     * and mask changed (glibc kills the shell in a cleanup handler; we let the command finish). */
    __testcancel();

    /* POSIX: the caller ignores SIGINT and SIGQUIT and blocks SIGCHLD while the command runs, so
     * a ^C reaches the command alone and no handler of the caller reaps the shell first. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_quit;
    sigset_t chld, old_mask;
    sigemptyset(&ignore.sa_mask);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);

    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        char *argv[] = {"sh", "-c", (char *)command, NULL};
        execve(SHELL, argv, environ);
        _exit(127); /* POSIX: as if the shell had exited with 127 */
    }
    int status = -1, saved = errno;
    if (pid > 0) {
        while (__waitpid_nocancel(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                status = -1;
                break;
            }
        }
        if (status != -1)
            errno = saved;
    }
    saved = errno;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    errno = saved;
    return status; /* a wait status; -1 with errno when fork or waitpid failed */
}
