/*
 * The edge of user space: 0xC0000000 is the first kernel address, so a buffer may end exactly
 * there but not one byte later. Every call that takes a pointer is tried with a buffer that
 * starts on the last, mapped, user page and runs 1 byte into the kernel (EFAULT, and no byte of
 * the kernel arrives anywhere), with one that ends exactly at the edge (fine), and with lengths
 * that wrap around 2^32.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

#include "check.h"

#define EDGE 0xC0000000u
#define LAST_PAGE (EDGE - 4096)
#define AT(off) ((void *)(uintptr_t)(EDGE - (off))) /* `off` bytes below the edge */

/* The top of the stack holds the strings of argv and envp: keep what the test overwrites. */
static char saved[64];

static void save_top(void) {
    memcpy(saved, AT(sizeof(saved)), sizeof(saved));
}

static void restore_top(void) {
    memcpy(AT(sizeof(saved)), saved, sizeof(saved));
}

static void reads_and_writes(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);

    /* write: from a buffer that runs 1 byte into the kernel. */
    CHECK_ERR(write(fds[1], AT(1), 2), EFAULT);
    CHECK_ERR(write(fds[1], AT(1), 4096), EFAULT);
    CHECK_ERR(write(fds[1], (void *)LAST_PAGE, 4097), EFAULT);
    CHECK_ERR(write(1, AT(1), 2), EFAULT);
    CHECK_EQ(pipe_bytes(fds[0]), 0); /* no kernel byte went into the pipe */
    /* ...and ending exactly at the edge is fine. */
    memcpy(AT(4), "edge", 4);
    CHECK_EQ(write(fds[1], AT(4), 4), 4);
    char buf[8];
    CHECK_EQ(read(fds[0], buf, 4), 4);
    CHECK(memcmp(buf, "edge", 4) == 0);
    CHECK_EQ(write(fds[1], (void *)LAST_PAGE, 4096), 4096);
    static char page[4096];
    CHECK_EQ(read(fds[0], page, sizeof(page)), 4096);
    CHECK(memcmp(page + 4092, "edge", 4) == 0);

    /* read: into a buffer that runs into the kernel consumes nothing and writes nothing. */
    CHECK_EQ(write(fds[1], "xy", 2), 2);
    memcpy(AT(1), "Q", 1);
    CHECK_ERR(read(fds[0], AT(1), 2), EFAULT);
    CHECK_ERR(read(fds[0], AT(1), 4096), EFAULT);
    CHECK_EQ(pipe_bytes(fds[0]), 2);
    CHECK_EQ(*(volatile char *)AT(1), 'Q');
    CHECK_EQ(read(fds[0], AT(2), 2), 2); /* ends exactly at the edge */
    CHECK(memcmp(AT(2), "xy", 2) == 0);

    /* A file: the offset does not move on EFAULT. */
    int fd = open("/bin/init", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(read(fd, AT(1), 2), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
    CHECK_EQ(read(fd, AT(4), 4), 4);
    CHECK(memcmp(AT(4), "\177ELF", 4) == 0);
    CHECK_EQ(close(fd), 0);

    /* Lengths that wrap around 2^32 from a user address. */
    CHECK_ERR(write(fds[1], (void *)LAST_PAGE, 0x40001001u), EFAULT);
    CHECK_ERR(write(fds[1], (void *)0x00400000u, 0xFFFFFFFFu), EFAULT);
    CHECK_ERR(write(fds[1], AT(1), 0xFFFFFFFFu), EFAULT);
    CHECK_ERR(read(fds[0], (void *)LAST_PAGE, 0xFFFFF001u), EFAULT);
    CHECK_ERR(write(fds[1], (void *)0xFFFFFFFFu, 1), EFAULT);
    CHECK_ERR(write(fds[1], (void *)0xFFFFFFFFu, 2), EFAULT);
    CHECK_EQ(pipe_bytes(fds[0]), 0);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
}

static void structures(void) {
    /* stat, fstat: 52 bytes. */
    CHECK_ERR(syscall(SYS_stat, "/bin/init", AT(sizeof(struct stat) - 1)), EFAULT);
    CHECK_EQ(syscall(SYS_stat, "/bin/init", AT(sizeof(struct stat))), 0);
    CHECK_ERR(syscall(SYS_fstat, 1, AT(sizeof(struct stat) - 1)), EFAULT);
    CHECK_EQ(syscall(SYS_fstat, 1, AT(sizeof(struct stat))), 0);

    /* clock_gettime, nanosleep: 8 bytes. */
    CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, AT(7)), EFAULT);
    CHECK_EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, AT(8)), 0);
    struct timespec short_nap = {0, 1000};
    memcpy(AT(7), &short_nap, 7);
    CHECK_ERR(syscall(SYS_nanosleep, AT(7), NULL), EFAULT);
    memcpy(AT(8), &short_nap, 8);
    CHECK_EQ(syscall(SYS_nanosleep, AT(8), NULL), 0);

    /* sigprocmask: 4 bytes each way; sigaction: 16 bytes each way. */
    memset(AT(4), 0, 4);
    CHECK_ERR(syscall(SYS_sigprocmask, SIG_BLOCK, AT(3), NULL), EFAULT);
    CHECK_ERR(syscall(SYS_sigprocmask, SIG_BLOCK, NULL, AT(3)), EFAULT);
    CHECK_EQ(syscall(SYS_sigprocmask, SIG_BLOCK, AT(4), NULL), 0);
    CHECK_EQ(syscall(SYS_sigprocmask, SIG_BLOCK, NULL, AT(4)), 0);
    CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, AT(15), NULL), EFAULT);
    CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, NULL, AT(15)), EFAULT);
    CHECK_EQ(syscall(SYS_sigaction, SIGUSR1, NULL, AT(16)), 0);

    /* pipe: 8 bytes; a failed pipe leaves no descriptor behind. */
    int before = lowest_free_fd();
    CHECK_ERR(syscall(SYS_pipe, AT(7)), EFAULT);
    CHECK_EQ(lowest_free_fd(), before);
    CHECK_EQ(syscall(SYS_pipe, AT(8)), 0);
    int *fds = AT(8);
    CHECK_EQ(fds[0], before);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);

    /* getcwd: "/" is 2 bytes. */
    CHECK_ERR(syscall(SYS_getcwd, AT(1), 2), EFAULT);
    CHECK_EQ(syscall(SYS_getcwd, AT(2), 2), 2);
    CHECK(memcmp(AT(2), "/", 2) == 0);

    /* waitpid: the status does not fit, so the child stays a zombie with it. */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        _exit(7);
    CHECK(child > 0);
    int status;
    errno = 0;
    long r;
    while ((r = syscall(SYS_waitpid, child, AT(3), 0)) < 0 && errno == EINTR)
        ;
    CHECK_EQ(r, -1);
    CHECK_EQ(errno, EFAULT);
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 7);
}

