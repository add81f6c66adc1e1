/*
 * utimensat, futimens and utime: setting a file's access and modification times, in ramfs and in
 * ext2 (/dev/hda, ext2_small_disk, mounted on /mnt; the times must be on the disk after a
 * remount). Every error: a bad tv_nsec or flag, a bad pointer or descriptor, a missing file,
 * explicit times from a user who does not own the file (EPERM; "now" needs write permission:
 * EACCES without it), a
 * read-only file system, a file that keeps no times (a device, a pipe).
 */
#include <fcntl.h>
#include <sys/mount.h>
#include <utime.h>

#include "check.h"

static struct stat st;

static void make_file(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
}

/* Sets `path`'s times to (atime, mtime) and checks them, then each alone and "now". */
static void set_and_check(const char *path) {
    struct timespec ts[2] = {{1000000000, 5}, {1234567890, 999999999}};
    CHECK_EQ(utimensat(AT_FDCWD, path, ts, 0), 0);
    CHECK_EQ(stat(path, &st), 0);
    CHECK_EQ(st.st_atime, 1000000000);
    CHECK_EQ(st.st_mtime, 1234567890);
    time_t before = time(NULL);
    CHECK(st.st_ctime >= before - 2 && st.st_ctime <= before + 2); /* the change time is now */

    ts[0] = (struct timespec){0, UTIME_OMIT};
    ts[1] = (struct timespec){42, 0};
    CHECK_EQ(utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW), 0);
    CHECK_EQ(stat(path, &st), 0);
    CHECK_EQ(st.st_atime, 1000000000); /* left alone */
    CHECK_EQ(st.st_mtime, 42);

    ts[0] = (struct timespec){0, UTIME_NOW};
    ts[1] = (struct timespec){0, UTIME_OMIT};
    CHECK_EQ(utimensat(AT_FDCWD, path, ts, 0), 0);
    CHECK_EQ(stat(path, &st), 0);
    CHECK(st.st_atime >= before && st.st_atime <= time(NULL));
    CHECK_EQ(st.st_mtime, 42);

    CHECK_EQ(utimensat(AT_FDCWD, path, NULL, 0), 0); /* both now */
    CHECK_EQ(stat(path, &st), 0);
    CHECK(st.st_mtime >= before && st.st_mtime <= time(NULL));

    struct utimbuf u = {.actime = 7, .modtime = 8};
    CHECK_EQ(utime(path, &u), 0);
    CHECK_EQ(stat(path, &st), 0);
    CHECK(st.st_atime == 7 && st.st_mtime == 8);
}

