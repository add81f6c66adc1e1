/*
 * Regular files on the writable root: open's flags (O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
 * O_DIRECTORY, the mode), writes at offsets and past the end (holes read as zero), ftruncate,
 * what stat reports, access, a file that lives on after unlink while it is open, the largest
 * offset, and calls that fail changing nothing. The expected results are Linux's (as root).
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "check.h"

#define DIR "/files_test"

/* The whole contents of `path` must be the `n` bytes at `want`. */
static void contents_are(const char *path, const void *want, size_t n) {
    static char buf[3 * 4096];
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    CHECK(n <= sizeof(buf));
    memset(buf, '#', sizeof(buf));
    ssize_t got = read(fd, buf, sizeof(buf));
    if (got != (ssize_t)n || memcmp(buf, want, n) != 0)
        FAIL("%s: %zd bytes, want %zu: \"%.*s\"", path, got, n, (int)(got > 0 ? got : 0), buf);
    CHECK_EQ(close(fd), 0);
}

static long size_of(const char *path) {
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    return st.st_size;
}

static void create_and_exclusive(void) {
    struct stat st;
    int fd;

    CHECK_ERR(open("f", O_RDWR), ENOENT);
    CHECK((fd = open("f", O_RDWR | O_CREAT, 0640)) >= 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0640); /* the mode as given (no users, no umask yet) */
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_blocks, 0);
    CHECK_EQ(write(fd, "hello", 5), 5);
    CHECK_EQ(close(fd), 0);
    contents_are("f", "hello", 5);
    /* O_CREAT of an existing file opens it as it is; with O_EXCL it fails. */
    CHECK((fd = open("f", O_WRONLY | O_CREAT, 0600)) >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(stat("f", &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0640);
    contents_are("f", "hello", 5);
    CHECK_ERR(open("f", O_WRONLY | O_CREAT | O_EXCL, 0600), EEXIST);
    CHECK_ERR(open(".", O_RDONLY | O_CREAT, 0600), EISDIR);
    CHECK_ERR(open("/", O_RDONLY | O_CREAT | O_EXCL, 0600), EEXIST);
    CHECK_ERR(open("new/", O_WRONLY | O_CREAT, 0600), EISDIR); /* a slash says directory */
    CHECK_ERR(open("new", O_RDONLY | O_CREAT | O_DIRECTORY, 0600), EINVAL);
    CHECK_ERR(open("new", O_RDONLY), ENOENT); /* none of those made it */
    /* creat() is O_WRONLY | O_CREAT | O_TRUNC. */
    CHECK((fd = creat("g", 0600)) >= 0);
    CHECK_ERR(read(fd, &st, 1), EBADF);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("g"), 0);
    PASS("O_CREAT makes a file with the mode given; O_EXCL, EISDIR and EINVAL make nothing");
}

static void truncate_on_open(void) {
    int fd;

    contents_are("f", "hello", 5);
    CHECK_ERR(open(".", O_RDONLY | O_TRUNC), EISDIR);
    CHECK((fd = open("f", O_RDONLY | O_TRUNC)) >= 0); /* Linux truncates even for reading */
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(size_of("f"), 0);
    CHECK((fd = open("f", O_WRONLY)) >= 0);
    CHECK_EQ(write(fd, "0123456789", 10), 10);
    CHECK_EQ(close(fd), 0);
    CHECK((fd = open("f", O_WRONLY | O_TRUNC)) >= 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
    CHECK_EQ(write(fd, "ab", 2), 2);
    CHECK_EQ(close(fd), 0);
    contents_are("f", "ab", 2);
    PASS("O_TRUNC empties a file, EISDIR on a directory");
}

static void writes_at_offsets_and_holes(void) {
    static char big[3 * 4096], want[3 * 4096];
    int fd = open("h", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct stat st;

    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "abc", 3), 3);
    CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
    CHECK_EQ(write(fd, "X", 1), 1); /* overwrites in place */
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
    contents_are("h", "aXc", 3);
    /* Past the end: the gap reads as zeros, within a page and across pages. */
    CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
    CHECK_EQ(write(fd, "Z", 1), 1);
    contents_are("h", "aXc\0\0\0\0\0\0\0Z", 11);
    CHECK_EQ(lseek(fd, 2 * 4096 + 5, SEEK_SET), 2 * 4096 + 5);
    CHECK_EQ(write(fd, "end", 3), 3);
    memset(want, 0, sizeof(want));
    memcpy(want, "aXc\0\0\0\0\0\0\0Z", 11);
    memcpy(want + 2 * 4096 + 5, "end", 3);
    contents_are("h", want, 2 * 4096 + 8);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 2 * 4096 + 8);
    CHECK_EQ(st.st_blocks, 2 * 8); /* the middle page is a hole: no memory */
    /* A write across page boundaries, then one read back across them. */
    for (unsigned i = 0; i < sizeof(big); i++)
        big[i] = (char)('a' + i % 26);
    CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
    CHECK_EQ(write(fd, big, sizeof(big) - 200), (ssize_t)sizeof(big) - 200);
    memcpy(want + 100, big, sizeof(big) - 200);
    contents_are("h", want, sizeof(big) - 100);
    CHECK_EQ(lseek(fd, 4000, SEEK_SET), 4000);
    CHECK_EQ(read(fd, big, 200), 200);
    CHECK_EQ(memcmp(big, want + 4000, 200), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("h"), 0);
    PASS("writes at any offset, past the end and across pages; holes read as zeros and take no memory");
}

