/*
 * mmap of files (POSIX mmap, msync, mprotect, munmap): which descriptors may be mapped and with
 * which errno the others are refused, checked in POSIX's order (the descriptor first).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "check.h"

#define PG 4096

static void descriptor_errors(void) {
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
    /* A bad descriptor is EBADF before anything else is looked at (POSIX lists EBADF for fildes;
     * the suite and Linux check it before the length, the flags and the offset). */
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 123) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 1000000, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    /* An anonymous mapping ignores the descriptor. */
    void *a = mmap(NULL, PG, PROT_READ, anon, 99, 0);
    CHECK(a != MAP_FAILED);
    CHECK_EQ(munmap(a, PG), 0);
    /* A closed descriptor is a bad one. */
    int fd = open("/mm_closed", O_RDWR | O_CREAT, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
    CHECK_EQ(errno, EBADF);
    CHECK_EQ(unlink("/mm_closed"), 0);
    PASS("a bad descriptor is EBADF first");

    /* Files that cannot be mapped: ENODEV. */
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, p[0], 0) == MAP_FAILED);
    CHECK_EQ(errno, ENODEV);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, p[0], 0) == MAP_FAILED);
    CHECK_EQ(errno, ENODEV);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(close(p[1]), 0);
    int null = open("/dev/null", O_RDWR);
    CHECK(null >= 0);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, null, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENODEV);
    CHECK_EQ(close(null), 0);
    int dir = open("/", O_RDONLY);
    CHECK(dir >= 0);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0) == MAP_FAILED);
    CHECK_EQ(errno, ENODEV);
    CHECK_EQ(close(dir), 0);
    PASS("pipes, devices and directories are ENODEV");

    /* EACCES: not open for reading, or a shared writable mapping of a file not open for writing. */
    fd = open("/mm_acc", O_RDWR | O_CREAT, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "x", 1), 1);
    CHECK_EQ(close(fd), 0);
    int wo = open("/mm_acc", O_WRONLY);
    CHECK(wo >= 0);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED);
    CHECK_EQ(errno, EACCES);
    CHECK(mmap(NULL, PG, PROT_WRITE, MAP_PRIVATE, wo, 0) == MAP_FAILED);
    CHECK_EQ(errno, EACCES);
    CHECK_EQ(close(wo), 0);
    int ro = open("/mm_acc", O_RDONLY);
    CHECK(ro >= 0);
    CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
    CHECK_EQ(errno, EACCES);
    CHECK(mmap(NULL, PG, PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
    CHECK_EQ(errno, EACCES);
    CHECK_EQ(close(ro), 0);
    CHECK_EQ(unlink("/mm_acc"), 0);
    PASS("EACCES for the descriptor's access mode");
}

int main(void) {
    descriptor_errors();
    return done_testing();
}
