/* brk/sbrk and anonymous mmap: private stays private, shared stays shared across fork. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "check.h"

static void segv_at(volatile char *p) {
    pid_t pid = fork();
    if (pid == 0) {
        *p = 1;
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
}

int main(void) {
    /* brk grows and shrinks the heap. */
    char *start = sbrk(0);
    CHECK(start != (char *)-1);
    CHECK(sbrk(3 * 4096) == start);
    CHECK(sbrk(0) == start + 3 * 4096);
    memset(start, 0x5A, 3 * 4096);
    CHECK(sbrk(-2 * 4096) == start + 3 * 4096);
    CHECK(sbrk(0) == start + 4096);
    CHECK_ERR(brk((void *)0xC0001000u), ENOMEM);
    CHECK(sbrk(0) == start + 4096);

    /* MAP_PRIVATE: the child's writes stay in the child. */
    int *priv = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(priv != MAP_FAILED);
    CHECK_EQ(((uintptr_t)priv) % 4096, 0);
    CHECK_EQ(priv[0], 0); /* zero-filled */
    priv[0] = 1;
    /* MAP_SHARED: they show in the parent. */
    int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(shared != MAP_FAILED);
    shared[0] = 1;
    pid_t pid = fork();
    if (pid == 0) {
        priv[0] = 2;
        shared[0] = 2;
        _exit(0);
    }
    CHECK_EQ(waitpid(pid, NULL, 0), pid);
    CHECK_EQ(priv[0], 1);
    CHECK_EQ(shared[0], 2);

    /* Read-only mappings refuse writes; unmapped memory faults. */
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(ro != MAP_FAILED);
    CHECK_EQ(ro[100], 0);
    segv_at(ro);
    CHECK_EQ(munmap(priv, 8192), 0);
    segv_at((char *)priv);
    segv_at((char *)priv + 4096);

    /* Partial unmap splits a mapping. */
    char *three = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(three != MAP_FAILED);
    CHECK_EQ(munmap(three + 4096, 4096), 0);
    three[0] = 1;
    three[2 * 4096] = 1;
    segv_at(three + 4096);

    /* MAP_FIXED places exactly. */
    char *fixed =
        mmap((void *)0x20000000, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(fixed == (char *)0x20000000);
    fixed[0] = 7;
    PASS("brk and mmap");

    /* Each refusal with its own errno (docs/syscalls.md). */
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
    CHECK(mmap(NULL, 0, PROT_READ, anon, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED); /* neither shared nor private */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED); /* both */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 4096, PROT_READ, anon | 0x1000, -1, 0) == MAP_FAILED); /* an unknown flag */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 4096, 0x10, anon, -1, 0) == MAP_FAILED); /* an unknown protection */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 4096, PROT_READ, anon, -1, 100) == MAP_FAILED); /* offset not page-aligned */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap((void *)0x20000123, 4096, PROT_READ, anon | MAP_FIXED, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap((void *)0xC0000000u, 4096, PROT_READ, anon | MAP_FIXED, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap((void *)0xBFFFF000u, 8192, PROT_READ, anon | MAP_FIXED, -1, 0) == MAP_FAILED); /* runs past the top */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap((void *)0x1000, 4096, PROT_READ, anon | MAP_FIXED, -1, 0) == MAP_FAILED); /* the NULL guard */
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 0xF0000000u, PROT_READ, anon, -1, 0) == MAP_FAILED); /* more than user space */
    CHECK_EQ(errno, EINVAL);
    /* A file (file_mmap_test has the rest): a bad descriptor is EBADF. */
    CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    /* Out of memory: no gap that large, or more writable memory than could ever be backed. */
    CHECK(mmap(NULL, 0xBF400000u, PROT_READ, anon, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENOMEM);
    CHECK(mmap(NULL, 0x40000000u, PROT_READ | PROT_WRITE, anon, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENOMEM);

    CHECK_ERR(munmap((void *)0x20000001, 4096), EINVAL);
    CHECK_ERR(munmap((void *)0x20000000, 0), EINVAL);
    CHECK_ERR(munmap((void *)0xC0000000u, 4096), EINVAL);
    CHECK_ERR(munmap((void *)0xBFFFF000u, 8192), EINVAL);
    CHECK_ERR(munmap((void *)0x1000, 4096), EINVAL);
    CHECK_EQ(munmap((void *)0x30000000, 4096), 0); /* nothing there: fine */
    CHECK_EQ(munmap(fixed, 4096), 0);

    /* brk: every refusal leaves the end where it was; the libc says ENOMEM. */
    char *end = sbrk(0);
    CHECK_EQ(syscall(SYS_brk, 0), (long)end);
    CHECK_EQ(syscall(SYS_brk, 0xC0001000u), (long)end);
    CHECK_EQ(syscall(SYS_brk, 0x1000), (long)end); /* below the heap's start */
    CHECK_ERR(brk((void *)0x1000), ENOMEM);
    CHECK_ERR(brk((void *)0xBF800000u), ENOMEM); /* the stack */
    /* A mapping right above the heap is in the way. */
    uintptr_t above = ((uintptr_t)end + 4095) / 4096 * 4096 + 4096;
    CHECK(mmap((void *)above, 4096, PROT_READ, anon | MAP_FIXED, -1, 0) == (void *)above);
    CHECK_EQ(syscall(SYS_brk, above + 4096), (long)end);
    CHECK_ERR(brk((void *)(above + 4096)), ENOMEM);
    CHECK(sbrk(0) == end);
    CHECK_EQ(munmap((void *)above, 4096), 0);
    CHECK_EQ(syscall(SYS_brk, above + 4096), (long)(above + 4096));
    CHECK_EQ(syscall(SYS_brk, end), (long)end);
    PASS("mmap, munmap and brk refuse with the documented errno");
    return done_testing();
}
