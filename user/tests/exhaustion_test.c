/* Running out of processes and of memory, then recovering. */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

#include "check.h"

static void out_of_processes(void) {
    enum { MAX = 200 };
    static pid_t pids[MAX];
    int fds[2], n = 0;
    CHECK_EQ(pipe(fds), 0);
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
    CHECK(n < MAX);
    CHECK_EQ(errno, EAGAIN);
    printf("    forked %d children before EAGAIN\n", n);
    close(fds[1]); /* release them all: their reads see EOF */
    for (int i = 0; i < n; i++)
        CHECK_EQ(waitpid(pids[i], NULL, 0), pids[i]);
    /* And fork works again. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 9);
    close(fds[0]);
    PASS("out of processes, then recovered");
}

static void out_of_memory_with_malloc(void) {
    /* In a child, so that running dry does not starve the rest of the test. */
    pid_t pid = fork();
    if (pid == 0) {
        size_t total = 0;
        void *head = NULL;
        for (;;) {
            void **p = malloc(1 << 20);
            if (!p)
                break;
            for (size_t off = 0; off < (1u << 20); off += 4096)
                ((char *)p)[off] = 1; /* really take the frames */
            *p = head;
            head = p;
            total += 1 << 20;
        }
        if (errno != ENOMEM)
            _exit(2);
        printf("    malloc gave %u MiB before ENOMEM\n", (unsigned)(total >> 20));
        while (head) {
            void *next = *(void **)head;
            free(head);
            head = next;
        }
        void *again = malloc(1 << 20);
        _exit(again && total > (32u << 20) ? 0 : 3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("malloc until ENOMEM, then free and recover");
}

static void out_of_memory_by_touching(void) {
    /* Asking for more than there is fails at once... */
    CHECK(mmap(NULL, 512u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENOMEM);
    /* Read-only memory costs nothing until touched, but the address space still runs out. */
    CHECK(mmap(NULL, 0xBF400000u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENOMEM);

    /* ...but copy-on-write can still run dry: a parent fills most of memory and forks, and the
     * child writes every page. The child is killed (SIGKILL: out of memory is no fault of its
     * own, docs/memory.md); the parent and the kernel go on. */
    size_t size = 72u << 20;
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    for (size_t off = 0; off < size; off += 4096)
        p[off] = 1;
    pid_t pid = fork();
    if (pid == 0) {
        for (size_t off = 0; off < size; off += 4096)
            p[off] = 2;
        _exit(3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    for (size_t off = 0; off < size; off += 4096)
        CHECK_EQ(p[off], 1); /* the parent's memory is untouched */
    CHECK_EQ(munmap(p, size), 0);
    /* Everything came back: the same again succeeds. */
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    for (size_t off = 0; off < size; off += 4096)
        p[off] = 1;
    CHECK_EQ(munmap(p, size), 0);
    PASS("copy-on-write out of memory kills only the writer");
}

/*
 * pipe() refused for lack of memory gives back everything it took: the harness counts open files
 * and pipes at power-off. In a child: it takes writable memory until mmap refuses (a few dozen
 * frames are then left), then the rest a page at a time, trying pipe() before each page, until
 * pipe() fails: its 4 KiB buffer is a whole frame, while its other parts come from slabs that a
 * pipe kept open has started. The pages are taken through the kernel (clock_gettime into an
 * untouched page of a mapping made early), which fails with EFAULT once no frame is left, where a
 * touch of our own would be a SIGKILL.
 */
static void pipe_out_of_memory(void) {
    enum { RESERVE = 1024 }; /* pages: more than mmap leaves */
    pid_t pid = fork();
    if (pid == 0) {
        int keep[2], fds[2];
        struct timespec *reserve =
            mmap(NULL, RESERVE * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (reserve == MAP_FAILED || pipe(keep))
            _exit(2);
        for (size_t chunk = 1u << 20; chunk >= 4096; chunk /= 4) {
            char *p;
            while ((p = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)) != MAP_FAILED) {
                for (size_t off = 0; off < chunk; off += 4096)
                    p[off] = 1;
            }
        }
        for (int i = 0; i < RESERVE; i++) {
            if (pipe(fds) < 0)
                _exit(errno == ENOMEM ? 0 : 3);
            close(fds[0]);
            close(fds[1]);
            clock_gettime(CLOCK_MONOTONIC, reserve + i * 4096 / sizeof(*reserve));
        }
        _exit(4); /* never out of memory */
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("pipe() out of memory fails with ENOMEM and gives back what it took");
}

int main(void) {
    out_of_processes();
    out_of_memory_with_malloc();
    out_of_memory_by_touching();
    pipe_out_of_memory();
    return done_testing();
}
