/*
 * The filters: tail, sort, uniq, tee, seq, yes. Each is run as a person runs it, and what it
 * printed on each stream and its status are checked: every option, standard input and files,
 * several files, and every error. The expected output is what Debian's coreutils print for the
 * same input (sort as `sort -s`: ours is stable). /data/lines holds 13 lines (lines.txt).
 */
#include <fcntl.h>

#include "check.h"
#include "run_program.h"

#define LINES "/data/lines"
#define LAST_TEN                                                                                                       \
    "four date\nfive elderberry\nsix fig\nseven grape\neight honeydew\nnine kiwi\nten lemon\neleven mango\n"           \
    "twelve\nthe end.\n"

static struct run_result r;

static void test_tail(void) {
    RUN(r, NULL, "/bin/tail", LINES);
    CHECK_RUN(r, 0, LAST_TEN, "");
    RUN(r, NULL, "/bin/tail", "-n", "2", LINES);
    CHECK_RUN(r, 0, "twelve\nthe end.\n", "");
    RUN(r, NULL, "/bin/tail", "-n1", LINES);
    CHECK_RUN(r, 0, "the end.\n", "");
    RUN(r, NULL, "/bin/tail", "-2", LINES); /* the old form fingers still type, as head -2 */
    CHECK_RUN(r, 0, "twelve\nthe end.\n", "");
    RUN(r, "a\nb\nc\n", "/bin/tail", "-1");
    CHECK_RUN(r, 0, "c\n", "");
    RUN(r, NULL, "/bin/tail", "-n", "0", LINES);
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/tail", "-n", "13", LINES);
    CHECK(strncmp(r.out, "one apple\n", 10) == 0);
    RUN(r, NULL, "/bin/tail", "-n", "+12", LINES);
    CHECK_RUN(r, 0, "twelve\nthe end.\n", "");
    RUN(r, NULL, "/bin/tail", "-n", "+1", "/data/short");
    CHECK_RUN(r, 0, "short\n", "");
    RUN(r, NULL, "/bin/tail", "-n", "+14", LINES);
    CHECK_RUN(r, 0, "", "");
    PASS("tail: the last 10 lines, -n N (0, all, more), -n +N from line N");
    RUN(r, "a\nb\nc", "/bin/tail", "-n", "2");
    CHECK_RUN(r, 0, "b\nc", "");
    RUN(r, "a\nb\nc\n", "/bin/tail", "-n", "1");
    CHECK_RUN(r, 0, "c\n", "");
    RUN(r, "", "/bin/tail");
    CHECK_RUN(r, 0, "", "");
    RUN(r, "abcdef\n", "/bin/tail", "-c", "3");
    CHECK_RUN(r, 0, "ef\n", "");
    RUN(r, "abcdef\n", "/bin/tail", "-c", "+3");
    CHECK_RUN(r, 0, "cdef\n", "");
    RUN(r, "abc", "/bin/tail", "-c", "10");
    CHECK_RUN(r, 0, "abc", "");
    PASS("tail: standard input, a last line without a newline, -c N and -c +N");
    RUN(r, NULL, "/bin/tail", "-n", "1", LINES, "/data/short");
    CHECK_RUN(r, 0, "==> " LINES " <==\nthe end.\n\n==> /data/short <==\nshort\n", "");
    RUN(r, NULL, "/bin/tail", "-n", "1", "/nope", "/data/short");
    CHECK_RUN(r, 1, "==> /data/short <==\nshort\n", "tail: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/tail", "/data");
    CHECK_RUN(r, 1, "", "tail: /data: Is a directory\n");
    RUN(r, NULL, "/bin/tail", "-n", "x", LINES);
    CHECK_RUN(r, 2, "", "tail: x: not a number of lines\nusage: tail [-n [+]lines | -c [+]bytes] [file...]\n");
    RUN(r, NULL, "/bin/tail", "-c");
    CHECK_RUN(r, 2, "", "tail: -c: not a number of bytes\nusage: tail [-n [+]lines | -c [+]bytes] [file...]\n");
    RUN(r, NULL, "/bin/tail", "-f", LINES);
    CHECK_RUN(r, 2, "", "tail: -f: unknown option\nusage: tail [-n [+]lines | -c [+]bytes] [file...]\n");
    PASS("tail: headings for several files, a missing file and a directory (1), bad numbers and options (2)");
}

