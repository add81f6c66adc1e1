/* The user stack is bounded: running past it is SIGSEGV, not a walk into other memory. */
#include <signal.h>
#include <stdint.h>

#include "check.h"

static int depth(int n) {
    volatile char pad[4096];
    pad[0] = (char)n;
    return n > 0 ? depth(n - 1) + pad[0] : 0;
}

static void recurse_forever(void) {
    depth(1 << 20); /* 4 GiB of stack frames: far beyond the 8 MiB region */
}

int main(void) {
    volatile int r = depth(1000); /* 4 MiB deep: within the region, fine */
    (void)r;
    int status = run_in_child(recurse_forever);
    CHECK_SIGNALED(status, SIGSEGV);
    PASS("stack overflow is SIGSEGV");
    return done_testing();
}
