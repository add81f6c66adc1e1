/*
 * ext2 on /dev/hda (ext2_small.img, made by mke2fs -d: make_ext2_disk.py): mount and umount and
 * their errors, reading what mke2fs wrote, every change a file system makes (create, write,
 * append, overwrite, truncate, holes up to the triple-indirect block, mkdir, rmdir, rename within
 * and across directories, unlink of an open file), link counts and timestamps, and that it all
 * survives an unmount and a mount. The harness then runs e2fsck -fn on the image the kernel left.
 */
#include "check.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/mount.h>

#define BIG_SIZE (300 * 1024)

static unsigned char buf[64 * 1024];

static void write_file(const char *path, const void *data, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, data, n), (long)n);
    CHECK_EQ(close(fd), 0);
}

/* The whole file into buf (at most sizeof(buf)); its length. */
static long read_file(const char *path) {
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    long total = 0, n;
    while ((n = read(fd, buf + total, sizeof(buf) - (size_t)total)) > 0)
        total += n;
    CHECK_EQ(n, 0);
    CHECK_EQ(close(fd), 0);
    return total;
}

/* pread, which the libc lacks: lseek, then read. */
static long pread_at(int fd, void *to, size_t n, long off) {
    CHECK_EQ(lseek(fd, off, SEEK_SET), off);
    return read(fd, to, n);
}

static unsigned char big_byte(long i) {
    return (unsigned char)((i * 7 + (i >> 10)) & 0xFF);
}

static bool dir_has(const char *dir, const char *name) {
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;
    CHECK(d != NULL);
    while ((e = readdir(d)) != NULL)
        found = found || strcmp(e->d_name, name) == 0;
    closedir(d);
    return found;
}

static int count_entries(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    CHECK(d != NULL);
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

/* s_state of hda's superblock, read through the raw device: 1 clean, 0 mounted (or cut). */
static int disk_state(void) {
    unsigned short state = 0xFFFF;
    int fd = open("/dev/hda", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 1024 + 58, SEEK_SET), 1024 + 58);
    CHECK_EQ(read(fd, &state, 2), 2);
    CHECK_EQ(close(fd), 0);
    return state;
}

static void test_mount_errors(void) {
    CHECK_ERR(mount("/dev/nosuch", "/mnt", "ext2", 0, NULL), ENOENT);
    CHECK_ERR(mount("/bin/sh", "/mnt", "ext2", 0, NULL), ENOTBLK);
    CHECK_ERR(mount("/dev/hda", "/nosuch", "ext2", 0, NULL), ENOENT);
    CHECK_ERR(mount("/dev/hda", "/bin/sh", "ext2", 0, NULL), ENOTDIR);
    CHECK_ERR(mount("/dev/hda", "/mnt", "vfat", 0, NULL), ENODEV);
    CHECK_ERR(mount("/dev/hda", "/mnt", "ext2ext2ext2", 0, NULL), ENODEV);
    CHECK_ERR(mount("/dev/hda", "/mnt", "ext2", 0x80000, NULL), EINVAL);
    CHECK_ERR(mount((const char *)1, "/mnt", "ext2", 0, NULL), EFAULT);
    CHECK_ERR(mount("/dev/hda", (const char *)1, "ext2", 0, NULL), EFAULT);
    CHECK_ERR(mount("/dev/hda", "/mnt", (const char *)1, 0, NULL), EFAULT);
    CHECK_ERR(umount("/mnt"), EINVAL); /* nothing mounted there */
    CHECK_ERR(umount("/"), EBUSY);
    CHECK_ERR(umount("/nosuch"), ENOENT);
    CHECK_ERR(umount((const char *)1), EFAULT);
    PASS("mount and umount refuse what is not a disk, a directory, ext2 or mounted");
}

/* Two processes mount the disk at once: the first sleeps reading the superblock while the
 * second runs. Exactly one may have it (two would each allocate the same free blocks). */
