/*
 * The programs that change files: mkdir, rmdir, rm, mv, cp, and ls, which lists them. Each is run
 * as a person runs it, in a directory of its own (/t); what it printed, its status and what it
 * left in the file system are checked, errors included.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "check.h"
#include "run_program.h"

static struct run_result r;

/* Makes file `path` holding `text`. */
static void make_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    CHECK_EQ(close(fd), 0);
}

static bool is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static void test_mkdir(void) {
    RUN(r, NULL, "/bin/mkdir", "/t", "/t/a");
    CHECK_RUN(r, 0, "", "");
    CHECK(is_dir("/t") && is_dir("/t/a"));
    RUN(r, NULL, "/bin/mkdir", "/t/a", "/t/b");
    CHECK_RUN(r, 1, "", "mkdir: /t/a: File exists\n");
    CHECK(is_dir("/t/b"));
    RUN(r, NULL, "/bin/mkdir", "/t/x/y");
    CHECK_RUN(r, 1, "", "mkdir: /t/x/y: No such file or directory\n");
    PASS("mkdir: directories made in order; one that exists or lacks its parent is named (status 1)");
    RUN(r, NULL, "/bin/mkdir", "-p", "/t/x/y/z", "/t/a");
    CHECK_RUN(r, 0, "", "");
    CHECK(is_dir("/t/x/y/z"));
    make_file("/t/file", "data\n");
    RUN(r, NULL, "/bin/mkdir", "-p", "/t/file/sub");
    CHECK_RUN(r, 1, "", "mkdir: /t/file/sub: Not a directory\n");
    RUN(r, NULL, "/bin/mkdir", "-p", "/t/file");
    CHECK_RUN(r, 1, "", "mkdir: /t/file: File exists\n");
    RUN(r, NULL, "/bin/mkdir");
    CHECK_RUN(r, 2, "", "usage: mkdir [-p] dir...\n");
    PASS("mkdir -p: makes the parents, content with a directory that exists, not with a file");
}

/* What ls -l prints for `path` under `name`: built from stat, with the time as POSIX says. */
static void long_line(char *out, size_t size, const char *path, const char *name, int size_width) {
    struct stat st;
    char when[32];
    CHECK_EQ(stat(path, &st), 0);
    time_t now = time(NULL);
    bool recent = st.st_mtime <= now && now - st.st_mtime < 15778476;
    strftime(when, sizeof(when), recent ? "%b %e %H:%M" : "%b %e  %Y", gmtime(&st.st_mtime));
    char mode[10];
    for (int i = 0; i < 9; i++)
        mode[i] = st.st_mode & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
    mode[9] = '\0';
    snprintf(out, size, "%c%s %lu %lu %lu %*ld %s %s\n", S_ISDIR(st.st_mode) ? 'd' : '-', mode,
             (unsigned long)st.st_nlink, (unsigned long)st.st_uid, (unsigned long)st.st_gid, size_width,
             (long)st.st_size, when, name);
}

