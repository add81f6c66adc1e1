/*
 * fnmatch and glob, the shell's pattern matching: a table of patterns whose answers were taken
 * from Linux's C library (the same program, built with gcc -m32 and run under qemu-i386), then
 * glob over a tree the test makes (where ours differs from glibc's, on purpose, it says so):
 * sorting, hidden files, directories in the middle of a
 * pattern, quoting, GLOB_MARK, GLOB_NOCHECK, GLOB_APPEND, GLOB_DOOFFS, an unreadable directory.
 */
#include "check.h"
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>

static const struct {
    const char *pattern, *string;
    int flags, match; /* match: 1 if it matches */
} cases[] = {
    {"abc", "abc", 0, 1},
    {"abc", "abd", 0, 0},
    {"abc", "ab", 0, 0},
    {"ab", "abc", 0, 0},
    {"", "", 0, 1},
    {"", "a", 0, 0},
    {"*", "", 0, 1},
    {"*", "anything", 0, 1},
    {"a*", "a", 0, 1},
    {"a*c", "abbbc", 0, 1},
    {"a*c", "abbbd", 0, 0},
    {"*.c", "main.c", 0, 1},
    {"*.c", "main.h", 0, 0},
    {"a*b*c", "axxbyyc", 0, 1},
    {"a*b*c", "axxcyyb", 0, 0},
    {"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0},
    {"?", "x", 0, 1},
    {"?", "", 0, 0},
    {"??", "x", 0, 0},
    {"a?c", "abc", 0, 1},
    {"[abc]", "b", 0, 1},
    {"[abc]", "d", 0, 0},
    {"[a-c]x", "bx", 0, 1},
    {"[a-c]x", "dx", 0, 0},
    {"[!a-c]", "d", 0, 1},
    {"[!a-c]", "a", 0, 0},
    {"[^a-c]", "d", 0, 1},
    {"[]]", "]", 0, 1},
    {"[!]]", "]", 0, 0},
    {"[!]]", "a", 0, 1},
    {"[a-]", "-", 0, 1},
    {"[[:digit:]]x", "7x", 0, 1},
    {"[[:digit:]]x", "ax", 0, 0},
    {"[[:alpha:][:digit:]]", "Q", 0, 1},
    {"[[:space:]]", " ", 0, 1},
    {"[[:upper:]]", "q", 0, 0},
    {"[", "[", 0, 1},
    {"[ab", "[ab", 0, 1},
    {"a[", "a[", 0, 1},
    {"\\*", "*", 0, 1},
    {"\\*", "x", 0, 0},
    {"\\a", "a", 0, 1},
    {"\\*", "\\*", FNM_NOESCAPE, 1},
    {"\\*", "\\x", FNM_NOESCAPE, 1},
    {"[\\]]", "]", 0, 1},
    {"*", "a/b", 0, 1},
    {"*", "a/b", FNM_PATHNAME, 0},
    {"a/*", "a/b", FNM_PATHNAME, 1},
    {"a?b", "a/b", FNM_PATHNAME, 0},
    {"a[/]b", "a/b", FNM_PATHNAME, 0},
    {"a[/]b", "a/b", 0, 1},
    {"*/*", "a/b", FNM_PATHNAME, 1},
    {"*b", "a/b", FNM_PATHNAME, 0},
    {"*", ".hidden", FNM_PERIOD, 0},
    {"*", ".hidden", 0, 1},
    {"?hidden", ".hidden", FNM_PERIOD, 0},
    {"[.]hidden", ".hidden", FNM_PERIOD, 0},
    {".*", ".hidden", FNM_PERIOD, 1},
    {"*.c", ".c", FNM_PERIOD, 0},
    {"a*", "a.c", FNM_PERIOD, 1},
    {"a/*", "a/.b", FNM_PATHNAME | FNM_PERIOD, 0},
    {"a/*", "a/.b", FNM_PERIOD, 1},
    {"a/.*", "a/.b", FNM_PATHNAME | FNM_PERIOD, 1},
};

static void test_fnmatch(void) {
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = fnmatch(cases[i].pattern, cases[i].string, cases[i].flags);
        int want = cases[i].match ? 0 : FNM_NOMATCH;
        if (got != want)
            FAIL("fnmatch(\"%s\", \"%s\", %#x) = %d, want %d", cases[i].pattern, cases[i].string, cases[i].flags, got,
                 want);
    }
    PASS("fnmatch: * ? [sets] [!neg] [:classes:], a lone [, backslash, FNM_NOESCAPE, FNM_PATHNAME, FNM_PERIOD");
}

static void touch(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
}

/* The paths of g, joined with spaces. */
static const char *joined(const glob_t *g) {
    static char buf[512];
    buf[0] = '\0';
    for (size_t i = 0; i < g->gl_pathc; i++) {
        if (i)
            strcat(buf, " ");
        strcat(buf, g->gl_pathv[g->gl_offs + i]);
    }
    return buf;
}

#define CHECK_GLOB(pattern, flags, want)                                                                               \
    do {                                                                                                               \
        glob_t g_;                                                                                                     \
        CHECK_EQ(glob((pattern), (flags), NULL, &g_), 0);                                                              \
        if (strcmp(joined(&g_), (want)) != 0)                                                                          \
            FAIL("glob(\"%s\"): \"%s\", want \"%s\"", (pattern), joined(&g_), (want));                                 \
        CHECK(g_.gl_pathv[g_.gl_offs + g_.gl_pathc] == NULL);                                                          \
        globfree(&g_);                                                                                                 \
    } while (0)

