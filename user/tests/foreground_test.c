/*
 * The program init runs owns the terminal from its first instruction: a foreground group it
 * hands the terminal to stays there. (init put its program's group in the foreground from both
 * sides of its fork; when the program ran first and gave the terminal to a group of its own,
 * init's late call took it back, and a Ctrl-C meant for that group killed the program.)
 */
#include <signal.h>
#include <time.h>

#include "check.h"

int main(void) {
    pid_t me = getpid();
    sigset_t ttou;
    sigemptyset(&ttou);
    sigaddset(&ttou, SIGTTOU);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &ttou, NULL), 0);

    /* First thing: a child in a group of its own gets the terminal. */
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        setpgid(0, 0);
        for (;;)
            sleep(30);
    }
    CHECK_EQ(setpgid(child, child), 0);
    CHECK_EQ(tcsetpgrp(0, child), 0);
    /* Everyone else runs meanwhile (init included). */
    struct timespec ts = {0, 200000000};
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(nanosleep(&ts, NULL), 0);
        CHECK_EQ(tcgetpgrp(0), child);
    }
    PASS("a group the program put in the foreground stays there");

    CHECK_EQ(tcsetpgrp(0, me), 0);
    CHECK_EQ(kill(child, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_SIGNALED(status, SIGKILL);
    return done_testing();
}