static void test_ls(void) {
    /* /t holds a/, b/, file, x/ from test_mkdir; add a hidden file and one of a known size. */
    make_file("/t/.hidden", "");
    make_file("/t/ten", "0123456789");
    RUN(r, NULL, "/bin/ls", "/t");
    CHECK_RUN(r, 0, "a\nb\nfile\nten\nx\n", "");
    RUN(r, NULL, "/bin/ls", "-a", "/t");
    CHECK_RUN(r, 0, ".\n..\n.hidden\na\nb\nfile\nten\nx\n", "");
    CHECK_EQ(chdir("/t/x"), 0);
    RUN(r, NULL, "/bin/ls");
    CHECK_RUN(r, 0, "y\n", "");
    CHECK_EQ(chdir("/"), 0);
    PASS("ls: a directory's names, sorted, one a line into a pipe; -a shows . names; the working directory");
    /* The long format: mode, links, owner, group, size, time, name (POSIX's, as coreutils' ls -ln). */
    char want[512], a_line[128], file_line[128], ten_line[128];
    long_line(a_line, sizeof(a_line), "/t/a", "a", 2); /* sizes in /t go up to 10 */
    long_line(file_line, sizeof(file_line), "/t/file", "/t/file", 2);
    long_line(ten_line, sizeof(ten_line), "/t/ten", "/t/ten", 2);
    snprintf(want, sizeof(want), "%s%s\n/t/a:\ntotal 0\n", file_line, ten_line);
    RUN(r, NULL, "/bin/ls", "-ln", "/t/a", "/t/file", "/t/ten");
    CHECK_RUN(r, 0, want, "");
    CHECK(strncmp(file_line, "-rw-r--r-- 1 0 0  5 ", 20) == 0 && strncmp(ten_line, "-rw-r--r-- 1 0 0 10 ", 20) == 0);
    RUN(r, NULL, "/bin/ls", "-n", "/t");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
    if (strncmp(r.out, "total ", 6) != 0 || !strstr(r.out, a_line))
        FAIL("ls -l /t printed \"%s\", without \"%s\"", r.out, a_line);
    CHECK(strncmp(a_line, "drwxrwxrwx 2 0 0  0 ", 20) == 0); /* mkdir's 0777: there is no umask */
    /* Without -n: the names of /etc/passwd and /etc/group; an id without one as its number, the
     * columns as wide as the widest. */
    RUN(r, NULL, "/bin/ls", "-l", "/t/file");
    CHECK(strncmp(r.out, "-rw-r--r-- 1 root root 5 ", 25) == 0);
    fflush(stdout);
    pid_t pid = fork(); /* a file of uid 42 (no name) and gid 1000 (user's) */
    if (pid == 0) {
        if (setgid(1000) || setuid(42))
            _exit(1);
        int fd = open("/tmp/other", O_WRONLY | O_CREAT | O_EXCL, 0644);
        _exit(fd >= 0 && close(fd) == 0 ? 0 : 2);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    RUN(r, NULL, "/bin/ls", "-l", "/t/file", "/tmp/other");
    const char *other = strchr(r.out, '\n');
    CHECK(strncmp(r.out, "-rw-r--r-- 1 root root 5 ", 25) == 0);
    if (!other || strncmp(other + 1, "-rw-r--r-- 1 42   user 0 ", 25) != 0)
        FAIL("ls -l printed \"%s\"", r.out);
    CHECK_EQ(unlink("/tmp/other"), 0);
    PASS("ls -l: mode, links, owner, group, size, time, name; total; files given before directories; -n");

    /* The letters for setuid, setgid and sticky, with and without the x under them. */
    int fd = open("/t/s1", O_WRONLY | O_CREAT, 07644);
    CHECK(fd >= 0 && close(fd) == 0);
    fd = open("/t/s2", O_WRONLY | O_CREAT, 06755);
    CHECK(fd >= 0 && close(fd) == 0);
    CHECK_EQ(mkdir("/t/tmp", 01777), 0);
    /* An old time and a future one show the year; a recent one the hour. */
    struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "/t/s1", old, 0), 0);
    struct timespec future[2] = {{0, UTIME_OMIT}, {time(NULL) + 86400 * 2, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "/t/s2", future, 0), 0);
    RUN(r, NULL, "/bin/ls", "-l", "/t/s1", "/t/s2", "/t/tmp");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
    char year[8];
    strftime(year, sizeof(year), "%Y", gmtime(&future[1].tv_sec));
    const char *want_start = "-rwSr-Sr-T 1 root root 0 Sep  9  2001 /t/s1\n-rwsr-sr-x 1 root root 0 ";
    CHECK(strncmp(r.out, want_start, strlen(want_start)) == 0);
    CHECK(strstr(r.out, year) && strstr(r.out, " /t/s2\n\n/t/tmp:\ntotal 0\n"));
    RUN(r, NULL, "/bin/ls", "-la", "/t");
    CHECK(strstr(r.out, "\ndrwxrwxrwt 2 root root ") && strstr(r.out, " tmp\n"));
    RUN(r, NULL, "/bin/ls", "-l", "/dev/console");
    CHECK(strncmp(r.out, "crw--w---- 1 root root 5, 1 ", 28) == 0);
    CHECK(strstr(r.out, " /dev/console\n"));
    CHECK_EQ(unlink("/t/s1"), 0);
    CHECK_EQ(unlink("/t/s2"), 0);
    CHECK_EQ(rmdir("/t/tmp"), 0);
    PASS("ls -l: s/S and t/T letters, the year for an old or future time, a device's major, minor");
    RUN(r, NULL, "/bin/ls", "/nope", "/t/ten");
    CHECK_RUN(r, 1, "/t/ten\n", "ls: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/ls", "-z");
    CHECK_RUN(r, 2, "", "ls: -z: unknown option\nusage: ls [-l] [-n] [-a] [path...]\n");
    PASS("ls: a missing path is named (status 1), a bad option (status 2)");
}

