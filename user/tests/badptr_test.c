/* Bad pointers to every call that takes one: EFAULT, and nothing half done. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>

#include "check.h"

#define KERNEL ((void *)0xC0000000u)
#define KERNEL_TEXT ((void *)0xC0100000u)
#define UNMAPPED ((void *)0x10000000u)
#define LOW ((void *)0x1000u)

static void *const bad[] = {KERNEL, KERNEL_TEXT, UNMAPPED, LOW, (void *)0xFFFFF000u};
#define N_BAD (sizeof(bad) / sizeof(bad[0]))

/* NULL is no buffer either. The kernel must not do C pointer arithmetic on it, even to add 0: that
 * is undefined behaviour, which the debug kernel's UBSan stops with a panic. */
static void null_buffers(void) {
    int fds[2];
    char buf[8];

    CHECK_EQ(pipe(fds), 0);
    CHECK_ERR(pipe(NULL), EFAULT);
    CHECK_EQ(write(fds[1], "abc", 3), 3);
    CHECK_ERR(read(fds[0], NULL, 3), EFAULT);
    CHECK_ERR(write(fds[1], NULL, 3), EFAULT);
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3); /* nothing consumed, nothing added */
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    /* The console, a file, and the calls that fill a structure. */
    CHECK_ERR(write(1, NULL, 16), EFAULT);
    int fd = open("/bin/init", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(read(fd, NULL, 4), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0); /* nothing consumed */
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(stat("/bin/init", NULL), EFAULT);
    CHECK_ERR(fstat(1, NULL), EFAULT);
    CHECK_ERR(clock_gettime(CLOCK_MONOTONIC, NULL), EFAULT);
    CHECK_ERR(nanosleep(NULL, NULL), EFAULT);
    CHECK_ERR(uname(NULL), EFAULT);
    PASS("NULL buffers are refused: pipe, a pipe's, a file's and the console's read and write, stat");
}

int main(void) {
    int fds[2];
    char buf[64];
    struct stat st;

    CHECK_EQ(pipe(fds), 0);
    for (unsigned i = 0; i < N_BAD; i++) {
        void *p = bad[i];
        CHECK_ERR(write(1, p, 16), EFAULT);
        CHECK_ERR(open(p, O_RDONLY), EFAULT);
        CHECK_ERR(stat(p, &st), EFAULT);
        CHECK_ERR(stat("/bin/init", p), EFAULT);
        CHECK_ERR(fstat(1, p), EFAULT);
        CHECK_ERR(pipe(p), EFAULT);
        CHECK_ERR(chdir(p), EFAULT);
        CHECK_ERR(getcwd(p, 64) == NULL ? -1 : 0, EFAULT);
        CHECK_ERR(execve(p, NULL, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", p, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", (char *const[]){"echo", p, NULL}, NULL), EFAULT);
        CHECK_ERR(execve("/bin/echo", (char *const[]){"echo", NULL}, p), EFAULT);
        CHECK_ERR(nanosleep(p, NULL), EFAULT);
        CHECK_ERR(clock_gettime(CLOCK_MONOTONIC, p), EFAULT);
        CHECK_ERR(sigprocmask(SIG_BLOCK, p, NULL), EFAULT);
        CHECK_ERR(sigprocmask(SIG_BLOCK, NULL, p), EFAULT);
        CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, p, NULL), EFAULT);
        CHECK_ERR(syscall(SYS_sigaction, SIGUSR1, NULL, p), EFAULT);
        CHECK_ERR(waitpid(-1, p, WNOHANG), ECHILD); /* no child: ECHILD comes first */
        CHECK_ERR(uname(p), EFAULT);
    }
    /* uname's 325 bytes, the last one past the end of the user half. */
    CHECK_ERR(uname((void *)(0xC0000000u - sizeof(struct utsname) + 1)), EFAULT);
    /* A range that starts in user memory and runs into the kernel. */
    CHECK_ERR(write(1, (void *)(0xC0000000u - 8), 16), EFAULT);
    CHECK_ERR(read(fds[0], (void *)(0xC0000000u - 8), 16), EFAULT);
    /* A length that wraps around. */
    CHECK_ERR(write(1, buf, 0xFFFFFFF0u), EFAULT);

    /* A failed read into a bad buffer consumes nothing from the pipe. */
    CHECK_EQ(write(fds[1], "abc", 3), 3);
    CHECK_ERR(read(fds[0], UNMAPPED, 3), EFAULT);
    CHECK_ERR(read(fds[0], KERNEL, 3), EFAULT);
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), 3);
    CHECK(memcmp(buf, "abc", 3) == 0);

    /* Bad descriptors. */
    CHECK_ERR(read(99, buf, 1), EBADF);
    CHECK_ERR(read(-1, buf, 1), EBADF);
    CHECK_ERR(write(fds[0], "x", 1), EBADF); /* read end */
    CHECK_ERR(read(fds[1], buf, 1), EBADF);  /* write end */
    CHECK_ERR(close(77), EBADF);
    CHECK_ERR(dup(77), EBADF);
    CHECK_ERR(dup2(77, 3), EBADF);
    CHECK_ERR(dup2(0, 77), EBADF);
    CHECK_ERR(fstat(40, &st), EBADF);
    CHECK_ERR(lseek(fds[0], 0, SEEK_SET), ESPIPE);

    /* Unknown system calls. */
    CHECK_ERR(syscall(500), ENOSYS);
    CHECK_ERR(syscall(-1), ENOSYS);
    PASS("bad pointers and descriptors are refused");
    null_buffers();
    return done_testing();
}
