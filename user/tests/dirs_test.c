/*
 * Directories and names on the writable root: mkdir, rmdir, unlink and rename with every error
 * POSIX names for them (in Linux's order, as root), directory listings through getdents64 and
 * opendir/readdir, and a working directory that is renamed or removed under the process.
 *
 * The root file system holds /bin/{cat,echo,hello,init,sh,dirs_test...}, /dev from devfs.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "check.h"

#define TOP "/dirs_test"

static void touch(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        FAIL("creat(\"%s\"): errno %d", path, errno);
    CHECK_EQ(close(fd), 0);
}

static struct stat stat_of(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0)
        FAIL("stat(\"%s\"): errno %d", path, errno);
    return st;
}

static void cwd_is(const char *want) {
    char buf[256];
    CHECK(getcwd(buf, sizeof(buf)) == buf);
    if (strcmp(buf, want) != 0)
        FAIL("getcwd: \"%s\", want \"%s\"", buf, want);
}

/* The names in directory `path`, in the order readdir gives them, space-separated. Checks each
 * entry's inode number and type against stat. */
static const char *listing(const char *path) {
    static char out[512];
    DIR *d = opendir(path);
    struct dirent *e;
    size_t len = 0;

    if (!d)
        FAIL("opendir(\"%s\"): errno %d", path, errno);
    dev_t dev = stat_of(path).st_dev;
    out[0] = '\0';
    errno = 0;
    while ((e = readdir(d))) {
        char full[256];
        snprintf(full, sizeof(full), "%s/%s", path, e->d_name);
        struct stat st = stat_of(full);
        /* A mount point lists as the directory under it (as in Linux): stat sees what is mounted. */
        if (strcmp(e->d_name, "..") != 0 && st.st_dev == dev && e->d_ino != st.st_ino)
            FAIL("%s: d_ino %u, stat says %u", full, e->d_ino, st.st_ino);
        unsigned char type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISCHR(st.st_mode) ? DT_CHR : DT_REG;
        if (e->d_type != type)
            FAIL("%s: d_type %d, want %d", full, e->d_type, type);
        len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s", len ? " " : "", e->d_name);
    }
    CHECK_EQ(errno, 0); /* the end, not an error */
    CHECK_EQ(closedir(d), 0);
    return out;
}

static void listing_is(const char *path, const char *want) {
    const char *got = listing(path);
    if (strcmp(got, want) != 0)
        FAIL("ls %s: \"%s\", want \"%s\"", path, got, want);
}

static void mkdir_cases(void) {
    struct stat st;
    nlink_t links = stat_of(".").st_nlink;

    CHECK_EQ(mkdir("d", 0750), 0);
    st = stat_of("d");
    CHECK_EQ(st.st_mode, S_IFDIR | 0750);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(stat_of(".").st_nlink, links + 1); /* the new ".." */
    CHECK_EQ(mkdir("d/e/", 0755), 0);           /* a trailing slash is fine */
    CHECK_EQ(stat_of("d/e/..").st_ino, stat_of("d").st_ino);
    CHECK_EQ(stat_of("d").st_nlink, 3);
    touch("f");
    CHECK_ERR(mkdir("d", 0755), EEXIST);
    CHECK_ERR(mkdir("f", 0755), EEXIST);
    CHECK_ERR(mkdir("f/", 0755), EEXIST);
    CHECK_ERR(mkdir(".", 0755), EEXIST);
    CHECK_ERR(mkdir("..", 0755), EEXIST);
    CHECK_ERR(mkdir("/", 0755), EEXIST);
    CHECK_ERR(mkdir("nope/x", 0755), ENOENT);
    CHECK_ERR(mkdir("f/x", 0755), ENOTDIR);
    CHECK_ERR(mkdir("", 0755), ENOENT);
    CHECK_ERR(mkdir((const char *)1, 0755), EFAULT);
    char name[64];
    memset(name, 'n', 60);
    name[60] = '\0';
    CHECK_ERR(mkdir(name, 0755), ENAMETOOLONG);
    name[59] = '\0';
    CHECK_EQ(mkdir(name, 0755), 0);
    CHECK_EQ(rmdir(name), 0);
    PASS("mkdir: the mode given, link counts, EEXIST, ENOENT, ENOTDIR, ENAMETOOLONG, EFAULT");
}