static void test_cp(void) {
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/copy");
    CHECK_RUN(r, 0, "", "");
    CHECK(!strcmp(contents("/t/copy"), "0123456789"));
    make_file("/t/copy", "longer than ten bytes\n");
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/copy");
    CHECK_RUN(r, 0, "", "");
    CHECK(!strcmp(contents("/t/copy"), "0123456789"));
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/file", "/t/b");
    CHECK_RUN(r, 0, "", "");
    CHECK(!strcmp(contents("/t/b/ten"), "0123456789") && !strcmp(contents("/t/b/file"), "data\n"));
    RUN(r, NULL, "/bin/cp", "/data/lines", "/t/b/");
    CHECK_RUN(r, 0, "", "");
    CHECK(!strncmp(contents("/t/b/lines"), "one apple\n", 10));
    PASS("cp: to a new file, over an old one (emptied first), into a directory under each name");
    /* A new file gets the source's permission bits (POSIX): a copied program still runs. */
    struct stat st;
    RUN(r, NULL, "/bin/cp", "/bin/true", "/t/true");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/t/true", &st), 0);
    CHECK_EQ(st.st_mode & 0777, 0755);
    RUN(r, NULL, "/t/true");
    CHECK_RUN(r, 0, "", "");
    int fd = open("/t/secret", O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    RUN(r, NULL, "/bin/cp", "/t/secret", "/t/b/secret");
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(stat("/t/b/secret", &st), 0);
    CHECK_EQ(st.st_mode & 0777, 0600);
    PASS("cp: a new file has the source's permission bits (a copied program runs)");
    RUN(r, NULL, "/bin/cp", "/nope", "/t/n");
    CHECK_RUN(r, 1, "", "cp: /nope: No such file or directory\n");
    CHECK(!exists("/t/n"));
    RUN(r, NULL, "/bin/cp", "/t/a", "/t/n");
    CHECK_RUN(r, 1, "", "cp: /t/a: Is a directory (cp copies files)\n");
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/ten");
    CHECK_RUN(r, 1, "", "cp: /t/ten and /t/ten are the same file\n");
    CHECK(!strcmp(contents("/t/ten"), "0123456789"));
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/nodir/x");
    CHECK_RUN(r, 1, "", "cp: /t/nodir/x: No such file or directory\n");
    RUN(r, NULL, "/bin/cp", "/t/ten", "/t/file", "/t/copy");
    CHECK_RUN(r, 1, "", "cp: /t/copy: Not a directory\n");
    RUN(r, NULL, "/bin/cp", "/t/ten");
    CHECK_RUN(r, 2, "", "usage: cp source target | cp source... dir\n");
    PASS("cp: a missing source, a directory, a file onto itself (left whole), no target directory, usage");
}

static void test_mv(void) {
    RUN(r, NULL, "/bin/mv", "/t/copy", "/t/moved");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/copy") && !strcmp(contents("/t/moved"), "0123456789"));
    make_file("/t/other", "other\n");
    RUN(r, NULL, "/bin/mv", "/t/other", "/t/moved");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/other") && !strcmp(contents("/t/moved"), "other\n"));
    RUN(r, NULL, "/bin/mv", "/t/moved", "/t/x", "/t/a");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/moved") && !strcmp(contents("/t/a/moved"), "other\n") && is_dir("/t/a/x/y/z"));
    PASS("mv: renames, replaces a file, moves files and directories into a directory");
    RUN(r, NULL, "/bin/mv", "/t/nope", "/t/n");
    CHECK_RUN(r, 1, "", "mv: /t/nope -> /t/n: No such file or directory\n");
    RUN(r, NULL, "/bin/mv", "/t/ten", "/t/file", "/t/notadir");
    CHECK_RUN(r, 1, "", "mv: /t/notadir: Not a directory\n");
    RUN(r, NULL, "/bin/mv", "/t/a", "/t/a/x");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1 && is_dir("/t/a"));
    RUN(r, NULL, "/bin/mv", "/t/ten");
    CHECK_RUN(r, 2, "", "usage: mv source target | mv source... dir\n");
    PASS("mv: a missing source, several into a non-directory, a directory into itself, usage");
}

