/*
 * Kernel memory is out of a program's reach, directly and through the kernel itself:
 * - reading, writing or executing any kernel address kills the program with SIGSEGV, and the
 *   system goes on;
 * - a system call asked to read or write kernel memory for the caller fails with EFAULT and
 *   leaves nothing half done (no byte in a pipe, no descriptor, no reaped zombie).
 * The addresses cover every kind of kernel memory: the first kernel address, kernel text, the
 * linear map's 4 KiB and 4 MiB pages and its last page, the kernel stacks and their guard gaps,
 * the last page of the address space.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

#include "check.h"

static const uintptr_t kernel_addresses[] = {
    0xC0000000u, /* the first kernel address: the linear map of physical address 0 */
    0xC0100000u, /* kernel text */
    0xC0101000u, /* more kernel text */
    0xC0200000u, /* the kernel's data and the frame table (4 KiB pages) */
    0xC0400000u, /* the first 4 MiB page of the linear map */
    0xC4000000u, /* the linear map, in the middle of RAM */
    0xEFFFF000u, /* the linear map's last page */
    0xF0000000u, /* the kernel stacks: the first slot's guard gap */
    0xF0002000u, /* the first slot's stack */
    0xF0006000u, /* the second slot's stack */
    0xFFFFF000u, /* the last page */
    0xFFFFFFFCu, /* the last word */
};
#define N_ADDRESSES (sizeof(kernel_addresses) / sizeof(kernel_addresses[0]))

static volatile uintptr_t target; /* the address the next child touches */

static void read_target(void) {
    volatile uint32_t v = *(volatile uint32_t *)target;
    (void)v;
}

static void write_target(void) {
    *(volatile uint32_t *)target = 0xDEADBEEF;
}

static void execute_target(void) {
    ((void (*)(void))target)();
}

static void touch_each_address(void) {
    static void (*const accesses[])(void) = {read_target, write_target, execute_target};
    static const char *const names[] = {"read", "write", "execute"};

    for (unsigned i = 0; i < N_ADDRESSES; i++) {
        for (unsigned a = 0; a < 3; a++) {
            target = kernel_addresses[i];
            int status = run_in_child(accesses[a]);
            if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
                FAIL("%s at 0x%08x: wait status 0x%x, want SIGSEGV", names[a], (unsigned)target, status);
        }
    }
    PASS("reading, writing or executing kernel memory: SIGSEGV");
}

/* Calls that read from or write to `k` for the caller. */
static void calls_on(void *k) {
    int fds[2];
    struct stat st;

    CHECK_EQ(pipe(fds), 0);
    /* write from kernel memory: nothing of it reaches the pipe or the console. */
    CHECK_ERR(write(fds[1], k, 16), EFAULT);
    CHECK_ERR(write(fds[1], k, 1), EFAULT);
    CHECK_ERR(write(1, k, 16), EFAULT);
    CHECK_EQ(pipe_bytes(fds[0]), 0);
    /* read into kernel memory: the data stays in the pipe. */
    CHECK_EQ(write(fds[1], "abc", 3), 3);
    CHECK_ERR(read(fds[0], k, 3), EFAULT);
    CHECK_ERR(read(fds[0], k, 1), EFAULT);
    CHECK_EQ(pipe_bytes(fds[0]), 3);
    char buf[4];
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
    int fd = open("/bin/init", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(read(fd, k, 64), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);

    /* Structures written for the caller. */
    CHECK_ERR(stat("/bin/init", k), EFAULT);
    CHECK_ERR(fstat(1, k), EFAULT);
    CHECK_ERR(syscall(SYS_getcwd, k, 64), EFAULT);
    CHECK_ERR(clock_gettime(CLOCK_MONOTONIC, k), EFAULT);
    CHECK_ERR(clock_gettime(CLOCK_REALTIME, k), EFAULT);
    CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, NULL, k), EFAULT);
    CHECK_ERR(sigprocmask(SIG_BLOCK, NULL, k), EFAULT);
    int before = lowest_free_fd();
    CHECK_ERR(pipe(k), EFAULT);
    CHECK_EQ(lowest_free_fd(), before); /* no descriptor left behind */

    /* Structures and strings read for the caller. */
    CHECK_ERR(stat(k, &st), EFAULT);
    CHECK_ERR(open(k, O_RDONLY), EFAULT);
    CHECK_ERR(chdir(k), EFAULT);
    CHECK_ERR(nanosleep(k, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, k, NULL), EFAULT);
    CHECK_ERR(sigprocmask(SIG_BLOCK, k, NULL), EFAULT);

    /* waitpid's status: EFAULT, and the child stays a zombie with its status. */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(5);
    CHECK(child > 0);
    long r;
    while ((r = syscall(SYS_waitpid, child, k, 0)) < 0 && errno == EINTR)
        ;
    CHECK_EQ(r, -1);
    CHECK_EQ(errno, EFAULT);
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 5);
}

/* execve with kernel memory as its path, argv, an argument, envp or an environment string. In a
 * child, so that an execve that wrongly succeeds cannot pass: the child exits 42 after them. */
static void execve_on(void *k) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"echo", NULL};
        CHECK_ERR(execve(k, args, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", k, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", (char *const[]){"echo", k, NULL}, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", args, k), EFAULT);
        CHECK_ERR(execve("/bin/echo", args, (char *const[]){k, NULL}), EFAULT);
        _exit(42);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
}

int main(void) {
    touch_each_address();
    for (unsigned i = 0; i < N_ADDRESSES; i++)
        calls_on((void *)kernel_addresses[i]);
    PASS("read, write, stat, fstat, getcwd, clock_gettime, sigaction, sigprocmask, pipe, open, chdir, nanosleep, "
         "waitpid on kernel memory: EFAULT, nothing half done");
    for (unsigned i = 0; i < N_ADDRESSES; i++)
        execve_on((void *)kernel_addresses[i]);
    PASS("execve with kernel memory as path, argv, an argument, envp or a variable: EFAULT");

    /* The system goes on: processes and pipes work as before. */
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(write(fds[1], "ok", 2) == 2 ? 0 : 1);
    }
    char buf[2];
    CHECK_EQ(read(fds[0], buf, 2), 2);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("the system goes on");
    return done_testing();
}
