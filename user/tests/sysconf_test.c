/*
 * sysconf and <limits.h> report the limits the system really enforces (POSIX, sysconf: "the
 * current value of a configurable system limit or option"), each checked against what the kernel
 * or the libc does at that limit: descriptors (OPEN_MAX, then EMFILE), processes (CHILD_MAX, then
 * EAGAIN), execve's argument bytes (ARG_MAX, then E2BIG), the page (PAGESIZE), stdio streams
 * (STREAM_MAX), atexit's functions (ATEXIT_MAX). An option the system offers gives its _POSIX_*
 * value; one it does not gives -1 and leaves errno alone; a name sysconf does not know is EINVAL.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/procinfo.h>

#include "check.h"

static const char *self; /* this program's path, to execute it again */

static void open_max(void) {
    CHECK_EQ(sysconf(_SC_OPEN_MAX), OPEN_MAX);
    int last = -1, fd;
    while ((fd = dup(0)) >= 0)
        last = fd;
    CHECK_EQ(errno, EMFILE);
    CHECK_EQ(last, OPEN_MAX - 1); /* 0, 1 and 2 were open: every descriptor is now taken */
    for (fd = 3; fd <= last; fd++)
        CHECK_EQ(close(fd), 0);
    PASS("OPEN_MAX descriptors open, the next one is EMFILE");
}

static void child_max(void) {
    enum { MAX = 200 };
    static pid_t pids[MAX];
    int fds[2], n = 0;

    long max = sysconf(_SC_CHILD_MAX);
    CHECK(max >= _POSIX_CHILD_MAX);
    int before = procinfo(NULL, 0); /* every process of the system, this one included */
    CHECK(before > 0);
    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    for (; n < MAX; n++) {
        pids[n] = fork();
        if (pids[n] == 0) {
            char c;
            close(fds[1]);
            read(fds[0], &c, 1); /* park until released */
            _exit(0);
        }
        if (pids[n] < 0)
            break;
    }
    int err = errno;
    close(fds[1]); /* release them all: their reads see end of file */
    close(fds[0]);
    for (int i = 0; i < n; i++)
        CHECK_EQ(waitpid(pids[i], NULL, 0), pids[i]);
    CHECK(n < MAX);
    CHECK_EQ(err, EAGAIN);
    CHECK_EQ(before + n, max);
    PASS("CHILD_MAX processes at once, counting every process: one more fork is EAGAIN");
}

/* Runs this program again with argument and environment strings of `bytes` bytes in all. */
static int exec_with_bytes(size_t bytes) {
    static char filler[ARG_MAX + 16];
    const char *mark = "arg-max-child";
    size_t fixed = strlen(self) + 1 + strlen(mark) + 1 + 1; /* the filler's NUL too */
    CHECK(bytes > fixed && bytes - fixed < sizeof(filler));
    memset(filler, 'x', bytes - fixed);
    filler[bytes - fixed] = '\0';
    char *argv[] = {(char *)self, (char *)mark, filler, NULL};
    char *envp[] = {NULL};

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execve(self, argv, envp);
        _exit(errno == E2BIG ? 3 : 4);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    return status;
}

static void arg_max(void) {
    CHECK_EQ(sysconf(_SC_ARG_MAX), ARG_MAX);
    CHECK(ARG_MAX >= _POSIX_ARG_MAX);
    CHECK_EXITED(exec_with_bytes(ARG_MAX), 42);
    CHECK_EXITED(exec_with_bytes(ARG_MAX + 1), 3);
    PASS("execve takes ARG_MAX bytes of strings; one more is E2BIG");
}