static void test_rm_rmdir(void) {
    RUN(r, NULL, "/bin/rm", "/t/ten", "/t/file");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/ten") && !exists("/t/file"));
    RUN(r, NULL, "/bin/rm", "/t/ten");
    CHECK_RUN(r, 1, "", "rm: /t/ten: No such file or directory\n");
    RUN(r, NULL, "/bin/rm", "-f", "/t/ten", "/t/.hidden");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/.hidden"));
    RUN(r, NULL, "/bin/rm", "/t/b");
    CHECK_RUN(r, 1, "", "rm: /t/b: Is a directory (use rm -r)\n");
    PASS("rm: files; a missing one (status 1, silent with -f); a directory needs -r");
    RUN(r, NULL, "/bin/rmdir", "/t/a");
    CHECK_RUN(r, 1, "", "rmdir: /t/a: Directory not empty\n");
    RUN(r, NULL, "/bin/rmdir", "/t/a/x/y/z", "/t/a/x/y");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t/a/x/y") && is_dir("/t/a/x"));
    RUN(r, NULL, "/bin/rmdir", "/t/nope");
    CHECK_RUN(r, 1, "", "rmdir: /t/nope: No such file or directory\n");
    RUN(r, NULL, "/bin/rmdir", "/t/b/ten");
    CHECK_RUN(r, 1, "", "rmdir: /t/b/ten: Not a directory\n");
    RUN(r, NULL, "/bin/rmdir");
    CHECK_RUN(r, 2, "", "usage: rmdir dir...\n");
    PASS("rmdir: empty directories in order; not empty, missing, a file (status 1), usage");
    RUN(r, NULL, "/bin/rm", "-r", "/t");
    CHECK_RUN(r, 0, "", "");
    CHECK(!exists("/t"));
    RUN(r, NULL, "/bin/rm");
    CHECK_RUN(r, 2, "", "usage: rm [-r] [-f] path...\n");
    RUN(r, NULL, "/bin/rm", "-f");
    CHECK_RUN(r, 0, "", "");
    PASS("rm -r: a tree, files and directories; usage (rm -f alone is content)");
}

/* find over a tree made here (ramfs lists a directory's entries in the order they were made),
 * each answer checked against GNU find's on the same tree. */
