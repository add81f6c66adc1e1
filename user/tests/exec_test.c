/* execve: arguments and environment, errors leave the caller unharmed, descriptors survive. */
#include <fcntl.h>
#include <stdint.h>

#include "check.h"

int main(int argc, char **argv, char **envp) {
    (void)envp;
    /* Re-executed by ourselves with arguments: check them and exit. */
    if (argc == 4 && strcmp(argv[1], "again") == 0) {
        CHECK(strcmp(argv[2], "two words") == 0);
        CHECK(strcmp(argv[3], "") == 0);
        CHECK(getenv("COLOR") && strcmp(getenv("COLOR"), "blue") == 0);
        CHECK(getenv("PATH") == NULL); /* only what we passed */
        /* Descriptor 9 was open across exec. */
        char c;
        CHECK_EQ(read(9, &c, 1), 1);
        CHECK_EQ(c, '!');
        return 42;
    }

    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(dup2(fds[0], 9), 9);
    CHECK_EQ(write(fds[1], "!", 1), 1);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {argv[0], "again", "two words", "", NULL};
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
