/*
 * The programs about names, times and a file's status: basename, dirname, date, stat, touch.
 * Each is run as a person runs it; what it printed, its status and (touch) what it did to the
 * file system are checked, errors included. The expected output is what Debian's coreutils
 * print for the same operands (stat without user names, which need /etc/passwd).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <sys/utsname.h>

#include "check.h"
#include "run_program.h"

static struct run_result r;
static struct stat st;

static void test_basename(void) {
    static char *const cases[][3] = {
        {"/a/b/c", NULL, "c\n"},    {"/a/b/c/", NULL, "c\n"}, {"/", NULL, "/\n"},
        {"//", NULL, "/\n"},        {"c", NULL, "c\n"},       {"a.txt", ".txt", "a\n"},
        {".txt", ".txt", ".txt\n"}, {"/a/b.c/", ".c", "b\n"}, {"x.c", "y", "x.c\n"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        RUN(r, NULL, "/bin/basename", cases[i][0], cases[i][1]);
        CHECK_RUN(r, 0, cases[i][2], "");
    }
    RUN(r, NULL, "/bin/basename", "--", "-x");
    CHECK_RUN(r, 0, "-x\n", "");
    PASS("basename: the last component, trailing slashes, only slashes, a suffix (not all of it)");
    RUN(r, NULL, "/bin/basename");
    CHECK_RUN(r, 2, "", "usage: basename string [suffix]\n");
    RUN(r, NULL, "/bin/basename", "a", "b", "c");
    CHECK_RUN(r, 2, "", "usage: basename string [suffix]\n");
    PASS("basename: too few or too many operands (2)");
}

static void test_dirname(void) {
    static char *const cases[][2] = {
        {"/a/b/c", "/a/b\n"}, {"/a/b/c/", "/a/b\n"}, {"/", "/\n"},    {"//", "/\n"},  {"c", ".\n"},
        {"a/", ".\n"},        {"/a", "/\n"},         {"a//b", "a\n"}, {"//a", "/\n"}, {"a/b//", "a\n"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        RUN(r, NULL, "/bin/dirname", cases[i][0]);
        CHECK_RUN(r, 0, cases[i][1], "");
    }
    PASS("dirname: all but the last component, \".\" for none, \"/\" at the root");
    RUN(r, NULL, "/bin/dirname");
    CHECK_RUN(r, 2, "", "usage: dirname string\n");
    PASS("dirname: no operand (2)");
}

static void test_date(void) {
    time_t before = time(NULL);
    RUN(r, NULL, "/bin/date");
    time_t after = time(NULL);
    /* The line for each second the run could have seen. */
    bool found = false;
    for (time_t t = before; t <= after && !found; t++) {
        char want[64];
        strftime(want, sizeof(want), "%a %b %e %H:%M:%S UTC %Y\n", gmtime(&t));
        found = strcmp(r.out, want) == 0;
    }
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && r.err[0] == '\0');
    CHECK(found);
    RUN(r, NULL, "/bin/date", "-u", "+%Y");
    char year[16];
    strftime(year, sizeof(year), "%Y\n", gmtime(&after));
    CHECK_RUN(r, 0, year, "");
    RUN(r, NULL, "/bin/date", "+x%%y");
    CHECK_RUN(r, 0, "x%y\n", "");
    RUN(r, NULL, "/bin/date", "+");
    CHECK_RUN(r, 0, "\n", "");
    PASS("date: coreutils' format in UTC, -u, +format through strftime, an empty format");
    RUN(r, NULL, "/bin/date", "-x");
    CHECK_RUN(r, 2, "", "date: -x: unknown option\nusage: date [-u] [+format]\n");
    RUN(r, NULL, "/bin/date", "0101");
    CHECK_RUN(r, 2, "", "date: 0101: setting the date is not supported\nusage: date [-u] [+format]\n");
    PASS("date: a bad option, setting the date (2)");
}

static void test_stat(void) {
    int fd = open("/tmp/st", O_WRONLY | O_CREAT | O_TRUNC, 0640);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "12345", 5), 5);
    CHECK_EQ(close(fd), 0);
    struct timespec ts[2] = {{1000000000, 0}, {1234567890, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "/tmp/st", ts, 0), 0);
    CHECK_EQ(stat("/tmp/st", &st), 0);
    char want[512], change[32];
    strftime(change, sizeof(change), "%Y-%m-%d %H:%M:%S", gmtime(&st.st_ctime));
    snprintf(want, sizeof(want),
             "  File: /tmp/st\n"
             "  Size: 5         \tBlocks: %-10ld IO Block: 4096   regular file\n"
             "Device: %u,%u\tInode: %-11lu Links: 1\n"
             "Access: (0640/-rw-r-----)  Uid: (    0/    root)   Gid: (    0/    root)\n"
             "Access: 2001-09-09 01:46:40 +0000\n"
             "Modify: 2009-02-13 23:31:30 +0000\n"
             "Change: %s +0000\n",
             (long)st.st_blocks, (unsigned)st.st_dev >> 8, (unsigned)st.st_dev & 0xff, (unsigned long)st.st_ino,
             change);
    RUN(r, NULL, "/bin/stat", "/tmp/st");
    CHECK_RUN(r, 0, want, "");
    RUN(r, NULL, "/bin/stat", "/tmp");
    CHECK(strstr(r.out, "  File: /tmp\n") && strstr(r.out, "directory\n") && strstr(r.out, "(1777/drwxrwxrwt)"));
    RUN(r, NULL, "/bin/stat", "/dev/console");
    CHECK(strstr(r.out, "character special file\n") && strstr(r.out, "Device type: 5,1\n"));
    PASS("stat: name, size, blocks, type, device, inode, links, mode in octal and letters, ids, the three times");
    RUN(r, NULL, "/bin/stat", "/nope", "/tmp/st");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1);
    CHECK(strcmp(r.err, "stat: /nope: No such file or directory\n") == 0 && strstr(r.out, "  File: /tmp/st\n"));
    RUN(r, NULL, "/bin/stat");
    CHECK_RUN(r, 2, "", "usage: stat file...\n");
    RUN(r, NULL, "/bin/stat", "-L", "/tmp");
    CHECK_RUN(r, 2, "", "stat: -L: unknown option\nusage: stat file...\n");
    CHECK_EQ(unlink("/tmp/st"), 0);
    PASS("stat: a missing file (1, the others still shown), no operand or a bad option (2)");
}

