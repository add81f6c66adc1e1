/*
 * Path resolution in the tree of file systems, through open, stat, chdir, getcwd, execve and mkdir:
 * absolute and relative paths, ".", ".." at and below the root, repeated and trailing slashes, the
 * empty path, the PATH_MAX and NAME_MAX limits to the byte, and the errors ENOTDIR and ENOENT.
 * The expected results are Linux's (POSIX: a trailing slash names a directory; PATH_MAX bounds
 * the path given, whatever the working directory).
 *
 * The root file system holds /bin/{cat,echo,hello,init,sh,path_test} and /d1/d2/data.
 */
#include <fcntl.h>
#include <limits.h> /* PATH_MAX: bytes of a path with its NUL; NAME_MAX: of one component */
#include <sys/stat.h>

#include "check.h"

#define DATA "/d1/d2/data"
#define DATA_SIZE 63 /* user/tests/ramfs_data.txt */

static unsigned ino_of(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0)
        FAIL("stat(\"%s\"): errno %d (%s)", path, errno, strerror(errno));
    return st.st_ino;
}

/* `path` names the same node as `ref` (checked through stat and, for files, open + fstat). */
static void same_node(const char *path, const char *ref) {
    struct stat st;
    unsigned want = ino_of(ref);
    if (ino_of(path) != want)
        FAIL("\"%s\" is inode %u, \"%s\" is %u", path, ino_of(path), ref, want);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        FAIL("open(\"%s\"): errno %d", path, errno);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_ino, want);
    CHECK_EQ(close(fd), 0);
}

/* Every call that takes a path fails on `path` with `err`. */
static void fails_everywhere(const char *path, int err) {
    struct stat st;
    char before[PATH_MAX], after[PATH_MAX];

    CHECK(getcwd(before, sizeof(before)) != NULL);
    errno = 0;
    if (stat(path, &st) != -1 || errno != err)
        FAIL("stat(\"%.40s...\"): want errno %d, got %d", path, err, errno);
    errno = 0;
    if (open(path, O_RDONLY) != -1 || errno != err)
        FAIL("open(\"%.40s...\"): want errno %d, got %d", path, err, errno);
    errno = 0;
    if (chdir(path) != -1 || errno != err)
        FAIL("chdir(\"%.40s...\"): want errno %d, got %d", path, err, errno);
    CHECK(getcwd(after, sizeof(after)) != NULL);
    CHECK_EQ(strcmp(before, after), 0); /* a failed chdir goes nowhere */
}

/* execve(path) must fail with `err`; in a child, so that a wrong success cannot pass (the
 * program it ran would not exit 42). */
static void exec_fails(const char *path, int err) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"x", NULL};
        execve(path, args, NULL);
        _exit(errno == err ? 42 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 42)
        FAIL("execve(\"%s\"): want errno %d (wait status 0x%x)", path, err, status);
}

static void cwd_is(const char *want) {
    char buf[PATH_MAX];
    CHECK(getcwd(buf, sizeof(buf)) == buf);
    if (strcmp(buf, want) != 0)
        FAIL("getcwd: \"%s\", want \"%s\"", buf, want);
}

