/*
 * Anonymous MAP_SHARED memory is one memory for every process that maps it (POSIX mmap: "write
 * references shall change the underlying object"), also for pages nobody touched before fork.
 *
 * mmap_test writes its shared page before forking, so the page-table entry fork copies already
 * names the frame. Here pages are touched for the first time after fork, by the child, the
 * parent or a grandchild, in turns ordered over pipes; after munmap or MAP_FIXED has split the
 * region; after one process exec'd or unmapped it; until memory runs out. The harness's check at
 * power-off counts frames and kmalloc objects, so the memory must also be freed exactly once,
 * when the last process unmaps it or exits.
 *
 * It runs on Linux too, but for the out-of-memory case, which needs this kernel's small machine:
 * `gcc -m32 shared_mmap_test.c && setarch -R ./a.out` (or `qemu-i386 ./a.out`). Without -R,
 * address-space randomization may put something of the exec'd image where the old mapping was.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

#include "check.h"

#define PAGE 4096
#define INTS (PAGE / (int)sizeof(int))

/* In a child: a failed expectation ends it with status 1 after a TAP comment naming the line
 * (only the parent reports cases; its CHECK_EXITED then fails). */
#define CHILD_CHECK(cond)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            printf("    # child %d: %s:%d: %s\n", getpid(), __FILE__, __LINE__, #cond);                                \
            fflush(stdout);                                                                                            \
            _exit(1);                                                                                                  \
        }                                                                                                              \
    } while (0)

