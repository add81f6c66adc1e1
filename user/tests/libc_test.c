/* The libc's own functions, where a kernel test would not notice them wrong: error and signal names. */
#include <signal.h>

#include "check.h"

static void error_names_and_messages(void) {
    CHECK(!strcmp(strerrorname_np(EBADF), "EBADF"));
    CHECK(!strcmp(strerrorname_np(ENOTEMPTY), "ENOTEMPTY"));
    CHECK(!strcmp(strerror(EBADF), "Bad file descriptor"));
    CHECK(strerrorname_np(0) == NULL);
    CHECK(strerrorname_np(-1) == NULL);
    CHECK(!strcmp(strerrorname_np(ELOOP), "ELOOP"));
    CHECK(!strcmp(strerrorname_np(EOVERFLOW), "EOVERFLOW")); /* the last of abi/errno.h */
    CHECK(strerrorname_np(37) == NULL);                      /* not in abi/errno.h */
    CHECK(strerrorname_np(4096) == NULL);
    CHECK(!strcmp(strerror(0), "Success"));
    CHECK(!strcmp(strerror(4096), "Unknown error 4096"));
    PASS("strerror and strerrorname_np");
}

static void signal_names(void) {
    CHECK(!strcmp(sigabbrev_np(SIGSEGV), "SEGV"));
    CHECK(!strcmp(sigabbrev_np(SIGHUP), "HUP"));
    CHECK(!strcmp(sigabbrev_np(31), "SYS"));
    for (int sig = 1; sig < NSIG; sig++)
        CHECK(sigabbrev_np(sig) != NULL);
    CHECK(sigabbrev_np(0) == NULL);
    CHECK(sigabbrev_np(NSIG) == NULL);
    CHECK(sigabbrev_np(-SIGKILL) == NULL);
    PASS("sigabbrev_np");
}

int main(void) {
    error_names_and_messages();
    signal_names();
    return done_testing();
}
