/*
 * A few lines of test scaffolding for the user tests, in the spirit of LTP's: each CHECK prints
 * what failed and where, and a failed check ends the program with status 1, which init reports.
 *
 * The program reports in TAP, indented by four spaces so that it reads as a subtest of the
 * kernel's report (docs/testing.md): PASS(name) prints `    ok N - name`, a failed check prints
 * `    not ok N - file:line: what` and exits 1, and main ends with `return done_testing();`, which
 * prints the plan `    1..N`. The harness judges that report as it judges the kernel's: a
 * `not ok`, a missing plan or a plan that does not match the results fails the test, even when
 * the program exits 0.
 */
#ifndef USER_TESTS_CHECK_H
#define USER_TESTS_CHECK_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Cases reported so far (a forked child counts on from its parent's number). */
static int check_cases;

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        printf("    not ok %d - FAIL %s:%d: ", ++check_cases, __FILE__, __LINE__);                                     \
        printf(__VA_ARGS__);                                                                                           \
        printf("\n");                                                                                                  \
        exit(1);                                                                                                       \
    } while (0)

#define CHECK(cond)                                                                                                    \
    do {                                                                                                               \
        if (!(cond))                                                                                                   \
            FAIL("%s (errno %d: %s)", #cond, errno, strerror(errno));                                                  \
    } while (0)

#define CHECK_EQ(a, b)                                                                                                 \
    do {                                                                                                               \
        long long a_ = (long long)(a), b_ = (long long)(b);                                                            \
        if (a_ != b_)                                                                                                  \
            FAIL("%s == %s: %lld != %lld (errno %d)", #a, #b, a_, b_, errno);                                          \
    } while (0)

/* Expects a call to fail with -1 and errno `err`. */
#define CHECK_ERR(call, err)                                                                                           \
    do {                                                                                                               \
        errno = 0;                                                                                                     \
        long r_ = (long)(call);                                                                                        \
        if (r_ != -1 || errno != (err))                                                                                \
            FAIL("%s: want -1/%s, got %ld/errno %d", #call, #err, r_, errno);                                          \
    } while (0)

/* Expects a wait status of a normal exit with `code` (WEXITSTATUS alone would accept a child
 * killed by a signal). */
#define CHECK_EXITED(status, code)                                                                                     \
    do {                                                                                                               \
        int s_ = (status);                                                                                             \
        if (!WIFEXITED(s_) || WEXITSTATUS(s_) != (code))                                                               \
            FAIL("%s: want exit %d, got wait status 0x%x", #status, (int)(code), s_);                                  \
    } while (0)

/* Expects a wait status of a process killed by signal `sig`. */
#define CHECK_SIGNALED(status, sig)                                                                                    \
    do {                                                                                                               \
        int s_ = (status);                                                                                             \
        if (!WIFSIGNALED(s_) || WTERMSIG(s_) != (sig))                                                                 \
            FAIL("%s: want killed by signal %d, got wait status 0x%x", #status, (int)(sig), s_);                       \
    } while (0)

/* Runs fn in a child and returns its wait status. */
static inline int run_in_child(void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        exit(0);
    }
    int status = -1;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        FAIL("fork/waitpid failed (errno %d)", errno);
    return status;
}

/* The descriptor the next open or dup would get: a call that failed must not have taken one. */
static inline int lowest_free_fd(void) {
    int fd = dup(0);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    return fd;
}

/* How many bytes wait in a pipe (fstat's st_size): a call that failed must not have added any. */
static inline int pipe_bytes(int fd) {
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    return (int)st.st_size;
}

/* Reports a case that passed. */
#define PASS(name) printf("    ok %d - %s\n", ++check_cases, name)

/* Ends main: prints the plan and returns the exit status 0. */
static inline int done_testing(void) {
    printf("    1..%d\n", check_cases);
    return 0;
}

#endif
