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

/* The signal a child gets (or 0 when it exits 0) touching *p, writing when `store`. */
static int touch_in_child(volatile char *p, int store) {
    pid_t pid = fork();
    if (pid == 0) {
        if (store)
            *p = 1;
        else
            (void)*p;
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    CHECK(WIFSIGNALED(status));
    return WTERMSIG(status);
}

/* Byte `off` of the file at `fd`, by read. */
static int byte_at(int fd, off_t off) {
    unsigned char c;
    CHECK_EQ(lseek(fd, off, SEEK_SET), off);
    if (read(fd, &c, 1) != 1)
        return -1;
    return c;
}

static void put_at(int fd, off_t off, char c) {
    CHECK_EQ(lseek(fd, off, SEEK_SET), off);
    CHECK_EQ(write(fd, &c, 1), 1);
}

/* A file of `size` bytes, byte i being 'a' + i % 26. */
static int make_file(const char *path, size_t size) {
    static char buf[PG];
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    for (size_t done = 0; done < size;) {
        size_t n = size - done < PG ? size - done : PG;
        for (size_t i = 0; i < n; i++)
            buf[i] = (char)('a' + (done + i) % 26);
        CHECK_EQ(write(fd, buf, n), (ssize_t)n);
        done += n;
    }
    return fd;
}

static void shared_file(void) {
    const size_t size = 2 * PG + 1000;
    int fd = make_file("/mm_sh", size);
    char *p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(((uintptr_t)p) % PG, 0);
    for (size_t i = 0; i < size; i++) {
        if (p[i] != (char)('a' + i % 26))
            FAIL("byte %zu of the mapping is %d", i, p[i]);
    }
    for (size_t i = size; i < 3 * PG; i++) {
        if (p[i] != 0)
            FAIL("byte %zu past the end is %d, not 0", i, p[i]);
    }
    PASS("a shared mapping shows the file, zeros past its end");

    p[100] = 'Z';
    CHECK_EQ(byte_at(fd, 100), 'Z');
    put_at(fd, PG + 7, 'Q');
    CHECK_EQ(p[PG + 7], 'Q');
    PASS("stores are seen by read, writes by loads");

    /* A hole made by growing the file is one page for read, write and the mapping. */
    char *q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG); /* an offset */
    CHECK(q != MAP_FAILED);
    CHECK_EQ(q[7], 'Q');
    q[8] = 'R';
    CHECK_EQ(p[PG + 8], 'R');
    CHECK_EQ(byte_at(fd, PG + 8), 'R');
    CHECK_EQ(munmap(q, PG), 0);
    PASS("an offset maps the file's page there");

    /* Across fork: the child's stores reach the parent and the file. */
    pid_t pid = fork();
    if (pid == 0) {
        p[200] = 'C';
        p[2 * PG + 5] = 'D';
        _exit(p[100] == 'Z' ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(p[200], 'C');
    CHECK_EQ(byte_at(fd, 2 * PG + 5), 'D');
    PASS("a shared file mapping is shared across fork");

    /* Past the end of the file: SIGBUS, and again after the file is cut. */
    char *big = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(big != MAP_FAILED);
    CHECK_EQ(big[PG + 7], 'Q');
    CHECK_EQ(touch_in_child(big + 3 * PG, 0), SIGBUS);
    CHECK_EQ(touch_in_child(big + 4 * PG + 10, 1), SIGBUS);
    CHECK_EQ(touch_in_child(big + 2 * PG + 1000, 1), 0); /* the end's page: fine */
    /* A store past the end in the last page is not the file's: growing the file shows zeros. */
    big[2 * PG + 1001] = 'X';
    CHECK_EQ(ftruncate(fd, 2 * PG + 2000), 0);
    CHECK_EQ(byte_at(fd, 2 * PG + 1001), 0);
    CHECK_EQ(big[2 * PG + 1001], 0);
    CHECK_EQ(ftruncate(fd, PG + 10), 0);
    CHECK_EQ(touch_in_child(p + 2 * PG, 0), SIGBUS);
    CHECK_EQ(touch_in_child(big + 2 * PG + 1, 1), SIGBUS);
    CHECK_EQ(p[PG + 7], 'Q');
    CHECK_EQ(p[PG + 11], 0); /* cut: zeros past the end */
    CHECK_EQ(ftruncate(fd, 3 * PG), 0);
    CHECK_EQ(p[2 * PG + 5], 0); /* the page came back empty */
    p[2 * PG + 6] = 'E';
    CHECK_EQ(byte_at(fd, 2 * PG + 6), 'E');
    CHECK_EQ(big[2 * PG + 6], 'E');
    CHECK_EQ(touch_in_child(big + 3 * PG, 0), SIGBUS);
    CHECK_EQ(munmap(big, 5 * PG), 0);
    PASS("past the end of the file is SIGBUS, after ftruncate too");

    /* After munmap and close the file keeps what was stored. */
    p[300] = 'M';
    CHECK_EQ(close(fd), 0);
    p[301] = 'N'; /* the mapping outlives the descriptor */
    CHECK_EQ(munmap(p, 3 * PG), 0);
    fd = open("/mm_sh", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(byte_at(fd, 300), 'M');
    CHECK_EQ(byte_at(fd, 301), 'N');
    CHECK_EQ(byte_at(fd, 2 * PG + 6), 'E');
    CHECK_EQ(close(fd), 0);
    PASS("stores stay in the file after munmap and close");

    /* Unlinked while mapped: the pages live until the last mapping goes. */
    fd = open("/mm_sh", O_RDWR);
    CHECK(fd >= 0);
    p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(unlink("/mm_sh"), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(p[300], 'M');
    p[PG + 1] = 'U';
    CHECK_EQ(p[PG + 1], 'U');
    CHECK_EQ(munmap(p, 2 * PG), 0);
    PASS("an unlinked file's pages live while mapped");

    /* The kernel checks the offset: negative, unaligned. */
    fd = make_file("/mm_sh2", PG);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, -PG) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 10) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 0, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    CHECK(mmap(NULL, 0xF0000000u, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    /* Far past the end: the mapping is made, its pages are SIGBUS. */
    p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0x7FFFF000);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(touch_in_child(p, 0), SIGBUS);
    CHECK_EQ(munmap(p, PG), 0);
    /* A write() from a mapping's page past the end fails with EFAULT, it does not kill. */
    p = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_ERR(write(fd, p + PG, 10), EFAULT);
    CHECK_EQ(munmap(p, 2 * PG), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_sh2"), 0);
    PASS("offsets and lengths are checked");
}

/* write() and read() whose user buffer is a mapping of the very page they write or read. */
static void buffer_in_the_file(void) {
    int fd = open("/mm_self", O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 2 * PG), 0); /* holes */
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
    CHECK_EQ(write(fd, p + 2000, 10), 10); /* page 0 is a hole until the copy faults it in */
    p[0] = 'A';
    CHECK_EQ(byte_at(fd, 0), 'A');
    put_at(fd, 1, 'B');
    CHECK_EQ(p[1], 'B');
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, p + PG, 2), 2); /* into the file's hole page 1 */
    CHECK_EQ(p[PG], 'A');
    CHECK_EQ(byte_at(fd, PG + 1), 'B');
    CHECK_EQ(munmap(p, 2 * PG), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_self"), 0);
    PASS("read and write with a buffer in a mapping of the same page");
}

static void private_file(void) {
    int fd = make_file("/mm_pr", 2 * PG);
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[5], 'f');
    p[5] = 'P';
    CHECK_EQ(p[5], 'P');
    CHECK_EQ(byte_at(fd, 5), 'f'); /* the file did not change */
    /* The child's copy is its own too. */
    pid_t pid = fork();
    if (pid == 0) {
        p[6] = 'K';
        p[PG + 6] = 'K';
        _exit(p[5] == 'P' ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(p[6], 'g');
    CHECK_EQ(p[PG + 6], (char)('a' + (PG + 6) % 26));
    CHECK_EQ(byte_at(fd, 6), 'g');
    CHECK_EQ(byte_at(fd, PG + 6), 'a' + (PG + 6) % 26);
    /* A shared mapping of the same file does not see the private copy. */
    char *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(s != MAP_FAILED);
    CHECK_EQ(s[5], 'f');
    s[7] = 'S';
    CHECK_EQ(byte_at(fd, 7), 'S');
    CHECK_EQ(p[5], 'P'); /* the copied page stays the copy */
    CHECK_EQ(munmap(s, PG), 0);
    CHECK_EQ(munmap(p, 2 * PG), 0);
    CHECK_EQ(byte_at(fd, 5), 'f');
    PASS("a private mapping is copy-on-write: stores stay in the process");

    /* A read-only descriptor maps privately for writing; PROT_READ refuses stores. */
    int ro = open("/mm_pr", O_RDONLY);
    CHECK(ro >= 0);
    p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 'W';
    CHECK_EQ(byte_at(fd, 0), 'a');
    CHECK_EQ(munmap(p, 2 * PG), 0);
    p = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, ro, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[1], 'b');
    CHECK_EQ(touch_in_child(p, 1), SIGSEGV);
    CHECK_EQ(touch_in_child(p + 2 * PG, 0), SIGBUS); /* past the end */
    CHECK_EQ(munmap(p, 3 * PG), 0);
    CHECK_EQ(close(ro), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_pr"), 0);
    /* A file of the initrd (this program). */
    fd = open("/bin/file_mmap_test", O_RDONLY);
    CHECK(fd >= 0);
    p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK(memcmp(p, "\177ELF", 4) == 0);
    CHECK_EQ(munmap(p, PG), 0);
    CHECK_EQ(close(fd), 0);
    PASS("private mappings of read-only descriptors and of the initrd's files");
}

static void protect_and_sync(void) {
    const int anon = MAP_PRIVATE | MAP_ANONYMOUS;
    char *a = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, anon, -1, 0);
    CHECK(a != MAP_FAILED);
    a[0] = 1;
    a[PG] = 2;
    a[2 * PG] = 3;
    CHECK_EQ(mprotect(a + PG, PG, PROT_READ), 0); /* the middle page of a region */
    CHECK_EQ(touch_in_child(a + PG, 1), SIGSEGV);
    CHECK_EQ(touch_in_child(a + PG, 0), 0);
    CHECK_EQ(touch_in_child(a, 1), 0);
    CHECK_EQ(touch_in_child(a + 2 * PG, 1), 0);
    CHECK_EQ(a[PG], 2);
    a[0] = 4;
    a[2 * PG] = 5;
    CHECK_EQ(mprotect(a + PG, PG, PROT_NONE), 0);
    CHECK_EQ(touch_in_child(a + PG, 0), SIGSEGV);
    CHECK_EQ(mprotect(a, 3 * PG, PROT_READ | PROT_WRITE), 0);
    CHECK_EQ(a[PG], 2); /* the page stayed */
    a[PG] = 6;
    CHECK_EQ(a[0] + a[PG] + a[2 * PG], 15);
    CHECK_EQ(mprotect(a, 2 * PG - 100, PROT_READ), 0); /* the length is rounded up to pages */
    CHECK_EQ(touch_in_child(a + PG + PG / 2, 1), SIGSEGV);
    CHECK_EQ(touch_in_child(a + 2 * PG, 1), 0);
    PASS("mprotect of part of a mapping, PROT_NONE and back");

    /* Errors, and a failure changes nothing. */
    CHECK_ERR(mprotect(a + 1, PG, PROT_READ), EINVAL);
    CHECK_ERR(mprotect(a, PG, 0x10), EINVAL);
    CHECK_EQ(mprotect(a, 0, PROT_NONE), 0);
    CHECK_EQ(munmap(a + 2 * PG, PG), 0);
    CHECK_ERR(mprotect(a, 3 * PG, PROT_NONE), ENOMEM); /* runs into a hole */
    CHECK_EQ(a[0], 4);                                 /* still readable */
    CHECK_ERR(mprotect((void *)0xC0000000u, PG, PROT_READ), ENOMEM);
    CHECK_ERR(mprotect(a, 0xFFFFF000u, PROT_READ), ENOMEM); /* wraps */
    CHECK_ERR(mprotect((void *)0x1000, PG, PROT_READ), ENOMEM);
    CHECK_EQ(munmap(a, 2 * PG), 0);
    PASS("mprotect refuses with EINVAL and ENOMEM");

    /* Files: a shared mapping may become writable only if the descriptor was open for writing. */
    int fd = make_file("/mm_pro", 2 * PG);
    int ro = open("/mm_pro", O_RDONLY);
    CHECK(ro >= 0);
    char *r = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, ro, 0);
    CHECK(r != MAP_FAILED);
    CHECK_ERR(mprotect(r, PG, PROT_READ | PROT_WRITE), EACCES);
    CHECK_EQ(mprotect(r, PG, PROT_NONE), 0);
    CHECK_EQ(mprotect(r, PG, PROT_READ), 0);
    CHECK_EQ(r[0], 'a');
    CHECK_EQ(touch_in_child(r, 1), SIGSEGV);
    char *w = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(w != MAP_FAILED);
    CHECK_EQ(w[1], 'b');
    CHECK_EQ(mprotect(w, 2 * PG, PROT_READ | PROT_WRITE), 0);
    w[1] = 'W';
    CHECK_EQ(byte_at(fd, 1), 'W');
    CHECK_EQ(r[1], 'W');
    CHECK_EQ(mprotect(w, PG, PROT_READ), 0); /* a present, writable shared page */
    CHECK_EQ(touch_in_child(w + 1, 1), SIGSEGV);
    CHECK_EQ(mprotect(w, PG, PROT_READ | PROT_WRITE), 0);
    CHECK_EQ(touch_in_child(w + 1, 1), 0);
    CHECK_EQ(byte_at(fd, 1), 1); /* the child's store */
    w[1] = 'W';
    /* A private one may always: its stores stay its own. */
    char *c = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, ro, 0);
    CHECK(c != MAP_FAILED);
    CHECK_EQ(c[2], 'c');
    CHECK_EQ(mprotect(c, PG, PROT_READ | PROT_WRITE), 0);
    c[2] = 'X';
    CHECK_EQ(byte_at(fd, 2), 'c');
    CHECK_EQ(c[2], 'X');
    CHECK_EQ(munmap(c, 2 * PG), 0);
    PASS("mprotect of file mappings: EACCES for a read-only descriptor's shared mapping");

    /* msync: the pages are the file's, so it checks its arguments. */
    CHECK_EQ(msync(w, 2 * PG, MS_SYNC), 0);
    CHECK_EQ(msync(w, PG, MS_ASYNC | MS_INVALIDATE), 0);
    CHECK_EQ(msync(w, 10, MS_SYNC), 0);
    CHECK_ERR(msync(w + 1, PG, MS_SYNC), EINVAL);
    CHECK_ERR(msync(w, PG, MS_SYNC | MS_ASYNC), EINVAL);
    CHECK_ERR(msync(w, PG, 0x100), EINVAL);
    CHECK_ERR(msync((void *)0x30000000, PG, MS_SYNC), ENOMEM); /* nothing mapped there */
    CHECK_ERR(msync((void *)0xC0000000u, PG, MS_SYNC), ENOMEM);
    CHECK_EQ(byte_at(fd, 1), 'W');
    PASS("msync");

    /* munmap of part of a file mapping: the rest maps the same pages of the file. */
    CHECK_EQ(munmap(w, PG), 0);
    CHECK_EQ(touch_in_child(w, 0), SIGSEGV);
    w[PG + 3] = 'T';
    CHECK_EQ(byte_at(fd, PG + 3), 'T');
    CHECK_EQ(munmap(w + PG, PG), 0);
    char *t = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(t != MAP_FAILED);
    CHECK_EQ(munmap(t + PG, PG), 0);
    CHECK_EQ(touch_in_child(t + PG, 0), SIGSEGV);
    CHECK_EQ(t[PG - 1], (char)('a' + (PG - 1) % 26));
    CHECK_EQ(t[0], 'a');
    CHECK_EQ(touch_in_child(t + 2 * PG, 0), SIGBUS); /* the right part: still past the end */
    CHECK_EQ(ftruncate(fd, 3 * PG), 0);
    t[2 * PG] = 'R';
    CHECK_EQ(byte_at(fd, 2 * PG), 'R');
    CHECK_EQ(munmap(t, 3 * PG), 0);
    CHECK_EQ(munmap(r, 2 * PG), 0);
    CHECK_EQ(close(ro), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_pro"), 0);
    PASS("munmap of part of a file mapping");
}

/*
 * Bytes past the end of a file in its last page are not the file's (POSIX mmap: the partial page
 * is zero-filled and what is stored there is never written out): once the last mapping has gone,
 * the next one shows zeros there again, whichever process stored them.
 */
static void past_the_end_not_kept(void) {
    int fd = make_file("/mm_tail", 100);
    char *p = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[100], 0);
    p[200] = 'X';
    p[PG - 1] = 'Y';
    CHECK_EQ(munmap(p, 100), 0);
    p = mmap(NULL, 100, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[99], 'a' + 99 % 26);
    CHECK_EQ(p[200], 0);
    CHECK_EQ(p[PG - 1], 0);
    CHECK_EQ(munmap(p, 100), 0);
    PASS("a store past the end of a file is gone at its next mapping");

    pid_t pid = fork();
    if (pid == 0) {
        char *c = mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (c == MAP_FAILED)
            _exit(1);
        c[101] = 'b';
        _exit(0); /* the mapping goes with the process */
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[101], 0);
    CHECK_EQ(munmap(p, PG), 0);
    CHECK_EQ(ftruncate(fd, 300), 0);
    CHECK_EQ(byte_at(fd, 101), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_tail"), 0);
    PASS("nor is a store past the end by another process that has exited");
}

/* The file's modification time, after it was set back to `old` (a time long past). */
static time_t mtime_of(int fd) {
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    return st.st_mtime;
}

static void set_mtime(int fd, time_t t) {
    struct timespec times[2] = {{.tv_sec = t}, {.tv_sec = t}};
    CHECK_EQ(futimens(fd, times), 0);
    CHECK_EQ(mtime_of(fd), t);
}

/*
 * Stores through a MAP_SHARED mapping change the file: its st_mtime and st_ctime are marked by
 * the next msync (MS_SYNC or MS_ASYNC) of those pages, or, without one, by the time the mapping
 * goes (POSIX mmap). Loads mark nothing; a second store after an msync marks them again.
 */
static void stores_mark_the_file(void) {
    const time_t past = 1000000;
    int fd = make_file("/mm_time", 2 * PG);
    char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(p[10], 'a' + 10 % 26);
    set_mtime(fd, past);
    CHECK_EQ(msync(p, 2 * PG, MS_SYNC), 0);
    CHECK_EQ(mtime_of(fd), past);
    PASS("loads through a shared mapping leave st_mtime");

    p[PG + 3] = 'S';
    CHECK_EQ(msync(p, PG, MS_SYNC), 0); /* not the page stored to */
    CHECK_EQ(mtime_of(fd), past);
    CHECK_EQ(msync(p, 2 * PG, MS_SYNC), 0);
    CHECK(mtime_of(fd) > past);
    set_mtime(fd, past);
    CHECK_EQ(msync(p, 2 * PG, MS_ASYNC), 0); /* already marked: nothing new stored */
    CHECK_EQ(mtime_of(fd), past);
    p[4] = 'A';
    CHECK_EQ(msync(p, 2 * PG, MS_ASYNC), 0);
    CHECK(mtime_of(fd) > past);
    PASS("a store then msync marks st_mtime, once per store");

    set_mtime(fd, past);
    p[5] = 'B';
    CHECK_EQ(munmap(p, 2 * PG), 0);
    CHECK(mtime_of(fd) > past);
    set_mtime(fd, past);
    pid_t pid = fork();
    if (pid == 0) {
        char *c = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (c == MAP_FAILED)
            _exit(1);
        c[6] = 'C';
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK(mtime_of(fd) > past);
    CHECK_EQ(byte_at(fd, 6), 'C');
    PASS("without msync, a store marks st_mtime when its mapping goes");

    set_mtime(fd, past);
    p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    p[7] = 'P';
    CHECK_EQ(msync(p, PG, MS_SYNC), 0);
    CHECK_EQ(munmap(p, PG), 0);
    CHECK_EQ(mtime_of(fd), past);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mm_time"), 0);
    PASS("stores to a private mapping leave the file's times");
}

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
    shared_file();
    private_file();
    buffer_in_the_file();
    protect_and_sync();
    past_the_end_not_kept();
    stores_mark_the_file();
    return done_testing();
}