static void rmdir_and_unlink_cases(void) {
    CHECK_ERR(rmdir("d"), ENOTEMPTY);
    CHECK_ERR(rmdir("."), EINVAL);
    CHECK_ERR(rmdir("d/e/."), EINVAL);
    CHECK_ERR(rmdir(".."), ENOTEMPTY);
    CHECK_ERR(rmdir("/"), EBUSY);
    CHECK_ERR(rmdir("/dev"), EBUSY); /* a mount point */
    CHECK_ERR(rmdir("f"), ENOTDIR);
    CHECK_ERR(rmdir("f/"), ENOTDIR);
    CHECK_ERR(rmdir("nope"), ENOENT);
    CHECK_ERR(rmdir(""), ENOENT);
    CHECK_ERR(unlink("d"), EISDIR);
    CHECK_ERR(unlink("d/"), EISDIR);
    CHECK_ERR(unlink("."), EISDIR);
    CHECK_ERR(unlink("/"), EISDIR);
    CHECK_ERR(unlink("/dev"), EISDIR);
    CHECK_ERR(unlink("f/"), ENOTDIR);
    CHECK_ERR(unlink("nope"), ENOENT);
    CHECK_ERR(unlink("nope/"), ENOENT);
    CHECK_ERR(unlink("f/x"), ENOTDIR);
    CHECK_ERR(unlink(""), ENOENT);
    CHECK_ERR(unlink((const char *)1), EFAULT);
    CHECK_EQ(rmdir("d/e//"), 0);
    CHECK_ERR(stat("d/e", &(struct stat){0}), ENOENT);
    CHECK_EQ(stat_of("d").st_nlink, 2);
    CHECK_EQ(unlink("f"), 0);
    CHECK_ERR(unlink("f"), ENOENT);
    PASS("rmdir and unlink: ENOTEMPTY, EINVAL, EBUSY, ENOTDIR, EISDIR, ENOENT; then they remove");
}

static void rename_cases(void) {
    struct stat st;
    char buf[8];

    touch("a");
    touch("b");
    CHECK_EQ(mkdir("d/sub", 0755), 0);
    CHECK_EQ(mkdir("empty", 0755), 0);
    ino_t a = stat_of("a").st_ino, sub = stat_of("d/sub").st_ino;
    /* A file over a file: the target is replaced, the source's name is gone. */
    int fd = open("a", O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "A", 1), 1);
    CHECK_EQ(rename("a", "b"), 0);
    CHECK_ERR(stat("a", &st), ENOENT);
    CHECK_EQ(stat_of("b").st_ino, a);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, buf, 1), 1); /* open files follow the file, not the name */
    CHECK_EQ(buf[0], 'A');
    CHECK_EQ(close(fd), 0);
    /* Into another directory and back, under new names. */
    CHECK_EQ(rename("b", "d/sub/c"), 0);
    CHECK_EQ(stat_of("d/sub/c").st_ino, a);
    CHECK_EQ(rename("d/sub/c", "./a"), 0);
    /* A directory moves with its contents; its ".." follows. */
    touch("d/sub/in");
    CHECK_EQ(rename("d/sub", "moved"), 0);
    CHECK_EQ(stat_of("moved").st_ino, sub);
    CHECK_EQ(stat_of("moved/..").st_ino, stat_of(".").st_ino);
    CHECK_EQ(stat_of("moved/in").st_ino, stat_of("moved/in").st_ino);
    CHECK_EQ(stat_of("d").st_nlink, 2);
    /* A directory over an empty directory replaces it. */
    CHECK_EQ(rename("moved", "empty"), 0);
    CHECK_ERR(stat("moved", &st), ENOENT);
    CHECK_EQ(stat_of("empty").st_ino, sub);
    CHECK_EQ(rename("empty", "d/sub"), 0);
    /* The same file, under either name: nothing happens. */
    CHECK_EQ(rename("a", "a"), 0);
    CHECK_EQ(rename("d", "./d/"), 0);
    CHECK_EQ(stat_of("a").st_ino, a);
    /* The errors. */
    CHECK_EQ(mkdir("full", 0755), 0);
    touch("full/x");
    CHECK_ERR(rename("d", "full"), ENOTEMPTY);
    CHECK_ERR(rename("d/sub", "d"), ENOTEMPTY); /* over its own (non-empty) parent */
    CHECK_ERR(rename("a", "d"), EISDIR);
    CHECK_ERR(rename("d", "a"), ENOTDIR);
    CHECK_ERR(rename("d", "d/sub"), EINVAL); /* into itself */
    CHECK_ERR(rename("d", "d/sub/deeper"), EINVAL);
    CHECK_ERR(rename("d", "d/new"), EINVAL);
    CHECK_ERR(rename(".", "x"), EBUSY);
    CHECK_ERR(rename("..", "x"), EBUSY);
    CHECK_ERR(rename("d", "."), EBUSY);
    CHECK_ERR(rename("a", "d/.."), EBUSY);
    CHECK_ERR(rename("/", "x"), EBUSY);
    CHECK_ERR(rename("/dev", "devices"), EBUSY); /* a mount point */
    CHECK_ERR(rename("d", "/dev"), EBUSY);       /* the name /dev is in the root's file system */
    CHECK_ERR(rename("a", "/dev/a"), EXDEV);     /* but what is in /dev is not */
    CHECK_ERR(rename("/dev/null", "null"), EXDEV);
    CHECK_ERR(rename("/dev/null", "/dev/nil"), EROFS);
    CHECK_ERR(rename("a/", "x"), ENOTDIR);
    CHECK_ERR(rename("a", "x/"), ENOTDIR);
    CHECK_ERR(rename("nope", "x"), ENOENT);
    CHECK_ERR(rename("nope", "a"), ENOENT);
    CHECK_ERR(rename("a", "nope/x"), ENOENT);
    CHECK_ERR(rename("a", "a/x"), ENOTDIR);
    CHECK_ERR(rename("", "x"), ENOENT);
    CHECK_ERR(rename("a", ""), ENOENT);
    CHECK_ERR(rename((const char *)1, "x"), EFAULT);
    CHECK_ERR(rename("a", (const char *)1), EFAULT);
    /* None of the failures changed anything. */
    listing_is(".", ". .. d a full");
    listing_is("d", ". .. sub");
    listing_is("d/sub", ". .. in");
    CHECK_EQ(rename("d/sub", "d/sub2/"), 0); /* a directory may have a slash */
    CHECK_EQ(unlink("d/sub2/in"), 0);
    CHECK_EQ(rmdir("d/sub2"), 0);
    CHECK_EQ(unlink("full/x"), 0);
    CHECK_EQ(rmdir("full"), 0);
    CHECK_EQ(unlink("a"), 0);
    PASS("rename: files and directories, replacing, EINVAL into itself, EXDEV, EBUSY, EISDIR, ENOTDIR, "
         "ENOTEMPTY, EROFS");
}