static void test_find(void) {
    CHECK_EQ(mkdir("/f", 0755), 0);
    CHECK_EQ(mkdir("/f/a", 0755), 0);
    make_file("/f/a/x.c", "x");
    int fd = open("/f/a/y.h", O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0 && close(fd) == 0);
    CHECK_EQ(mkdir("/f/b", 0755), 0);
    char big[1001];
    memset(big, 'z', 1000);
    big[1000] = '\0';
    make_file("/f/b/z.c", big);
    make_file("/f/top.c", "top");
    struct timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
    CHECK_EQ(utimensat(AT_FDCWD, "/f/a/x.c", old, 0), 0);
    CHECK_EQ(utimensat(AT_FDCWD, "/f/b/z.c", old, 0), 0);

    RUN(r, NULL, "/bin/find", "/f");
    CHECK_RUN(r, 0, "/f\n/f/a\n/f/a/x.c\n/f/a/y.h\n/f/b\n/f/b/z.c\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-name", "*.c");
    CHECK_RUN(r, 0, "/f/a/x.c\n/f/b/z.c\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-type", "d");
    CHECK_RUN(r, 0, "/f\n/f/a\n/f/b\n", "");
    RUN(r, NULL, "/bin/find", "/f", "!", "-name", "*.c", "-type", "f");
    CHECK_RUN(r, 0, "/f/a/y.h\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-name", "a", "-prune", "-o", "-type", "f", "-print");
    CHECK_RUN(r, 0, "/f/b/z.c\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-depth", "-type", "d");
    CHECK_RUN(r, 0, "/f/a\n/f/b\n/f\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-maxdepth", "1", "-mindepth", "1");
    CHECK_RUN(r, 0, "/f/a\n/f/b\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-path", "*/b/*", "-o", "(", "-name", "y.h", "-a", "-perm", "600", ")");
    CHECK_RUN(r, 0, "/f/a/y.h\n/f/b/z.c\n", "");
    PASS("find: the walk's order, -name, -type, !, -prune -o, -depth, -maxdepth/-mindepth, -path, ( ), -perm");
    RUN(r, NULL, "/bin/find", "/f", "-size", "+1");
    CHECK_RUN(r, 0, "/f/b/z.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-size", "1000c");
    CHECK_RUN(r, 0, "/f/b/z.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-type", "f", "-newer", "/f/a/x.c");
    CHECK_RUN(r, 0, "/f/a/y.h\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-mtime", "+1000");
    CHECK_RUN(r, 0, "/f/a/x.c\n/f/b/z.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-type", "f", "-user", "root", "-group", "0", "-links", "1");
    CHECK_RUN(r, 0, "/f/a/x.c\n/f/a/y.h\n/f/b/z.c\n/f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f/a", "-exec", "echo", "got", "{}", ";");
    CHECK_RUN(r, 0, "got /f/a\ngot /f/a/x.c\ngot /f/a/y.h\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-name", "*.c", "-exec", "echo", "{}", "+");
    CHECK_RUN(r, 0, "/f/a/x.c /f/b/z.c /f/top.c\n", "");
    RUN(r, NULL, "/bin/find", "/f", "-type", "f", "-exec", "grep", "-q", "top", "{}", ";", "-print");
    CHECK_RUN(r, 0, "/f/top.c\n", "");
    PASS("find: -size (blocks, c), -newer, -mtime, -user, -group, -links, -exec ... ; (a test), -exec ... {} +");
    RUN(r, NULL, "/bin/find", "/nope", "/f/top.c");
    CHECK_RUN(r, 1, "/f/top.c\n", "find: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/find", "/f", "-bogus");
    CHECK_RUN(r, 1, "", "find: -bogus: unknown primary or operator\n");
    RUN(r, NULL, "/bin/find", "/f", "-exec", "echo");
    CHECK_RUN(r, 1, "", "find: -exec: no ; or {} + at its end\n");
    RUN(r, NULL, "/bin/find", "/f", "(", "-type", "f");
    CHECK_RUN(r, 1, "", "find: a ( without its )\n");
    CHECK_EQ(chdir("/f/b"), 0);
    RUN(r, NULL, "/bin/find");
    CHECK_RUN(r, 0, ".\n./z.c\n", "");
    CHECK_EQ(chdir("/"), 0);
    PASS("find: a missing path (1, the others walked), bad expressions (1); no path: the working directory");
    RUN(r, NULL, "/bin/rm", "-r", "/f");
    CHECK_RUN(r, 0, "", "");
}

static mode_t mode_of(const char *path) {
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* chmod's octal and symbolic modes (each answer as coreutils' chmod gives it), and chown's names
 * and numbers, as root and as a user who may not give a file away. */
