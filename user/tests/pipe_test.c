/* Descriptors and pipes: inheritance across fork, EOF, EPIPE/SIGPIPE, the ring's wrap and its
 * two-run copies, a full pipe, dup/dup2, limits. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "check.h"

static void pipe_across_fork(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (int i = 0; i < 1000; i++)
            write(fds[1], &i, sizeof(i));
        _exit(0);
    }
    close(fds[1]);
    int v, expect = 0;
    ssize_t n;
    while ((n = read(fds[0], &v, sizeof(v))) == sizeof(v))
        CHECK_EQ(v, expect++);
    CHECK_EQ(n, 0); /* EOF once the only writer exited */
    CHECK_EQ(expect, 1000);
    close(fds[0]);
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    PASS("pipe across fork, EOF after the last writer");
}

static void eof_needs_every_writer_closed(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    int extra = dup(fds[1]);
    CHECK(extra > fds[1]);
    close(fds[1]);
    CHECK_EQ(write(extra, "z", 1), 1);
    char c;
    CHECK_EQ(read(fds[0], &c, 1), 1);
    close(extra);
    CHECK_EQ(read(fds[0], &c, 1), 0);
    close(fds[0]);
    PASS("EOF only once every write end is closed");
}

static volatile sig_atomic_t sigpipes;
static void on_sigpipe(int sig) {
    (void)sig;
    sigpipes++;
}

static void epipe_and_sigpipe(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    close(fds[0]);
    signal(SIGPIPE, on_sigpipe);
    CHECK_ERR(write(fds[1], "x", 1), EPIPE);
    CHECK_EQ(sigpipes, 1);
    signal(SIGPIPE, SIG_DFL);
    /* By default SIGPIPE kills the writer. */
    pid_t pid = fork();
    if (pid == 0) {
        write(fds[1], "x", 1);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGPIPE);
    close(fds[1]);
    PASS("EPIPE and SIGPIPE without a reader");
}

static void large_transfer_blocks_and_completes(void) {
    enum { TOTAL = 200 * 1024 };
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        static unsigned char chunk[3000];
        for (size_t sent = 0; sent < TOTAL; sent += sizeof(chunk)) {
            for (size_t i = 0; i < sizeof(chunk); i++)
                chunk[i] = (unsigned char)(sent + i);
            size_t n = TOTAL - sent < sizeof(chunk) ? TOTAL - sent : sizeof(chunk);
            if (write(fds[1], chunk, n) != (ssize_t)n)
                _exit(2);
        }
        _exit(0);
    }
    close(fds[1]);
    size_t got = 0;
    unsigned char buf[777];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
        for (ssize_t i = 0; i < n; i++)
            CHECK_EQ(buf[i], (unsigned char)(got + (size_t)i));
        got += (size_t)n;
    }
    CHECK_EQ(got, TOTAL);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    close(fds[0]);
    PASS("200 KiB through a 4 KiB pipe");
}

static void lowest_descriptor_first_and_emfile(void) {
    int fds[40], n = 0;
    for (; n < 40; n++) {
        fds[n] = dup(0);
        if (fds[n] < 0)
            break;
    }
    CHECK_EQ(errno, EMFILE);
    CHECK_EQ(n, 32 - 3); /* 0, 1, 2 were taken */
    CHECK_EQ(fds[0], 3);
    CHECK_EQ(fds[n - 1], 31);
    int p[2];
    CHECK_ERR(pipe(p), EMFILE);
    close(fds[5]); /* fd 8 */
    close(fds[2]); /* fd 5 */
    CHECK_EQ(dup(0), 5);
    CHECK_EQ(dup(0), 8);
    for (int fd = 3; fd < 32; fd++)
        close(fd);
    PASS("lowest free descriptor first, EMFILE at 32");
}

static void dup2_replaces(void) {
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(dup2(fds[1], 20), 20);
    CHECK_EQ(dup2(20, 20), 20);
    CHECK_EQ(write(20, "k", 1), 1);
    char c;
    CHECK_EQ(read(fds[0], &c, 1), 1);
    CHECK_EQ(c, 'k');
    /* dup2 over an open descriptor closes it first. */
    CHECK_EQ(dup2(fds[0], 20), 20);
    close(fds[1]);
    CHECK_EQ(read(20, &c, 1), 0); /* 20 is now the read end; no writers left */
    close(20);
    close(fds[0]);
    PASS("dup2");
}