static void test_sort(void) {
    RUN(r, "pear\napple\nfig\n", "/bin/sort");
    CHECK_RUN(r, 0, "apple\nfig\npear\n", "");
    RUN(r, "pear\napple\nfig", "/bin/sort", "-r");
    CHECK_RUN(r, 0, "pear\nfig\napple\n", "");
    RUN(r, "b\nB\na\n_\n", "/bin/sort");
    CHECK_RUN(r, 0, "B\n_\na\nb\n", ""); /* bytes, as in the C locale */
    RUN(r, NULL, "/bin/sort", "-k", "2", LINES);
    CHECK(strncmp(r.out, "twelve\none apple\ntwo banana\n", 28) == 0); /* twelve's field 2 is empty */
    PASS("sort: lines in byte order, -r, a last line without a newline, -k by a field");
    RUN(r, "10 b\n9 a\n-3 c\n10 a\n2.5 x\nfoo\n", "/bin/sort", "-n");
    CHECK_RUN(r, 0, "-3 c\nfoo\n2.5 x\n9 a\n10 b\n10 a\n", "");
    RUN(r, "10 b\n9 a\n-3 c\n10 a\n2.5 x\nfoo\n", "/bin/sort", "-rn");
    CHECK_RUN(r, 0, "10 b\n10 a\n9 a\n2.5 x\nfoo\n-3 c\n", "");
    RUN(r, "x 2\ny 1\nz 2\nw 1\n", "/bin/sort", "-k", "2");
    CHECK_RUN(r, 0, "y 1\nw 1\nx 2\nz 2\n", ""); /* stable: equal keys keep their order */
    RUN(r, "x 2 b\ny 1 c\nz 2 a\n", "/bin/sort", "-k2,2");
    CHECK_RUN(r, 0, "y 1 c\nx 2 b\nz 2 a\n", "");
    PASS("sort: -n (negatives, decimals, no number is 0), -rn, stable for equal keys, -k N,M");
    RUN(r, "b\na\nb\na\nc\n", "/bin/sort", "-u");
    CHECK_RUN(r, 0, "a\nb\nc\n", "");
    RUN(r, "x 2\ny 1\nz 2\n", "/bin/sort", "-u", "-k", "2");
    CHECK_RUN(r, 0, "y 1\nx 2\n", ""); /* the first of each key */
    RUN(r, "m\n", "/bin/sort", "/data/short", "-", "/data/short");
    CHECK_RUN(r, 0, "m\nshort\nshort\n", "");
    PASS("sort: -u keeps the first line of each key; files and - merged");
    RUN(r, NULL, "/bin/sort", "/data/short", "/nope");
    CHECK_RUN(r, 2, "", "sort: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/sort", "-k", "0");
    CHECK_RUN(r, 2, "",
              "sort: -k 0: not a field (N or N,M, from 1)\nusage: sort [-r] [-n] [-u] [-k field[,field]] [file...]\n");
    RUN(r, NULL, "/bin/sort", "-x");
    CHECK_RUN(r, 2, "", "sort: -x: unknown option\nusage: sort [-r] [-n] [-u] [-k field[,field]] [file...]\n");
    PASS("sort: a missing file prints nothing (2), a bad field or option (2)");
}

static void test_uniq(void) {
    const char *in = "a\na\nb\nc\nc\nc\nd";
    RUN(r, in, "/bin/uniq");
    CHECK_RUN(r, 0, "a\nb\nc\nd\n", "");
    RUN(r, in, "/bin/uniq", "-c");
    CHECK_RUN(r, 0, "      2 a\n      1 b\n      3 c\n      1 d\n", "");
    RUN(r, in, "/bin/uniq", "-d");
    CHECK_RUN(r, 0, "a\nc\n", "");
    RUN(r, in, "/bin/uniq", "-u");
    CHECK_RUN(r, 0, "b\nd\n", "");
    RUN(r, in, "/bin/uniq", "-cd");
    CHECK_RUN(r, 0, "      2 a\n      3 c\n", "");
    RUN(r, "x\ny\nx\n", "/bin/uniq");
    CHECK_RUN(r, 0, "x\ny\nx\n", ""); /* only adjacent lines */
    RUN(r, "a\na", "/bin/uniq", "-c");
    CHECK_RUN(r, 0, "      2 a\n", "");
    PASS("uniq: runs of equal lines, -c, -d, -u, only adjacent ones, a last line without a newline");
    RUN(r, NULL, "/bin/uniq", "/data/short", "/tmp/uniq.out");
    CHECK_RUN(r, 0, "", "");
    CHECK(strcmp(contents("/tmp/uniq.out"), "short\n") == 0);
    CHECK_EQ(unlink("/tmp/uniq.out"), 0);
    RUN(r, NULL, "/bin/uniq", "/nope");
    CHECK_RUN(r, 1, "", "uniq: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/uniq", "-z");
    CHECK_RUN(r, 2, "", "uniq: -z: unknown option\nusage: uniq [-c] [-d | -u] [input [output]]\n");
    RUN(r, NULL, "/bin/uniq", "a", "b", "c");
    CHECK_RUN(r, 2, "", "uniq: c: too many operands\nusage: uniq [-c] [-d | -u] [input [output]]\n");
    PASS("uniq: an input and an output file; a missing file (1), a bad option or operand (2)");
}

