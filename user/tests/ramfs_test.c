/*
 * The root file system's files from the initrd seen through descriptors: what open allows, reads
 * at every offset, lseek from each origin and past the end, and what stat and fstat report.
 * (Writing is files_test's.)
 *
 * The root file system holds /bin/{cat,echo,hello,init,sh,ramfs_test}, /d1/d2/data (a copy of
 * user/tests/ramfs_data.txt, 63 bytes) and /dev/console.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "check.h"

#define DATA "/d1/d2/data"
static const char contents[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n";
#define SIZE ((int)sizeof(contents) - 1) /* 63 */

/* Reads up to n bytes at the current offset and checks they are the file's bytes at `at`. */
static void read_at(int fd, int n, int at, int want) {
    char buf[128];
    memset(buf, '#', sizeof(buf));
    CHECK_EQ(read(fd, buf, (size_t)n), want);
    if (want > 0 && memcmp(buf, contents + at, (size_t)want) != 0)
        FAIL("read %d bytes at %d: \"%.*s\"", want, at, want, buf);
    CHECK_EQ(buf[want > 0 ? want : 0], '#'); /* nothing written past what was read */
}

static void open_modes(void) {
    int fd;
    /* The root is writable: opening for writing (without writing) leaves the file as it is. */
    CHECK((fd = open(DATA, O_WRONLY)) >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK((fd = open(DATA, O_RDWR)) >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(open("/dev/new", O_RDWR | O_CREAT, 0644), EROFS); /* but devfs is not */
    CHECK_ERR(open("/d1", O_RDONLY | O_TRUNC), EISDIR);
    CHECK_ERR(open("/d1", O_WRONLY), EISDIR);
    CHECK_ERR(open("/d1", O_RDWR), EISDIR);
    /* A directory opens for reading (as with O_DIRECTORY), but is no file to read. */
    CHECK((fd = open("/d1", O_RDONLY)) >= 0);
    char c;
    CHECK_ERR(read(fd, &c, 1), EISDIR);
    CHECK_EQ(close(fd), 0);
    CHECK((fd = open("/d1", O_RDONLY | O_DIRECTORY)) >= 0);
    CHECK_EQ(close(fd), 0);
    /* Read-only descriptors do not write. */
    CHECK((fd = open(DATA, O_RDONLY)) >= 0);
    CHECK_ERR(write(fd, "x", 1), EBADF);
    CHECK_EQ(close(fd), 0);
    PASS("open: files for reading and writing, EROFS in devfs, EISDIR for writing or reading a directory");
}

static void reads_at_offsets(void) {
    int fd = open(DATA, O_RDONLY);
    CHECK(fd >= 0);
    read_at(fd, 10, 0, 10); /* from the start, the offset moves on */
    read_at(fd, 5, 10, 5);
    read_at(fd, 0, 15, 0); /* a zero-length read reads nothing and moves nothing */
    read_at(fd, 1, 15, 1);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 16);
    read_at(fd, 100, 16, SIZE - 16); /* short at the end */
    read_at(fd, 100, SIZE, 0);       /* then end of file, again and again */
    read_at(fd, 1, SIZE, 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE);
    for (int at = 0; at <= SIZE; at++) { /* every offset, a few bytes each */
        CHECK_EQ(lseek(fd, at, SEEK_SET), at);
        read_at(fd, 7, at, SIZE - at < 7 ? SIZE - at : 7);
    }
    CHECK_EQ(close(fd), 0);
    /* Two opens are two offsets. */
    int a = open(DATA, O_RDONLY), b = open(DATA, O_RDONLY);
    CHECK(a >= 0 && b >= 0);
    read_at(a, 20, 0, 20);
    read_at(b, 3, 0, 3);
    read_at(a, 3, 20, 3);
    CHECK_EQ(close(a), 0);
    CHECK_EQ(close(b), 0);
    PASS("reads at every offset: the file's bytes, short at the end, then 0; each open has its own offset");
}

static void seeks(void) {
    int fd = open(DATA, O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 0, SEEK_END), SIZE);
    read_at(fd, 10, SIZE, 0);
    CHECK_EQ(lseek(fd, -3, SEEK_END), SIZE - 3);
    read_at(fd, 10, SIZE - 3, 3);
    CHECK_EQ(lseek(fd, -SIZE, SEEK_END), 0);
    read_at(fd, 4, 0, 4);
    CHECK_EQ(lseek(fd, 6, SEEK_CUR), 10);
    read_at(fd, 2, 10, 2);
    CHECK_EQ(lseek(fd, -12, SEEK_CUR), 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
    /* Past the end is allowed (there is no writing to make a hole): reads give 0 there and
     * leave the offset where it was. */
    CHECK_EQ(lseek(fd, SIZE + 1, SEEK_SET), SIZE + 1);
    read_at(fd, 10, 0, 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE + 1);
    CHECK_EQ(lseek(fd, 5, SEEK_END), SIZE + 5);
    CHECK_EQ(lseek(fd, 1000000, SEEK_CUR), SIZE + 1000005);
    read_at(fd, 10, 0, 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE + 1000005);
    CHECK_ERR(lseek(fd, -(SIZE + 1), SEEK_END), EINVAL); /* before the start */
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), SIZE + 1000005);    /* unchanged by the failure */
    /* ...and back from there. */
    CHECK_EQ(lseek(fd, 36, SEEK_SET), 36);
    read_at(fd, 26, 36, 26);
    CHECK_EQ(close(fd), 0);
    PASS("lseek: SEEK_SET, SEEK_CUR, SEEK_END, past the end (reads give 0, the offset stays)");
}

