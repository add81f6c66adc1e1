/*
 * sigaltstack and SA_ONSTACK (POSIX): none at first (SS_DISABLE); a handler with SA_ONSTACK runs
 * on the alternate stack, one without it on the interrupted stack; while on it sigaltstack reports
 * SS_ONSTACK and refuses a change (EPERM); a stack overflow's SIGSEGV can be handled there; fork
 * keeps the stack; SS_DISABLE turns it off. Errors: EINVAL (flags), ENOMEM (smaller than
 * MINSIGSTKSZ), EFAULT (either pointer), with nothing changed.
 */
#include <signal.h>
#include <stdint.h>

#include "check.h"

#define KERNEL_ADDR ((void *)0xC0000000u)

static char alt[SIGSTKSZ] __attribute__((aligned(16)));
static volatile uintptr_t handler_local;
static volatile int runs, inside_flags, inside_change;

static void on_usr1(int sig) {
    volatile int local = sig;
    handler_local = (uintptr_t)&local;
    runs++;
    stack_t now, other = {.ss_sp = alt, .ss_size = SIGSTKSZ};
    inside_flags = sigaltstack(NULL, &now) == 0 ? now.ss_flags : -1;
    inside_change = sigaltstack(&other, NULL) == -1 ? errno : 0;
}

static void handle(int sig, void (*h)(int), int flags) {
    struct sigaction act = {.sa_handler = h, .sa_flags = flags};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(sig, &act, NULL), 0);
}

static int on_alt(uintptr_t p) {
    return p >= (uintptr_t)alt && p < (uintptr_t)alt + sizeof(alt);
}

static void none_at_first(void) {
    stack_t old;
    memset(&old, 0x5a, sizeof(old));
    CHECK_EQ(sigaltstack(NULL, &old), 0);
    CHECK_EQ(old.ss_flags, SS_DISABLE);
    CHECK_EQ(MINSIGSTKSZ <= SIGSTKSZ, 1);
    PASS("no alternate stack at first: SS_DISABLE");
}

static void runs_on_it(void) {
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0}, old;
    CHECK_EQ(sigaltstack(&ss, &old), 0);
    CHECK_EQ(old.ss_flags, SS_DISABLE);
    CHECK_EQ(sigaltstack(NULL, &old), 0);
    CHECK(old.ss_sp == alt);
    CHECK_EQ(old.ss_size, sizeof(alt));
    CHECK_EQ(old.ss_flags, 0);
    PASS("sigaltstack sets the stack and reports it (flags 0: not on it)");

    handle(SIGUSR1, on_usr1, SA_ONSTACK);
    runs = 0;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(runs, 1);
    CHECK(on_alt(handler_local));
    CHECK_EQ(inside_flags, SS_ONSTACK);
    CHECK_EQ(inside_change, EPERM);
    CHECK_EQ(sigaltstack(NULL, &old), 0);
    CHECK_EQ(old.ss_flags, 0);
    PASS("an SA_ONSTACK handler runs on it; there SS_ONSTACK, and changing it is EPERM");

    handle(SIGUSR1, on_usr1, 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(runs, 2);
    CHECK(!on_alt(handler_local));
    CHECK_EQ(inside_flags, 0);
    CHECK_EQ(inside_change, 0); /* allowed off it: it set the same stack again */
    PASS("a handler without SA_ONSTACK runs on the interrupted stack");

    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        stack_t o;
        handle(SIGUSR1, on_usr1, SA_ONSTACK);
        raise(SIGUSR1);
        _exit(sigaltstack(NULL, &o) == 0 && o.ss_sp == alt && o.ss_flags == 0 && on_alt(handler_local) ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("fork keeps the alternate stack");
}

static volatile int depth_reached;

static int recurse(int n) {
    volatile char pad[256];
    pad[0] = (char)n;
    depth_reached = n;
    return n > 0 ? recurse(n - 1) + pad[0] : 0;
}

static void on_segv(int sig) {
    (void)sig;
    volatile int local;
    _exit(on_alt((uintptr_t)&local) ? 7 : 8);
}

static void overflow_handled(void) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        handle(SIGSEGV, on_segv, SA_ONSTACK);
        recurse(1 << 20); /* 256 MiB of frames: far beyond the stack region */
        _exit(1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 7);

    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        handle(SIGSEGV, on_segv, 0); /* no room for its frame: the process dies of SIGSEGV */
        recurse(1 << 20);            /* 256 MiB of frames: far beyond the stack region */
        _exit(1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
    PASS("a stack overflow's SIGSEGV is handled on the alternate stack (and only there)");
}

static void errors_and_disable(void) {
    stack_t old, cur;
    CHECK_EQ(sigaltstack(NULL, &cur), 0);
    stack_t bad_flags = {.ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 4};
    CHECK_ERR(sigaltstack(&bad_flags, NULL), EINVAL);
    stack_t small = {.ss_sp = alt, .ss_size = MINSIGSTKSZ - 1};
    CHECK_ERR(sigaltstack(&small, NULL), ENOMEM);
    CHECK_ERR(sigaltstack(KERNEL_ADDR, NULL), EFAULT);
    stack_t off = {.ss_flags = SS_DISABLE};
    CHECK_ERR(sigaltstack(&off, KERNEL_ADDR), EFAULT);
    CHECK_EQ(sigaltstack(NULL, &old), 0);
    CHECK(old.ss_sp == cur.ss_sp && old.ss_size == cur.ss_size && old.ss_flags == cur.ss_flags);
    PASS("sigaltstack: EINVAL, ENOMEM, EFAULT, and nothing changed");

    CHECK_EQ(sigaltstack(&off, &old), 0);
    CHECK(old.ss_sp == alt);
    CHECK_EQ(sigaltstack(NULL, &old), 0);
    CHECK_EQ(old.ss_flags, SS_DISABLE);
    handle(SIGUSR1, on_usr1, SA_ONSTACK);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK(!on_alt(handler_local));
    CHECK_EQ(inside_flags, SS_DISABLE);
    signal(SIGUSR1, SIG_DFL);
    PASS("SS_DISABLE: SA_ONSTACK handlers run on the interrupted stack again");
}

int main(void) {
    none_at_first();
    runs_on_it();
    overflow_handled();
    errors_and_disable();
    return done_testing();
}