static const char *tree[] = {"/tmp/g/b.c",     "/tmp/g/a.c",       "/tmp/g/c.h",   "/tmp/g/.hidden.c", "/tmp/g/sub/x.c",
                             "/tmp/g/sub/y.h", "/tmp/g/dir.d/z.c", "/tmp/g/star*", "/tmp/g/q?"};

static void make_tree(void) {
    CHECK(mkdir("/tmp", 0755) == 0 || errno == EEXIST);
    CHECK_EQ(mkdir("/tmp/g", 0755), 0);
    CHECK_EQ(mkdir("/tmp/g/sub", 0755), 0);
    CHECK_EQ(mkdir("/tmp/g/dir.d", 0755), 0);
    for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++)
        touch(tree[i]);
}

static void remove_tree(void) {
    for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++)
        CHECK_EQ(unlink(tree[i]), 0);
    CHECK_EQ(rmdir("/tmp/g/sub"), 0);
    CHECK_EQ(rmdir("/tmp/g/dir.d"), 0);
    CHECK_EQ(rmdir("/tmp/g"), 0);
}

static void test_glob(void) {
    CHECK_GLOB("/tmp/g/*.c", 0, "/tmp/g/a.c /tmp/g/b.c");
    CHECK_GLOB("/tmp/g/.*.c", 0, "/tmp/g/.hidden.c");
    CHECK_GLOB("/tmp/g/.*", 0, "/tmp/g/.hidden.c"); /* never . or .. (glibc differs here) */
    CHECK_GLOB("/tmp/g/sub/..", 0, "/tmp/g/sub/..");
    CHECK_GLOB("/tmp/g/?.[ch]", 0, "/tmp/g/a.c /tmp/g/b.c /tmp/g/c.h");
    CHECK_GLOB("/tmp/g/*/*.c", 0, "/tmp/g/dir.d/z.c /tmp/g/sub/x.c");
    CHECK_GLOB("/tmp/g/s*/*", 0, "/tmp/g/sub/x.c /tmp/g/sub/y.h");
    CHECK_GLOB("/tmp//g/a.*", 0, "/tmp//g/a.c");
    CHECK_GLOB("/tmp/g/*/", 0, "/tmp/g/dir.d/ /tmp/g/sub/");
    CHECK_GLOB("/tmp/g/*", GLOB_MARK,
               "/tmp/g/a.c /tmp/g/b.c /tmp/g/c.h /tmp/g/dir.d/ /tmp/g/q? /tmp/g/star* /tmp/g/sub/");
    PASS("glob: sorted, hidden files only by an explicit period, patterns in the middle of a path, GLOB_MARK");

    CHECK_GLOB("/tmp/g/star\\*", 0, "/tmp/g/star*");
    CHECK_GLOB("/tmp/g/q\\?", 0, "/tmp/g/q?");
    CHECK_GLOB("/tmp/g/q?", 0, "/tmp/g/q?");
    glob_t g;
    CHECK_EQ(glob("/tmp/g/*.none", 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
    CHECK_EQ(glob("/tmp/g/sta\\r\\*", GLOB_NOESCAPE, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
    CHECK_EQ(glob("/tmp/nosuch/*", 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
    CHECK_EQ(glob("/tmp/nosuch/*", GLOB_ERR, NULL, &g), GLOB_ABORTED);
    globfree(&g);
    CHECK_GLOB("/tmp/g/*.none", GLOB_NOCHECK, "/tmp/g/*.none");
    CHECK_GLOB("/tmp/g/a.c", 0, "/tmp/g/a.c");
    CHECK_EQ(glob("/tmp/g/nosuch.c", 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
    PASS("glob: a quoted * or ? is itself, no match (GLOB_NOMATCH, or the pattern with GLOB_NOCHECK), GLOB_ERR");

    g.gl_offs = 2;
    CHECK_EQ(glob("/tmp/g/*.h", GLOB_DOOFFS, NULL, &g), 0);
    CHECK(g.gl_pathv[0] == NULL && g.gl_pathv[1] == NULL);
    CHECK_EQ(glob("/tmp/g/*.c", GLOB_DOOFFS | GLOB_APPEND, NULL, &g), 0);
    CHECK_EQ(g.gl_pathc, 3);
    CHECK_EQ(strcmp(joined(&g), "/tmp/g/c.h /tmp/g/a.c /tmp/g/b.c"), 0);
    CHECK(g.gl_pathv[5] == NULL);
    globfree(&g);
    PASS("glob: GLOB_DOOFFS reserves slots, GLOB_APPEND adds (each call's paths sorted on their own)");

    CHECK_EQ(chdir("/tmp/g"), 0);
    CHECK_GLOB("*.c", 0, "a.c b.c");
    CHECK_GLOB("sub/*", 0, "sub/x.c sub/y.h");
    CHECK_EQ(chdir("/"), 0);
    PASS("glob: a relative pattern reads the working directory");
}

int main(void) {
    test_fnmatch();
    make_tree();
    test_glob();
    remove_tree();
    return done_testing();
}