static void append(void) {
    int a = open("a", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644), b = open("a", O_WRONLY);

    CHECK(a >= 0 && b >= 0);
    CHECK_EQ(write(a, "one", 3), 3);
    CHECK_EQ(write(b, "TW", 2), 2); /* b writes at its own offset, 0 */
    CHECK_EQ(lseek(a, 0, SEEK_SET), 0);
    CHECK_EQ(write(a, "two", 3), 3); /* a always at the end, wherever its offset was */
    CHECK_EQ(lseek(a, 0, SEEK_CUR), 6);
    contents_are("a", "TWetwo", 6);
    /* fork shares the offset and the flag: both append. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        _exit(write(a, "kid", 3) == 3 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(write(a, "!", 1), 1);
    contents_are("a", "TWetwokid!", 10);
    CHECK_EQ(close(a), 0);
    CHECK_EQ(close(b), 0);
    CHECK_EQ(unlink("a"), 0);
    PASS("O_APPEND: every write at the end, whatever the offset, across fork");
}

static void ftruncate_cases(void) {
    int fd = open("t", O_RDWR | O_CREAT | O_TRUNC, 0644), ro;
    struct stat st;

    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "0123456789", 10), 10);
    CHECK_EQ(ftruncate(fd, 4), 0);
    contents_are("t", "0123", 4);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10); /* the offset stays */
    CHECK_EQ(ftruncate(fd, 8), 0);        /* grows with zeros, not the old bytes */
    contents_are("t", "0123\0\0\0\0", 8);
    CHECK_EQ(ftruncate(fd, 3 * 4096), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 3 * 4096);
    CHECK_EQ(st.st_blocks, 8);           /* one page: the rest is a hole */
    CHECK_EQ(ftruncate(fd, INT_MAX), 0); /* the largest file, all hole */
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, INT_MAX);
    CHECK_EQ(ftruncate(fd, 0), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(st.st_blocks, 0);
    CHECK_ERR(ftruncate(fd, -1), EINVAL);
    CHECK((ro = open("t", O_RDONLY)) >= 0);
    CHECK_ERR(ftruncate(ro, 0), EINVAL); /* not open for writing (Linux: EINVAL) */
    CHECK_EQ(close(ro), 0);
    CHECK((ro = open(".", O_RDONLY)) >= 0);
    CHECK_ERR(ftruncate(ro, 0), EINVAL); /* a directory */
    CHECK_EQ(close(ro), 0);
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_ERR(ftruncate(fds[1], 0), EINVAL); /* a pipe */
    CHECK_EQ(close(fds[0]), 0);
    CHECK_EQ(close(fds[1]), 0);
    CHECK_ERR(ftruncate(99, 0), EBADF);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(ftruncate(fd, 0), EBADF);
    CHECK_EQ(unlink("t"), 0);
    PASS("ftruncate: cuts, grows with zeros (a hole), EINVAL, EBADF");
}

