/* A program that reaches for kernel memory is stopped (read) or refused (write(2)). */
#include <signal.h>
#include <stdint.h>

#include "check.h"

static void read_kernel(void) {
    volatile uint32_t v = *(volatile uint32_t *)0xC0000000u;
    (void)v;
}

int main(void) {
    int status = run_in_child(read_kernel);
    CHECK_SIGNALED(status, SIGSEGV);
    CHECK_ERR(write(1, (void *)0xC0000000u, 64), EFAULT);
    /* The next thing runs normally. */
    printf("    still running after both\n");
    PASS("kernel memory is out of reach");
    return done_testing();
}
