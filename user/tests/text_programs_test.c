/*
 * The programs that read text: cat, echo, wc, head, grep. Each is run as a person runs it, and
 * what it printed on each stream and its status are checked: every option, standard input and
 * files, several files, and every error (a missing file, a directory, a bad option or number).
 * /data/lines holds 13 lines (lines.txt).
 */
#include "check.h"
#include "run_program.h"

#define LINES "/data/lines"
#define ALL_LINES                                                                                                      \
    "one apple\ntwo banana\nthree cherry\nfour date\nfive elderberry\nsix fig\nseven grape\neight honeydew\n"          \
    "nine kiwi\nten lemon\neleven mango\ntwelve\nthe end.\n"
#define FIRST_TEN                                                                                                      \
    "one apple\ntwo banana\nthree cherry\nfour date\nfive elderberry\nsix fig\nseven grape\neight honeydew\n"          \
    "nine kiwi\nten lemon\n"

static struct run_result r;

static void test_cat(void) {
    RUN(r, NULL, "/bin/cat", LINES);
    CHECK_RUN(r, 0, ALL_LINES, "");
    RUN(r, "typed\nlines\n", "/bin/cat");
    CHECK_RUN(r, 0, "typed\nlines\n", "");
    RUN(r, "middle\n", "/bin/cat", "/data/short", "-", "/data/short");
    CHECK_RUN(r, 0, "short\nmiddle\nshort\n", "");
    PASS("cat: files, standard input, and - among files");
    RUN(r, NULL, "/bin/cat", "/nope", "/data/short");
    CHECK_RUN(r, 1, "short\n", "cat: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/cat", "/data");
    CHECK_RUN(r, 1, "", "cat: /data: Is a directory\n");
    PASS("cat: a missing file and a directory are named, the others still copied, status 1");
}

static void test_echo(void) {
    RUN(r, NULL, "/bin/echo", "a", "b  c", "");
    CHECK_RUN(r, 0, "a b  c \n", "");
    RUN(r, NULL, "/bin/echo");
    CHECK_RUN(r, 0, "\n", "");
    RUN(r, NULL, "/bin/echo", "-n", "no", "newline");
    CHECK_RUN(r, 0, "no newline", "");
    PASS("echo: words, none, -n");
}

static void test_wc(void) {
    RUN(r, "a b\n  c\n", "/bin/wc");
    CHECK_RUN(r, 0, "2 3 8\n", "");
    RUN(r, NULL, "/bin/wc", LINES);
    CHECK_RUN(r, 0, "13 25 144 " LINES "\n", "");
    RUN(r, "a b\nc", "/bin/wc", "-l");
    CHECK_RUN(r, 0, "1\n", "");
    RUN(r, "a b\nc", "/bin/wc", "-w");
    CHECK_RUN(r, 0, "3\n", "");
    RUN(r, "a b\nc", "/bin/wc", "-c");
    CHECK_RUN(r, 0, "5\n", "");
    RUN(r, "a b\nc", "/bin/wc", "-lc");
    CHECK_RUN(r, 0, "1 5\n", "");
    RUN(r, "", "/bin/wc");
    CHECK_RUN(r, 0, "0 0 0\n", "");
    PASS("wc: lines, words and bytes, each option and together, standard input and a file");
    RUN(r, NULL, "/bin/wc", "-l", LINES, "/data/short");
    CHECK_RUN(r, 0, "13 " LINES "\n1 /data/short\n14 total\n", "");
    RUN(r, NULL, "/bin/wc", "-l", "/data/short", "/nope");
    CHECK_RUN(r, 1, "1 /data/short\n1 total\n", "wc: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/wc", "-x");
    CHECK_RUN(r, 2, "", "wc: -x: unknown option\nusage: wc [-l] [-w] [-c] [file...]\n");
    PASS("wc: several files and a total, a missing file (status 1), a bad option (status 2)");
}

