/*
 * Message catalogs: gencat (run through system(), which is tested on the way) makes a catalog
 * from a source with sets, comments, escapes, continued lines, quotes and removals, and adds to an
 * existing one; catopen finds it by path or through NLSPATH and refuses what is not a catalog;
 * catgets gives each message or the default (ENOMSG, EBADF); a forked child reads its copy;
 * catclose.
 */
#include <fcntl.h>
#include <nl_types.h>
#include <signal.h>

#include "check.h"

#define SRC "/tmp/cat_test.msg"
#define CAT "/tmp/cat_test.cat"

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    CHECK(fputs(text, f) >= 0);
    CHECK_EQ(fclose(f), 0);
}

static int gencat(const char *args) {
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "gencat %s", args);
    fflush(stdout);
    return system(cmd);
}

static void check_msg(nl_catd cat, int set, int msg, const char *want) {
    char *got = catgets(cat, set, msg, "default");
    if (strcmp(got, want) != 0)
        FAIL("set %d message %d: got \"%s\", want \"%s\"", set, msg, got, want);
}

static nl_catd cat;

static void child_reads(void) {
    check_msg(cat, 1, 1, "First sentence");
    check_msg(cat, 2, 2, "Second translated sentence");
}

static int on_int_count;
static void on_int(int sig) {
    (void)sig;
    on_int_count++;
}

