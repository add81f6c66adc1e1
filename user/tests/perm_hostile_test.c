/*
 * File permissions against a user who tries tricks (fs/perm.c), in ramfs (/tmp) and ext2
 * (/dev/hda on /mnt): a directory without search permission in the middle of a path, however
 * the path gets there (".", "..", repeated slashes, a working directory inside it), O_CREAT
 * with and without O_EXCL on a file the user may not read, O_TRUNC on a file it may not write,
 * renames in a sticky directory, a directory moved into its own subtree, chmod and chown on
 * files it does not own, descriptors opened while it was root (which keep working, as POSIX
 * says: permission is checked at open), and execve through a directory it may not search.
 * (The kernel has no symbolic or hard links, so the tricks with those have nothing to try.)
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>

#include "check.h"

#define USER 1000

static const char *base;

static const char *at(const char *name) {
    static char bufs[6][128];
    static int next;
    char *b = bufs[next++ % 6];
    snprintf(b, sizeof(bufs[0]), "%s/%s", base, name);
    return b;
}

static void pass_at(const char *what) {
    char buf[256];
    snprintf(buf, sizeof(buf), "%s: %s", base, what);
    PASS(buf);
}

static void make_file(const char *path, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "secret", 6), 6);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(chmod(path, mode), 0);
}

static void make_dir(const char *path, mode_t mode) {
    CHECK_EQ(mkdir(path, 0700), 0);
    CHECK_EQ(chmod(path, mode), 0);
}

static off_t size_of(const char *path) {
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    return st.st_size;
}

/* Forks; the child (as root, in `dir` if not NULL) runs `before`, drops to USER, runs fn. */
static void as_user(const char *dir, void (*before)(void), void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (dir && chdir(dir) != 0)
            _exit(98);
        if (before)
            before();
        if (setgid(USER) != 0 || setuid(USER) != 0)
            _exit(99);
        fn();
        fflush(stdout);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

/* base/a (0755) / closed (0700) / open (0777) / f (0666), and base/a/closed/secret (0600). */
static void tree(void) {
    make_dir(base, 0755);
    make_dir(at("a"), 0755);
    make_dir(at("a/closed"), 0700);
    make_dir(at("a/closed/open"), 0777);
    make_file(at("a/closed/open/f"), 0666);
    make_file(at("a/secret"), 0600);
    make_file(at("a/readonly"), 0644);
    make_dir(at("sticky"), 01777);
}

static void through_closed(void) {
    struct stat st;
    static const char *ways[] = {
        "a/closed/open/f",       "a/closed/open/../open/f", "a/./closed//open/f", "a/closed/./open",
        "a/closed/..",           "a/closed/open/..",        "a/closed/.",         "a/../a/closed/open/f",
        "a//closed/open/../../a"};
    for (unsigned i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
        errno = 0;
        if (stat(at(ways[i]), &st) != -1 || errno != EACCES)
            FAIL("stat %s: want EACCES, got errno %d", ways[i], errno);
    }
    CHECK_ERR(open(at("a/closed/open/f"), O_RDWR), EACCES);
    CHECK_ERR(open(at("a/closed/open/g"), O_RDWR | O_CREAT, 0666), EACCES);
    CHECK_ERR(mkdir(at("a/closed/open/d"), 0777), EACCES);
    CHECK_ERR(rename(at("a/closed/open/f"), at("sticky/f")), EACCES);
    CHECK_ERR(rmdir(at("a/closed/open")), EACCES);
    CHECK_ERR(access(at("a/closed/open/f"), F_OK), EACCES);
    CHECK_ERR(truncate(at("a/closed/open/f"), 0), EACCES);
    CHECK_ERR(chdir(at("a/closed/open")), EACCES);
    CHECK_ERR(execve(at("a/closed/open/f"), (char *[]){"f", NULL}, NULL), EACCES);
    CHECK_EQ(stat(at("a/closed"), &st), 0); /* the closed directory itself is in a searchable one */
}

static void enter_open(void) {
    CHECK_EQ(chdir("closed/open"), 0);
}

/* Its working directory is below the closed one (entered while root): what is below it is
 * reachable, ".." leads to the closed directory, and nothing through that. */
static void inside_closed(void) {
    struct stat st;
    char buf[8];
    int fd = open("f", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(read(fd, buf, 6), 6);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(stat(".", &st), 0);
    CHECK_EQ(stat("..", &st), 0); /* ".." is looked up in "open", which is searchable */
    CHECK_ERR(stat("../open", &st), EACCES);
    CHECK_ERR(stat("../..", &st), EACCES);
    CHECK_ERR(stat("../../secret", &st), EACCES);
    CHECK_ERR(open("..", O_RDONLY), EACCES); /* no read on it either */
    CHECK_ERR(chdir(".."), EACCES);
    int made = open("mine", O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(made >= 0);
    CHECK_EQ(close(made), 0);
    CHECK_EQ(unlink("mine"), 0);
}

static void create_tricks(void) {
    /* It exists, so O_EXCL says so; without O_EXCL it is opened, which its mode forbids. */
    CHECK_ERR(open(at("a/secret"), O_RDONLY | O_CREAT | O_EXCL, 0666), EEXIST);
    CHECK_ERR(open(at("a/secret"), O_RDONLY | O_CREAT, 0666), EACCES);
    CHECK_ERR(open(at("a/secret"), O_WRONLY | O_CREAT | O_TRUNC, 0666), EACCES);
    CHECK_ERR(open(at("a/readonly"), O_RDONLY | O_TRUNC), EACCES);
    CHECK_ERR(open(at("a/readonly"), O_RDONLY | O_CREAT | O_TRUNC, 0666), EACCES);
    CHECK_ERR(open(at("a/readonly/"), O_RDONLY), ENOTDIR);
    CHECK_ERR(open(at("a"), O_RDWR), EISDIR);
    /* Its own file in the sticky directory, then over another's file there. */
    int fd = open(at("sticky/mine"), O_WRONLY | O_CREAT | O_EXCL, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(rename(at("sticky/mine"), at("sticky/roots")), EPERM);
    CHECK_ERR(rename(at("sticky/roots"), at("sticky/mine")), EPERM);
    CHECK_ERR(unlink(at("sticky/roots")), EPERM);
    CHECK_EQ(rename(at("sticky/roots"), at("sticky/roots")), 0); /* the same file: nothing happens */
    CHECK_ERR(chmod(at("sticky/roots"), 0666), EPERM);
    CHECK_ERR(chown(at("sticky/roots"), USER, USER), EPERM);
    CHECK_ERR(chown(at("sticky/mine"), 0, (gid_t)-1), EPERM); /* not even to root */
    CHECK_ERR(utimensat(AT_FDCWD, at("sticky/roots"), (struct timespec[]){{1, 0}, {1, 0}}, 0), EPERM);
    CHECK_ERR(rmdir(at("sticky")), EACCES);                           /* base is root's */
    CHECK_ERR(rename(at("a/readonly"), at("sticky/stolen")), EACCES); /* a is root's */
    CHECK_EQ(unlink(at("sticky/mine")), 0);
}

static int rw_fd, dir_fd;

static void open_as_root(void) {
    rw_fd = open(at("a/secret"), O_RDWR);
    dir_fd = open(at("a/closed"), O_RDONLY | O_DIRECTORY);
    CHECK(rw_fd >= 0 && dir_fd >= 0);
}

/* Descriptors opened by root keep what they were opened for: permission is checked at open. */
static void kept_descriptors(void) {
    char buf[8];
    CHECK_ERR(open(at("a/secret"), O_RDONLY), EACCES);
    CHECK_EQ(read(rw_fd, buf, 6), 6);
    CHECK_EQ(memcmp(buf, "secret", 6), 0);
    CHECK_EQ(write(rw_fd, "!", 1), 1);
    CHECK_EQ(ftruncate(rw_fd, 6), 0);
    char dents[512];
    CHECK(getdents64(dir_fd, dents, sizeof(dents)) > 0);
    CHECK_ERR(fchmod(rw_fd, 0666), EPERM); /* but the file is still root's */
    CHECK_ERR(fchown(rw_fd, USER, USER), EPERM);
    CHECK_ERR(futimens(rw_fd, (struct timespec[]){{1, 0}, {1, 0}}), EPERM);
    CHECK_ERR(futimens(rw_fd, NULL), EACCES); /* "now" asks the file's mode, not the descriptor */
}

static void hostile(const char *dir) {
    base = dir;
    tree();
    as_user(NULL, NULL, through_closed);
    pass_at("a directory without search permission in the middle of a path stops it, whatever the path says");
    as_user(at("a"), enter_open, inside_closed);
    pass_at("a working directory inside a closed one: its own entries are reachable, \"..\" and beyond not");
    make_file(at("sticky/roots"), 0644);
    as_user(NULL, NULL, create_tricks);
    CHECK_EQ(size_of(at("a/secret")), 6);
    CHECK_EQ(size_of(at("a/readonly")), 6);
    pass_at("O_CREAT and O_EXCL on a file it may not read, O_TRUNC, the sticky directory, others' files");
    as_user(NULL, open_as_root, kept_descriptors);
    pass_at("descriptors opened before the setuid keep working; the file's owner rules still apply");
    static const char *files[] = {"a/closed/open/f", "a/secret", "a/readonly", "sticky/roots"};
    static const char *dirs[] = {"a/closed/open", "a/closed", "a", "sticky"};
    for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        CHECK_EQ(unlink(at(files[i])), 0);
    for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        CHECK_EQ(rmdir(at(dirs[i])), 0);
    CHECK_EQ(rmdir(base), 0);
}

int main(void) {
    hostile("/tmp/hostile");
    CHECK(mkdir("/mnt", 0755) == 0 || errno == EEXIST);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    hostile("/mnt/hostile");
    CHECK_EQ(umount("/mnt"), 0);
    return done_testing();
}