static void strings(void) {
    /* A path whose last user byte is not its end: the NUL would be in the kernel. */
    memcpy(AT(1), "a", 1);
    CHECK_ERR(syscall(SYS_open, AT(1), O_RDONLY), EFAULT);
    CHECK_ERR(syscall(SYS_stat, AT(1), AT(64)), EFAULT);
    CHECK_ERR(syscall(SYS_chdir, AT(1)), EFAULT);
    CHECK_ERR(syscall(SYS_execve, AT(1), NULL, NULL), EFAULT);
    /* ...and one whose NUL is the last user byte is an ordinary path. */
    memcpy(AT(2), "a", 2);
    CHECK_ERR(syscall(SYS_open, AT(2), O_RDONLY), ENOENT);
    CHECK_ERR(syscall(SYS_chdir, AT(2)), ENOENT);

    /* execve: an argument or environment string running into the kernel... */
    memcpy(AT(1), "a", 1);
    char *args[] = {"echo", NULL};
    char *with_edge[] = {"echo", AT(1), NULL};
    CHECK_ERR(syscall(SYS_execve, "/bin/echo", with_edge, NULL), EFAULT);
    char *env_edge[] = {AT(1), NULL};
    CHECK_ERR(syscall(SYS_execve, "/bin/echo", args, env_edge), EFAULT);
    /* ...and an argv array: argv[0] in the last user bytes, its NULL would be in the kernel. */
    memcpy(AT(4), &args[0], 4);
    CHECK_ERR(syscall(SYS_execve, "/bin/echo", AT(4), NULL), EFAULT);
    CHECK_ERR(syscall(SYS_execve, "/bin/echo", args, AT(4)), EFAULT);
}

int main(void) {
    /* The last user page is mapped (argv and envp live there). */
    CHECK_EQ(*(volatile char *)AT(1), *(volatile char *)AT(1));
    save_top();
    reads_and_writes();
    PASS("read and write: a buffer may end at 0xC0000000, not one byte later; lengths do not wrap");
    structures();
    PASS("stat, fstat, clock_gettime, nanosleep, sigprocmask, sigaction, pipe, getcwd, waitpid at the edge");
    /* In a child, so that an execve that wrongly succeeds cannot pass for the test: echo would
     * exit 0, the child exits 42 after its checks. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        strings();
        _exit(42);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
    PASS("paths and execve strings at the edge");
    restore_top();
    return done_testing();
}