int main(void) {
    CHECK(system(NULL) != 0);
    CHECK_EXITED(system("exit 3"), 3);
    CHECK_EXITED(system("true && echo system works > /tmp/cat_test.out"), 0);
    FILE *out = fopen("/tmp/cat_test.out", "r");
    CHECK(out != NULL);
    char line[64] = "";
    CHECK(fgets(line, sizeof(line), out) != NULL);
    CHECK_EQ(strcmp(line, "system works\n"), 0);
    fclose(out);
    CHECK_EQ(unlink("/tmp/cat_test.out"), 0);
    PASS("system runs a command with /bin/sh -c and returns its wait status");

    /* The caller's SIGINT action and mask are as they were afterwards. */
    struct sigaction sa = {.sa_handler = on_int}, now;
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGINT, &sa, NULL), 0);
    sigset_t before, after;
    CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &before), 0);
    CHECK_EXITED(system("true"), 0);
    CHECK_EQ(sigaction(SIGINT, NULL, &now), 0);
    CHECK(now.sa_handler == on_int);
    CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &after), 0);
    CHECK_EQ(sigismember(&after, SIGCHLD), sigismember(&before, SIGCHLD));
    CHECK_EQ(raise(SIGINT), 0);
    CHECK_EQ(on_int_count, 1);
    PASS("system restores the caller's SIGINT action and signal mask");

    write_file(SRC, "$ a comment\n"
                    "$set 1 the first set\n"
                    "1 First sentence\n"
                    "2 Second sentence\n"
                    "\n"
                    "$set 2\n"
                    "1 First translated sentence\n"
                    "2 Second translated sentence\n"
                    "3 tab\\there, newline\\n, octal \\101, backslash \\\\\n"
                    "4 continued \\\n"
                    "on the next line\n"
                    "5 gone soon\n"
                    "5\n"
                    "6 given twice\n"
                    "6 the last one counts\n"
                    "$quote \"\n"
                    "7 \"quoted, with a trailing blank \"\n"
                    "$set 9\n"
                    "1 in a set removed later\n"
                    "$delset 9\n");
    CHECK_EXITED(gencat(CAT " " SRC), 0);
    cat = catopen(CAT, 0);
    CHECK(cat != (nl_catd)-1);
    check_msg(cat, 1, 1, "First sentence");
    check_msg(cat, 1, 2, "Second sentence");
    check_msg(cat, 2, 1, "First translated sentence");
    check_msg(cat, 2, 2, "Second translated sentence");
    check_msg(cat, 2, 3, "tab\there, newline\n, octal A, backslash \\");
    check_msg(cat, 2, 4, "continued on the next line");
    check_msg(cat, 2, 6, "the last one counts");
    check_msg(cat, 2, 7, "quoted, with a trailing blank ");
    PASS("gencat: sets, comments, escapes, continued lines, a message given twice, $quote");

    errno = 0;
    const char *dflt = "default";
    CHECK(catgets(cat, 2, 5, dflt) == dflt);
    CHECK_EQ(errno, ENOMSG);
    CHECK(catgets(cat, 9, 1, dflt) == dflt);
    CHECK(catgets(cat, 3, 1, dflt) == dflt);
    CHECK(catgets(cat, -1, 1, dflt) == dflt);
    errno = 0;
    CHECK(catgets((nl_catd)-1, 1, 1, dflt) == dflt);
    CHECK_EQ(errno, EBADF);
    PASS("catgets: a removed message or set, a missing one: the default with ENOMSG; EBADF");

    CHECK_EXITED(run_in_child(child_reads), 0);
    PASS("a forked child reads the catalog its parent opened");
    CHECK_EQ(catclose(cat), 0);
    CHECK_ERR(catclose((nl_catd)-1), EBADF);
    PASS("catclose: 0, EBADF");

    /* gencat adds to an existing catalog; a new source's message replaces the old one. */
    write_file(SRC, "$set 3\n1 a third set\n$set 1\n2 Second sentence, again\n$delset 2\n");
    CHECK_EXITED(gencat(CAT " " SRC), 0);
    cat = catopen(CAT, NL_CAT_LOCALE);
    CHECK(cat != (nl_catd)-1);
    check_msg(cat, 1, 1, "First sentence");
    check_msg(cat, 1, 2, "Second sentence, again");
    check_msg(cat, 3, 1, "a third set");
    check_msg(cat, 2, 1, "default");
    CHECK_EQ(catclose(cat), 0);
    PASS("gencat adds to an existing catalog, replaces messages, removes a set");

    /* By name through NLSPATH: the first template that opens. */
    static char *env[] = {"PATH=/bin", "NLSPATH=/nowhere/%N:/tmp/%N%%.cat:/tmp/%N.cat", NULL};
    environ = env;
    CHECK_EQ(rename(CAT, "/tmp/cat_test%.cat"), 0);
    cat = catopen("cat_test", 0);
    CHECK(cat != (nl_catd)-1);
    check_msg(cat, 3, 1, "a third set");
    CHECK_EQ(catclose(cat), 0);
    CHECK_EQ(rename("/tmp/cat_test%.cat", CAT), 0);
    cat = catopen("cat_test", 0);
    CHECK(cat != (nl_catd)-1);
    CHECK_EQ(catclose(cat), 0);
    errno = 0;
    CHECK(catopen("no_such_catalog", 0) == (nl_catd)-1);
    CHECK_EQ(errno, ENOENT);
    PASS("catopen by name: NLSPATH's templates in turn (%N, %%), ENOENT");

    errno = 0;
    CHECK(catopen("/tmp/no_such.cat", 0) == (nl_catd)-1);
    CHECK_EQ(errno, ENOENT);
    errno = 0;
    CHECK(catopen(SRC, 0) == (nl_catd)-1); /* a source, not a catalog */
    CHECK_EQ(errno, EINVAL);
    /* A catalog cut short, and one whose offsets point outside it. */
    int fd = open(CAT, O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 20), 0);
    CHECK_EQ(close(fd), 0);
    errno = 0;
    CHECK(catopen(CAT, 0) == (nl_catd)-1);
    CHECK_EQ(errno, EINVAL);
    fd = open(CAT, O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    unsigned bad[5] = {1, 1, 1, 1000, 3}; /* count, then set 1 message 1 at 1000, 3 bytes */
    CHECK_EQ(write(fd, "LUNECAT1", 8), 8);
    CHECK_EQ(write(fd, bad, sizeof(bad)), (long)sizeof(bad));
    CHECK_EQ(close(fd), 0);
    errno = 0;
    CHECK(catopen(CAT, 0) == (nl_catd)-1);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK(catopen("/tmp", 0) == (nl_catd)-1);
    CHECK_EQ(errno, EINVAL);
    PASS("catopen: ENOENT, EINVAL for a source, a cut catalog, offsets outside it, a directory");

    write_file(SRC, "1 fine\nnot a message\n");
    CHECK_EXITED(gencat(CAT " " SRC " 2>/dev/null"), 1);
    write_file(SRC, "$set 0\n");
    CHECK_EXITED(gencat(CAT " " SRC " 2>/dev/null"), 1);
    CHECK_EXITED(gencat(CAT " 2>/dev/null"), 2);
    PASS("gencat refuses a bad line, a set out of range, missing operands");

    CHECK_EQ(unlink(SRC), 0);
    CHECK_EQ(unlink(CAT), 0);
    return done_testing();
}