static void absolute(void) {
    struct stat st;
    CHECK_EQ(stat(DATA, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_size, DATA_SIZE);
    CHECK_EQ(stat("/", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(stat("/d1/d2", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK(ino_of("/d1") != ino_of("/d1/d2"));
    CHECK(ino_of("/d1/d2") != ino_of(DATA));
    CHECK(ino_of("/") != ino_of("/d1"));
    same_node(DATA, DATA);
    PASS("absolute paths name files and directories, each its own inode");
}

static void relative(void) {
    CHECK_EQ(chdir("/d1"), 0);
    cwd_is("/d1");
    same_node("d2/data", DATA);
    same_node("d2", "/d1/d2");
    CHECK_EQ(chdir("d2"), 0); /* relative chdir */
    cwd_is("/d1/d2");
    same_node("data", DATA);
    CHECK_ERR(open("d1/d2/data", O_RDONLY), ENOENT); /* relative, not from the root */
    exec_fails("echo", ENOENT);                      /* execve resolves from the cwd too */
    CHECK_EQ(chdir("/bin"), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {"path_test", "exit42", NULL};
        execve("path_test", args, NULL); /* ourselves, found in the cwd */
        _exit(1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
    CHECK_EQ(chdir("/"), 0);
    PASS("relative paths start at the working directory (open, stat, chdir, execve)");
}

static void dot(void) {
    CHECK_EQ(chdir("/d1/d2"), 0);
    same_node(".", "/d1/d2");
    same_node("./data", DATA);
    same_node("././data", DATA);
    same_node("/d1/./d2/./data", DATA);
    same_node("/./d1/d2/.", "/d1/d2");
    CHECK_EQ(chdir("."), 0);
    cwd_is("/d1/d2");
    CHECK_EQ(chdir("/"), 0);
    same_node(".", "/");
    PASS("\".\" is the directory itself");
}

static void dot_dot(void) {
    same_node("/d1/d2/..", "/d1");
    same_node("/d1/d2/../..", "/");
    same_node("/d1/d2/../d2/data", DATA);
    same_node("/d1/../d1/d2/../../d1/d2/data", DATA);
    /* At the root, ".." is the root. */
    same_node("/..", "/");
    same_node("/../..", "/");
    same_node("/../d1/../../d1/d2/data", DATA);
    CHECK_EQ(chdir("/d1/d2"), 0);
    same_node("..", "/d1");
    same_node("../..", "/");
    same_node("../../..", "/");
    same_node("../../../../d1/d2/data", DATA);
    CHECK_EQ(chdir(".."), 0);
    cwd_is("/d1");
    CHECK_EQ(chdir("../../.."), 0);
    cwd_is("/");
    CHECK_EQ(chdir(".."), 0);
    cwd_is("/");
    CHECK_EQ(chdir("/d1/d2/../../d1/./d2/.."), 0); /* getcwd gives the path normalized */
    cwd_is("/d1");
    CHECK_EQ(chdir("/"), 0);
    PASS("\"..\" is the parent, and the root's is the root");
}

static void slashes(void) {
    same_node("//d1///d2////data", DATA);
    same_node("///", "/");
    same_node("//", "/");
    /* A trailing slash names a directory: fine after one... */
    same_node("/d1/", "/d1");
    same_node("/d1//", "/d1");
    same_node("/d1/d2/./", "/d1/d2");
    same_node("/d1/d2/../", "/d1");
    CHECK_EQ(chdir("//d1//d2//"), 0);
    cwd_is("/d1/d2");
    same_node("../", "/d1");
    CHECK_EQ(chdir("/"), 0);
    PASS("repeated slashes are one, and a trailing slash after a directory changes nothing");
}

static void trailing_slash_after_a_file(void) {
    /* ...and ENOTDIR after a file (POSIX; Linux), as "file/." and "file/.." are. */
    fails_everywhere(DATA "/", ENOTDIR);
    fails_everywhere(DATA "//", ENOTDIR);
    fails_everywhere(DATA "/.", ENOTDIR);
    fails_everywhere(DATA "/..", ENOTDIR);
    fails_everywhere("/bin/echo/", ENOTDIR);
    exec_fails("/bin/echo/", ENOTDIR);
    CHECK_EQ(chdir("/d1/d2"), 0);
    fails_everywhere("data/", ENOTDIR);
    CHECK_EQ(chdir("/"), 0);
    PASS("a trailing slash after a file is ENOTDIR (open, stat, chdir, execve)");
}

static void empty(void) {
    CHECK_EQ(chdir("/d1"), 0);
    fails_everywhere("", ENOENT);
    exec_fails("", ENOENT);
    CHECK_ERR(mkdir("", 0755), ENOENT);
    cwd_is("/d1");
    CHECK_EQ(chdir("/"), 0);
    PASS("the empty path is ENOENT, not the working directory");
}

/* path = `prefix`, then slashes, then `suffix`, `len` bytes in all (without the NUL). */
static void padded(char *path, const char *prefix, const char *suffix, size_t len) {
    size_t p = strlen(prefix), s = strlen(suffix);
    memcpy(path, prefix, p);
    memset(path + p, '/', len - p - s);
    memcpy(path + len - s, suffix, s + 1);
}

/* path = "./" repeated, then `suffix`, `len` bytes in all (len - strlen(suffix) must be even). */
static void dotted(char *path, const char *suffix, size_t len) {
    size_t s = strlen(suffix);
    CHECK_EQ((len - s) % 2, 0);
    for (size_t i = 0; i < len - s; i += 2)
        memcpy(path + i, "./", 2);
    memcpy(path + len - s, suffix, s + 1);
}

static void path_max(void) {
    static char path[2 * PATH_MAX];
    /* PATH_MAX counts the NUL: PATH_MAX - 1 bytes resolve, PATH_MAX bytes are too long. */
    padded(path, "", DATA, PATH_MAX - 1);
    same_node(path, DATA);
    padded(path, "", DATA, PATH_MAX);
    fails_everywhere(path, ENAMETOOLONG);
    exec_fails(path, ENAMETOOLONG);
    padded(path, "", DATA, PATH_MAX + 100);
    fails_everywhere(path, ENAMETOOLONG);
    /* A relative path is measured alone, not with the working directory in front. */
    CHECK_EQ(chdir("/d1/d2"), 0);
    dotted(path, "data", PATH_MAX - 2);
    same_node(path, DATA);
    dotted(path, ".//data", PATH_MAX - 1);
    same_node(path, DATA);
    dotted(path, "data", PATH_MAX);
    fails_everywhere(path, ENAMETOOLONG);
    CHECK_EQ(chdir("/"), 0);
    PASS("PATH_MAX: 255 bytes resolve, absolute or relative to any directory; 256 are ENAMETOOLONG");
}

static void name_max(void) {
    char path[PATH_MAX];
    /* A component of NAME_MAX bytes is a name that is not there; one byte more is too long. */
    strcpy(path, "/d1/");
    memset(path + 4, 'n', NAME_MAX);
    path[4 + NAME_MAX] = '\0';
    fails_everywhere(path, ENOENT);
    path[4 + NAME_MAX] = 'n';
    path[5 + NAME_MAX] = '\0';
    fails_everywhere(path, ENAMETOOLONG);
    PASS("NAME_MAX: a 59-byte component is looked up, a 60-byte one is ENAMETOOLONG");
}

static void enotdir(void) {
    fails_everywhere(DATA "/x", ENOTDIR);
    fails_everywhere("/bin/echo/x", ENOTDIR);
    fails_everywhere("/bin/echo/../echo", ENOTDIR);
    CHECK_ERR(chdir(DATA), ENOTDIR); /* a file is no directory to change to */
    CHECK_ERR(open(DATA, O_RDONLY | O_DIRECTORY), ENOTDIR);
    exec_fails("/bin/echo/x", ENOTDIR);
    PASS("a file in the middle of a path is ENOTDIR");
}

static void enoent(void) {
    fails_everywhere("/nope", ENOENT);
    fails_everywhere("/d1/nope", ENOENT);
    fails_everywhere("/nope/d2/data", ENOENT);
    fails_everywhere("/d1/nope/..", ENOENT); /* ".." does not undo a missing name */
    fails_everywhere("nope", ENOENT);
    /* Names are matched whole, not by prefix. */
    fails_everywhere("/d", ENOENT);
    fails_everywhere("/d1/d", ENOENT);
    fails_everywhere("/d1/d2x", ENOENT);
    fails_everywhere("/d1/d2/dat", ENOENT);
    fails_everywhere("/d1/d2/datax", ENOENT);
    fails_everywhere("/D1", ENOENT);
    exec_fails("/nope", ENOENT);
    PASS("a missing name anywhere is ENOENT; names match whole and case-sensitively");
}

/* A name that cannot be made says why: EEXIST, then what is wrong with the way to it, and only
 * then that the file system is read-only (devfs; Linux's order). */
static void create_errors(void) {
    CHECK_ERR(mkdir("/d1", 0755), EEXIST);
    CHECK_ERR(mkdir("/d1/d2/data", 0755), EEXIST);
    CHECK_ERR(mkdir("/nope/new", 0755), ENOENT);
    CHECK_ERR(mkdir(DATA "/new", 0755), ENOTDIR);
    CHECK_ERR(mkdir("/dev/console", 0755), EEXIST);
    CHECK_ERR(mkdir("/dev/nope/new", 0755), ENOENT);
    CHECK_ERR(mkdir("/dev/console/new", 0755), ENOTDIR);
    CHECK_ERR(mkdir("/dev/new", 0755), EROFS);
    CHECK_ERR(open("/nope/new", O_RDONLY | O_CREAT, 0644), ENOENT);
    CHECK_ERR(open(DATA "/new", O_RDONLY | O_CREAT, 0644), ENOTDIR);
    CHECK_ERR(open(DATA, O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK_ERR(open("/dev/console", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    CHECK_ERR(open("/dev/new", O_RDONLY | O_CREAT, 0644), EROFS);
    /* Where names may be made, they are, through the same paths. */
    CHECK_EQ(mkdir("/d1/new", 0755), 0);
    same_node("/d1/d2/../new/.", "/d1/new");
    CHECK_EQ(rmdir("/d1/./new/"), 0);
    PASS("mkdir and O_CREAT: EEXIST, ENOENT and ENOTDIR before EROFS");
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "exit42") == 0)
        return 42; /* run by relative() */
    absolute();
    relative();
    dot();
    dot_dot();
    slashes();
    trailing_slash_after_a_file();
    empty();
    path_max();
    name_max();
    enotdir();
    enoent();
    create_errors();
    return done_testing();
}
