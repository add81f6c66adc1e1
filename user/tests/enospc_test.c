/*
 * Memory for files runs out: the root file system may take half the memory the kernel had free
 * at boot. Past that, writes are cut short and then fail with ENOSPC, as do creating a file and
 * making a directory, each changing nothing; the rest of the system goes on (fork, pipes); and
 * removing or cutting files gives the memory back, all of it. Run on a 32 MiB machine.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "check.h"

#define DIR "/enospc_test"
#define CHUNK (64 * 1024)

static char chunk[CHUNK];

/* Writes to `fd` until memory runs out: the bytes written. */
static long fill(int fd) {
    long total = 0;
    for (;;) {
        ssize_t n = write(fd, chunk, sizeof(chunk));
        if (n < 0) {
            CHECK_EQ(errno, ENOSPC);
            return total;
        }
        CHECK(n > 0 && n % 4096 == 0); /* cut short at a page, never at a random byte */
        total += n;
    }
}

/* Makes files f0, f1... until even a name does not fit: how many. */
static int make_files(void) {
    char name[16];
    for (int i = 0;; i++) {
        snprintf(name, sizeof(name), "f%d", i);
        int lowest = lowest_free_fd();
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) {
            CHECK_EQ(errno, ENOSPC);
            CHECK_EQ(lowest_free_fd(), lowest);    /* no descriptor taken */
            CHECK_ERR(access(name, F_OK), ENOENT); /* no file made */
            return i;
        }
        CHECK_EQ(close(fd), 0);
        CHECK(i < 64);
    }
}

static void remove_files(int n) {
    char name[16];
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof(name), "f%d", i);
        CHECK_EQ(unlink(name), 0);
    }
}

int main(void) {
    struct stat st;

    memset(chunk, 'z', sizeof(chunk));
    CHECK_EQ(mkdir(DIR, 0755), 0);
    CHECK_EQ(chdir(DIR), 0);
    int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    long first = fill(fd);
    CHECK(first > 8L << 20 && first < 16L << 20); /* about half of 32 MiB */
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, first);
    CHECK_ERR(write(fd, "x", 1), ENOSPC);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, first); /* the failed write changed nothing */
    int files = make_files();
    CHECK_ERR(mkdir("d", 0755), ENOSPC);
    CHECK_ERR(access("d", F_OK), ENOENT);
    PASS("writes are cut short, then ENOSPC; so are creating a file and a directory");

    /* What does not need file memory goes on. */
    int fds[2];
    char c;
    CHECK_EQ(pipe(fds), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(write(fds[1], "k", 1) == 1 ? 7 : 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 7);
    CHECK_EQ(read(fds[0], &c, 1), 1);
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_ERR(write(fd, "x", 1), ENOSPC);
    PASS("out of file memory, processes and pipes still work");

    /* Cutting a file gives its pages back; removing everything gives back everything. */
    CHECK_EQ(ftruncate(fd, first / 2), 0);
    CHECK_EQ(lseek(fd, 0, SEEK_END), first / 2);
    CHECK_EQ(write(fd, chunk, sizeof(chunk)), CHUNK);
    CHECK_EQ(mkdir("d", 0755), 0);
    CHECK_EQ(rmdir("d"), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("big"), 0);
    remove_files(files);
    fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(fill(fd), first); /* exactly as much as the first time */
    CHECK_EQ(make_files(), files);
    remove_files(files);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("big"), 0);
    CHECK_EQ(chdir("/"), 0);
    CHECK_EQ(rmdir(DIR), 0);
    PASS("ftruncate and unlink give the memory back: the same again fits exactly");
    return done_testing();
}