static void stat_fields(void) {
    struct stat st, fst;
    CHECK_EQ(stat(DATA, &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0644); /* not executable on the host: 0644 (tools/mkinitrd.py) */
    CHECK_EQ(st.st_size, SIZE);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_uid, 0);
    CHECK_EQ(st.st_gid, 0);
    CHECK_EQ(st.st_blksize, 4096);
    CHECK_EQ(st.st_blocks, 1); /* 512-byte blocks, rounded up */
    CHECK(st.st_ino != 0);
    /* fstat of an open file says the same, before and after reading it. */
    int fd = open(DATA, O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(fstat(fd, &fst), 0);
    CHECK_EQ(memcmp(&st, &fst, sizeof(st)), 0);
    char buf[SIZE];
    CHECK_EQ(read(fd, buf, sizeof(buf)), SIZE);
    CHECK_EQ(fstat(fd, &fst), 0);
    CHECK_EQ(memcmp(&st, &fst, sizeof(st)), 0);
    CHECK_EQ(close(fd), 0);

    CHECK_EQ(stat("/bin/echo", &st), 0);
    CHECK_EQ(st.st_mode, S_IFREG | 0755);
    CHECK(st.st_size > 512);
    CHECK_EQ(st.st_blocks, (st.st_size + 511) / 512);
    CHECK_EQ(stat("/d1/d2", &st), 0);
    CHECK_EQ(st.st_mode, S_IFDIR | 0755);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(st.st_blocks, 0);
    CHECK_EQ(stat("/", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(stat("/dev/console", &st), 0);
    CHECK(S_ISCHR(st.st_mode));

    /* Every node has an identity of its own: its file system's device and its inode number. */
    static const char *const nodes[] = {
        "/",   "/bin",   "/bin/cat", "/bin/echo", "/bin/hello",   "/bin/init",      "/bin/sh",
        "/d1", "/d1/d2", DATA,       "/dev",      "/dev/console", "/bin/ramfs_test"};
    enum { N = sizeof(nodes) / sizeof(nodes[0]) };
    unsigned inos[N], devs[N];
    for (int i = 0; i < N; i++) {
        CHECK_EQ(stat(nodes[i], &st), 0);
        inos[i] = st.st_ino;
        devs[i] = st.st_dev;
        for (int j = 0; j < i; j++) {
            if (inos[j] == inos[i] && devs[j] == devs[i])
                FAIL("%s and %s share device %u inode %u", nodes[j], nodes[i], devs[i], inos[i]);
        }
    }
    CHECK(devs[10] != devs[0]);   /* /dev is another file system, */
    CHECK_EQ(devs[11], devs[10]); /* and its console is in it */
    PASS("stat and fstat: type, permissions, size, blocks, links, owner; one (device, inode) per node");
}

int main(void) {
    open_modes();
    reads_at_offsets();
    seeks();
    stat_fields();
    return done_testing();
}