static void test_mount_race(void) {
    CHECK_EQ(mkdir("/mnt2", 0755), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        int r = mount("/dev/hda", "/mnt2", "ext2", 0, NULL);
        _exit(r == 0 ? 0 : errno == EBUSY ? 1 : 2);
    }
    int r = mount("/dev/hda", "/mnt", "ext2", 0, NULL);
    int err = errno, status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) <= 1);
    bool child_has_it = WEXITSTATUS(status) == 0;
    if (r == 0)
        CHECK(!child_has_it);
    else
        CHECK(err == EBUSY && child_has_it);
    CHECK_EQ(umount(r == 0 ? "/mnt" : "/mnt2"), 0);
    CHECK_ERR(umount("/mnt"), EINVAL);
    CHECK_ERR(umount("/mnt2"), EINVAL);
    CHECK_EQ(rmdir("/mnt2"), 0);
    PASS("two mounts of one disk at once: one has it, the other gets EBUSY");
}

static void test_read_mke2fs(void) {
    CHECK_EQ(read_file("/mnt/hello.txt"), 18);
    CHECK(memcmp(buf, "hello from mke2fs\n", 18) == 0);
    CHECK_EQ(read_file("/mnt/sub/inner.txt"), 6);
    CHECK(memcmp(buf, "inner\n", 6) == 0);
    PASS("files mke2fs -d wrote read back");

    int fd = open("/mnt/big", O_RDONLY);
    CHECK(fd >= 0);
    long pos = 0, n;
    while ((n = read(fd, buf, 7000)) > 0) {
        for (long i = 0; i < n; i++) {
            if (buf[i] != big_byte(pos + i))
                FAIL("big: byte %ld is %u, not %u", pos + i, buf[i], big_byte(pos + i));
        }
        pos += n;
    }
    CHECK_EQ(n, 0);
    CHECK_EQ(pos, BIG_SIZE);
    CHECK_EQ(close(fd), 0);
    PASS("a 300 KiB file reads back through its indirect and double-indirect blocks");

    CHECK(dir_has("/mnt", "."));
    CHECK(dir_has("/mnt", ".."));
    CHECK(dir_has("/mnt", "lost+found"));
    CHECK(dir_has("/mnt", "hello.txt"));
    CHECK(dir_has("/mnt", "sub"));
    CHECK(dir_has("/mnt", "big"));
    CHECK_EQ(count_entries("/mnt"), 6);
    struct stat st, up;
    CHECK_EQ(stat("/mnt", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_ino, 2);
    CHECK_EQ(st.st_nlink, 4); /* ".", "..", lost+found's and sub's ".." */
    CHECK_EQ(stat("/mnt/..", &up), 0);
    struct stat root;
    CHECK_EQ(stat("/", &root), 0);
    CHECK_EQ(up.st_ino, root.st_ino);
    CHECK(up.st_dev != st.st_dev);
    CHECK_EQ(stat("/mnt/big", &st), 0);
    CHECK_EQ(st.st_size, BIG_SIZE);
    CHECK_EQ(st.st_mtime, 1700000000);
    CHECK(st.st_blocks >= BIG_SIZE / 512);
    PASS("directories list their entries; stat gives ext2's inode numbers, links, times");
}

static void test_files(void) {
    time_t now = time(NULL);
    struct stat st;

    write_file("/mnt/new", "abcdef", 6);
    CHECK_EQ(read_file("/mnt/new"), 6);
    CHECK(memcmp(buf, "abcdef", 6) == 0);
    CHECK_EQ(stat("/mnt/new", &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_mode & 0777, 0644);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_blocks, 2); /* one 1 KiB block */
    CHECK(st.st_mtime >= now - 2 && st.st_mtime <= now + 2);
    CHECK(st.st_ctime >= now - 2 && st.st_ctime <= now + 2);
    CHECK(now > 1700000000); /* the clock is the RTC's */
    PASS("create and write: size, mode, links, blocks, times from the clock");

    int fd = open("/mnt/new", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "gh", 2), 2);
    CHECK_EQ(close(fd), 0);
    fd = open("/mnt/new", O_WRONLY);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "AB", 2), 2);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(read_file("/mnt/new"), 8);
    CHECK(memcmp(buf, "ABcdefgh", 8) == 0);
    PASS("append and overwrite");

    fd = open("/mnt/new", O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 3), 0);
    CHECK_EQ(ftruncate(fd, 5000), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 5000);
    CHECK_EQ(st.st_blocks, 2); /* grown as a hole */
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(read_file("/mnt/new"), 5000);
    CHECK(memcmp(buf, "ABc", 3) == 0);
    for (int i = 3; i < 5000; i++) {
        if (buf[i] != 0)
            FAIL("byte %d after truncate is %u", i, buf[i]);
    }
    PASS("truncate cuts, and grows with zeros (a hole)");
}