static void test_head(void) {
    RUN(r, NULL, "/bin/head", LINES);
    CHECK_RUN(r, 0, FIRST_TEN, "");
    RUN(r, NULL, "/bin/head", "-n", "2", LINES);
    CHECK_RUN(r, 0, "one apple\ntwo banana\n", "");
    RUN(r, NULL, "/bin/head", "-n3", LINES);
    CHECK_RUN(r, 0, "one apple\ntwo banana\nthree cherry\n", "");
    RUN(r, NULL, "/bin/head", "-n", "0", LINES);
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/head", "-n", "100", LINES);
    CHECK_RUN(r, 0, ALL_LINES, "");
    RUN(r, "a\nb\nc", "/bin/head", "-n", "5");
    CHECK_RUN(r, 0, "a\nb\nc", "");
    RUN(r, NULL, "/bin/head", "-2", LINES);
    CHECK_RUN(r, 0, "one apple\ntwo banana\n", "");
    RUN(r, NULL, "/bin/head", "-z", LINES);
    CHECK_RUN(r, 2, "", "head: -z: unknown option\nusage: head [-n lines] [file...]\n");
    RUN(r, "a\nb", "/bin/head", "-n1", "--");
    CHECK_RUN(r, 0, "a\n", "");
    PASS("head: 10 lines, -n N, -nN and -N, none, more than there are, standard input, --, a bad option");
    RUN(r, NULL, "/bin/head", "-n", "1", "/data/short", LINES);
    CHECK_RUN(r, 0, "==> /data/short <==\nshort\n\n==> " LINES " <==\none apple\n", "");
    RUN(r, NULL, "/bin/head", "/nope");
    CHECK_RUN(r, 1, "", "head: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/head", "-n", "1", "/nope", "/data/short"); /* no blank line before the first heading */
    CHECK_RUN(r, 1, "==> /data/short <==\nshort\n", "head: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/head", "-n", "x");
    CHECK_RUN(r, 2, "", "head: x: not a number of lines\nusage: head [-n lines] [file...]\n");
    RUN(r, NULL, "/bin/head", "-n");
    CHECK_RUN(r, 2, "", "head: -n: not a number of lines\nusage: head [-n lines] [file...]\n");
    PASS("head: headings for several files, a missing file (1), a bad count (2)");
}

/* printf, each answer checked against coreutils' printf on the same arguments. */
static void test_printf(void) {
    RUN(r, NULL, "/bin/printf", "a\\tb\\\\n%s|%5s|%-5s|%.2s\\n", "x", "y", "z", "abcdef");
    CHECK_RUN(r, 0, "a\tb\\nx|    y|z    |ab\n", "");
    RUN(r, NULL, "/bin/printf", "%d %i %o %u %x %X %c\\n", "42", "-7", "8", "3", "255", "255", "hello");
    CHECK_RUN(r, 0, "42 -7 10 3 ff FF h\n", "");
    RUN(r, NULL, "/bin/printf", "%05d|%+d|% d|%#o|%#x\\n", "42", "5", "5", "8", "255");
    CHECK_RUN(r, 0, "00042|+5| 5|010|0xff\n", "");
    RUN(r, NULL, "/bin/printf", "%d %d %d\\n", "0x1f", "010", "'A");
    CHECK_RUN(r, 0, "31 8 65\n", "");
    RUN(r, NULL, "/bin/printf", "\\101\\0\\n");
    CHECK(WEXITSTATUS(r.status) == 0 && memcmp(r.out, "A\0\n", 3) == 0);
    PASS("printf: escapes, %s with width and precision, the integer conversions and flags, 0x, 0 and 'c numbers");
    RUN(r, NULL, "/bin/printf", "%s-%s\\n", "a", "b", "c");
    CHECK_RUN(r, 0, "a-b\nc-\n", ""); /* the format again for what is left; a missing one is "" */
    RUN(r, NULL, "/bin/printf", "x%dy\\n");
    CHECK_RUN(r, 0, "x0y\n", "");
    RUN(r, NULL, "/bin/printf", "no conversion\\n", "a", "b");
    CHECK_RUN(r, 0, "no conversion\n", "");
    RUN(r, NULL, "/bin/printf", "%b|\\n", "a\\tb\\0101\\c zz");
    CHECK_RUN(r, 0, "a\tbA", ""); /* \c ends everything */
    RUN(r, NULL, "/bin/printf", "%%|%b\\n", "\\q");
    CHECK_RUN(r, 0, "%|\\q\n", "");
    PASS("printf: the format reused while arguments are left, missing ones, %b and \\c, %%");
    RUN(r, NULL, "/bin/printf", "%d\\n", "12abc");
    CHECK_RUN(r, 1, "12\n", "printf: 12abc: not completely converted\n");
    RUN(r, NULL, "/bin/printf", "%d|\\n", "x");
    CHECK_RUN(r, 1, "0|\n", "printf: x: expected a numeric value\n");
    RUN(r, NULL, "/bin/printf", "a%qb\\n", "x");
    CHECK_RUN(r, 1, "a", "printf: %q: unknown conversion\n");
    RUN(r, NULL, "/bin/printf");
    CHECK_RUN(r, 2, "", "usage: printf format [argument...]\n");
    PASS("printf: a number not one (status 1, what was read printed), an unknown conversion, no format (2)");
}