/* uname: the kernel's fields as uname(2) gives them, each option alone, joined and -a (POSIX's
 * order: s n r v m); every field NUL-terminated with zeros after it. */
static void test_uname(void) {
    struct utsname u;
    memset(&u, 0x55, sizeof(u));
    CHECK_EQ(uname(&u), 0);
    CHECK_EQ(strcmp(u.sysname, "lune"), 0);
    CHECK_EQ(strcmp(u.machine, "i686"), 0);
    const char *fields[] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    for (int i = 0; i < 5; i++) {
        size_t len = strlen(fields[i]);
        CHECK(len > 0 && len < sizeof(u.sysname));
        for (size_t j = len; j < sizeof(u.sysname); j++)
            CHECK_EQ(fields[i][j], '\0');
    }
    char want[400];
    RUN(r, NULL, "/bin/uname");
    CHECK_RUN(r, 0, "lune\n", "");
    snprintf(want, sizeof(want), "%s\n", u.release);
    RUN(r, NULL, "/bin/uname", "-r");
    CHECK_RUN(r, 0, want, "");
    snprintf(want, sizeof(want), "%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
    RUN(r, NULL, "/bin/uname", "-a");
    CHECK_RUN(r, 0, want, "");
    snprintf(want, sizeof(want), "lune %s i686\n", u.release);
    RUN(r, NULL, "/bin/uname", "-mr", "-s");
    CHECK_RUN(r, 0, want, "");
    RUN(r, NULL, "/bin/uname", "-x");
    CHECK_RUN(r, 2, "", "uname: -x: unknown option\nusage: uname [-amnrsv]\n");
    RUN(r, NULL, "/bin/uname", "x");
    CHECK_RUN(r, 2, "", "uname: x: unknown operand\nusage: uname [-amnrsv]\n");
    PASS("uname: the kernel's five fields, zero-filled; -s alone, -r, -a, joined options in POSIX's order, errors (2)");
}

static void test_touch(void) {
    time_t before = time(NULL);
    RUN(r, NULL, "/bin/touch", "/tmp/new");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/tmp/new", &st), 0);
    CHECK(S_ISREG(st.st_mode) && st.st_size == 0 && (st.st_mode & 0777) == 0666);
    CHECK(st.st_mtime >= before);
    PASS("touch: a missing file is made, empty, mode 0666 (there is no umask)");

    struct timespec old[2] = {{1000, 0}, {2000, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "/tmp/new", old, 0), 0);
    RUN(r, NULL, "/bin/touch", "/tmp/new");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/tmp/new", &st), 0);
    CHECK(st.st_atime >= before && st.st_mtime >= before && st.st_mtime <= time(NULL));
    CHECK_EQ(utimensat(AT_FDCWD, "/tmp/new", old, 0), 0);
    RUN(r, NULL, "/bin/touch", "-m", "/tmp/new");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/tmp/new", &st), 0);
    CHECK(st.st_atime == 1000 && st.st_mtime >= before);
    CHECK_EQ(utimensat(AT_FDCWD, "/tmp/new", old, 0), 0);
    RUN(r, NULL, "/bin/touch", "-a", "/tmp/new");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/tmp/new", &st), 0);
    CHECK(st.st_atime >= before && st.st_mtime == 2000);
    CHECK_EQ(utimensat(AT_FDCWD, "/tmp/new", old, 0), 0);
    RUN(r, NULL, "/bin/touch", "-am", "/tmp/new");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/tmp/new", &st), 0);
    CHECK(st.st_atime >= before && st.st_mtime >= before);
    PASS("touch: an existing file's times become now; -m, -a, both");

    RUN(r, NULL, "/bin/touch", "-c", "/tmp/none");
    CHECK_RUN(r, 0, "", "");
    CHECK_ERR(stat("/tmp/none", &st), ENOENT);
    RUN(r, NULL, "/bin/touch", "/nodir/f", "/tmp/two");
    CHECK_RUN(r, 1, "", "touch: /nodir/f: No such file or directory\n");
    CHECK_EQ(stat("/tmp/two", &st), 0);
    RUN(r, NULL, "/bin/touch", "/dev/console");
    CHECK_RUN(r, 1, "", "touch: /dev/console: Read-only file system\n");
    RUN(r, NULL, "/bin/touch");
    CHECK_RUN(r, 2, "", "touch: a file is needed\nusage: touch [-a] [-c] [-m] file...\n");
    RUN(r, NULL, "/bin/touch", "-r", "x");
    CHECK_RUN(r, 2, "", "touch: -r: unknown option\nusage: touch [-a] [-c] [-m] file...\n");
    CHECK_EQ(unlink("/tmp/new"), 0);
    CHECK_EQ(unlink("/tmp/two"), 0);
    PASS("touch: -c makes nothing; a file it cannot make is named, the others still made (1); usage (2)");
}

int main(void) {
    test_basename();
    test_dirname();
    test_date();
    test_stat();
    test_touch();
    test_uname();
    return done_testing();
}