static void page_size(void) {
    long page = sysconf(_SC_PAGESIZE);
    CHECK_EQ(page, PAGESIZE);
    CHECK_EQ(sysconf(_SC_PAGE_SIZE), page);
    CHECK_EQ(PAGE_SIZE, PAGESIZE);
    for (int i = 0; i < 3; i++) {
        volatile char *p = mmap(NULL, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        CHECK(p != MAP_FAILED);
        CHECK_EQ((uintptr_t)p % (uintptr_t)page, 0);
        p[page - 1] = 1; /* a mapping is whole pages */
        CHECK_EQ(p[page - 1], 1);
        CHECK_EQ(munmap((void *)p, 1), 0);
    }
    PASS("PAGESIZE: mappings start on a page and take whole pages");
}

static void stream_max(void) {
    enum { MAX = 100 };
    static FILE *files[MAX];
    int n = 0;
    CHECK_EQ(sysconf(_SC_STREAM_MAX), STREAM_MAX);
    CHECK(STREAM_MAX >= _POSIX_STREAM_MAX);
    CHECK_EQ(FOPEN_MAX, STREAM_MAX);
    for (; n < MAX; n++)
        if (!(files[n] = fopen(self, "r")))
            break;
    CHECK_EQ(errno, EMFILE);
    CHECK_EQ(3 + n, STREAM_MAX); /* stdin, stdout and stderr count */
    for (int i = 0; i < n; i++)
        CHECK_EQ(fclose(files[i]), 0);
    PASS("STREAM_MAX streams open at once, stdin, stdout and stderr included");
}

static void nothing(void) {}

static void atexit_max_child(void) {
    for (int i = 0; i < ATEXIT_MAX; i++)
        if (atexit(nothing) != 0)
            exit(2);
    exit(atexit(nothing) != 0 ? 0 : 3);
}

static void atexit_max(void) {
    CHECK_EQ(sysconf(_SC_ATEXIT_MAX), ATEXIT_MAX);
    CHECK(ATEXIT_MAX >= 32); /* POSIX's least */
    CHECK_EXITED(run_in_child(atexit_max_child), 0);
    PASS("atexit takes ATEXIT_MAX functions and refuses one more");
}

static void other_limits(void) {
    CHECK_EQ(sysconf(_SC_CLK_TCK), 100);
    CHECK_EQ(sysconf(_SC_NGROUPS_MAX), NGROUPS_MAX);
    CHECK_EQ(NGROUPS_MAX, 0);
    CHECK_EQ(sysconf(_SC_LINE_MAX), LINE_MAX);
    CHECK(LINE_MAX >= _POSIX2_LINE_MAX);
    CHECK_EQ(sysconf(_SC_NPROCESSORS_ONLN), 1);
    CHECK_EQ(sysconf(_SC_NPROCESSORS_CONF), 1);
    CHECK(PATH_MAX >= _POSIX_PATH_MAX && NAME_MAX >= _POSIX_NAME_MAX && PIPE_BUF >= _POSIX_PIPE_BUF);
    CHECK_EQ(SSIZE_MAX, INT32_MAX);
    PASS("CLK_TCK, NGROUPS_MAX, LINE_MAX, the processors; the <limits.h> values meet POSIX's least");
}

static void options(void) {
    CHECK_EQ(_POSIX_VERSION, 200809L);
    CHECK_EQ(sysconf(_SC_VERSION), _POSIX_VERSION);
    CHECK_EQ(sysconf(_SC_JOB_CONTROL), _POSIX_JOB_CONTROL);
    CHECK(_POSIX_JOB_CONTROL > 0);
    CHECK_EQ(sysconf(_SC_MONOTONIC_CLOCK), _POSIX_MONOTONIC_CLOCK);
    struct timespec a, b;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
    CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
    PASS("_POSIX_VERSION, job control and the monotonic clock: sysconf agrees with <unistd.h>");

    CHECK_EQ(sysconf(_SC_MAPPED_FILES), _POSIX_MAPPED_FILES);
    CHECK_EQ(sysconf(_SC_MEMORY_PROTECTION), _POSIX_MEMORY_PROTECTION);
    CHECK(_POSIX_MAPPED_FILES > 0 && _POSIX_MEMORY_PROTECTION > 0);
    CHECK_EQ(sysconf(_SC_THREADS), _POSIX_THREADS);
    CHECK_EQ(sysconf(_SC_SEMAPHORES), _POSIX_SEMAPHORES);
    CHECK_EQ(sysconf(_SC_BARRIERS), _POSIX_BARRIERS);
    CHECK_EQ(sysconf(_SC_THREAD_PROCESS_SHARED), _POSIX_THREAD_PROCESS_SHARED);
    CHECK_EQ(sysconf(_SC_CPUTIME), _POSIX_CPUTIME);
    CHECK_EQ(sysconf(_SC_THREAD_CPUTIME), _POSIX_THREAD_CPUTIME);
    CHECK_EQ(sysconf(_SC_TIMERS), _POSIX_TIMERS);
    CHECK_EQ(sysconf(_SC_PRIORITY_SCHEDULING), _POSIX_PRIORITY_SCHEDULING);
    CHECK_EQ(sysconf(_SC_TIMER_MAX), TIMER_MAX);
    CHECK(TIMER_MAX >= _POSIX_TIMER_MAX);
    CHECK_EQ(sysconf(_SC_DELAYTIMER_MAX), DELAYTIMER_MAX);
    CHECK(DELAYTIMER_MAX >= _POSIX_DELAYTIMER_MAX);
    int unsupported[] = {_SC_SAVED_IDS,       _SC_REALTIME_SIGNALS, _SC_FSYNC, _SC_SHARED_MEMORY_OBJECTS,
                         _SC_ASYNCHRONOUS_IO, _SC_CLOCK_SELECTION,  _SC_SPAWN, _SC_REGEXP};
    for (unsigned i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++) {
        errno = 1234;
        CHECK_EQ(sysconf(unsupported[i]), -1);
        CHECK_EQ(errno, 1234);
    }
    PASS("an option the system does not offer is -1 and errno is left alone");

    CHECK_ERR(sysconf(-1), EINVAL);
    CHECK_ERR(sysconf(100000), EINVAL);
    PASS("a name sysconf does not know is EINVAL");
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "arg-max-child") == 0)
        return 42;
    self = argv[0];
    open_max();
    page_size();
    arg_max();
    stream_max();
    atexit_max();
    other_limits();
    options();
    child_max();
    return done_testing();
}
