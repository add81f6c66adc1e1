/* Signals: default actions, handlers and sigreturn, masks, kill's cases, CPU faults. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>

#include "check.h"

static volatile sig_atomic_t got;
static volatile int last_sig;

static void handler(int sig) {
    got++;
    last_sig = sig;
}

static void default_actions(void) {
    static const int terminating[] = {SIGTERM, SIGINT, SIGKILL, SIGUSR1, SIGPIPE, SIGHUP};
    for (unsigned i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++) {
        pid_t pid = fork();
        if (pid == 0) {
            for (;;)
                sched_yield();
        }
        CHECK_EQ(kill(pid, terminating[i]), 0);
        int status;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_SIGNALED(status, terminating[i]);
    }
    /* SIGCHLD is ignored by default. */
    CHECK_EQ(raise(SIGCHLD), 0);
    PASS("default actions");
}

static void handler_runs_and_returns(void) {
    struct sigaction sa = {.sa_handler = handler};
    got = 0;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    /* Registers and the interrupted computation survive the handler. */
    volatile uint32_t a = 0x12345678, b = 0x9ABCDEF0;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(got, 1);
    CHECK_EQ(last_sig, SIGUSR1);
    CHECK_EQ(a, 0x12345678);
    CHECK_EQ(b, 0x9ABCDEF0);
    struct sigaction old;
    CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);
    CHECK(old.sa_handler == handler);
    CHECK(signal(SIGUSR1, SIG_DFL) == handler);
    PASS("handler runs and returns");
}

static void mask_defers_delivery(void) {
    sigset_t set, old;
    got = 0;
    signal(SIGUSR2, handler);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_EQ(got, 0); /* blocked: pending */
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(got, 1); /* delivered on unblock */
    CHECK_ERR(sigprocmask(99, &set, NULL), EINVAL);
    signal(SIGUSR2, SIG_DFL);
    PASS("masks defer delivery");
}

static void kill_cases(void) {
    CHECK_EQ(kill(getpid(), 0), 0); /* existence check */
    CHECK_ERR(kill(30000, 0), ESRCH);
    CHECK_ERR(kill(getpid(), -1), EINVAL);
    CHECK_ERR(kill(getpid(), 32), EINVAL);
    CHECK_ERR(kill(getpid(), 1000), EINVAL);
    CHECK_ERR(kill(-30000, SIGTERM), ESRCH);
    struct sigaction sa = {.sa_handler = handler};
    CHECK_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
    CHECK_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
    CHECK_ERR(sigaction(0, &sa, NULL), EINVAL);
    CHECK_ERR(sigaction(64, &sa, NULL), EINVAL);
    CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR);
    /* init takes no default action: a stray kill cannot bring the system down. */
    CHECK_EQ(kill(1, SIGKILL), 0);
    CHECK_EQ(kill(1, SIGTERM), 0);
    CHECK_EQ(kill(1, 0), 0); /* still there */
    CHECK_EQ(getppid(), 1);
    PASS("kill and sigaction errors");
}

static void expect_fault(void (*fn)(void), int sig, const char *what) {
    int status = run_in_child(fn);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
        FAIL("%s: want signal %d, got status 0x%x", what, sig, status);
}

static void null_write(void) {
    *(volatile int *)0 = 1;
}
static void kernel_read(void) {
    (void)*(volatile int *)0xC0000000u;
}
static void kernel_write(void) {
    *(volatile int *)0xC0100000u = 1;
}
static void code_write(void) {
    *(volatile char *)(uintptr_t)&null_write = 0;
}
static void divide(void) {
    volatile int zero = 0, x = 100;
    x = x / zero;
}
static void bad_opcode(void) {
    __asm__ volatile("ud2");
}
static void privileged(void) {
    __asm__ volatile("cli");
}
static void port_io(void) {
    __asm__ volatile("outb %%al, $0x80" : : "a"(0));
}
static void load_cr3(void) {
    __asm__ volatile("mov %%eax, %%cr3" : : "a"(0));
}

static void cpu_faults_become_signals(void) {
    expect_fault(null_write, SIGSEGV, "write to NULL");
    expect_fault(kernel_read, SIGSEGV, "read of kernel memory");
    expect_fault(kernel_write, SIGSEGV, "write to kernel memory");
    expect_fault(code_write, SIGSEGV, "write to program code");
    expect_fault(divide, SIGFPE, "divide by zero");
    expect_fault(bad_opcode, SIGILL, "invalid opcode");
    expect_fault(privileged, SIGSEGV, "cli");
    expect_fault(port_io, SIGSEGV, "port I/O");
    expect_fault(load_cr3, SIGSEGV, "mov to cr3");
    PASS("CPU faults become signals");
}

static jmp_buf recover;
static void segv_handler(int sig) {
    longjmp(recover, sig);
}

static void fault_handler_can_recover(void) {
    signal(SIGSEGV, segv_handler);
    int sig = setjmp(recover);
    if (sig == 0) {
        null_write();
        FAIL("no fault");
    }
    CHECK_EQ(sig, SIGSEGV);
    signal(SIGSEGV, SIG_DFL);
    /* Blocked or ignored, a fault still kills: the program could not go on. */
    PASS("a SIGSEGV handler can recover");
}

static void ignored_fault(void) {
    signal(SIGSEGV, SIG_IGN);
    null_write();
}

static void blocked_fault(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGFPE);
    sigprocmask(SIG_BLOCK, &set, NULL);
    divide();
}

static void sigchld_handler(int sig) {
    (void)sig;
    got++;
}

static void sigchld_arrives(void) {
    got = 0;
    signal(SIGCHLD, sigchld_handler);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    CHECK_EQ(got, 1);
    signal(SIGCHLD, SIG_DFL);
    PASS("SIGCHLD reaches a handler");
}

static void alarm_handler(int sig) {
    (void)sig;
}

static void interrupted_read(void) {
    int fds[2];
    struct sigaction sa = {.sa_handler = alarm_handler}; /* no SA_RESTART */
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec t = {0, 30 * 1000 * 1000};
        nanosleep(&t, NULL);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    char c;
    CHECK_ERR(read(fds[0], &c, 1), EINTR); /* blocked until the signal came */
    CHECK_EQ(waitpid(pid, NULL, 0), pid);

    /* With SA_RESTART (what signal() sets) the read resumes and gets its byte. */
    signal(SIGUSR1, alarm_handler);
    pid = fork();
    if (pid == 0) {
        struct timespec t = {0, 30 * 1000 * 1000};
        nanosleep(&t, NULL);
        kill(parent, SIGUSR1);
        nanosleep(&t, NULL);
        write(fds[1], "r", 1);
        _exit(0);
    }
    CHECK_EQ(read(fds[0], &c, 1), 1);
    CHECK_EQ(c, 'r');
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    signal(SIGUSR1, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
    PASS("a signal interrupts a blocking read: EINTR, or a restart with SA_RESTART");
}

static void bad_sigreturn(void) {
    /* Jumping into sigreturn with a garbage frame must only kill us. */
    __asm__ volatile("mov $0x100, %%esp; mov $14, %%eax; int $0x80" : : : "memory");
}

int main(void) {
    default_actions();
    handler_runs_and_returns();
    mask_defers_delivery();
    kill_cases();
    cpu_faults_become_signals();
    fault_handler_can_recover();
    expect_fault(ignored_fault, SIGSEGV, "ignored SIGSEGV");
    expect_fault(blocked_fault, SIGFPE, "blocked SIGFPE");
    sigchld_arrives();
    interrupted_read();
    expect_fault(bad_sigreturn, SIGSEGV, "sigreturn with a bad frame");
    return done_testing();
}
