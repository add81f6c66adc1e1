/*
 * Fork of a large process (issue 16): 64 MiB touched, then 100 forks. Fork shares the page
 * tables (docs/memory.md), and the first write in a table's 4 MiB gives the writer a table of its
 * own; each child here writes somewhere else in the 64 MiB, checks what it sees and exits, while
 * the parent writes too before it waits (so sometimes it is the one that takes a copy of a table
 * while the child still shares it). Then every page must still hold what the parent wrote, and
 * memory must come back exactly: the free frames the kernel will commit to a new mapping (mmap
 * fails with ENOMEM past them, the overcommit heuristic of mm/vm.c) are what they were before the
 * forks, to the page; the kernel's leak check at power-off checks the rest.
 */
#include <stdint.h>
#include <sys/mman.h>

#include "check.h"

#define PAGE 4096u
#define BIG (64u << 20)
#define PAGES (BIG / PAGE)
#define FORKS 100

static volatile uint32_t *big;

static uint32_t pattern(uint32_t page) {
    return 0x9E3779B9u * (page + 1);
}

/* The largest writable anonymous mapping the kernel accepts, in pages: the free frames less its
 * reserve (mmap's commit check; nothing is touched). */
static size_t committable_pages(void) {
    size_t lo = 0, hi = 1u << 16;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        void *p = mmap(NULL, mid * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            CHECK_EQ(errno, ENOMEM);
            hi = mid - 1;
        } else {
            CHECK_EQ(munmap(p, mid * PAGE), 0);
            lo = mid;
        }
    }
    return lo;
}

/* Child i: its pages (one in each 4 MiB, and one page of its own) still hold the parent's
 * pattern; it writes them and reads its writes back. */
static void child(unsigned i) {
    uint32_t own = (i * 997u) % PAGES;
    for (uint32_t p = i % 1024; p < PAGES; p += 1024) {
        if (big[p * (PAGE / 4)] != pattern(p))
            _exit(2);
        big[p * (PAGE / 4) + 1] = i;
    }
    if (big[own * (PAGE / 4)] != pattern(own))
        _exit(3);
    big[own * (PAGE / 4)] = ~pattern(own);
    for (uint32_t p = i % 1024; p < PAGES; p += 1024) {
        if (big[p * (PAGE / 4) + 1] != i)
            _exit(4);
    }
    _exit(big[own * (PAGE / 4)] == ~pattern(own) ? 0 : 5);
}

int main(void) {
    big = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(big != MAP_FAILED);
    for (uint32_t p = 0; p < PAGES; p++)
        big[p * (PAGE / 4)] = pattern(p);
    /* Once, so that the slabs of region nodes exist before the count is taken. */
    committable_pages();
    size_t before = committable_pages();
    CHECK(before > 0);
    PASS("64 MiB touched");

    for (unsigned i = 0; i < FORKS; i++) {
        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0)
            child(i);
        /* The parent writes too: word 2 of a page in a table the child may still share. */
        uint32_t mine = (i * 4099u + 7) % PAGES;
        big[mine * (PAGE / 4) + 2] = i + 1;
        int status;
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_EXITED(status, 0);
        CHECK_EQ(big[mine * (PAGE / 4) + 2], i + 1);
    }
    PASS("100 forks: each child saw the parent's memory and its own writes");

    for (uint32_t p = 0; p < PAGES; p++) {
        CHECK_EQ(big[p * (PAGE / 4)], pattern(p));
        CHECK_EQ(big[p * (PAGE / 4) + 1], 0);
    }
    PASS("no child's write reached the parent");

    CHECK_EQ(committable_pages(), before);
    PASS("memory returns exactly: the same free frames as before the forks");
    CHECK_EQ(munmap((void *)big, BIG), 0);
    return done_testing();
}