/* 1 KiB blocks: 12 direct, 256 through the indirect block, 65536 through the double; the
 * triple-indirect block holds the file's blocks from 65804 on. */
#define TRIPLE_OFFSET (65804L * 1024 + 100)

static void test_holes(void) {
    struct stat st;
    int fd = open("/mnt/sparse", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, TRIPLE_OFFSET, SEEK_SET), TRIPLE_OFFSET);
    CHECK_EQ(write(fd, "far", 3), 3);
    CHECK_EQ(lseek(fd, 20 * 1024, SEEK_SET), 20 * 1024);
    CHECK_EQ(write(fd, "mid", 3), 3);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, TRIPLE_OFFSET + 3);
    /* Data blocks 2, indirect 1 (for block 20), triple + its double + its single: 6 blocks. */
    CHECK_EQ(st.st_blocks, 6 * 2);
    CHECK_EQ(pread_at(fd, buf, 8, TRIPLE_OFFSET - 5), 8);
    CHECK(memcmp(buf, "\0\0\0\0\0far", 8) == 0);
    CHECK_EQ(pread_at(fd, buf, 4, 20 * 1024 - 1), 4);
    CHECK(memcmp(buf, "\0mid", 4) == 0);
    memset(buf, 0xAA, 4096);
    CHECK_EQ(pread_at(fd, buf, 4096, 1000L * 1024 * 1024 / 16), 4096);
    for (int i = 0; i < 4096; i++) {
        if (buf[i])
            FAIL("hole byte %d is %u", i, buf[i]);
    }
    PASS("a sparse file through the triple-indirect block: holes read as zeros, st_blocks counts");
    CHECK_EQ(ftruncate(fd, 20 * 1024 + 1), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_blocks, 2 * 2); /* block 20 and its indirect block */
    CHECK_EQ(pread_at(fd, buf, 10, 20 * 1024 - 1), 2);
    CHECK(memcmp(buf, "\0m", 2) == 0);
    CHECK_EQ(close(fd), 0);
    PASS("truncate frees the triple-indirect tree and cuts inside a block");
    CHECK_EQ(unlink("/mnt/sparse"), 0);
}

static void test_dirs(void) {
    struct stat st, a, b;

    CHECK_EQ(mkdir("/mnt/a", 0755), 0);
    CHECK_EQ(mkdir("/mnt/a/b", 0700), 0);
    CHECK_ERR(mkdir("/mnt/a", 0755), EEXIST);
    CHECK_EQ(stat("/mnt/a", &a), 0);
    CHECK_EQ(a.st_nlink, 3);
    CHECK_EQ(stat("/mnt/a/b", &b), 0);
    CHECK_EQ(b.st_nlink, 2);
    CHECK_EQ(b.st_mode & 07777, 0700);
    CHECK_EQ(stat("/mnt", &st), 0);
    CHECK_EQ(st.st_nlink, 5);
    CHECK_EQ(stat("/mnt/a/b/..", &st), 0);
    CHECK_EQ(st.st_ino, a.st_ino);
    CHECK_EQ(count_entries("/mnt/a/b"), 2);
    PASS("mkdir: . and .., link counts of the new directory and its parent");

    write_file("/mnt/a/b/f", "f", 1);
    CHECK_ERR(rmdir("/mnt/a/b"), ENOTEMPTY);
    CHECK_ERR(rmdir("/mnt/a/b/f"), ENOTDIR);
    CHECK_ERR(unlink("/mnt/a/b"), EISDIR);
    CHECK_EQ(unlink("/mnt/a/b/f"), 0);
    CHECK_ERR(unlink("/mnt/a/b/f"), ENOENT);
    CHECK_EQ(rmdir("/mnt/a/b"), 0);
    CHECK_EQ(stat("/mnt/a", &a), 0);
    CHECK_EQ(a.st_nlink, 2);
    CHECK_ERR(stat("/mnt/a/b", &st), ENOENT);
    PASS("unlink and rmdir: ENOTEMPTY, ENOTDIR, EISDIR, ENOENT, link counts");

    /* Many entries: the directory grows past its first block, and shrinks in use again. */
    char name[64];
    for (int i = 0; i < 80; i++) {
        snprintf(name, sizeof(name), "/mnt/a/entry-with-a-longish-name-%03d", i);
        write_file(name, name, strlen(name));
    }
    CHECK_EQ(stat("/mnt/a", &a), 0);
    CHECK(a.st_size > 1024);
    CHECK_EQ(count_entries("/mnt/a"), 82);
    for (int i = 0; i < 80; i += 2) {
        snprintf(name, sizeof(name), "/mnt/a/entry-with-a-longish-name-%03d", i);
        CHECK_EQ(unlink(name), 0);
    }
    CHECK_EQ(count_entries("/mnt/a"), 42);
    for (int i = 1; i < 80; i += 2) {
        snprintf(name, sizeof(name), "/mnt/a/entry-with-a-longish-name-%03d", i);
        CHECK_EQ(read_file(name), (long)strlen(name));
        CHECK(memcmp(buf, name, strlen(name)) == 0);
    }
    PASS("a directory of several blocks: entries added, removed, found");
}