static void listings(void) {
    /* /bin from the initrd (sorted by name there): at least these, each stat'ed by listing(). */
    const char *bin = listing("/bin");
    if (strncmp(bin, ". .. ", 5) != 0 || !strstr(bin, " dirs_test ") || !strstr(bin, " init ") || !strstr(bin, " sh"))
        FAIL("ls /bin: \"%s\"", bin);
    for (const char *p = bin + 5, *q; (q = strchr(p, ' ')); p = q + 1) {
        const char *r = strchr(q + 1, ' ');
        if (strncmp(p, q + 1, (size_t)(r ? r - q - 1 : (long)strlen(q + 1))) >= 0)
            FAIL("ls /bin: \"%s\" is not in order", bin);
    }
    const char *root = listing("/");
    if (strncmp(root, ". .. ", 5) != 0 || !strstr(root, " bin") || !strstr(root, " dev") || !strstr(root, " dirs_test"))
        FAIL("ls /: \"%s\"", root);
    CHECK_EQ(stat_of("/..").st_ino, stat_of("/").st_ino);
    /* A new directory: "." and "..", then its entries in the order they were made. */
    CHECK_EQ(mkdir("new", 0755), 0);
    listing_is("new", ". ..");
    touch("new/zz");
    CHECK_EQ(mkdir("new/aa", 0755), 0);
    touch("new/mm");
    listing_is("new", ". .. zz aa mm");
    CHECK_EQ(unlink("new/zz"), 0);
    listing_is("new", ". .. aa mm");
    /* readdir's "..": the parent. */
    DIR *d = opendir("new");
    CHECK(d != NULL);
    struct dirent *e;
    CHECK((e = readdir(d)) != NULL && strcmp(e->d_name, ".") == 0 && e->d_ino == stat_of("new").st_ino);
    CHECK((e = readdir(d)) != NULL && strcmp(e->d_name, "..") == 0 && e->d_ino == stat_of(".").st_ino);
    rewinddir(d);
    CHECK((e = readdir(d)) != NULL && strcmp(e->d_name, ".") == 0);
    CHECK_EQ(closedir(d), 0);
    CHECK(opendir("nope") == NULL && errno == ENOENT);
    CHECK(opendir("new/mm") == NULL && errno == ENOTDIR);
    PASS("listings of /, /bin and a new directory: . and .., names in order, d_ino and d_type");
}

