/* The libc's own functions, where a kernel test would not notice them wrong: error and signal
 * names, streams on files. */
#include <signal.h>

#include "check.h"

static void error_names_and_messages(void) {
    CHECK(!strcmp(strerrorname_np(EBADF), "EBADF"));
    CHECK(!strcmp(strerrorname_np(ENOTEMPTY), "ENOTEMPTY"));
    CHECK(!strcmp(strerror(EBADF), "Bad file descriptor"));
    CHECK(strerrorname_np(0) == NULL);
    CHECK(strerrorname_np(-1) == NULL);
    CHECK(!strcmp(strerrorname_np(ELOOP), "ELOOP"));
    CHECK(!strcmp(strerrorname_np(EOVERFLOW), "EOVERFLOW"));
    CHECK(!strcmp(strerrorname_np(ENOTRECOVERABLE), "ENOTRECOVERABLE")); /* the last of errno.h */
    CHECK(strerrorname_np(41) == NULL);                                  /* no error number */
    CHECK(strerrorname_np(4096) == NULL);
    CHECK(!strcmp(strerror(0), "Success"));
    CHECK(!strcmp(strerror(4096), "Unknown error 4096"));
    PASS("strerror and strerrorname_np");
}

static void signal_names(void) {
    CHECK(!strcmp(sigabbrev_np(SIGSEGV), "SEGV"));
    CHECK(!strcmp(sigabbrev_np(SIGHUP), "HUP"));
    CHECK(!strcmp(sigabbrev_np(31), "SYS"));
    for (int sig = 1; sig < NSIG; sig++)
        CHECK(sigabbrev_np(sig) != NULL);
    CHECK(sigabbrev_np(0) == NULL);
    CHECK(sigabbrev_np(NSIG) == NULL);
    CHECK(sigabbrev_np(-SIGKILL) == NULL);
    PASS("sigabbrev_np");
    char name[SIG2STR_MAX];
    int sig = -1;
    CHECK(sig2str(SIGSEGV, name) == 0 && !strcmp(name, "SEGV"));
    CHECK(sig2str(0, name) == -1 && sig2str(NSIG, name) == -1 && sig2str(-1, name) == -1);
    CHECK(str2sig("TERM", &sig) == 0 && sig == SIGTERM);
    CHECK(str2sig("9", &sig) == 0 && sig == SIGKILL);
    CHECK(str2sig("0", &sig) == 0 && sig == 0); /* the null signal: kill -0 */
    sig = 77;
    CHECK(str2sig("SIGTERM", &sig) == -1 && str2sig("32", &sig) == -1 && str2sig("1x", &sig) == -1);
    CHECK(str2sig("", &sig) == -1 && str2sig("term", &sig) == -1 && str2sig("-1", &sig) == -1 && sig == 77);
    for (int s = 1; s < NSIG; s++)
        CHECK(sig2str(s, name) == 0 && str2sig(name, &sig) == 0 && sig == s);
    PASS("sig2str and str2sig (POSIX.1-2024): names without SIG, numbers, each name and back");
    CHECK(!strcmp(strsignal(SIGTERM), "Terminated"));
    CHECK(!strcmp(strsignal(SIGKILL), "Killed"));
    CHECK(!strcmp(strsignal(SIGSEGV), "Segmentation fault"));
    CHECK(!strcmp(strsignal(SIGTSTP), "Stopped"));
    for (int sig = 1; sig < NSIG; sig++)
        CHECK(strsignal(sig) != NULL && strsignal(sig)[0] != '\0');
    CHECK(!strcmp(strsignal(0), "Unknown signal 0"));
    CHECK(!strcmp(strsignal(NSIG), "Unknown signal 32"));
    PASS("strsignal");
}

static void streams(void) {
    FILE *f = fopen("/bin/echo", "r");
    char magic[4];
    CHECK(f != NULL);
    CHECK_EQ(fread(magic, 1, 4, f), 4);
    CHECK(!memcmp(magic,
                  "\x7f"
                  "ELF",
                  4));
    int fd = fileno(f);
    CHECK_EQ(fclose(f), 0);
    CHECK_ERR(close(fd), EBADF);
    CHECK(fopen("/nope", "r") == NULL && errno == ENOENT);
    CHECK(fopen("/bin/echo", "x") == NULL && errno == EINVAL);
    PASS("fopen reads a file; fclose closes its descriptor; a missing file, a bad mode");

    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    FILE *out = fdopen(fds[1], "w");
    CHECK(out != NULL);
    CHECK(fprintf(out, "one\ntwo\nlast") > 0);
    CHECK_EQ(pipe_bytes(fds[0]), 0); /* fully buffered: nothing written yet, not even at a newline */
    CHECK_EQ(fclose(out), 0);
    FILE *in = fdopen(fds[0], "r");
    char *line = NULL;
    size_t size = 0;
    CHECK_EQ(getline(&line, &size, in), 4);
    CHECK(!strcmp(line, "one\n"));
    CHECK_EQ(getline(&line, &size, in), 4);
    CHECK(!strcmp(line, "two\n"));
    CHECK_EQ(getline(&line, &size, in), 4);
    CHECK(!strcmp(line, "last"));
    CHECK_EQ(getline(&line, &size, in), -1);
    CHECK(feof(in) && !ferror(in));
    free(line);
    CHECK_EQ(fclose(in), 0);
    PASS("fdopen: writes wait in the buffer until fclose; getline reads each line, the last without its newline");
}

int main(void) {
    error_names_and_messages();
    signal_names();
    streams();
    return done_testing();
}
