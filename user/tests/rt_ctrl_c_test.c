/*
 * Ctrl-C still ends a real-time process that never blocks: the foreground child takes SCHED_FIFO
 * at the highest priority and spins; the BUILD target's serial_script types Ctrl-C once it says so
 * ("rt: INT now"). The key is turned into SIGINT in the serial interrupt, and the child dies of it
 * on its next way back to user mode; this program (SCHED_OTHER) then runs again, as throttling
 * lets it even while the child spins.
 */
#include <signal.h>
#include <termios.h>

#include "check.h"

int main(void) {
    pid_t me = getpid();
    CHECK_EQ(tcgetpgrp(0), me);
    int go[2];
    CHECK_EQ(pipe(go), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char c;
        /* Only once it is the foreground group: a key typed before would go to the parent. */
        if (read(go[0], &c, 1) != 1)
            _exit(2);
        struct sched_param p = {sched_get_priority_max(SCHED_FIFO)};
        if (sched_setscheduler(0, SCHED_FIFO, &p) != SCHED_OTHER)
            _exit(1);
        printf("rt: INT now\n");
        fflush(stdout);
        for (;;)
            ;
    }
    CHECK_EQ(setpgid(pid, pid), 0);
    CHECK_EQ(tcsetpgrp(0, pid), 0);
    CHECK_EQ(write(go[1], "g", 1), 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGINT);
    printf("\n"); /* after the key's echo */
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &ttou, NULL), 0);
    CHECK_EQ(tcsetpgrp(0, me), 0);
    CHECK_EQ(sigprocmask(SIG_UNBLOCK, &ttou, NULL), 0);
    CHECK_EQ(close(go[0]), 0);
    CHECK_EQ(close(go[1]), 0);
    PASS("Ctrl-C ends a spinning SCHED_FIFO process in the foreground");
    return done_testing();
}