static void shared_offsets_after_dup_and_fork(void) {
    int fd = open("/bin/echo", O_RDONLY);
    CHECK(fd >= 0);
    int copy = dup(fd);
    char a[4], b[4];
    CHECK_EQ(read(fd, a, 4), 4);
    CHECK_EQ(read(copy, b, 4), 4); /* the same open file: the offset moved */
    CHECK(memcmp(a,
                 "\x7f"
                 "ELF",
                 4) == 0);
    CHECK(memcmp(b,
                 "\x7f"
                 "ELF",
                 4) != 0);
    pid_t pid = fork();
    if (pid == 0) {
        lseek(fd, 100, SEEK_SET);
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    CHECK_EQ(lseek(copy, 0, SEEK_CUR), 100);
    CHECK_ERR(open("/dev/new", O_WRONLY | O_CREAT, 0644), EROFS);
    CHECK_ERR(open("/nope", O_RDONLY), ENOENT);
    CHECK_ERR(open("/bin/echo/x", O_RDONLY), ENOTDIR);
    close(fd);
    close(copy);
    PASS("open files shared by dup and fork");
}

/* Moves the ring's start to 4096 - 96 (a pipe holds 4096 bytes): the next 200 bytes wrap, 96 at
 * the buffer's end and 104 from its start, so each copy takes its two runs. */
static void ring_near_its_end(int fds[2]) {
    static char junk[4096 - 96];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(write(fds[1], junk, sizeof(junk)), (ssize_t)sizeof(junk));
    CHECK_EQ(read(fds[0], junk, sizeof(junk)), (ssize_t)sizeof(junk));
}

static void writes_and_reads_across_the_wrap(void) {
    int fds[2];
    char out[200], in[200];
    for (int i = 0; i < 200; i++)
        out[i] = (char)(i * 7 + 1);
    ring_near_its_end(fds);
    /* A small write goes in whole (both runs), and comes out in order. */
    CHECK_EQ(write(fds[1], out, sizeof(out)), (ssize_t)sizeof(out));
    CHECK_EQ(read(fds[0], in, sizeof(in)), (ssize_t)sizeof(in));
    CHECK_EQ(memcmp(in, out, sizeof(in)), 0);
    close(fds[0]);
    close(fds[1]);
    PASS("a write and a read across the ring's end keep the bytes in order");
}

static void read_stops_at_a_fault_in_its_second_run(void) {
    int fds[2];
    char out[200], in[200];
    for (int i = 0; i < 200; i++)
        out[i] = (char)(i + 3);
    ring_near_its_end(fds);
    CHECK_EQ(write(fds[1], out, sizeof(out)), (ssize_t)sizeof(out));
    /* A buffer whose first 96 bytes are mapped and the rest not: the first run (the 96 bytes up
     * to the ring's end) reaches the user, the second faults. Only what reached the user is
     * consumed: the read returns 96, and the other 104 bytes are still there, in order. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(pages != MAP_FAILED);
    CHECK_EQ(munmap(pages + 4096, 4096), 0);
    CHECK_EQ(read(fds[0], pages + 4096 - 96, sizeof(in)), 96);
    CHECK_EQ(memcmp(pages + 4096 - 96, out, 96), 0);
    CHECK_EQ(read(fds[0], in, sizeof(in)), 104);
    CHECK_EQ(memcmp(in, out + 96, 104), 0);
    munmap(pages, 4096);
    close(fds[0]);
    close(fds[1]);
    PASS("a read that faults in its second run returns the first, and the rest stays");
}

static void full_pipe_refuses_one_byte(void) {
    int fds[2];
    static char fill[4096];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
    CHECK_EQ(write(fds[1], fill, sizeof(fill)), (ssize_t)sizeof(fill));
    CHECK_ERR(write(fds[1], "x", 1), EAGAIN); /* no room for one more byte */
    char c;
    CHECK_EQ(read(fds[0], &c, 1), 1);
    CHECK_EQ(write(fds[1], "x", 1), 1);
    CHECK_ERR(write(fds[1], "y", 1), EAGAIN);
    close(fds[0]);
    close(fds[1]);
    PASS("a full pipe takes no byte more (O_NONBLOCK: EAGAIN), one after a read");
}

int main(void) {
    pipe_across_fork();
    writes_and_reads_across_the_wrap();
    read_stops_at_a_fault_in_its_second_run();
    full_pipe_refuses_one_byte();
    eof_needs_every_writer_closed();
    epipe_and_sigpipe();
    large_transfer_blocks_and_completes();
    lowest_descriptor_first_and_emfile();
    dup2_replaces();
    shared_offsets_after_dup_and_fork();
    return done_testing();
}