static void test_chmod_chown(void) {
    CHECK_EQ(mkdir("/c", 0755), 0);
    make_file("/c/m", "m");
    CHECK_EQ(mkdir("/c/md", 0600), 0);
    static const struct {
        const char *spec;
        mode_t want;
    } steps[] = {{"600", 0600}, {"u+x,go+r", 0744}, {"a-w", 0544},      {"g=u", 0554},
                 {"o=", 0550},  {"4755", 04755},    {"u-s,g+s", 02755}, {"=r", 0444},
                 {"a+X", 0444}, {"u+rw,o+o", 0644}, {"go-r+w", 0622}};
    for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        RUN(r, NULL, "/bin/chmod", (char *)steps[i].spec, "/c/m");
        CHECK_RUN(r, 0, "", "");
        if (mode_of("/c/m") != steps[i].want)
            FAIL("chmod %s: mode 0%o, want 0%o", steps[i].spec, (unsigned)mode_of("/c/m"), (unsigned)steps[i].want);
    }
    RUN(r, NULL, "/bin/chmod", "a+X", "/c/md");
    CHECK_EQ(mode_of("/c/md"), 0711);
    RUN(r, NULL, "/bin/sh", "-c", "umask 022; chmod a-w /c/m; chmod +w /c/m"); /* no who: the umask's bits kept */
    CHECK_RUN(r, 0, "", "");
    CHECK_EQ(mode_of("/c/m"), 0600);
    PASS(
        "chmod: octal; u g o a with + - =, r w x X s t and u g o; several clauses; without who, the umask's bits kept");
    RUN(r, NULL, "/bin/chmod", "644", "/nope", "/c/m");
    CHECK_RUN(r, 1, "", "chmod: /nope: No such file or directory\n");
    CHECK_EQ(mode_of("/c/m"), 0644);
    RUN(r, NULL, "/bin/chmod", "9z", "/c/m");
    CHECK_RUN(r, 2, "", "chmod: 9z: not a mode\nusage: chmod mode file...\n");
    RUN(r, NULL, "/bin/chmod", "u+q", "/c/m");
    CHECK_RUN(r, 2, "", "chmod: u+q: not a mode\nusage: chmod mode file...\n");
    PASS("chmod: a missing file (1, the others changed), a bad mode (2)");

    struct stat st;
    RUN(r, NULL, "/bin/chown", "user", "/c/m");
    CHECK_RUN(r, 0, "", "");
    CHECK(stat("/c/m", &st) == 0 && st.st_uid == 1000 && st.st_gid == 0);
    RUN(r, NULL, "/bin/chown", ":user", "/c/m");
    CHECK(stat("/c/m", &st) == 0 && st.st_uid == 1000 && st.st_gid == 1000);
    RUN(r, NULL, "/bin/chown", "42:7", "/c/m");
    CHECK(stat("/c/m", &st) == 0 && st.st_uid == 42 && st.st_gid == 7);
    RUN(r, NULL, "/bin/chown", "nobody", "/c/m");
    CHECK_RUN(r, 2, "", "chown: nobody: no such user\n");
    RUN(r, NULL, "/bin/chown", "root:wheel", "/c/m");
    CHECK_RUN(r, 2, "", "chown: wheel: no such group\n");
    RUN(r, NULL, "/bin/chown", "user:user", "/c/m");
    fflush(stdout);
    pid_t pid = fork(); /* its owner may not give it away, but may set its own group */
    if (pid == 0) {
        if (setgid(1000) || setuid(1000))
            _exit(1);
        RUN(r, NULL, "/bin/chown", "root", "/c/m");
        if (WEXITSTATUS(r.status) != 1 || strcmp(r.err, "chown: /c/m: Operation not permitted\n") != 0)
            _exit(2);
        RUN(r, NULL, "/bin/chown", ":user", "/c/m");
        _exit(WEXITSTATUS(r.status) == 0 ? 0 : 3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    RUN(r, NULL, "/bin/chown", "root:root", "/c/m");
    CHECK(stat("/c/m", &st) == 0 && st.st_uid == 0 && st.st_gid == 0);
    CHECK_EQ(unlink("/c/m"), 0);
    CHECK_EQ(rmdir("/c/md"), 0);
    CHECK_EQ(rmdir("/c"), 0);
    PASS("chown: a user, :group, numbers, unknown names (2); as the owner: not away (1), its own group");
}

int main(void) {
    test_mkdir();
    test_ls();
    test_cp();
    test_mv();
    test_rm_rmdir();
    test_find();
    test_chmod_chown();
    return done_testing();
}
