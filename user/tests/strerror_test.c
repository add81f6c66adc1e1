/*
 * The messages of errors and signals (POSIX strerror, perror, strsignal, psignal): every error
 * number <errno.h> names has its own message and every signal its own description; a number with
 * none gets a message that shows it; strerror leaves errno alone; perror and psignal write the
 * message to standard error after "prefix: ", or alone when the prefix is NULL or "".
 */
#include <signal.h>

#include "check.h"

#define E(name)                                                                                                        \
    { name, #name }
static const struct {
    int value;
    const char *name;
} posix_errors[] = {
    E(E2BIG),
    E(EACCES),
    E(EADDRINUSE),
    E(EADDRNOTAVAIL),
    E(EAFNOSUPPORT),
    E(EAGAIN),
    E(EALREADY),
    E(EBADF),
    E(EBADMSG),
    E(EBUSY),
    E(ECANCELED),
    E(ECHILD),
    E(ECONNABORTED),
    E(ECONNREFUSED),
    E(ECONNRESET),
    E(EDEADLK),
    E(EDESTADDRREQ),
    E(EDOM),
    E(EDQUOT),
    E(EEXIST),
    E(EFAULT),
    E(EFBIG),
    E(EHOSTUNREACH),
    E(EIDRM),
    E(EILSEQ),
    E(EINPROGRESS),
    E(EINTR),
    E(EINVAL),
    E(EIO),
    E(EISCONN),
    E(EISDIR),
    E(ELOOP),
    E(EMFILE),
    E(EMLINK),
    E(EMSGSIZE),
    E(EMULTIHOP),
    E(ENAMETOOLONG),
    E(ENETDOWN),
    E(ENETRESET),
    E(ENETUNREACH),
    E(ENFILE),
    E(ENOBUFS),
    E(ENODATA),
    E(ENODEV),
    E(ENOENT),
    E(ENOEXEC),
    E(ENOLCK),
    E(ENOLINK),
    E(ENOMEM),
    E(ENOMSG),
    E(ENOPROTOOPT),
    E(ENOSPC),
    E(ENOSR),
    E(ENOSTR),
    E(ENOSYS),
    E(ENOTCONN),
    E(ENOTDIR),
    E(ENOTEMPTY),
    E(ENOTRECOVERABLE),
    E(ENOTSOCK),
    E(ENOTSUP),
    E(ENOTTY),
    E(ENXIO),
    E(EOVERFLOW),
    E(EOWNERDEAD),
    E(EPERM),
    E(EPIPE),
    E(EPROTO),
    E(EPROTONOSUPPORT),
    E(EPROTOTYPE),
    E(ERANGE),
    E(EROFS),
    E(ESPIPE),
    E(ESRCH),
    E(ESTALE),
    E(ETIME),
    E(ETIMEDOUT),
    E(ETXTBSY),
    E(EXDEV),
};
#define N_ERRORS (sizeof(posix_errors) / sizeof(posix_errors[0]))

static void every_error_has_a_message(void) {
    static char seen[N_ERRORS][80];
    for (unsigned i = 0; i < N_ERRORS; i++) {
        const char *m = strerror(posix_errors[i].value);
        CHECK(m != NULL && *m != '\0');
        if (strncmp(m, "Unknown", 7) == 0)
            FAIL("%s has no message: %s", posix_errors[i].name, m);
        CHECK(strlen(m) < sizeof(seen[i]));
        strcpy(seen[i], m);
        for (unsigned j = 0; j < i; j++)
            if (strcmp(seen[j], m) == 0)
                FAIL("%s and %s have the same message: %s", posix_errors[j].name, posix_errors[i].name, m);
        const char *name = strerrorname_np(posix_errors[i].value);
        CHECK(name != NULL);
        CHECK_EQ(strcmp(name, posix_errors[i].name), 0);
    }
    PASS("every error number POSIX names has a message of its own");
}

static void aliases_and_values(void) {
    CHECK_EQ(EWOULDBLOCK, EAGAIN);
    CHECK_EQ(EOPNOTSUPP, ENOTSUP);
    /* Linux i386's numbers, as the kernel's (the ABI agreement) */
    CHECK_EQ(ENOTSUP, 95);
    CHECK_EQ(EILSEQ, 84);
    CHECK_EQ(ETIMEDOUT, 110);
    CHECK_EQ(ETXTBSY, 26);
    CHECK_EQ(ENOTRECOVERABLE, 131);
    PASS("EWOULDBLOCK is EAGAIN, EOPNOTSUPP is ENOTSUP; the values are Linux's");
}

static void unknown_errors_and_errno(void) {
    char want[40];
    int odd[] = {-1, 132, 4095, 100000};
    for (unsigned i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        errno = 777;
        const char *m = strerror(odd[i]);
        CHECK_EQ(errno, 777);
        snprintf(want, sizeof(want), "Unknown error %d", odd[i]);
        CHECK_EQ(strcmp(m, want), 0);
        CHECK(strerrorname_np(odd[i]) == NULL);
    }
    errno = 777;
    CHECK(strerror(EBADF) != NULL);
    CHECK(strerror(0) != NULL);
    CHECK_EQ(errno, 777);
    PASS("a number with no message shows itself; strerror never changes errno");
}

/* What fn writes to standard error. */
static const char *stderr_of(void (*fn)(void)) {
    static char buf[256];
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    int saved = dup(2);
    CHECK(saved >= 0);
    CHECK_EQ(dup2(fds[1], 2), 2);
    fn();
    CHECK_EQ(dup2(saved, 2), 2);
    CHECK_EQ(close(saved), 0);
    CHECK_EQ(close(fds[1]), 0);
    ssize_t n = read(fds[0], buf, sizeof(buf) - 1);
    CHECK(n >= 0);
    buf[n] = '\0';
    CHECK_EQ(close(fds[0]), 0);
    return buf;
}

static void perror_prefix(void) {
    errno = ENOENT;
    perror("open x");
}
static void perror_empty(void) {
    errno = EMFILE;
    perror("");
}
static void perror_null(void) {
    errno = ETIMEDOUT;
    perror(NULL);
}

static void perror_writes(void) {
    char want[128];
    snprintf(want, sizeof(want), "open x: %s\n", strerror(ENOENT));
    CHECK_EQ(strcmp(stderr_of(perror_prefix), want), 0);
    snprintf(want, sizeof(want), "%s\n", strerror(EMFILE));
    CHECK_EQ(strcmp(stderr_of(perror_empty), want), 0);
    snprintf(want, sizeof(want), "%s\n", strerror(ETIMEDOUT));
    CHECK_EQ(strcmp(stderr_of(perror_null), want), 0);
    PASS("perror writes \"prefix: \" and errno's message to stderr, the message alone without a prefix");
}

static void every_signal_has_a_description(void) {
    static char seen[NSIG][64];
    for (int sig = 1; sig < NSIG; sig++) {
        const char *d = strsignal(sig);
        CHECK(d != NULL && *d != '\0');
        if (strncmp(d, "Unknown", 7) == 0)
            FAIL("signal %d has no description: %s", sig, d);
        CHECK(strlen(d) < sizeof(seen[sig]));
        strcpy(seen[sig], d);
        for (int other = 1; other < sig; other++)
            if (strcmp(seen[other], d) == 0)
                FAIL("signals %d and %d have the same description: %s", other, sig, d);
    }
    char want[40];
    int odd[] = {0, -1, NSIG, 64};
    for (unsigned i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        snprintf(want, sizeof(want), "Unknown signal %d", odd[i]);
        CHECK_EQ(strcmp(strsignal(odd[i]), want), 0);
    }
    PASS("strsignal describes every signal 1-31, each its own way; another number shows itself");
}

static void psignal_prefix(void) {
    psignal(SIGTERM, "child");
}
static void psignal_empty(void) {
    psignal(SIGSEGV, "");
}
static void psignal_null(void) {
    psignal(SIGCHLD, NULL);
}

static void psignal_writes(void) {
    char want[128];
    snprintf(want, sizeof(want), "child: %s\n", strsignal(SIGTERM));
    CHECK_EQ(strcmp(stderr_of(psignal_prefix), want), 0);
    snprintf(want, sizeof(want), "%s\n", strsignal(SIGSEGV));
    CHECK_EQ(strcmp(stderr_of(psignal_empty), want), 0);
    snprintf(want, sizeof(want), "%s\n", strsignal(SIGCHLD));
    CHECK_EQ(strcmp(stderr_of(psignal_null), want), 0);
    PASS("psignal writes \"prefix: \" and the signal's description to stderr, alone without a prefix");
}

int main(void) {
    every_error_has_a_message();
    aliases_and_values();
    unknown_errors_and_errno();
    perror_writes();
    every_signal_has_a_description();
    psignal_writes();
    return done_testing();
}