static void test_rename(void) {
    struct stat st, a, c, moved;

    write_file("/mnt/r1", "one", 3);
    CHECK_EQ(rename("/mnt/r1", "/mnt/r2"), 0);
    CHECK_ERR(stat("/mnt/r1", &st), ENOENT);
    CHECK_EQ(read_file("/mnt/r2"), 3);
    CHECK(memcmp(buf, "one", 3) == 0);
    write_file("/mnt/r3", "three", 5);
    CHECK_EQ(rename("/mnt/r2", "/mnt/r3"), 0); /* replaces r3 */
    CHECK_EQ(read_file("/mnt/r3"), 3);
    CHECK_ERR(stat("/mnt/r2", &st), ENOENT);
    CHECK_EQ(rename("/mnt/r3", "/mnt/a/r4"), 0); /* across directories */
    CHECK_EQ(read_file("/mnt/a/r4"), 3);
    CHECK_EQ(stat("/mnt/a/r4", &st), 0);
    CHECK_EQ(st.st_nlink, 1);
    PASS("rename a file: within a directory, over another file, across directories");

    CHECK_EQ(mkdir("/mnt/c", 0755), 0);
    CHECK_EQ(mkdir("/mnt/c/d", 0755), 0);
    write_file("/mnt/c/d/inside", "x", 1);
    CHECK_EQ(rename("/mnt/c/d", "/mnt/a/d"), 0);
    CHECK_EQ(stat("/mnt/a", &a), 0);
    CHECK_EQ(stat("/mnt/c", &c), 0);
    CHECK_EQ(a.st_nlink, 3);
    CHECK_EQ(c.st_nlink, 2);
    CHECK_EQ(stat("/mnt/a/d/..", &st), 0);
    CHECK_EQ(st.st_ino, a.st_ino);
    CHECK_EQ(read_file("/mnt/a/d/inside"), 1);
    CHECK_ERR(rename("/mnt/a", "/mnt/a/d/under"), EINVAL);
    CHECK_EQ(mkdir("/mnt/c/e", 0755), 0);
    CHECK_ERR(rename("/mnt/c/e", "/mnt/a/d"), ENOTEMPTY);
    CHECK_EQ(mkdir("/mnt/a/empty", 0755), 0);
    CHECK_EQ(stat("/mnt/c/e", &moved), 0);
    CHECK_EQ(rename("/mnt/c/e", "/mnt/a/empty"), 0); /* over an empty directory */
    CHECK_EQ(stat("/mnt/a/empty", &st), 0);
    CHECK_EQ(st.st_ino, moved.st_ino);
    CHECK_EQ(stat("/mnt/a", &a), 0);
    CHECK_EQ(a.st_nlink, 4); /* d and empty */
    CHECK_EQ(stat("/mnt/c", &c), 0);
    CHECK_EQ(c.st_nlink, 2);
    CHECK_ERR(rename("/mnt/a/r4", "/mnt/a/d"), EISDIR);
    CHECK_ERR(rename("/mnt/a/d", "/mnt/a/r4"), ENOTDIR);
    CHECK_ERR(rename("/mnt/a/r4", "/r4"), EXDEV);
    PASS("rename a directory across directories: .. and link counts follow; its errors");
}