static void initrd_file_written(void) {
    static const char original[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
    char buf[64];
    int fd = open("/d1/d2/data", O_RDWR);

    CHECK(fd >= 0);
    contents_are("/d1/d2/data", original, 63);
    CHECK_EQ(lseek(fd, 10, SEEK_SET), 10);
    CHECK_EQ(write(fd, "ABC", 3), 3);
    memcpy(buf, original, 63);
    memcpy(buf + 10, "ABC", 3);
    contents_are("/d1/d2/data", buf, 63);
    CHECK_EQ(ftruncate(fd, 5), 0);
    contents_are("/d1/d2/data", "01234", 5);
    CHECK_EQ(close(fd), 0);
    PASS("a file from the initrd is written and cut like any other");
}

static void stat_and_access(void) {
    struct stat st;
    int fd = open("x", O_WRONLY | O_CREAT | O_TRUNC, 0755);

    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(stat("x", &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0755);
    CHECK_EQ(access("x", F_OK), 0);
    CHECK_EQ(access("x", R_OK | W_OK | X_OK), 0);
    CHECK_EQ(access("f", R_OK | W_OK), 0); /* 0640: as root, reading and writing are allowed */
    CHECK_ERR(access("f", X_OK), EACCES);  /* but executing needs an x bit */
    CHECK_EQ(access(".", X_OK), 0);
    CHECK_ERR(access("nope", F_OK), ENOENT);
    CHECK_ERR(access("f/", F_OK), ENOTDIR);
    CHECK_ERR(access("f", 8), EINVAL);
    CHECK_ERR(access("f", -1), EINVAL);
    CHECK_ERR(access("/dev", W_OK), EROFS);
    CHECK_EQ(access("/dev/null", R_OK | W_OK), 0); /* a device in it may be written */
    CHECK_ERR(access((const char *)1, F_OK), EFAULT);
    /* A file without an x bit is not executed (a child: a wrong success must not pass). */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"f", NULL};
        execve("f", argv, NULL);
        _exit(errno == EACCES ? 42 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
    CHECK_EQ(unlink("x"), 0);
    PASS("stat gives the mode made; access: F_OK, R_OK, W_OK, X_OK, EACCES, EROFS, EINVAL");
}

/* A file unlinked while open lives on for its descriptors: read, written, grown, fstat'ed. */
static void open_after_unlink(void) {
    struct stat st;
    char buf[16];
    int fd = open("u", O_RDWR | O_CREAT | O_TRUNC, 0644), other = open("u", O_RDONLY);

    CHECK(fd >= 0 && other >= 0);
    CHECK_EQ(write(fd, "still here", 10), 10);
    CHECK_EQ(unlink("u"), 0);
    CHECK_ERR(stat("u", &st), ENOENT);
    CHECK_ERR(open("u", O_RDONLY), ENOENT);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_nlink, 0);
    CHECK_EQ(st.st_size, 10);
    CHECK_EQ(write(fd, " and more", 9), 9);
    static char page[4096];
    memset(page, 'p', sizeof(page));
    for (int i = 1; i <= 3; i++) { /* grow it by pages: its memory goes at the last close */
        CHECK_EQ(lseek(fd, i * 4096, SEEK_SET), i * 4096);
        CHECK_EQ(write(fd, page, sizeof(page)), 4096);
    }
    CHECK_EQ(read(other, buf, 19), 19);
    CHECK_EQ(memcmp(buf, "still here and more", 19), 0);
    /* A new file of the same name is another file. */
    int again = open("u", O_RDWR | O_CREAT | O_EXCL, 0644);
    CHECK(again >= 0);
    CHECK_EQ(fstat(again, &st), 0);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(close(again), 0);
    CHECK_EQ(unlink("u"), 0);
    /* The child inherits the unlinked file too. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        _exit(lseek(fd, 0, SEEK_SET) == 0 && read(fd, &c, 1) == 1 && c == 's' ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(read(other, buf, 1), 1); /* one descriptor is enough */
    CHECK_EQ(close(other), 0);
    PASS("an unlinked file lives on while open: read, written, fstat with nlink 0, inherited");
}

/* The largest offset is INT_MAX: a write is cut short below it and fails with EFBIG at it. */
static void largest_offset(void) {
    struct stat st;
    int fd = open("big", O_RDWR | O_CREAT | O_TRUNC, 0644);

    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, INT_MAX - 2, SEEK_SET), INT_MAX - 2);
    CHECK_EQ(write(fd, "abcdef", 6), 2);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, INT_MAX);
    CHECK_EQ(st.st_blocks, 8);
    CHECK_ERR(write(fd, "x", 1), EFBIG);
    CHECK_EQ(write(fd, "", 0), 0);
    char c[4];
    CHECK_EQ(lseek(fd, INT_MAX - 3, SEEK_SET), INT_MAX - 3);
    CHECK_EQ(read(fd, c, 4), 3);
    CHECK_EQ(memcmp(c, "\0ab", 3), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("big"), 0);
    PASS("INT_MAX is the largest size: a write reaches it short, then EFBIG");
}

