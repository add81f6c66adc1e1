/* Process groups with POSIX semantics, every error case of setpgid and getpgid. */
#include <signal.h>

#include "check.h"

static int park(int fd) {
    char c;
    return (int)read(fd, &c, 1);
}

int main(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);

    pid_t me = getpid();
    pid_t group = getpgrp();
    CHECK_EQ(getpgid(0), group);
    CHECK_EQ(getpgid(me), group);

    /* A child starts in its parent's group. */
    pid_t child = fork();
    if (child == 0) {
        park(fds[0]);
        _exit(0);
    }
    CHECK_EQ(getpgid(child), group);

    /* Self into a new group (pid 0 = self, pgid 0 = pid), then back. */
    CHECK_EQ(setpgid(0, 0), 0);
    CHECK_EQ(getpgrp(), me);
    CHECK_EQ(setpgid(0, me), 0); /* joining the group one is already in succeeds */
    CHECK_EQ(setpgid(me, 0), 0);

    /* Moving an own child: into its own group, then into ours. */
    CHECK_EQ(setpgid(child, child), 0);
    CHECK_EQ(getpgid(child), child);
    CHECK_EQ(setpgid(child, me), 0);
    CHECK_EQ(getpgid(child), me);
    CHECK_EQ(setpgid(child, me), 0); /* again: still fine */

    /* Errors. */
    CHECK_ERR(setpgid(0, -1), EINVAL); /* negative pgid */
    CHECK_ERR(setpgid(child, -5), EINVAL);
    CHECK_ERR(setpgid(1, 0), ESRCH);         /* init is not our child */
    CHECK_ERR(setpgid(30000, 0), ESRCH);     /* no such process */
    CHECK_ERR(setpgid(child, 29999), EPERM); /* no such group */
    CHECK_ERR(setpgid(0, 29999), EPERM);
    CHECK_ERR(getpgid(30000), ESRCH);
    CHECK_ERR(getpgid(-3), ESRCH);

    /* A grandchild cannot be moved by us. */
    int gfds[2];
    CHECK_EQ(pipe(gfds), 0);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            park(fds[0]);
            _exit(0);
        }
        write(gfds[1], &grandchild, sizeof(grandchild));
        park(fds[0]);
        waitpid(grandchild, NULL, 0);
        _exit(0);
    }
    pid_t grandchild;
    CHECK_EQ(read(gfds[0], &grandchild, sizeof(grandchild)), sizeof(grandchild));
    CHECK_ERR(setpgid(grandchild, 0), ESRCH);
    CHECK_EQ(getpgid(grandchild), me); /* but anyone may ask */

    /* kill to a group reaches all of it: put child and middle in group `child`. */
    CHECK_EQ(setpgid(child, child), 0);
    CHECK_EQ(setpgid(middle, child), 0);
    CHECK_EQ(kill(-child, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_SIGNALED(status, SIGKILL);
    CHECK_EQ(waitpid(middle, &status, 0), middle);
    CHECK_SIGNALED(status, SIGKILL);
    CHECK_ERR(kill(-child, SIGKILL), ESRCH); /* the group is gone */

    /* The grandchild was orphaned (init adopts it, so we cannot wait for it): end it, so that
     * nothing is left running. */
    CHECK_EQ(kill(grandchild, SIGKILL), 0);
    close(fds[1]);
    PASS("process groups");
    return done_testing();
}
