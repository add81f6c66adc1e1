/* x87 floating point in user programs: correct results, state kept per process, inherited by fork. */
#include <stdint.h>

#include "check.h"

static double harmonic(int n) {
    double s = 0;
    for (int i = 1; i <= n; i++)
        s += 1.0 / i;
    return s;
}

static uint16_t control_word(void) {
    uint16_t cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return cw;
}

static void set_control_word(uint16_t cw) {
    __asm__ volatile("fldcw %0" : : "m"(cw));
}

int main(void) {
    volatile double x = 2.0;
    double r = x * x + 0.5;
    CHECK(r == 4.5);
    CHECK(harmonic(10) > 2.928 && harmonic(10) < 2.930);

    /* Two processes computing different series while switching: neither disturbs the other. */
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        double s = 0;
        for (int i = 1; i <= 20000; i++) {
            s += 1.0 / ((double)i * i);
            if (i % 100 == 0)
                sched_yield();
        }
        write(fds[1], &s, sizeof(s));
        _exit(0);
    }
    double h = 0;
    for (int i = 1; i <= 20000; i++) {
        h += 1.0 / i;
        if (i % 100 == 0)
            sched_yield();
    }
    double child_sum;
    CHECK_EQ(read(fds[0], &child_sum, sizeof(child_sum)), sizeof(child_sum));
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    CHECK(h > 10.48 && h < 10.49);                   /* harmonic(20000) = 10.4807... */
    CHECK(child_sum > 1.6448 && child_sum < 1.6450); /* towards pi^2/6 = 1.6449... */

    /* A child starts with its parent's FPU state: here, the rounding mode. */
    uint16_t cw = control_word();
    set_control_word((uint16_t)((cw & ~0x0C00) | 0x0C00)); /* round toward zero */
    pid = fork();
    if (pid == 0)
        _exit((control_word() & 0x0C00) == 0x0C00 ? 0 : 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(control_word() & 0x0C00, 0x0C00); /* and ours is still ours */
    set_control_word(cw);
    PASS("x87 state per process, inherited by fork");
    return done_testing();
}
