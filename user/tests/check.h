/*
 * A few lines of test scaffolding for the user tests, in the spirit of LTP's: each CHECK prints
 * what failed and where, and a failed check ends the program with status 1, which init reports.
 */
#ifndef USER_TESTS_CHECK_H
#define USER_TESTS_CHECK_H

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                                    \
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

#define PASS(name) printf("    ok - %s\n", name)

#endif
