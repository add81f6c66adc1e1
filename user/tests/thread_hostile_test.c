/*
 * Threads as a hostile program uses them: thread_create with a start the kernel must not trust
 * (a kernel or missing entry point, no stack, a clear_tid word in the kernel or in read-only
 * memory), set_tls with a base in the kernel half, futex on memory that is not there, tgkill at
 * another process's thread, and threads created until the kernel says no. Each hostile child must
 * get a signal or an error code; the kernel goes on, and the power-off check finds nothing left.
 */
#include "check.h"
#include <abi/thread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define KERNEL_ADDRESS 0xC0100000u
#define STACK_SIZE 4096

static volatile uint32_t spin_word; /* the threads of test_exhaustion sleep on it */

static __attribute__((noreturn, used)) void sleeper(void) {
    while (spin_word == 0)
        syscall(SYS_futex, &spin_word, ABI_FUTEX_WAIT, 0, NULL);
    syscall(SYS_thread_exit);
    for (;;)
        ;
}

static __attribute__((noreturn, used)) void ender(void) {
    syscall(SYS_thread_exit);
    for (;;)
        ;
}

static uint32_t own_tls(void) {
    uint32_t tls;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(tls));
    return tls;
}

/* A new thread at `eip` with a fresh stack (or `esp` when not 0) and `clear_tid`. */
static long create(void (*eip)(void), uint32_t esp, uint32_t clear_tid) {
    if (!esp) {
        uint8_t *stack = malloc(STACK_SIZE);
        CHECK(stack != NULL);
        esp = (((uint32_t)stack + STACK_SIZE) & ~15u) - 4;
    }
    struct abi_thread_start start = {.eip = (uint32_t)eip, .esp = esp, .tls = own_tls(), .clear_tid = clear_tid};
    return syscall(SYS_thread_create, &start);
}

/* Runs fn in a child and returns its wait status. */
static int in_child(void (*fn)(void)) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    return status;
}

static void start_in_kernel(void) {
    create((void (*)(void))KERNEL_ADDRESS, 0, 0);
    for (;;)
        sched_yield(); /* the new thread's fault ends the process */
}

static void start_without_stack(void) {
    create((void (*)(void))sleeper, 0xFFFFFFF0u, 0); /* sleeper's first push faults */
    for (;;)
        sched_yield();
}

static void tls_in_kernel(void) {
    CHECK_EQ(syscall(SYS_set_tls, KERNEL_ADDRESS), 0);
    uint32_t v;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(v)); /* a user access of a kernel page: SIGSEGV */
    _exit((int)(v & 0x7f) | 0x40);
}

static void test_bad_starts(void) {
    int status = in_child(start_in_kernel);
    CHECK_SIGNALED(status, SIGSEGV);
    status = in_child(start_without_stack);
    CHECK_SIGNALED(status, SIGSEGV);
    status = in_child(tls_in_kernel);
    CHECK_SIGNALED(status, SIGSEGV);
    PASS("a thread started at a kernel address or without a stack, and a TLS base in the kernel: SIGSEGV");
}

static void test_bad_clear_tid(void) {
    /* The kernel writes 0 to clear_tid when the thread ends: never to kernel or read-only memory. */
    static const uint32_t read_only_word = 0x5a5a5a5a;
    long a = create(ender, 0, KERNEL_ADDRESS);
    long b = create(ender, 0, (uint32_t)&read_only_word);
    long c = create(ender, 0, 0xFFFFFFFCu);
    CHECK(a > 0 && b > 0 && c > 0);
    for (int i = 0; i < 50; i++)
        sched_yield();
    CHECK_EQ(read_only_word, 0x5a5a5a5a);
    CHECK_EQ(syscall(SYS_tgkill, getpid(), a, 0), -1); /* they have ended */
    CHECK_EQ(errno, ESRCH);
    PASS("clear_tid in the kernel, in read-only memory or at the top: nothing written, the threads end");
}

static void test_bad_futex_words(void) {
    uint32_t *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(none != MAP_FAILED);
    CHECK_ERR(syscall(SYS_futex, none, ABI_FUTEX_WAIT, 0, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_futex, (void *)KERNEL_ADDRESS, ABI_FUTEX_WAIT, 0, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_futex, (void *)KERNEL_ADDRESS, ABI_FUTEX_WAKE, 1, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_futex, (void *)0xFFFFFFFCu, ABI_FUTEX_WAIT, 0, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_futex, (void *)0, ABI_FUTEX_WAKE, 1, NULL), EFAULT);
    CHECK_EQ(munmap(none, 4096), 0);
    struct timespec *bad_timeout = (struct timespec *)KERNEL_ADDRESS;
    uint32_t word = 0;
    CHECK_ERR(syscall(SYS_futex, &word, ABI_FUTEX_WAIT, 0, bad_timeout), EFAULT);
    PASS("futex on unmapped, PROT_NONE, kernel and wrapping words, or with a kernel timeout: EFAULT");
}

static void test_other_process_thread(void) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        for (;;)
            pause();
    }
    CHECK_ERR(syscall(SYS_tgkill, getpid(), pid, SIGKILL), ESRCH); /* its thread, not ours */
    CHECK_ERR(syscall(SYS_tgkill, pid, getpid(), SIGKILL), ESRCH);
    CHECK_ERR(syscall(SYS_tgkill, pid, pid, 64), EINVAL);
    CHECK_ERR(syscall(SYS_tgkill, pid, pid, -1), EINVAL);
    CHECK_EQ(syscall(SYS_tgkill, pid, pid, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("tgkill names a thread of that process only: ESRCH across processes, EINVAL for bad signals");
}

/* Threads until the kernel refuses one: an error code (EAGAIN or ENOMEM), never a panic; then
 * fork still works and exit ends them all. In a child, so that its end frees everything. */
static void exhaust(void) {
    long made = 0, r;
    while ((r = create(sleeper, 0, 0)) > 0)
        made++;
    int err = errno;
    if (r != -1 || (err != EAGAIN && err != ENOMEM) || made < 8)
        _exit(10);
    pid_t pid = fork(); /* may fail for want of memory, but must not hang or panic */
    if (pid == 0)
        _exit(0);
    if (pid > 0 && waitpid(pid, NULL, 0) != pid)
        _exit(11);
    exit(0); /* ends every sleeping thread */
}

static void test_exhaustion(void) {
    for (int round = 0; round < 2; round++) {
        int status = in_child(exhaust);
        CHECK_EXITED(status, 0);
    }
    PASS("threads until the kernel refuses (EAGAIN or ENOMEM), twice: fork still works, exit ends them all");
}

int main(void) {
    test_bad_starts();
    test_bad_clear_tid();
    test_bad_futex_words();
    test_other_process_thread();
    test_exhaustion();
    return done_testing();
}
