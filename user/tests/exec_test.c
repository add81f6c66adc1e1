/* execve: arguments and environment, errors leave the caller unharmed, descriptors survive
 * unless opened with O_CLOEXEC. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

#include "check.h"

int main(int argc, char **argv, char **envp) {
    (void)envp;
    /* Re-executed by ourselves with arguments: check them and exit. */
    if (argc == 7 && strcmp(argv[1], "again") == 0) {
        CHECK(strcmp(argv[2], "two words") == 0);
        CHECK(strcmp(argv[3], "") == 0);
        CHECK(getenv("COLOR") && strcmp(getenv("COLOR"), "blue") == 0);
        CHECK(getenv("PATH") == NULL); /* only what we passed */
        /* Descriptor 9 was open across exec. */
        char c;
        CHECK_EQ(read(9, &c, 1), 1);
        CHECK_EQ(c, '!');
        /* The O_CLOEXEC descriptor was closed by exec; its dup and dup2 copies were not. */
        struct stat st;
        int cloexec_fd = atoi(argv[4]), dup_fd = atoi(argv[5]), reused_fd = atoi(argv[6]);
        CHECK_ERR(fstat(cloexec_fd, &st), EBADF);
        CHECK_ERR(read(cloexec_fd, &c, 1), EBADF);
        CHECK_EQ(read(dup_fd, &c, 1), 1);
        CHECK_EQ(c, 'T'); /* the file's first byte: the offset is shared, nothing read before */
        CHECK_EQ(fstat(10, &st), 0);
        CHECK(S_ISREG(st.st_mode));
        /* dup2 onto a close-on-exec descriptor: the new one is not close-on-exec. */
        CHECK_EQ(fstat(reused_fd, &st), 0);
        CHECK(S_ISREG(st.st_mode));
        /* The lowest free descriptor is the one exec closed. */
        int fd = dup(0);
        CHECK_EQ(fd, cloexec_fd);
        return 42;
    }

    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(dup2(fds[0], 9), 9);
    CHECK_EQ(write(fds[1], "!", 1), 1);
    int cloexec_fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);
    CHECK(cloexec_fd >= 0);
    int dup_fd = dup(cloexec_fd); /* a copy does not inherit close-on-exec */
    CHECK(dup_fd >= 0);
    CHECK_EQ(dup2(cloexec_fd, 10), 10);
    int reused_fd = open("/etc/motd", O_RDONLY | O_CLOEXEC);
    CHECK(reused_fd >= 0);
    CHECK_EQ(dup2(dup_fd, reused_fd), reused_fd);
    char cloexec_arg[12], dup_arg[12], reused_arg[12];
    snprintf(cloexec_arg, sizeof(cloexec_arg), "%d", cloexec_fd);
    snprintf(dup_arg, sizeof(dup_arg), "%d", dup_fd);
    snprintf(reused_arg, sizeof(reused_arg), "%d", reused_fd);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {argv[0], "again", "two words", "", cloexec_arg, dup_arg, reused_arg, NULL};
        char *env[] = {"COLOR=blue", NULL};
        execve(argv[0], args, env);
        _exit(99);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);

    /* Failures return to the caller, which goes on normally. */
    char *none[] = {"x", NULL};
    CHECK_ERR(execve("/bin/does-not-exist", none, NULL), ENOENT);
    CHECK_ERR(execve("/bin", none, NULL), EACCES);
    CHECK_ERR(execve("/etc/motd", none, NULL), EACCES);     /* not executable */
    CHECK_ERR(execve("/bin/not-elf", none, NULL), ENOEXEC); /* executable, but not an ELF file */
    CHECK_ERR(execve("/bin/echo/x", none, NULL), ENOTDIR);
    static char big[5000];
    memset(big, 'a', sizeof(big) - 1);
    char *huge[] = {"echo", big, NULL};
    CHECK_ERR(execve("/bin/echo", huge, NULL), E2BIG);
    CHECK_EQ(getpid(), getpid()); /* still us */
    /* A failed exec closes nothing, not even close-on-exec descriptors. */
    struct stat st;
    CHECK_EQ(fstat(cloexec_fd, &st), 0);
    CHECK_EQ(close(cloexec_fd), 0);
    CHECK_EQ(close(dup_fd), 0);
    CHECK_EQ(close(10), 0);
    CHECK_EQ(close(reused_fd), 0);

    /* exec a program that prints, through a pipe. */
    int out[2];
    CHECK_EQ(pipe(out), 0);
    pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        char *args[] = {"echo", "hello", "exec", NULL};
        execv("/bin/echo", args);
        _exit(99);
    }
    close(out[1]);
    char buf[64] = {0};
    ssize_t n = 0, r;
    while ((r = read(out[0], buf + n, sizeof(buf) - 1 - (size_t)n)) > 0)
        n += r;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK(strcmp(buf, "hello exec\n") == 0);
    PASS("execve");
    return done_testing();
}