static void test_grep(void) {
    RUN(r, NULL, "/bin/grep", "apple", LINES);
    CHECK_RUN(r, 0, "one apple\n", "");
    RUN(r, NULL, "/bin/grep", "^t", LINES);
    CHECK_RUN(r, 0, "two banana\nthree cherry\nten lemon\ntwelve\nthe end.\n", "");
    RUN(r, NULL, "/bin/grep", "e$", LINES);
    CHECK_RUN(r, 0, "one apple\nfour date\nseven grape\ntwelve\n", "");
    RUN(r, NULL, "/bin/grep", "n.n", LINES);
    CHECK_RUN(r, 0, "two banana\nnine kiwi\n", "");
    RUN(r, NULL, "/bin/grep", "^[st][a-z]* [a-f]", LINES);
    CHECK_RUN(r, 0, "two banana\nthree cherry\nsix fig\nthe end.\n", "");
    RUN(r, NULL, "/bin/grep", "^[^a-s]", LINES);
    CHECK_RUN(r, 0, "two banana\nthree cherry\nten lemon\ntwelve\nthe end.\n", "");
    RUN(r, NULL, "/bin/grep", "^e.*y", LINES);
    CHECK_RUN(r, 0, "eight honeydew\n", "");
    RUN(r, NULL, "/bin/grep", "rr*y$", LINES);
    CHECK_RUN(r, 0, "three cherry\nfive elderberry\n", "");
    RUN(r, NULL, "/bin/grep", "d\\.", LINES);
    CHECK_RUN(r, 0, "the end.\n", "");
    RUN(r, NULL, "/bin/grep", "^$", LINES);
    CHECK_RUN(r, 1, "", "");
    RUN(r, NULL, "/bin/grep", "[0-9]", LINES);
    CHECK_RUN(r, 1, "", "");
    PASS("grep: fixed text, ^ and $, ., [sets] with ranges and ^, x*, \\. ; status 1 when nothing matches");
    RUN(r, NULL, "/bin/grep", "-F", "d.", LINES);
    CHECK_RUN(r, 0, "the end.\n", "");
    RUN(r, NULL, "/bin/grep", "-F", "n.n", LINES);
    CHECK_RUN(r, 1, "", "");
    RUN(r, NULL, "/bin/grep", "-v", "e", LINES);
    CHECK_RUN(r, 0, "two banana\nsix fig\n", "");
    RUN(r, NULL, "/bin/grep", "-c", "e", LINES);
    CHECK_RUN(r, 0, "11\n", "");
    RUN(r, NULL, "/bin/grep", "-n", "ve", LINES);
    CHECK_RUN(r, 0, "5:five elderberry\n7:seven grape\n11:eleven mango\n12:twelve\n", "");
    RUN(r, NULL, "/bin/grep", "-vn", "e", LINES);
    CHECK_RUN(r, 0, "2:two banana\n6:six fig\n", "");
    RUN(r, "abc\nxyz\n", "/bin/grep", "y");
    CHECK_RUN(r, 0, "xyz\n", "");
    PASS("grep: -F, -v, -c, -n, options together, standard input");
    RUN(r, NULL, "/bin/grep", "-c", "o", LINES, "/data/short");
    CHECK_RUN(r, 0, LINES ":6\n/data/short:1\n", "");
    RUN(r, NULL, "/bin/grep", "short", "/nope", "/data/short");
    CHECK_RUN(r, 2, "/data/short:short\n", "grep: /nope: No such file or directory\n");
    RUN(r, NULL, "/bin/grep", "[ab", LINES);
    CHECK_RUN(r, 2, "", "grep: [ab: a [ without its ]\n");
    RUN(r, NULL, "/bin/grep");
    CHECK_RUN(r, 2, "", "usage: grep [-F] [-v] [-c] [-n] [-i] [-l | -q] pattern [file...]\n");
    RUN(r, NULL, "/bin/grep", "-z", "x");
    CHECK_RUN(r, 2, "", "grep: -z: unknown option\nusage: grep [-F] [-v] [-c] [-n] [-i] [-l | -q] pattern [file...]\n");
    PASS("grep: several files name each line, a missing file (2), an open [ (2), usage (2)");
    RUN(r, "Apple\nBANANA\ncherry\n", "/bin/grep", "-i", "a[n]a");
    CHECK_RUN(r, 0, "BANANA\n", "");
    RUN(r, "Apple\nBANANA\n", "/bin/grep", "-in", "APPLE");
    CHECK_RUN(r, 0, "1:Apple\n", "");
    RUN(r, NULL, "/bin/grep", "-l", "short", LINES, "/data/short");
    CHECK_RUN(r, 0, "/data/short\n", "");
    RUN(r, "x\nshort\nshort\n", "/bin/grep", "-l", "short");
    CHECK_RUN(r, 0, "(standard input)\n", "");
    RUN(r, NULL, "/bin/grep", "-q", "apple", LINES);
    CHECK_RUN(r, 0, "", "");
    RUN(r, NULL, "/bin/grep", "-q", "nothing", LINES);
    CHECK_RUN(r, 1, "", "");
    RUN(r, NULL, "/bin/grep", "-q", "short", "/nope", "/data/short"); /* a match wins over the error */
    CHECK_RUN(r, 0, "", "grep: /nope: No such file or directory\n");
    PASS("grep: -i (pattern and line folded, the line printed as it is), -l, -q (a match: 0 despite an error)");
}

int main(void) {
    test_cat();
    test_echo();
    test_wc();
    test_head();
    test_grep();
    test_printf();
    return done_testing();
}