static void test_tee(void) {
    RUN(r, "hello\n", "/bin/tee", "/tmp/t1", "/tmp/t2");
    CHECK_RUN(r, 0, "hello\n", "");
    CHECK(strcmp(contents("/tmp/t1"), "hello\n") == 0 && strcmp(contents("/tmp/t2"), "hello\n") == 0);
    RUN(r, "more\n", "/bin/tee", "-a", "/tmp/t1");
    CHECK_RUN(r, 0, "more\n", "");
    CHECK(strcmp(contents("/tmp/t1"), "hello\nmore\n") == 0);
    RUN(r, "new\n", "/bin/tee", "/tmp/t1");
    CHECK_RUN(r, 0, "new\n", "");
    CHECK(strcmp(contents("/tmp/t1"), "new\n") == 0);
    RUN(r, "x\n", "/bin/tee");
    CHECK_RUN(r, 0, "x\n", "");
    PASS("tee: standard input to standard output and every file; -a appends, else emptied first");
    RUN(r, "both\n", "/bin/tee", "/tmp/t1", "/nodir/f", "/tmp/t2");
    CHECK_RUN(r, 1, "both\n", "tee: /nodir/f: No such file or directory\n");
    CHECK(strcmp(contents("/tmp/t1"), "both\n") == 0 && strcmp(contents("/tmp/t2"), "both\n") == 0);
    RUN(r, NULL, "/bin/tee", "-q");
    CHECK_RUN(r, 2, "", "tee: -q: unknown option\nusage: tee [-a] [-i] [file...]\n");
    CHECK_EQ(unlink("/tmp/t1"), 0);
    CHECK_EQ(unlink("/tmp/t2"), 0);
    PASS("tee: goes on after a file it cannot open (status 1); a bad option (2)");
}

static void test_seq(void) {
    RUN(r, NULL, "/bin/seq", "3");
    CHECK_RUN(r, 0, "1\n2\n3\n", "");
    RUN(r, NULL, "/bin/seq", "2", "4");
    CHECK_RUN(r, 0, "2\n3\n4\n", "");
    RUN(r, NULL, "/bin/seq", "1", "3", "10");
    CHECK_RUN(r, 0, "1\n4\n7\n10\n", "");
    RUN(r, NULL, "/bin/seq", "3", "-2", "-4");
    CHECK_RUN(r, 0, "3\n1\n-1\n-3\n", "");
    RUN(r, NULL, "/bin/seq", "-2", "0");
    CHECK_RUN(r, 0, "-2\n-1\n0\n", "");
    RUN(r, NULL, "/bin/seq", "5", "1");
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/seq", "0");
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/seq", "2147483646", "2147483647");
    CHECK_RUN(r, 0, "2147483646\n2147483647\n", "");
    PASS("seq: last, first last, first incr last, negatives, nothing when past");
    RUN(r, NULL, "/bin/seq", "1", "0", "3");
    CHECK_RUN(r, 2, "", "seq: the increment may not be 0\n");
    RUN(r, NULL, "/bin/seq", "x");
    CHECK_RUN(r, 2, "", "seq: x: not a whole number\nusage: seq [first [incr]] last\n");
    RUN(r, NULL, "/bin/seq");
    CHECK_RUN(r, 2, "", "usage: seq [first [incr]] last\n");
    PASS("seq: a zero increment, a bad number, no operand (2)");
}

static void test_yes(void) {
    /* yes runs until its pipe is closed: read a few lines, then close it and see SIGPIPE. */
    int out[2];
    CHECK_EQ(pipe(out), 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        char *argv[] = {"/bin/yes", "a", "b", NULL};
        execv(argv[0], argv);
        _exit(126);
    }
    close(out[1]);
    char buf[12];
    size_t got = 0;
    while (got < sizeof(buf)) {
        ssize_t n = read(out[0], buf + got, sizeof(buf) - got);
        CHECK(n > 0);
        got += (size_t)n;
    }
    CHECK(memcmp(buf, "a b\na b\na b\n", 12) == 0);
    close(out[0]);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGPIPE);
    PASS("yes: its words, again and again, until the reader goes (SIGPIPE)");
}

int main(void) {
    test_tail();
    test_sort();
    test_uniq();
    test_tee();
    test_seq();
    test_yes();
    return done_testing();
}
