/*
 * Running a program of /bin as a person would, and reading what it said: its standard output and
 * standard error, each captured through a pipe, and its wait status. For the tests of the
 * programs and of the shell. Include after check.h.
 */
#ifndef USER_TESTS_RUN_PROGRAM_H
#define USER_TESTS_RUN_PROGRAM_H

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct run_result {
    int status;     /* the wait status */
    char out[4096]; /* standard output, NUL-terminated (cut at the size) */
    char err[1024]; /* standard error */
};

/* Reads fd to its end into buf (at most size - 1 bytes kept, the rest read and dropped). */
static inline void read_all(int fd, char *buf, size_t size) {
    size_t len = 0;
    char scratch[256];
    ssize_t n;

    while ((n = read(fd, len + 1 < size ? buf + len : scratch, len + 1 < size ? size - 1 - len : sizeof(scratch))) >
           0) {
        if (len + 1 < size)
            len += (size_t)n;
    }
    buf[len] = '\0';
}

/*
 * Runs argv (argv[0] a path) with `input` (NULL: nothing, at once end of file) on its standard
 * input and fills r. The input must fit in a pipe, and standard error is read after standard
 * output: enough for programs that say little.
 */
static inline void run_program(struct run_result *r, const char *input, char *const argv[]) {
    int in[2], out[2], err[2];

    CHECK_EQ(pipe(in), 0);
    CHECK_EQ(pipe(out), 0);
    CHECK_EQ(pipe(err), 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        for (int i = 0; i < 2; i++) {
            close(in[i]);
            close(out[i]);
            close(err[i]);
        }
        execv(argv[0], argv);
        _exit(126);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (input)
        CHECK_EQ(write(in[1], input, strlen(input)), (ssize_t)strlen(input));
    close(in[1]);
    read_all(out[0], r->out, sizeof(r->out));
    read_all(err[0], r->err, sizeof(r->err));
    close(out[0]);
    close(err[0]);
    CHECK_EQ(waitpid(pid, &r->status, 0), pid);
}

/* Expects the program to have exited with `code`, printed exactly `out` and `err`. */
#define CHECK_RUN(r, code, want_out, want_err)                                                                         \
    do {                                                                                                               \
        const struct run_result *r_ = &(r);                                                                            \
        if (!WIFEXITED(r_->status) || WEXITSTATUS(r_->status) != (code) || strcmp(r_->out, (want_out)) != 0 ||         \
            strcmp(r_->err, (want_err)) != 0)                                                                          \
            FAIL("want exit %d, out \"%s\", err \"%s\"; got wait status 0x%x, out \"%s\", err \"%s\"", (int)(code),    \
                 (want_out), (want_err), r_->status, r_->out, r_->err);                                                \
    } while (0)

/* Runs a program given as a list of words: RUN(r, input, "/bin/wc", "-l"). */
#define RUN(r, input, ...)                                                                                             \
    do {                                                                                                               \
        char *argv_[] = {__VA_ARGS__, NULL};                                                                           \
        run_program(&(r), (input), argv_);                                                                             \
    } while (0)

/* The contents of file `path` (at most 255 bytes), or "(none)" if it cannot be opened. */
static inline const char *contents(const char *path) {
    static char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return "(none)";
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    CHECK(n >= 0);
    buf[n] = '\0';
    close(fd);
    return buf;
}

#endif