static void ramfs_times(void) {
    CHECK_EQ(mkdir("/u", 0755), 0);
    make_file("/u/f");
    CHECK_EQ(stat("/u/f", &st), 0);
    time_t now = time(NULL);
    CHECK(st.st_mtime >= now - 2 && st.st_mtime <= now && st.st_atime == st.st_mtime);
    PASS("ramfs: a new file's times are now (not the Epoch)");
    set_and_check("/u/f");
    CHECK_EQ(chdir("/u"), 0);
    struct timespec ts[2] = {{11, 0}, {12, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "f", ts, 0), 0); /* relative to the working directory */
    CHECK_EQ(stat("f", &st), 0);
    CHECK(st.st_atime == 11 && st.st_mtime == 12);
    CHECK_EQ(chdir("/"), 0);
    PASS("ramfs: utimensat sets each time, UTIME_OMIT and UTIME_NOW, NULL is now; utime");

    int fd = open("/u/f", O_RDWR);
    CHECK(fd >= 0);
    ts[0] = (struct timespec){100, 0};
    ts[1] = (struct timespec){200, 0};
    CHECK_EQ(futimens(fd, ts), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK(st.st_atime == 100 && st.st_mtime == 200);
    CHECK_EQ(write(fd, "x", 1), 1); /* a write makes the modification time now */
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK(st.st_atime == 100 && st.st_mtime >= now);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(utimensat(AT_FDCWD, "/u", ts, 0), 0); /* a directory too */
    make_file("/u/g");
    CHECK_EQ(stat("/u", &st), 0);
    CHECK(st.st_atime == 100 && st.st_mtime >= now); /* a new entry changed it */
    PASS("ramfs: futimens on an open file; a write and a new entry set the modification time");
}

static void errors(void) {
    struct timespec ts[2] = {{1, 0}, {2, 0}};
    struct timespec bad[2] = {{1, 1000000000}, {2, 0}};
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", bad, 0), EINVAL);
    bad[0] = (struct timespec){1, -1};
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", bad, 0), EINVAL);
    bad[0] = (struct timespec){0, UTIME_OMIT};
    bad[1] = (struct timespec){0, UTIME_NOW + 1};
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", bad, 0), EINVAL);
    bad[1] = (struct timespec){-1, 0};
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", bad, 0), EINVAL);
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", ts, 0x4), EINVAL);
    CHECK_ERR(utimensat(AT_FDCWD, NULL, ts, 0), EINVAL); /* the libc's, as glibc's */
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f", (void *)1, 0), EFAULT);
    CHECK_ERR(utimensat(AT_FDCWD, (const char *)1, ts, 0), EFAULT);
    CHECK_ERR(utimensat(AT_FDCWD, "/u/nope", ts, 0), ENOENT);
    CHECK_ERR(utimensat(AT_FDCWD, "/u/f/x", ts, 0), ENOTDIR);
    CHECK_ERR(utimensat(AT_FDCWD, "", ts, 0), ENOENT);
    CHECK_ERR(utimensat(99, "f", ts, 0), EBADF);
    CHECK_ERR(utimensat(0, "f", ts, 0), EINVAL); /* only AT_FDCWD resolves a relative path */
    CHECK_ERR(futimens(99, ts), EBADF);
    CHECK_ERR(futimens(-1, ts), EBADF);
    CHECK_EQ(stat("/u/f", &st), 0);
    CHECK(st.st_atime == 100 && st.st_mtime != 2); /* nothing changed by any of them */
    PASS("errors: EINVAL (tv_nsec, tv_sec, flags, dirfd), EFAULT, ENOENT, ENOTDIR, EBADF; nothing changes");

    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_ERR(futimens(p[0], ts), EROFS);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(close(p[1]), 0);
    CHECK_ERR(utimensat(AT_FDCWD, "/dev/console", NULL, 0), EROFS);
    ts[0] = (struct timespec){0, UTIME_OMIT};
    ts[1] = (struct timespec){0, UTIME_OMIT};
    CHECK_EQ(utimensat(AT_FDCWD, "/u/f", ts, 0), 0); /* nothing to set */
    CHECK_ERR(utimensat(AT_FDCWD, "/u/nope", ts, 0), ENOENT);
    PASS("a pipe and a device keep no times (EROFS); both UTIME_OMIT does nothing, but the path is looked up");
}

/* A user who does not own the file: explicit times are EPERM, "now" needs write permission. */
static void permission(void) {
    make_file("/u/g");
    CHECK_EQ(chmod("/u/g", 0666), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct timespec ts[2] = {{5, 0}, {6, 0}};
        struct timespec now_and_omit[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
        struct timespec now_and_given[2] = {{0, UTIME_NOW}, {6, 0}};
        if (setuid(1000) != 0)
            _exit(10);
        if (utimensat(AT_FDCWD, "/u/f", ts, 0) != -1 || errno != EPERM)
            _exit(11);
        if (utimensat(AT_FDCWD, "/u/f", now_and_given, 0) != -1 || errno != EPERM)
            _exit(12);
        if (utimensat(AT_FDCWD, "/u/f", NULL, 0) != -1 || errno != EACCES)
            _exit(13);
        if (utimensat(AT_FDCWD, "/u/f", now_and_omit, 0) != -1 || errno != EACCES)
            _exit(14);
        if (utimensat(AT_FDCWD, "/u/g", ts, 0) != -1 || errno != EPERM)
            _exit(15);
        if (utimensat(AT_FDCWD, "/u/g", NULL, 0) != 0)
            _exit(16);
        if (utimensat(AT_FDCWD, "/u/g", now_and_omit, 0) != 0)
            _exit(17);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(unlink("/u/g"), 0);
    PASS("not the owner: explicit times EPERM, \"now\" EACCES on a 0644 file and allowed on a 0666 one");
}

static void ext2_times(void) {
    struct timespec ts[2] = {{1500000000, 0}, {1600000000, 0}};
    CHECK(mkdir("/mnt", 0755) == 0 || errno == EEXIST);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    set_and_check("/mnt/hello.txt");
    CHECK_EQ(utimensat(AT_FDCWD, "/mnt/hello.txt", ts, 0), 0);
    CHECK_EQ(utimensat(AT_FDCWD, "/mnt/sub", ts, 0), 0);
    CHECK_EQ(umount("/mnt"), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", MS_RDONLY, NULL), 0);
    CHECK_EQ(stat("/mnt/hello.txt", &st), 0);
    CHECK(st.st_atime == 1500000000 && st.st_mtime == 1600000000);
    CHECK_EQ(stat("/mnt/sub", &st), 0);
    CHECK(st.st_atime == 1500000000 && st.st_mtime == 1600000000);
    PASS("ext2: the times are set, and on the disk after a remount");
    CHECK_ERR(utimensat(AT_FDCWD, "/mnt/hello.txt", ts, 0), EROFS);
    CHECK_ERR(utimensat(AT_FDCWD, "/mnt/hello.txt", NULL, 0), EROFS);
    CHECK_EQ(umount("/mnt"), 0);
    PASS("ext2 read-only: EROFS");
}

int main(void) {
    ramfs_times();
    errors();
    permission();
    ext2_times();
    return done_testing();
}