/* Bad buffers: a write from one fails with EFAULT and changes nothing, a read into one moves
 * nothing; a buffer that runs into a hole is used up to the hole. */
static void bad_buffers(void) {
    struct stat st;
    int fd = open("b", O_RDWR | O_CREAT | O_TRUNC, 0644);

    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "0123456789", 10), 10);
    CHECK_ERR(write(fd, (const void *)16, 10), EFAULT);
    CHECK_ERR(write(fd, (const void *)0xC0000000, 10), EFAULT);
    CHECK_EQ(lseek(fd, 3 * 4096, SEEK_SET), 3 * 4096);
    CHECK_ERR(write(fd, (const void *)16, 10), EFAULT); /* in a hole: no page made */
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 10);
    CHECK_EQ(st.st_blocks, 8);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3 * 4096);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_ERR(read(fd, (void *)16, 10), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
    /* Two pages, the second unmapped: a write takes the first page's bytes, a read fills it. */
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(munmap(p + 4096, 4096), 0);
    memset(p, 'w', 4096);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(write(fd, p + 4096 - 6, 100), 6);
    contents_are("b", "wwwwww6789", 10);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, p + 4096 - 4, 10), 4);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4);
    CHECK_EQ(munmap(p, 4096), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("b"), 0);
    PASS("a bad buffer: EFAULT with nothing changed, or a short count up to the fault");
}

/* A full descriptor table: open(O_CREAT) fails with EMFILE before it makes anything. */
static void emfile_makes_nothing(void) {
    int fds[40], n = 0;

    while ((fds[n] = dup(0)) >= 0)
        n++;
    CHECK_EQ(errno, EMFILE);
    CHECK_ERR(open("made", O_WRONLY | O_CREAT, 0644), EMFILE);
    CHECK_ERR(open("f", O_WRONLY | O_TRUNC), EMFILE);
    while (n > 0)
        CHECK_EQ(close(fds[--n]), 0);
    CHECK_ERR(access("made", F_OK), ENOENT);
    CHECK_EQ(size_of("f"), 2); /* not truncated either */
    PASS("EMFILE: open with O_CREAT or O_TRUNC changes nothing when no descriptor is free");
}

static void directories_are_not_files(void) {
    int fd;
    char c;

    CHECK_ERR(open(".", O_WRONLY), EISDIR);
    CHECK_ERR(open(".", O_RDWR), EISDIR);
    CHECK((fd = open(".", O_RDONLY | O_DIRECTORY)) >= 0);
    CHECK_ERR(read(fd, &c, 1), EISDIR);
    CHECK_ERR(write(fd, &c, 1), EBADF);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
    CHECK_ERR(open("f/", O_RDONLY), ENOTDIR);
    PASS("directories: EISDIR for writing or reading, ENOTDIR for O_DIRECTORY on a file");
}

int main(void) {
    CHECK_EQ(mkdir(DIR, 0755), 0);
    CHECK_EQ(chdir(DIR), 0);
    create_and_exclusive();
    truncate_on_open();
    writes_at_offsets_and_holes();
    append();
    ftruncate_cases();
    initrd_file_written();
    stat_and_access();
    open_after_unlink();
    largest_offset();
    bad_buffers();
    emfile_makes_nothing();
    directories_are_not_files();
    CHECK_EQ(unlink("f"), 0);
    CHECK_EQ(chdir("/"), 0);
    CHECK_EQ(rmdir(DIR), 0);
    return done_testing();
}