static void test_open_unlinked(void) {
    int fd = open("/mnt/ghost", O_RDWR | O_CREAT, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "boo", 3), 3);
    CHECK_EQ(unlink("/mnt/ghost"), 0);
    CHECK(!dir_has("/mnt", "ghost"));
    CHECK_EQ(pread_at(fd, buf, 3, 0), 3);
    CHECK(memcmp(buf, "boo", 3) == 0);
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_nlink, 0);
    CHECK_ERR(umount("/mnt"), EBUSY);
    CHECK_EQ(close(fd), 0);
    PASS("an unlinked file lives while it is open, and keeps the file system busy");

    CHECK_EQ(chdir("/mnt/a"), 0);
    CHECK_ERR(umount("/mnt"), EBUSY);
    CHECK_EQ(chdir("/"), 0);
    CHECK_EQ(mkdir("/mnt2", 0755), 0);
    CHECK_ERR(mount("/dev/hda", "/mnt2", "ext2", 0, NULL), EBUSY); /* mounted already */
    CHECK_EQ(rmdir("/mnt2"), 0);
    PASS("umount is EBUSY while a working directory is inside; a disk mounts once");
}

static void test_persistence(void) {
    static unsigned char big[200 * 1024];
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (unsigned char)(i * 13 + (i >> 12));
    write_file("/mnt/a/large", big, sizeof(big));
    int fd0 = open("/mnt/a/large", O_RDONLY);
    CHECK(fd0 >= 0);
    CHECK_EQ(fsync(fd0), 0);
    CHECK_EQ(close(fd0), 0);
    sync();
    CHECK_EQ(disk_state(), 0); /* mounted read-write: not clean on the disk */
    CHECK_EQ(umount("/mnt"), 0);
    CHECK_EQ(disk_state(), 1); /* unmounted: clean again */
    CHECK_ERR(stat("/mnt/hello.txt", &(struct stat){0}), ENOENT);
    CHECK_EQ(mount("/dev/hda", "/mnt", NULL, MS_RDONLY, NULL), 0);
    CHECK_EQ(read_file("/mnt/a/r4"), 3);
    CHECK(memcmp(buf, "one", 3) == 0);
    int fd = open("/mnt/a/large", O_RDONLY);
    CHECK(fd >= 0);
    size_t pos = 0;
    long n;
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        CHECK(memcmp(buf, big + pos, (size_t)n) == 0);
        pos += (size_t)n;
    }
    CHECK_EQ(pos, sizeof(big));
    CHECK_EQ(close(fd), 0);
    PASS("what was written survives umount and a new mount");

    CHECK_ERR(open("/mnt/ro", O_WRONLY | O_CREAT, 0644), EROFS);
    CHECK_ERR(mkdir("/mnt/ro", 0755), EROFS);
    CHECK_ERR(unlink("/mnt/a/r4"), EROFS);
    CHECK_ERR(open("/mnt/a/r4", O_WRONLY), EROFS);
    CHECK_EQ(umount("/mnt"), 0);
    PASS("a read-only mount changes nothing: EROFS");

    /* Mounted again and left mounted: power-off unmounts it cleanly (e2fsck -fn judges). */
    CHECK_EQ(mount("/dev/hda", "mnt", "ext2", 0, NULL), 0); /* a relative target */
    CHECK_EQ(unlink("/mnt/a/large"), 0);
    write_file("/mnt/left-mounted", "bye\n", 4);
    PASS("a relative target; left mounted at power-off");
}

int main(void) {
    CHECK_EQ(mkdir("/mnt", 0755), 0);
    test_mount_errors();
    test_mount_race();
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    test_read_mke2fs();
    test_files();
    test_holes();
    test_dirs();
    test_rename();
    test_open_unlinked();
    test_persistence();
    return done_testing();
}
