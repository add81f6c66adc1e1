/*
 * /dev: devfs mounted at boot with console, tty, null and zero as character devices. Their nodes
 * (stat, fstat, the listing), what reading and writing them does, and the tree of devfs being
 * read-only while its devices are not.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"

static void nodes(void) {
    struct stat st, fst;
    static const struct {
        const char *path;
        mode_t mode;
        dev_t rdev;
    } devs[] = {
        {"/dev/console", S_IFCHR | 0620, 0x0501},
        {"/dev/tty", S_IFCHR | 0666, 0x0500},
        {"/dev/null", S_IFCHR | 0666, 0x0103},
        {"/dev/zero", S_IFCHR | 0666, 0x0105},
    };
    struct stat root, dev;
    CHECK_EQ(stat("/", &root), 0);
    CHECK_EQ(stat("/dev", &dev), 0);
    CHECK(S_ISDIR(dev.st_mode));
    CHECK(dev.st_dev != root.st_dev);
    for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
        CHECK_EQ(stat(devs[i].path, &st), 0);
        CHECK_EQ(st.st_mode, devs[i].mode);
        CHECK_EQ(st.st_rdev, devs[i].rdev);
        CHECK_EQ(st.st_dev, dev.st_dev);
        CHECK_EQ(st.st_size, 0);
        int fd = open(devs[i].path, O_RDONLY | O_NONBLOCK);
        CHECK(fd >= 0);
        CHECK_EQ(fstat(fd, &fst), 0);
        CHECK_EQ(memcmp(&st, &fst, sizeof(st)), 0); /* the open device is the node */
        CHECK_EQ(close(fd), 0);
    }
    DIR *d = opendir("/dev");
    CHECK(d != NULL);
    const char *want[] = {".", "..", "console", "tty", "null", "zero"};
    struct dirent *e;
    for (unsigned i = 0; i < 6; i++) {
        CHECK((e = readdir(d)) != NULL);
        if (strcmp(e->d_name, want[i]) != 0)
            FAIL("/dev entry %u: \"%s\", want \"%s\"", i, e->d_name, want[i]);
        CHECK_EQ(e->d_type, i < 2 ? DT_DIR : DT_CHR);
    }
    CHECK(readdir(d) == NULL);
    CHECK_EQ(closedir(d), 0);
    /* Their times: when /dev was made at boot (before, the Epoch: ls -l showed "Jan  1  1970"). */
    CHECK(dev.st_mtime > 1000000000 && dev.st_mtime <= time(NULL));
    CHECK_EQ(stat("/dev/null", &st), 0);
    CHECK(st.st_atime == dev.st_mtime && st.st_mtime == dev.st_mtime && st.st_ctime == dev.st_mtime);
    CHECK_ERR(stat("/dev/nope", &st), ENOENT);
    CHECK_ERR(stat("/dev/null/", &st), ENOTDIR);
    PASS("/dev: console, tty, null and zero, character devices of their own file system");
}

static void null_and_zero(void) {
    static char buf[3 * 4096];
    int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDWR | O_TRUNC);

    CHECK(null >= 0 && zero >= 0);
    CHECK_EQ(read(null, buf, sizeof(buf)), 0);
    CHECK_EQ(write(null, "gone", 4), 4);
    CHECK_EQ(write(null, buf, sizeof(buf)), (ssize_t)sizeof(buf));
    CHECK_EQ(lseek(null, 100, SEEK_SET), 0);
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(read(zero, buf + 1, sizeof(buf) - 2), (ssize_t)sizeof(buf) - 2);
    CHECK_EQ(buf[0], 'x');
    for (unsigned i = 1; i < sizeof(buf) - 1; i++)
        CHECK_EQ(buf[i], 0);
    CHECK_EQ(buf[sizeof(buf) - 1], 'x');
    CHECK_EQ(write(zero, "gone", 4), 4);
    CHECK_EQ(lseek(zero, 0, SEEK_END), 0);
    CHECK_ERR(read(zero, (void *)16, 10), EFAULT);
    /* A buffer that runs into a hole is filled up to it. */
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(munmap(p + 4096, 4096), 0);
    memset(p, 'x', 4096);
    CHECK_EQ(read(zero, p + 4096 - 8, 100), 8);
    CHECK_EQ(p[4096 - 9], 'x');
    CHECK_EQ(p[4096 - 1], 0);
    CHECK_EQ(munmap(p, 4096), 0);
    CHECK_ERR(ftruncate(null, 0), EINVAL);
    CHECK_EQ(close(null), 0);
    CHECK_EQ(close(zero), 0);
    PASS("null reads nothing and takes everything; zero reads zeros; both take writes whole");
}

static void read_only_tree(void) {
    CHECK_ERR(open("/dev/new", O_WRONLY | O_CREAT, 0644), EROFS);
    CHECK_ERR(mkdir("/dev/new", 0755), EROFS);
    CHECK_ERR(unlink("/dev/null"), EROFS);
    CHECK_ERR(rmdir("/dev/null"), EROFS);
    CHECK_ERR(rename("/dev/null", "/dev/nil"), EROFS);
    CHECK_ERR(rename("/dev/null", "/nil"), EXDEV);
    CHECK_ERR(rename("/bin/init", "/dev/init"), EXDEV);
    CHECK_ERR(rmdir("/dev"), EBUSY);
    CHECK_ERR(rename("/dev", "/devices"), EBUSY);
    CHECK_ERR(access("/dev", W_OK), EROFS);
    CHECK_EQ(access("/dev/zero", W_OK), 0);
    CHECK_ERR(access("/dev/zero", X_OK), EACCES);
    /* Opening a device with O_CREAT opens it. */
    int fd = open("/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(open("/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    PASS("devfs is read-only (EROFS), a mount point (EBUSY), another file system (EXDEV)");
}

static void walking_through(void) {
    struct stat a, b;
    char buf[64];

    CHECK_EQ(stat("/dev/..", &a), 0);
    CHECK_EQ(stat("/", &b), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(a.st_dev, b.st_dev);
    CHECK_EQ(stat("/dev/../dev/./null", &a), 0);
    CHECK_EQ(stat("/dev/null", &b), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(chdir("/dev"), 0);
    CHECK(getcwd(buf, sizeof(buf)) != NULL);
    CHECK_EQ(strcmp(buf, "/dev"), 0);
    CHECK_EQ(stat("null", &a), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(stat("../bin/init", &a), 0);
    CHECK_EQ(chdir("/"), 0);
    PASS("paths cross the mount at /dev both ways");
}

int main(void) {
    nodes();
    null_and_zero();
    read_only_tree();
    walking_through();
    return done_testing();
}