static volatile int *map_shared(int pages, int prot) {
    void *p = mmap(NULL, (size_t)pages * PAGE, prot, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

/* Word 0 of page `n` of a mapping. */
static volatile int *page_of(volatile int *map, int n) {
    return map + n * INTS;
}

static pid_t fork_flushed(void) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    return pid;
}

static void wait_exited_0(pid_t pid) {
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

/* A one-byte token over a pipe, to order the steps of two processes. */
static void send_token(int fd) {
    CHECK_EQ(write(fd, "t", 1), 1);
}

static void recv_token(int fd) {
    char c;
    CHECK_EQ(read(fd, &c, 1), 1);
}

/* Whether a write to `p` in a fresh child ends it with SIGSEGV. */
static bool write_faults(volatile int *p) {
    pid_t pid = fork_flushed();
    if (pid == 0) {
        *p = 1;
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void first_touch_by_child_then_by_parent(void) {
    volatile int *p = map_shared(2, PROT_READ | PROT_WRITE);
    int to_child[2];
    CHECK_EQ(pipe(to_child), 0);

    /* The child writes first: the example. */
    pid_t pid = fork_flushed();
    if (pid == 0) {
        *page_of(p, 0) = 42;
        _exit(0);
    }
    wait_exited_0(pid);
    CHECK_EQ(*page_of(p, 0), 42);

    /* The parent writes first, the child reads after it, and answers. */
    pid = fork_flushed();
    if (pid == 0) {
        close(to_child[1]); /* a parent that fails then means end of file, not a hang */
        recv_token(to_child[0]);
        CHILD_CHECK(*page_of(p, 1) == 43);
        CHILD_CHECK(*page_of(p, 0) == 42);
        *page_of(p, 1) = 44;
        _exit(0);
    }
    close(to_child[0]);
    *page_of(p, 1) = 43;
    send_token(to_child[1]);
    close(to_child[1]);
    wait_exited_0(pid);
    CHECK_EQ(*page_of(p, 1), 44);
    CHECK_EQ(munmap((void *)p, 2 * PAGE), 0);
    PASS("a page first touched after fork by the child, then one by the parent, is shared");
}

/*
 * Eight pages, each first touched after fork, in a scrambled order, by the two processes in
 * turn: for the first four the first toucher writes and the other one reads, then writes back;
 * for the last four the first toucher only reads (a zero page) before the other one writes.
 */
enum { SCRAMBLED = 8 };
static const int scrambled[SCRAMBLED] = {5, 0, 7, 2, 1, 6, 3, 4};

/* The script of one side (me: 0 the child, 1 the parent). Returns the failing step + 1, or 0. */
static int scrambled_turns(volatile int *p, int me, int to_other, int from_other) {
    for (int k = 0; k < SCRAMBLED; k++) {
        volatile int *w = page_of(p, scrambled[k]) + k; /* a different word on each page */
        bool first = k % 2 == me;
        if (k < SCRAMBLED / 2 && first) {
            if (*w != 0)
                return k + 1;
            *w = k + 100;
            send_token(to_other);
            recv_token(from_other);
            if (*w != -(k + 100))
                return k + 1;
        } else if (k < SCRAMBLED / 2) {
            recv_token(from_other);
            if (*w != k + 100)
                return k + 1;
            *w = -(k + 100);
            send_token(to_other);
        } else if (first) {
            if (*w != 0)
                return k + 1;
            send_token(to_other);
            recv_token(from_other);
            if (*w != k + 100)
                return k + 1;
        } else {
            recv_token(from_other);
            *w = k + 100;
            send_token(to_other);
        }
    }
    return 0;
}

static void several_pages_in_scrambled_order(void) {
    volatile int *p = map_shared(SCRAMBLED, PROT_READ | PROT_WRITE);
    int to_child[2], to_parent[2];
    CHECK_EQ(pipe(to_child), 0);
    CHECK_EQ(pipe(to_parent), 0);

    pid_t pid = fork_flushed();
    if (pid == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        _exit(scrambled_turns(p, 0, to_parent[1], to_child[0]));
    }
    close(to_child[0]);
    close(to_parent[1]);
    int failed = scrambled_turns(p, 1, to_child[1], to_parent[0]);
    CHECK_EQ(failed, 0);
    close(to_child[1]);
    close(to_parent[0]);
    wait_exited_0(pid);
    for (int k = 0; k < SCRAMBLED; k++)
        CHECK_EQ(page_of(p, scrambled[k])[k], k < SCRAMBLED / 2 ? -(k + 100) : k + 100);
    CHECK_EQ(munmap((void *)p, SCRAMBLED * PAGE), 0);
    PASS("eight pages first touched after fork, in turns and in a scrambled order, are shared");
}

static void grandchild(void) {
    volatile int *p = map_shared(3, PROT_READ | PROT_WRITE);
    int to_grandchild[2];
    CHECK_EQ(pipe(to_grandchild), 0);

    pid_t pid = fork_flushed();
    if (pid == 0) {
        close(to_grandchild[1]);
        pid_t g = fork();
        if (g == 0) {
            *page_of(p, 0) = 1; /* nobody touched it yet */
            recv_token(to_grandchild[0]);
            CHILD_CHECK(*page_of(p, 2) == 3); /* the grandparent's first touch */
            _exit(0);
        }
        CHILD_CHECK(g > 0);
        int status;
        CHILD_CHECK(waitpid(g, &status, 0) == g);
        CHILD_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        CHILD_CHECK(*page_of(p, 0) == 1);
        *page_of(p, 1) = 2;
        _exit(0);
    }
    close(to_grandchild[0]);
    *page_of(p, 2) = 3;
    send_token(to_grandchild[1]);
    close(to_grandchild[1]);
    wait_exited_0(pid);
    CHECK_EQ(*page_of(p, 0), 1);
    CHECK_EQ(*page_of(p, 1), 2);
    CHECK_EQ(munmap((void *)p, 3 * PAGE), 0);
    PASS("a grandchild shares pages first touched after both forks");
}

/*
 * munmap of the middle, of either end, and MAP_FIXED over a page, after fork, in either process:
 * the parts left stay shared with the other process, each page with its own page (not the
 * region's first).
 */
static void split_regions_stay_shared(void) {
    volatile int *a = map_shared(4, PROT_READ | PROT_WRITE);
    volatile int *b = map_shared(5, PROT_READ | PROT_WRITE);
    int to_child[2], to_parent[2];
    CHECK_EQ(pipe(to_child), 0);
    CHECK_EQ(pipe(to_parent), 0);

    pid_t pid = fork_flushed();
    if (pid == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        /* The child cuts the middle out of a: [a0] [a2 a3]. */
        CHILD_CHECK(munmap((void *)page_of(a, 1), PAGE) == 0);
        *page_of(a, 0) = 10;
        *page_of(a, 2) = 12;
        *page_of(a, 3) = 13;
        send_token(to_parent[1]);
        recv_token(to_child[0]);
        CHILD_CHECK(*page_of(a, 2) == 22);
        CHILD_CHECK(*page_of(a, 3) == 13);
        /* The parent cut both ends off b and put a private page over b2: b1 and b3 are still the
         * child's b1 and b3. */
        CHILD_CHECK(*page_of(b, 1) == 21);
        CHILD_CHECK(*page_of(b, 2) == 0);
        CHILD_CHECK(*page_of(b, 3) == 23);
        *page_of(b, 0) = 30;
        *page_of(b, 2) = 32;
        *page_of(b, 4) = 34;
        _exit(0);
    }
    close(to_child[0]);
    close(to_parent[1]);
    recv_token(to_parent[0]);
    CHECK_EQ(*page_of(a, 0), 10);
    CHECK_EQ(*page_of(a, 2), 12);
    CHECK_EQ(*page_of(a, 3), 13);
    *page_of(a, 1) = 11; /* still the parent's, no longer the child's */
    *page_of(a, 2) = 22;
    CHECK_EQ(munmap((void *)b, PAGE), 0);
    CHECK_EQ(munmap((void *)page_of(b, 4), PAGE), 0);
    volatile int *fixed =
        mmap((void *)page_of(b, 2), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(fixed == page_of(b, 2));
    *page_of(b, 1) = 21;
    *page_of(b, 2) = 99; /* private now */
    *page_of(b, 3) = 23;
    send_token(to_child[1]);
    close(to_child[1]);
    close(to_parent[0]);
    wait_exited_0(pid);
    CHECK_EQ(*page_of(a, 1), 11);
    CHECK_EQ(*page_of(b, 1), 21);
    CHECK_EQ(*page_of(b, 2), 99);
    CHECK_EQ(*page_of(b, 3), 23);
    CHECK_EQ(munmap((void *)a, 4 * PAGE), 0);
    CHECK_EQ(munmap((void *)b, 5 * PAGE), 0);
    PASS("after munmap and MAP_FIXED split a shared region, each part stays shared");
}

/* Run by the exec'd child (argv[1] == "exec-child", argv[2] the old mapping's address): the
 * mapping is gone from its new image. */
static int exec_child(const char *addr) {
    volatile int *p = (volatile int *)strtoul(addr, NULL, 16);
    return write_faults(p) ? 0 : 7;
}

static void exec_drops_only_the_childs_mapping(const char *self) {
    volatile int *p = map_shared(2, PROT_READ | PROT_WRITE);
    int to_sibling[2];
    CHECK_EQ(pipe(to_sibling), 0);

    /* A second child keeps sharing the pages while the first exec's. */
    pid_t sibling = fork_flushed();
    if (sibling == 0) {
        close(to_sibling[1]);
        recv_token(to_sibling[0]);
        CHILD_CHECK(*page_of(p, 0) == 5);
        CHILD_CHECK(*page_of(p, 1) == 6);
        _exit(0);
    }
    pid_t pid = fork_flushed();
    if (pid == 0) {
        close(to_sibling[0]);
        close(to_sibling[1]);
        *page_of(p, 0) = 5; /* first touch, then exec */
        char addr[16];
        snprintf(addr, sizeof(addr), "%lx", (unsigned long)(uintptr_t)p);
        char *args[] = {(char *)self, "exec-child", addr, NULL};
        execve(self, args, NULL);
        _exit(8);
    }
    wait_exited_0(pid); /* before the sibling is told to go on, so a failure here ends it too */
    CHECK_EQ(*page_of(p, 0), 5);
    close(to_sibling[0]);
    *page_of(p, 1) = 6;
    send_token(to_sibling[1]);
    close(to_sibling[1]);
    wait_exited_0(sibling);
    CHECK_EQ(munmap((void *)p, 2 * PAGE), 0);
    PASS("exec drops the child's shared mapping; the parent and a sibling go on sharing it");
}

/*
 * The memory lives as long as a process maps it: after the parent unmaps it, the child still
 * reads the old pages and can touch new ones; the child's exit frees it. And a region shared by
 * a child and a grandchild that both exit without unmapping. The harness's leak check counts
 * the frames and kmalloc objects at power-off: freed too early is a crash or a corruption here,
 * never freed is a leak there, freed twice a panic.
 */
static void freed_when_the_last_process_unmaps_or_exits(void) {
    volatile int *p = map_shared(3, PROT_READ | PROT_WRITE);
    int to_child[2];
    CHECK_EQ(pipe(to_child), 0);

    *page_of(p, 0) = 1;
    pid_t pid = fork_flushed();
    if (pid == 0) {
        close(to_child[1]);
        recv_token(to_child[0]);
        CHILD_CHECK(*page_of(p, 0) == 1);
        CHILD_CHECK(*page_of(p, 1) == 2);
        *page_of(p, 2) = 3; /* first touch after the parent's munmap */
        CHILD_CHECK(*page_of(p, 2) == 3);
        _exit(0);
    }
    close(to_child[0]);
    *page_of(p, 1) = 2;
    CHECK_EQ(munmap((void *)p, 3 * PAGE), 0);
    send_token(to_child[1]);
    close(to_child[1]);
    wait_exited_0(pid);

    pid = fork_flushed();
    if (pid == 0) {
        volatile int *q = map_shared(2, PROT_READ | PROT_WRITE);
        pid_t g = fork();
        if (g == 0) {
            *page_of(q, 1) = 4;
            _exit(0);
        }
        int status;
        CHILD_CHECK(g > 0 && waitpid(g, &status, 0) == g);
        CHILD_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        CHILD_CHECK(*page_of(q, 1) == 4);
        *page_of(q, 0) = 5;
        _exit(0); /* without munmap */
    }
    wait_exited_0(pid);
    PASS("shared memory outlives the parent's munmap and goes with the last process");
}

static void read_only_pages_read_as_zero_and_stay_shared(void) {
    volatile int *p = map_shared(3, PROT_READ);

    CHECK_EQ(*page_of(p, 0), 0);
    pid_t pid = fork_flushed();
    if (pid == 0) {
        CHILD_CHECK(*page_of(p, 0) == 0);
        CHILD_CHECK(*page_of(p, 1) == 0); /* first touch after fork */
        CHILD_CHECK(write_faults(page_of(p, 1)));
        CHILD_CHECK(write_faults(page_of(p, 2)));
        _exit(0);
    }
    wait_exited_0(pid);
    CHECK_EQ(*page_of(p, 1), 0);
    CHECK_EQ(*page_of(p, 2), 0);
    CHECK(write_faults(page_of(p, 0)));
    CHECK_EQ(munmap((void *)p, 3 * PAGE), 0);
    PASS("read-only shared pages read as zero in both processes and refuse writes");
}

#ifndef __linux__
/*
 * A first touch that finds no memory kills the toucher with SIGKILL, as for private pages
 * (docs/memory.md). The machine has 32 MiB; five shared regions of 8 MiB are each accepted
 * (none is larger than the free memory) and the child touches them all. Afterwards the pages it
 * did get are the parent's to read, and unmapping gives every frame back: the same again works.
 */
enum { OOM_REGIONS = 5, OOM_PAGES = 2048 };

static void out_of_memory_on_first_touch(void) {
    volatile int *r[OOM_REGIONS];
    for (int i = 0; i < OOM_REGIONS; i++)
        r[i] = map_shared(OOM_PAGES, PROT_READ | PROT_WRITE);

    pid_t pid = fork_flushed();
    if (pid == 0) {
        for (int i = 0; i < OOM_REGIONS; i++) {
            for (int n = 0; n < OOM_PAGES; n++)
                *page_of(r[i], n) = i * OOM_PAGES + n + 1;
        }
        _exit(3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    /* Give back the last regions first, so that the parent's page tables find frames. */
    for (int i = OOM_REGIONS - 1; i >= 2; i--)
        CHECK_EQ(munmap((void *)r[i], OOM_PAGES * PAGE), 0);
    for (int n = 0; n < OOM_PAGES; n++)
        CHECK_EQ(*page_of(r[0], n), n + 1);
    CHECK_EQ(munmap((void *)r[0], OOM_PAGES * PAGE), 0);
    CHECK_EQ(munmap((void *)r[1], OOM_PAGES * PAGE), 0);

    /* Everything came back: three regions' worth now fit. */
    for (int i = 0; i < 3; i++)
        r[i] = map_shared(OOM_PAGES, PROT_READ | PROT_WRITE);
    pid = fork_flushed();
    if (pid == 0) {
        for (int i = 0; i < 3; i++) {
            for (int n = 0; n < OOM_PAGES; n++)
                *page_of(r[i], n) = -1;
        }
        _exit(0);
    }
    wait_exited_0(pid);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(*page_of(r[i], OOM_PAGES - 1), -1);
        CHECK_EQ(munmap((void *)r[i], OOM_PAGES * PAGE), 0);
    }
    PASS("out of memory on a first touch of shared memory kills the toucher; every frame comes back");
}
#endif

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "exec-child") == 0)
        return exec_child(argv[2]);

    first_touch_by_child_then_by_parent();
    several_pages_in_scrambled_order();
    grandchild();
    split_regions_stay_shared();
    exec_drops_only_the_childs_mapping(argv[0]);
    freed_when_the_last_process_unmaps_or_exits();
    read_only_pages_read_as_zero_and_stay_shared();
#ifndef __linux__
    out_of_memory_on_first_touch();
#endif
    return done_testing();
}