/* getdents64 itself: records of Linux's layout, positions to go on from, and its errors. */
static void getdents_records(void) {
    static char buf[4096] __attribute__((aligned(8)));
    int fd = open("new", O_RDONLY | O_DIRECTORY);

    CHECK(fd >= 0);
    ssize_t n = getdents64(fd, buf, sizeof(buf));
    CHECK(n > 0);
    int count = 0;
    long offs[8];
    for (ssize_t pos = 0; pos < n; count++) {
        struct abi_dirent64 *e = (struct abi_dirent64 *)(buf + pos);
        CHECK_EQ(e->d_reclen % 8, 0);
        CHECK(e->d_reclen >= 19 + strlen(e->d_name) + 1);
        for (size_t i = 19 + strlen(e->d_name); i < e->d_reclen; i++)
            CHECK_EQ(((char *)e)[i], 0); /* padding: zeros */
        CHECK(count < 8);
        offs[count] = (long)e->d_off;
        pos += e->d_reclen;
    }
    CHECK_EQ(count, 4);                            /* . .. aa mm */
    CHECK_EQ(getdents64(fd, buf, sizeof(buf)), 0); /* the end */
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), offs[3]);
    /* From the position after "..": the rest. */
    CHECK_EQ(lseek(fd, offs[1], SEEK_SET), offs[1]);
    n = getdents64(fd, buf, sizeof(buf));
    CHECK(n > 0 && strcmp(((struct abi_dirent64 *)buf)->d_name, "aa") == 0);
    /* An entry removed before it is read is not listed; those around it still are, once. */
    CHECK_EQ(lseek(fd, offs[1], SEEK_SET), offs[1]);
    CHECK_EQ(getdents64(fd, buf, 24), 24); /* one record: "aa" */
    CHECK_EQ(strcmp(((struct abi_dirent64 *)buf)->d_name, "aa"), 0);
    touch("new/later");
    CHECK_EQ(rmdir("new/aa"), 0);
    n = getdents64(fd, buf, sizeof(buf));
    CHECK(n > 0);
    CHECK_EQ(strcmp(((struct abi_dirent64 *)buf)->d_name, "mm"), 0);
    CHECK_EQ(getdents64(fd, buf, 10), -1); /* too small for any entry */
    CHECK_EQ(errno, EINVAL);
    CHECK_ERR(getdents64(fd, buf, 0), EINVAL);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_ERR(getdents64(fd, (void *)16, 4096), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0); /* nothing consumed */
    CHECK_ERR(lseek(fd, 0, SEEK_END), EINVAL);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(getdents64(fd, buf, sizeof(buf)), EBADF);
    CHECK((fd = open("new/mm", O_RDONLY)) >= 0);
    CHECK_ERR(getdents64(fd, buf, sizeof(buf)), ENOTDIR);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("new/mm"), 0);
    CHECK_EQ(unlink("new/later"), 0);
    CHECK_EQ(rmdir("new"), 0);
    PASS("getdents64: 8-aligned records, d_off to go on from, removals, EINVAL, EFAULT, ENOTDIR, EBADF");
}

static void renamed_and_removed_cwd(void) {
    struct stat st;
    int fd;

    CHECK_EQ(mkdir("p", 0755), 0);
    CHECK_EQ(mkdir("p/q", 0755), 0);
    CHECK_EQ(chdir("p/q"), 0);
    cwd_is(TOP "/p/q");
    CHECK_EQ(rename(TOP "/p", TOP "/r"), 0);
    cwd_is(TOP "/r/q"); /* the path is found from the directory up */
    CHECK_EQ(chdir(".."), 0);
    cwd_is(TOP "/r");
    CHECK_EQ(chdir("q"), 0);
    CHECK_EQ(rmdir(TOP "/r/q"), 0);
    /* In a removed directory: no path, nothing new, but "." is still there to look at. */
    CHECK_ERR(getcwd((char[256]){0}, 256) == NULL ? -1 : 0, ENOENT);
    CHECK_EQ(stat(".", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_nlink, 0);
    CHECK((fd = open(".", O_RDONLY)) >= 0);
    CHECK_ERR(getdents64(fd, (char[64]){0}, 64), ENOENT);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(mkdir("x", 0755), ENOENT);
    CHECK_ERR(open("x", O_WRONLY | O_CREAT, 0644), ENOENT);
    CHECK_ERR(chdir(".."), ENOENT);
    CHECK_EQ(chdir(TOP), 0);
    cwd_is(TOP);
    CHECK_EQ(rmdir("r"), 0);
    /* Across the mount at /dev and back. */
    CHECK_EQ(chdir("/dev"), 0);
    cwd_is("/dev");
    CHECK_EQ(stat_of("..").st_ino, stat_of("/").st_ino);
    CHECK_EQ(chdir(".."), 0);
    cwd_is("/");
    CHECK_EQ(chdir(TOP), 0);
    PASS("the working directory: renamed (getcwd follows), removed (ENOENT), across /dev");
}

int main(void) {
    CHECK_EQ(mkdir(TOP, 0755), 0);
    CHECK_EQ(chdir(TOP), 0);
    mkdir_cases();
    rmdir_and_unlink_cases();
    rename_cases();
    listings();
    getdents_records();
    renamed_and_removed_cwd();
    listing_is(".", ". .. d");
    CHECK_EQ(rmdir("d"), 0);
    CHECK_EQ(chdir("/"), 0);
    CHECK_EQ(rmdir(TOP), 0);
    return done_testing();
}
