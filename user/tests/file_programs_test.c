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

/* The contents of file `path` (at most 255 bytes), or "(none)" if it cannot be opened. */
static const char *contents(const char *path) {
    static char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return "(none)";
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    CHECK(n >= 0);
    buf[n] = '\0';
    close(fd);
    return buf;
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
    struct stat a;
    CHECK_EQ(stat("/t/a", &a), 0);
    char want[64];
    snprintf(want, sizeof(want), "d %8ld a\n", (long)a.st_size);
    RUN(r, NULL, "/bin/ls", "-l", "/t/a", "/t/file", "/t/ten");
    CHECK_RUN(r, 0, "-        5 /t/file\n-       10 /t/ten\n\n/t/a:\n", "");
    RUN(r, NULL, "/bin/ls", "-l", "/t");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0);
    CHECK(strncmp(r.out, want, strlen(want)) == 0);
    CHECK(strstr(r.out, "\n-        5 file\n-       10 ten\nd ") && strstr(r.out, " x\n"));
    PASS("ls -l: type, size and name; files given are listed before directories, each under its name");
    RUN(r, NULL, "/bin/ls", "/nope", "/t/ten");
    CHECK_RUN(r, 1, "/t/ten\n", "ls: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/ls", "-z");
    CHECK_RUN(r, 2, "", "ls: -z: unknown option\nusage: ls [-l] [-a] [path...]\n");
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

int main(void) {
    test_mkdir();
    test_ls();
    test_cp();
    test_mv();
    test_rm_rmdir();
    return done_testing();
}
