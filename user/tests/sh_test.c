/*
 * The shell, run as scripts and `sh -c` run it: commands through PATH, quoting and expansion,
 * variables and the environment, pipelines, redirections, lists, builtins, background jobs,
 * scripts and their errors. What it printed on each stream and its status are checked.
 * (The interactive side, with the terminal and job control, is //testing:shell_session_test.)
 *
 * This program is also /bin/sh_test --args: it then prints each argument in brackets, one a
 * line, so that a test sees exactly which words a command got.
 */
#include "check.h"
#include "run_program.h"

static struct run_result r;

/* sh -c 'cmds', with `input` on standard input. */
#define SH(input, cmds) RUN(r, (input), "/bin/sh", "-c", (cmds))

static void test_commands(void) {
    SH(NULL, "echo hello world");
    CHECK_RUN(r, 0, "hello world\n", "");
    SH(NULL, "/bin/echo by path; echo   many    spaces  ");
    CHECK_RUN(r, 0, "by path\nmany spaces\n", "");
    SH(NULL, "");
    CHECK_RUN(r, 0, "", "");
    SH(NULL, "  # only a comment");
    CHECK_RUN(r, 0, "", "");
    SH(NULL, "echo a # b c");
    CHECK_RUN(r, 0, "a\n", "");
    PASS("commands found through PATH or by path; empty lines and comments");
    SH(NULL, "nosuchcommand x");
    CHECK_RUN(r, 127, "", "sh: nosuchcommand: not found\n");
    SH(NULL, "/bin/nosuch; echo $?");
    CHECK_RUN(r, 0, "127\n", "sh: /bin/nosuch: not found\n");
    SH(NULL, "PATH=/data; echo x");
    CHECK_RUN(r, 0, "x\n", ""); /* echo is a builtin */
    SH(NULL, "PATH=/data; cat /data/short");
    CHECK_RUN(r, 127, "", "sh: cat: not found\n");
    SH(NULL, "/data; echo $?");
    CHECK_RUN(r, 0, "126\n", "sh: /data: Permission denied\n");
    PASS("not found: `sh: name: not found` and 127; found but not runnable: 126");
}

static void test_quoting(void) {
    SH(NULL, "/bin/sh_test --args 'single  $HOME' \"double  $HOME\" back\\ slash \\$HOME '' \"\" a\"b\"'c'");
    CHECK_RUN(r, 0, "[single  $HOME]\n[double  /]\n[back slash]\n[$HOME]\n[]\n[]\n[abc]\n", "");
    SH(NULL, "/bin/sh_test --args \"a \\\"quote\\\" \\\\ \\$ \\x\" 'it''s'");
    CHECK_RUN(r, 0, "[a \"quote\" \\ $ \\x]\n[its]\n", "");
    SH(NULL, "echo a\\\nb; echo 'multi\nline'");
    CHECK_RUN(r, 0, "ab\nmulti\nline\n", "");
    SH(NULL, "echo '|;&<>' \"|;&<>\" \\|");
    CHECK_RUN(r, 0, "|;&<> |;&<> |\n", "");
    PASS("quoting: '...', \"...\" with $ inside, backslash, empty words, operators quoted");
    SH(NULL, "X='a  b'; E=; /bin/sh_test --args $X \"$X\" $E \"$E\" ${X}c x${E}y");
    CHECK_RUN(r, 0, "[a]\n[b]\n[a  b]\n[]\n[a]\n[bc]\n[xy]\n", "");
    SH(NULL, "echo $ a$ $1x ~ ~/d");
    CHECK_RUN(r, 0, "$ a$ x / //d\n", "");
    PASS("expansion: unquoted values split at blanks, quoted ones whole, empty ones vanish; $ alone, ~");
}

static void test_patterns(void) {
    SH(NULL, "mkdir /p /p/d; cd /p; echo >b.c; echo >a.c; echo >.h.c; echo >'s*'; echo >d/x.c; "
             "/bin/sh_test --args *.c; echo *; echo .*; echo */*.c /p/?.c; echo [ab].c [!a]*.c");
    CHECK_RUN(r, 0, "[a.c]\n[b.c]\na.c b.c d s*\n.h.c\nd/x.c /p/a.c /p/b.c\na.c b.c b.c\n", "");
    SH(NULL,
       "cd /p; echo '*'.c \"*\".c \\*.c s\\* 's'* *.none '*'? \"[\"ab].c; X='*.c'; echo $X \"$X\"; Y=*.c; echo \"$Y\"");
    CHECK_RUN(r, 0, "*.c *.c *.c s* s* *.none *? [ab].c\na.c b.c *.c\n*.c\n", "");
    SH(NULL, "cd /p; rm *.c .h.c s* d/*; rmdir d; cd /; rmdir /p; echo /p*");
    CHECK_RUN(r, 0, "/p*\n", "");
    PASS("patterns: * ? [set] in words and unquoted expansions become sorted paths; quoted ones, "
         "assignments and no match stay as they are");
}

static void test_compound(void) {
    SH(NULL, "if true; then echo yes; fi; if false; then echo no; else echo else; fi; "
             "if false; then echo 1; elif true; then echo 2; else echo 3; fi; if false; then echo x; fi; echo $?");
    CHECK_RUN(r, 0, "yes\nelse\n2\n0\n", "");
    SH(NULL, "if echo cond; false; then echo a; elif ! true; then echo b; fi\n"
             "if true\nthen\n  echo multi\nfi");
    CHECK_RUN(r, 0, "cond\nmulti\n", "");
    PASS("if/then/elif/else/fi: the condition's status picks the branch; none taken is status 0");

    SH(NULL, "for i in a 'b c' $HOME; do echo [$i]; done; for x in; do echo never; done; echo $?; "
             "for w in 1 2 3\ndo echo $w; done | wc -l");
    CHECK_RUN(r, 0, "[a]\n[b c]\n[/]\n0\n3\n", "");
    RUN(r, NULL, "/bin/sh", "-c", "for a; do echo \"<$a>\"; done; for a do echo $a; done", "name", "one", "t w");
    CHECK_RUN(r, 0, "<one>\n<t w>\none\nt w\n", "");
    SH(NULL, "mkdir /f; cd /f; echo >x.c; echo >y.c; for f in *.c; do echo $f; done; rm x.c y.c; cd /; rmdir /f");
    CHECK_RUN(r, 0, "x.c\ny.c\n", "");
    PASS("for: over words (expanded, split, patterns), over \"$@\" without `in`, none at all; in a pipeline");

    SH(NULL, "n=x; while echo $n | grep -v xxxx; do n=x$n; done; until echo $n | grep -v x; do n=; done");
    CHECK_RUN(r, 0, "x\nxx\nxxx\n\n", "");
    SH(NULL, "echo a >/l; echo b >>/l; while true; do cat /l; break; done; "
             "until false; do echo until; break; echo never; done; rm /l");
    CHECK_RUN(r, 0, "a\nb\nuntil\n", "");
    SH(NULL, "for i in 1 2 3; do for j in a b c; do echo $i$j; if true; then continue 2; fi; echo never; done; "
             "done; for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo after $?");
    CHECK_RUN(r, 0, "1a\n2a\n3a\n1a\nafter 0\n", "");
    SH(NULL, "break; echo $?; continue 0; echo $?; for i in 1 2; do break 9; done; echo out $i");
    CHECK_RUN(r, 0, "1\n2\nout 1\n",
              "sh: break: only meaningful in a loop\nsh: continue: 0: a positive number is needed\n");
    PASS("while/until, break and continue (with a count, from inside if, too large a count), outside a loop");

    SH(NULL, "{ echo a; echo b; } > /g; cat /g; X=1; { X=2; cd /dev; }; echo $X; pwd; cd /; "
             "( X=3; cd /bin; echo in $X; exit 4 ); echo $? $X; pwd; (echo sub) | cat; rm /g");
    CHECK_RUN(r, 0, "a\nb\n2\n/dev\nin 3\n4 2\n/\nsub\n", "");
    SH(NULL, "for i in 1 2; do echo $i; done > /o; cat /o; while true; do echo x; break; done | cat; "
             "{ echo e >&2; } 2>&1; if true; then echo redir; fi > /o; cat /o; rm /o");
    CHECK_RUN(r, 0, "1\n2\nx\ne\nredir\n", "");
    SH(NULL, "{ { echo inner; } > /i; echo outer; } > /o; cat /i /o; rm /i /o");
    CHECK_RUN(r, 0, "inner\nouter\n", "");
    SH(NULL, "if true; then exit 5; fi; echo never");
    CHECK_RUN(r, 5, "", "");
    PASS("{ } runs in the shell, ( ) in a child; redirections of a whole compound command, nested; exit");

    SH(NULL, "echo if then else fi do done for in { }; echo while; true && { echo grp; }");
    CHECK_RUN(r, 0, "if then else fi do done for in { }\nwhile\ngrp\n", "");
    SH(NULL, "if true; then echo a; fi x");
    CHECK_RUN(r, 2, "", "sh: syntax error near 'x'\n");
    SH(NULL, "fi");
    CHECK_RUN(r, 2, "", "sh: syntax error near 'fi'\n");
    SH(NULL, "if then echo a; fi");
    CHECK_RUN(r, 2, "", "sh: syntax error near 'then'\n");
    SH(NULL, "while true; do echo a");
    CHECK_RUN(r, 2, "", "sh: syntax error: unexpected end of input\n");
    SH(NULL, "{ echo a }");
    CHECK_RUN(r, 2, "", "sh: syntax error: unexpected end of input\n");
    SH(NULL, "for 1x in a; do echo; done");
    CHECK_RUN(r, 2, "", "sh: syntax error near '1x'\n");
    SH(NULL, "( echo a ) )");
    CHECK_RUN(r, 2, "", "sh: syntax error near ')'\n");
    SH(NULL, "f() echo x");
    CHECK_RUN(r, 2, "", "sh: syntax error near 'echo'\n"); /* a function's body is a compound command */
    PASS("reserved words only where a command starts; syntax errors and unfinished compound commands");
}

static void test_substitution(void) {
    RUN(r, NULL, "/bin/sh", "/data/substitution.sh");
    CHECK_RUN(r, 0,
              "hi there a b x []\n1\n3 v\nnested q)uote in dq bq\nw1\nw2\nw3\ni1\ni2\ni3\n7 9 3 1 -3 1 4 0 8 31 16 -1 "
              "0\n10 6 8 8\n1 1 0 1 11 2 "
              "1\ndir\nnotfile\nnoexist\neq\nne\nz\nn\nlt\nnlt\nnotdir\nempty\none\nnone\nnotempty\nnn\nbang\nparen\nan"
              "d\nor\nnotand\n2\n2\n2\n",
              "");
    PASS("$(...) and `...` (nested, quoted, trailing newlines dropped, $? of x=$(cmd)), $((...)) with C's "
         "operators, test and [ with POSIX's rules by the number of arguments: as dash does");

    SH(NULL, "echo $((1/0)); echo after $?; echo $((2+)); echo $((x=1 2)); y=abc; echo $((y+1))");
    CHECK_RUN(r, 1, "after 1\n",
              "sh: arithmetic: 1/0: division by zero\nsh: arithmetic: 2+: an operand is missing\n"
              "sh: arithmetic: x=1 2: syntax error\nsh: arithmetic: y+1: a variable's value is not a number\n");
    SH(NULL, "[ abc -lt 3 ]; echo $?; [ 1 = 1; echo $?; test 1 -eq 1 2; echo $?; [ -d / -a ]; echo $?");
    CHECK_RUN(r, 0, "2\n2\n2\n2\n",
              "sh: [: integer expected\nsh: [: ']' expected\nsh: test: too many arguments\n"
              "sh: [: argument expected\n");
    SH(NULL, "echo $(exit 4); echo $?; X=$(echo a; false) && echo no || echo failed $X; echo `echo \\\\$HOME`");
    CHECK_RUN(r, 0, "\n0\nfailed a\n$HOME\n", "");
    SH(NULL, "i=0; while [ $i -lt 50 ]; do i=$((i + 1)); done; echo $i; echo $(( 1 +\n 2 ))");
    CHECK_RUN(r, 0, "50\n3\n", "");
    SH(NULL, "echo $(echo 'unterminated)");
    CHECK_RUN(r, 2, "", "sh: syntax error: unexpected end of input\n");
    PASS("arithmetic and test errors (status 1 and 2, with what is wrong), $? after $(...), a loop counting");
}

static void test_parameters(void) {
    SH(NULL, "false; echo $?; true; echo $?; nosuch 2>&1 | cat; echo $?");
    CHECK_RUN(r, 0, "1\n0\nsh: nosuch: not found\n0\n", "");
    RUN(r, NULL, "/bin/sh", "-c", "echo $0 $# $1 $2 $3; /bin/sh_test --args \"$@\" $*", "name", "one", "two words");
    CHECK_RUN(r, 0, "name 2 one two words\n[one]\n[two words]\n[one]\n[two]\n[words]\n", "");
    SH(NULL, "echo $$; /bin/ps | /bin/grep ' ps$'");
    char want[32];
    int shell_pid = atoi(r.out);
    snprintf(want, sizeof(want), " %5d ", shell_pid);
    CHECK(shell_pid > 1 && strstr(r.out, want));
    SH(NULL, "echo $$ | cat; echo $$");
    size_t half = strlen(r.out) / 2; /* "pid\npid\n": $$ is the shell's pid in a pipeline's child too */
    CHECK(half > 1 && r.out[half - 1] == '\n' && strncmp(r.out, r.out + half, half) == 0);
    SH(NULL, "sleep 0 & wait $!; echo $?");
    CHECK_RUN(r, 0, "0\n", "");
    PASS("$?, $0, $#, $1..., $@ and \"$@\", $* and $$ (the shell's pid: ps's parent, also in a pipeline), $!");
}

static void test_variables(void) {
    SH(NULL, "A=1; B=two; echo $A$B ${A}x");
    CHECK_RUN(r, 0, "1two 1x\n", "");
    SH(NULL, "A=local; env | grep '^A='; export A; env | grep '^A='");
    CHECK_RUN(r, 0, "A=local\n", "");
    SH(NULL, "export B=exported C; C=later; env | grep '^[BC]='");
    CHECK_RUN(r, 0, "B=exported\nC=later\n", "");
    SH(NULL, "V=once env | grep '^V='; echo [$V]; V=1 V2=2 /bin/sh -c 'echo $V$V2'");
    CHECK_RUN(r, 0, "V=once\n[]\n12\n", "");
    SH(NULL, "HOME=/data; echo ~; unset HOME; echo [$HOME]; env | grep HOME; echo $?");
    CHECK_RUN(r, 0, "/data\n[]\n1\n", "");
    SH(NULL, "export 1X=2; unset 'a b'; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: export: 1X=2: not a valid name\nsh: unset: a b: not a valid name\n");
    SH(NULL, "X=kept; X=temporary echo $X; X=temporary cd /; echo $X");
    CHECK_RUN(r, 0, "kept\nkept\n", "");
    PASS("variables: set, exported or not, NAME=value for one command, unset, bad names");
}

static void test_pipelines(void) {
    SH(NULL, "echo through | cat | cat | cat | cat | cat | cat | cat | wc -c");
    CHECK_RUN(r, 0, "8\n", "");
    SH(NULL, "cat /data/lines | grep e | head -n 2 | wc -l");
    CHECK_RUN(r, 0, "2\n", "");
    SH(NULL, "true | false; echo $?; false | true; echo $?; ! true | false; echo $?; ! true; echo $?");
    CHECK_RUN(r, 0, "1\n0\n0\n1\n", "");
    SH(NULL, "echo x | nosuch | cat; echo $?");
    CHECK_RUN(r, 0, "0\n", "sh: nosuch: not found\n");
    SH(NULL, "cd /data; pwd | cat; echo builtin | cat");
    CHECK_RUN(r, 0, "/data\nbuiltin\n", "");
    SH("from stdin\n", "cat | cat");
    CHECK_RUN(r, 0, "from stdin\n", "");
    PASS("pipelines of any length, builtins in them, status of the last command, !");
}

static void test_redirections(void) {
    SH(NULL, "wc -l < /data/lines; cat </data/short");
    CHECK_RUN(r, 0, "13\nshort\n", "");
    SH(NULL, "cat /nope 2>&1; echo to-err >&2; echo also 1>&2");
    CHECK_RUN(r, 0, "cat: /nope: No such file or directory\n", "to-err\nalso\n");
    SH(NULL, "cat /nope 2>&1 >&2 | wc -l; cat /nope >&2 2>&1 | wc -l");
    CHECK_RUN(r, 0, "1\n0\n", "cat: /nope: No such file or directory\n");
    SH(NULL, "3</data/short cat <&3; cat 4</data/lines <&4 | wc -l");
    CHECK_RUN(r, 0, "short\n13\n", "");
    PASS("redirections: <, 2>&1, >&2, n<file, <&n, in the order written");
    SH(NULL, "echo one > /out; echo two >> /out; cat /out; echo three >/out; cat < /out; "
             "cat /nope 2>/err; cat /err; cat /nope 2>>/err >>/err 2>&1; wc -l /err; rm /out /err");
    CHECK_RUN(r, 0, "one\ntwo\nthree\ncat: /nope: No such file or directory\n2 /err\n", "");
    SH(NULL, "cat /nope >/out 2>&1; cat /out; cat /nope 2>&1 >/out; wc -c < /out; rm /out");
    CHECK_RUN(r, 0, "cat: /nope: No such file or directory\ncat: /nope: No such file or directory\n0\n", "");
    SH(NULL, "echo x > /data; echo $?; echo y >> /data/nodir/f; echo $?; ls /");
    CHECK_RUN(r, 0, "1\n1\nbin\ndata\ndev\netc\ntmp\n",
              "sh: /data: Is a directory\nsh: /data/nodir/f: No such file or directory\n");
    PASS("redirections to files: > makes or empties, >> appends, 2> and 2>>, errors name the file");
    SH(NULL, "cat < /nope; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: /nope: No such file or directory\n");
    SH(NULL, "echo x >&9x; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: 9x: bad file descriptor\n");
    SH(NULL, "echo x >&7; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: 7: Bad file descriptor\n");
    SH(NULL, "pwd < /nope; echo $?; pwd");
    CHECK_RUN(r, 0, "1\n/\n", "sh: /nope: No such file or directory\n");
    SH(NULL, "echo redirected >&2 </data/short; echo after");
    CHECK_RUN(r, 0, "after\n", "redirected\n");
    PASS("redirection errors are named and the command does not run (status 1); a builtin's are undone");
}

static void test_lists(void) {
    SH(NULL, "true && echo a; false && echo b; false || echo c; true || echo d; echo e");
    CHECK_RUN(r, 0, "a\nc\ne\n", "");
    SH(NULL, "false && echo x || echo y && echo z");
    CHECK_RUN(r, 0, "y\nz\n", "");
    SH(NULL, "true &&\n\necho after-newlines ||\necho no");
    CHECK_RUN(r, 0, "after-newlines\n", "");
    SH(NULL, "echo one; echo two;");
    CHECK_RUN(r, 0, "one\ntwo\n", "");
    SH(NULL, "false; false");
    CHECK_RUN(r, 1, "", "");
    PASS("lists: ;, &&, ||, newlines after operators, the status of the last command");
}

static void test_syntax_errors(void) {
    static const struct {
        const char *cmds, *err;
    } cases[] = {
        {"echo a | | b", "sh: syntax error near '|'\n"},
        {"| echo", "sh: syntax error near '|'\n"},
        {"echo a ;; echo b", "sh: syntax error near ';;'\n"},
        {"&& echo", "sh: syntax error near '&&'\n"},
        {"echo >", "sh: syntax error: unexpected end of line\n"},
        {"echo > | cat", "sh: syntax error near '|'\n"},
        {"echo 'open", "sh: syntax error: unexpected end of input\n"},
        {"echo \"open", "sh: syntax error: unexpected end of input\n"},
        {"echo a |", "sh: syntax error: unexpected end of input\n"},
        {"echo a &&", "sh: syntax error: unexpected end of input\n"},
        {"echo a \\", "sh: syntax error: unexpected end of input\n"},
        {"echo ran; echo b | | c", "sh: syntax error near '|'\n"},
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        SH(NULL, (char *)cases[i].cmds);
        CHECK_RUN(r, 2, "", cases[i].err);
    }
    PASS("syntax errors: named where they are, status 2, nothing of the line runs");
}

static void test_builtins(void) {
    SH(NULL, "echo $PWD; env | grep -c '^PWD=/$'");
    CHECK_RUN(r, 0, "/\n1\n", "");
    SH(NULL, "cd /data; pwd; echo $PWD; cd ..; pwd; cd -; cd; pwd");
    CHECK_RUN(r, 0, "/data\n/data\n/\n/data\n/\n", "");
    SH(NULL, "cd /nope; echo $?; cd /data/short; echo $?; cd a b; echo $?; pwd");
    CHECK_RUN(r, 0, "1\n1\n2\n/\n",
              "sh: cd: /nope: No such file or directory\nsh: cd: /data/short: Not a directory\n"
              "sh: cd: too many arguments\n");
    SH(NULL, "echo -n a; echo b; echo; echo -n");
    CHECK_RUN(r, 0, "ab\n\n", "");
    SH(NULL, "exit 3; echo no");
    CHECK_RUN(r, 3, "", "");
    SH(NULL, "false; exit");
    CHECK_RUN(r, 1, "", "");
    SH(NULL, "exit 256");
    CHECK_RUN(r, 0, "", "");
    SH(NULL, "exit x");
    CHECK_RUN(r, 2, "", "sh: exit: x: a number is needed\n");
    SH(NULL, "exit 1 2; echo still here");
    CHECK_RUN(r, 0, "still here\n", "sh: exit: too many arguments\n");
    SH(NULL, "export -n; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: export: -n: not a valid name\n");
    SH(NULL, "export ONE=1; export | grep ONE");
    CHECK_RUN(r, 0, "export ONE='1'\n", "");
    PASS("builtins: cd (HOME, -, errors), pwd, echo -n, exit (status, the last one's, errors), export");
}

/* help: every builtin, one line each; the programs of /bin, read from the directory when asked
 * (a program added since is listed); how to leave. */
static void test_help(void) {
    SH(NULL, "help");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && r.err[0] == '\0');
    static const char *const builtins[] = {":",
                                           "[ expr ]",
                                           "test expr",
                                           "break [n]",
                                           "continue [n]",
                                           "false",
                                           "true",
                                           "bg [%job]",
                                           "cd [dir | -]",
                                           "echo [-n] [word...]",
                                           "exit [n]",
                                           "export [name[=value]...]",
                                           "fg [%job]",
                                           "command [-v | -V] name...",
                                           "help",
                                           ". file",
                                           "eval [arg...]",
                                           "exec [command [arg...]]",
                                           "local name[=value]...",
                                           "read [-r] name...",
                                           "return [n]",
                                           "set [-eux] [-- arg...]",
                                           "shift [n]",
                                           "trap [action cond...]",
                                           "history",
                                           "jobs",
                                           "pwd",
                                           "type name...",
                                           "umask [-S] [mask]",
                                           "unset [-f] name...",
                                           "wait [%job...]"};
    for (unsigned i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
        char line[64];
        snprintf(line, sizeof(line), "\n  %-26s ", builtins[i]);
        if (!strstr(r.out, line))
            FAIL("help does not show \"%s\": \"%s\"", builtins[i], r.out);
    }
    CHECK(strstr(r.out, "\nPrograms in /bin:\nbasename  cat       chmod     chown     cp        date      dirname   "
                        "echo\n"));
    CHECK(strstr(r.out, "yes") && !strstr(r.out, "zzz"));
    CHECK(strstr(r.out, "`exit` or Ctrl-D ends the shell, and init then powers the machine off.\n"));
    CHECK(strstr(r.out, "Up/Down for earlier lines, Tab completes"));
    PASS("help: every builtin with its use, the programs of /bin in columns, the editing keys, how to leave");
    int fd = open("/bin/zzz", O_WRONLY | O_CREAT, 0755); /* a program added since */
    CHECK(fd >= 0 && close(fd) == 0);
    SH(NULL, "help");
    CHECK(strstr(r.out, "yes       zzz\n") || strstr(r.out, "\nzzz\n"));
    CHECK_EQ(unlink("/bin/zzz"), 0);
    SH(NULL, "help | grep -c 'Programs in /bin'");
    CHECK_RUN(r, 0, "1\n", "");
    PASS("help: reads /bin each time (a program added is listed); into a pipe like the others");
}

/* type and command -v/-V: keywords, builtins, programs found through PATH, and names that are
 * nothing (status 1); command runs a builtin or a program. */
static void test_type(void) {
    SH(NULL, "type if cd ls; type nope; echo $?");
    CHECK_RUN(r, 0, "if is a shell keyword\ncd is a shell builtin\nls is /bin/ls\n1\n", "sh: type: nope: not found\n");
    SH(NULL, "command -v ls cd /bin/cat; command -v nope || echo none");
    CHECK_RUN(r, 0, "/bin/ls\ncd\n/bin/cat\nnone\n", "");
    SH(NULL, "PATH=/nowhere; type ls; command -v sh; echo $?");
    CHECK_RUN(r, 0, "1\n", "sh: type: ls: not found\n");
    SH(NULL, "command -V echo; command echo hi; command ls /data/short; command nope; echo $?");
    CHECK_RUN(r, 0, "echo is a shell builtin\nhi\n/data/short\n127\n", "sh: nope: not found\n");
    SH(NULL, "command -x");
    CHECK_RUN(r, 2, "", "sh: command: -x: unknown option (only -v and -V)\n");
    SH(NULL, "history; echo $?");
    CHECK_RUN(r, 0, "0\n", ""); /* no lines typed: a script's are not kept */
    PASS("type and command -v/-V: keywords, builtins, programs through PATH, not found (1); command runs");
    SH(NULL, "umask; umask -S; umask 027; umask; umask -S; : > /tmp/um; mkdir /tmp/umd; ls -ln /tmp/um; "
             "stat /tmp/umd | grep -F '(0'; rm /tmp/um; rmdir /tmp/umd");
    CHECK(strncmp(r.out, "0000\nu=rwx,g=rwx,o=rwx\n0027\nu=rwx,g=rx,o=\n-rw-r----- 1 0 0 0 ", 51) == 0);
    CHECK(strstr(r.out, "(0750/drwxr-x---)"));
    SH(NULL, "umask 8; echo $?; umask 1 2");
    CHECK_RUN(r, 2, "2\n", "sh: umask: 8: not an octal mask\nsh: umask: too many arguments\n");
    PASS("umask: printed in octal and with -S, set in octal (a file 0640, a directory 0750 under 027), errors (2)");
}

static void test_jobs(void) {
    SH(NULL, "sleep 0.1 & echo started; wait; echo waited $?");
    CHECK_RUN(r, 0, "started\nwaited 0\n", "");
    SH(NULL, "false & wait $!; echo $?; sh -c 'exit 5' & wait %1; echo $?");
    CHECK_RUN(r, 0, "1\n5\n", "");
    SH(NULL, "sleep 1 & jobs; kill $!; wait; echo $?");
    CHECK_RUN(r, 0, "[1]+  Running      sleep 1 &\n0\n", "");
    /* kill takes job numbers: the shell makes them process ids before /bin/kill runs. */
    SH(NULL, "sleep 5 & kill %1; wait %1; echo $?; sleep 5 & kill -KILL %%; wait $!; echo $?");
    CHECK_RUN(r, 0, "143\n137\n", "");
    SH(NULL, "sleep 5 & sleep 6 & kill -s HUP %- %+; wait %1; echo $?; wait %2; echo $?");
    CHECK_RUN(r, 0, "129\n129\n", "");
    SH(NULL, "sleep 5 & kill %% | cat; wait %1; echo $?; kill %7; echo $?; kill -l 143");
    CHECK_RUN(r, 0, "143\n1\nTERM\n", "sh: kill: %7: no such job\n");
    SH(NULL, "true && sleep 0.1 && echo in-background & wait; echo after");
    CHECK_RUN(r, 0, "in-background\nafter\n", "");
    SH(NULL, "fg; echo $?; bg; wait %7; echo $?");
    CHECK_RUN(r, 0, "1\n127\n",
              "sh: fg: no job control in this shell\nsh: bg: no job control in this shell\n"
              "sh: wait: %7: no such job\n");
    PASS(
        "background jobs: &, $!, wait (all, %n, pid), jobs, kill %n, a background and-or list; fg/bg need job control");
}

static void test_scripts(void) {
    RUN(r, NULL, "/bin/sh", "/data/script.sh", "first", "second arg");
    CHECK_RUN(r, 4, "script /data/script.sh with 2: first, second arg\nline one\nline two\ncontinued line\n3\n", "");
    RUN(r, NULL, "/bin/sh", "/data/bad.sh");
    CHECK_RUN(r, 2, "ran\n", "sh: /data/bad.sh: line 3: syntax error near ';;'\n");
    RUN(r, NULL, "/bin/sh", "/data/missing.sh");
    CHECK_RUN(r, 127, "before\n", "sh: /data/missing.sh: line 2: nosuchcommand: not found\n");
    RUN(r, NULL, "/bin/sh", "/nope.sh");
    CHECK_RUN(r, 127, "", "sh: /nope.sh: No such file or directory\n");
    SH(NULL, "/data/script.sh x; echo $?");
    CHECK_RUN(r, 0, "script /data/script.sh with 1: x,\nline one\nline two\ncontinued line\n3\n4\n", "");
    PASS("scripts: arguments, comments, quotes over lines, exit; errors name the script and line");
    RUN(r, "echo from stdin\ncat\nread by cat\nexit 4\n", "/bin/sh");
    CHECK_RUN(r, 0, "from stdin\nread by cat\nexit 4\n", "");
    RUN(r, "echo a |\ncat\n", "/bin/sh");
    CHECK_RUN(r, 0, "a\n", "");
    RUN(r, NULL, "/bin/sh", "-c");
    CHECK_RUN(r, 2, "", "sh: -c: a command is needed\n");
    PASS("sh reading standard input (not a terminal): no prompt, lines left to the commands that read");
}

/* case: patterns as for paths (quoting makes them literal), the first item that matches runs;
 * `;;` may be left out before esac; (pattern) and pattern|pattern. */
static void test_case(void) {
    SH(NULL, "case abc in a*) echo A;; *) echo other;; esac; case x in y|x) echo yx; esac; "
             "case '*' in \"*\") echo star;; esac; case 'a*' in a\\*) echo lit;; esac; "
             "case a in '*') echo no;; *) echo yes; esac");
    CHECK_RUN(r, 0, "A\nyx\nstar\nlit\nyes\n", "");
    SH(NULL,
       "x=hello; p='h*'; case $x in\n  (h?llo) echo m1\n  ;;\n  *) echo no\nesac; case hi in $p) echo var;; esac; "
       "case hi in \"$p\") echo no;; *) echo quoted-var;; esac; case z in a) echo a;; esac; echo $?; "
       "case x in [!a]) echo neg;; esac; case x in *) false;; esac; echo $?; case a in a) ;; esac; echo $?");
    CHECK_RUN(r, 0, "m1\nvar\nquoted-var\n0\nneg\n1\n0\n", "");
    SH(NULL, "for w in a.c b.h 'c d'; do case $w in *.c|*.h) echo \"src $w\";; *' '*) echo \"space $w\";; esac; done");
    CHECK_RUN(r, 0, "src a.c\nsrc b.h\nspace c d\n", "");
    SH(NULL, "y=$(case x in x) echo a;; esac); echo $y \"$(case y in x|y) echo c;; esac)\" "
             "$(case a in a) case b in (b) echo nested;; esac;; esac) $(echo case; echo '(' esac) $( (echo sub) )");
    CHECK_RUN(r, 0, "a c nested case ( esac sub\n", "");
    PASS("case: path patterns, quoted parts literal, a|b, (pattern), ;; optional at the end, status, in $(...)");
    SH(NULL, "case x in x) echo a;; esac esac");
    CHECK_RUN(r, 2, "", "sh: syntax error near 'esac'\n");
    SH(NULL, "case x in x) echo a ;; ) esac");
    CHECK_RUN(r, 2, "", "sh: syntax error near ')'\n");
    SH(NULL, "case x in x) echo a");
    CHECK_RUN(r, 2, "", "sh: syntax error: unexpected end of input\n");
    SH(NULL, "echo case esac; type case esac");
    CHECK_RUN(r, 0, "case esac\ncase is a shell keyword\nesac is a shell keyword\n", "");
    PASS("case: syntax errors, an unfinished case; case and esac are keywords only where a command starts");
}

/* Functions: name() compound-command, their own $1.. $# $@ ($0 stays), return, local, unset -f. */
static void test_functions(void) {
    RUN(r, NULL, "/bin/sh", "-c",
        "f() { echo \"$0|$#|$1|$2|$@\"; }; f a 'b c'; echo \"$#|$1\"; f; g() { return 3; echo no; }; g; echo $?",
        "zero", "x", "y");
    CHECK_RUN(r, 0, "zero|2|a|b c|a b c\n2|x\nzero|0|||\n3\n", "");
    SH(NULL, "f() { local x=inner y; echo $x; x=changed; y=set; }; x=outer; f; echo $x \"[$y]\"; "
             "h() { echo h; return; }; h; unset -f h; h; echo $?");
    CHECK_RUN(r, 0, "inner\nouter []\nh\n127\n", "sh: h: not found\n");
    SH(NULL, "f() ( cd /data; x=sub; exit 4 ); x=top; f; echo $? $x; pwd; "
             "fact() { if [ $1 -le 1 ]; then echo 1; return; fi; echo $(( $1 * $(fact $(($1 - 1))) )); }; fact 5");
    CHECK_RUN(r, 0, "4 top\n/\n120\n", "");
    SH(NULL, "f() { for i in 1 2 3; do if [ $i = 2 ]; then return 7; fi; echo $i; done; }; f; echo $?; f | cat; "
             "g()\n{\n  echo multi\n} > /dev/null; g; echo $?; echo() { command echo wrapped \"$@\"; }; echo x");
    CHECK_RUN(r, 0, "1\n7\n1\n0\nwrapped x\n", "");
    SH(NULL, "f() { shift; echo \"$@\"; set -- new; echo $1; }; set -- p q; f a b c; echo \"$@\"; type f; "
             "f() { echo redefined; }; f; g() { unset -f g; echo still; }; g; g");
    CHECK_RUN(r, 127, "b c\nnew\np q\nf is a shell function\nredefined\nstill\n", "sh: g: not found\n");
    SH(NULL, "return 1; echo $?; local x; echo $?; f() { ( return 5 ); echo sub $?; }; f");
    CHECK_RUN(r, 0, "1\n1\nsub 5\n",
              "sh: return: only meaningful in a function or a `.` file\nsh: local: only meaningful in a function\n");
    SH(NULL, "f(); echo x");
    CHECK_RUN(r, 2, "", "sh: syntax error near ';'\n");
    PASS("functions: arguments, $0, return [n], local, redefinition, unset -f, ( ) bodies, recursion, pipes");
}

/* read: IFS splitting, the last name takes the rest, backslashes without -r, 1 at the end. */
static void test_read(void) {
    SH("a b  c d\n  lead  \nx\\ y z\ncont\\\nline\nraw\\ \\\nlast",
       "read a b; echo \"[$a][$b]\"; read c; echo \"[$c]\"; "
       "read p q; echo \"[$p][$q]\"; read s; echo \"[$s]\"; read -r t; echo \"[$t]\"; read u; echo \"$? [$u]\"; "
       "read v; echo \"$? [$v]\"");
    CHECK_RUN(r, 0, "[a][b  c d]\n[lead]\n[x y][z]\n[contline]\n[raw\\ \\]\n1 [last]\n1 []\n", "");
    SH("one:two::three\n  x  y  \na b\na:b:\na:b:c:\n a , b \n",
       "IFS=: read a b c d; echo \"[$a][$b][$c][$d]\"; IFS= read e; echo \"[$e]\"; read f g h; echo \"[$f][$g][$h]\"; "
       "IFS=: read a b; echo \"[$a][$b]\"; IFS=: read a b; echo \"[$a][$b]\"; IFS=' ,' read a b c; echo "
       "\"[$a][$b][$c]\"");
    CHECK_RUN(r, 0, "[one][two][][three]\n[  x  y  ]\n[a][b][]\n[a][b]\n[a][b:c:]\n[a][b][]\n", "");
    PASS("read: IFS fields, the last name the rest, IFS=, backslash escapes and continued lines, -r, 1 at the end");
    SH("l1\nl2\nl3\n", "read a; cat; echo \"[$a]\"");
    CHECK_RUN(r, 0, "l2\nl3\n[l1]\n", "");
    RUN(r, "read x\nfirst line for read\necho \"[$x]\"\n", "/bin/sh");
    CHECK_RUN(r, 0, "[first line for read]\n", "");
    SH("x\n", "echo y | read v; echo \"[$v]\"; read; echo $?; read -q v; echo $?; read 1x; echo $?");
    CHECK_RUN(r, 0, "[]\n2\n2\n2\n",
              "sh: read: a variable name is needed\nsh: read: -q: unknown option (only -r)\n"
              "sh: read: 1x: not a valid name\n");
    PASS("read: one byte at a time (the next command or line of a script stays unread); in a pipe; errors");
}

/* shift, set -- and the options -e, -u, -x; set alone; $-. */
static void test_set(void) {
    SH(NULL, "set -- a 'b c' d; echo $# \"$2\"; shift; echo $# \"$1\"; shift 2; echo $#; shift; echo $?; "
             "set -- x y; echo \"$@\"; set --; echo $#; shift 0; set -- 1 2 3; shift 2; echo $1");
    CHECK_RUN(r, 0, "3 b c\n2 b c\n0\n1\nx y\n0\n3\n", "sh: shift: can't shift 1 of 0 arguments\n");
    SH(NULL, "a=1 b=\"it's\"; set | grep '^[ab]='; set -q; echo $?");
    CHECK_RUN(r, 0, "a='1'\nb='it'\\''s'\n2\n", "sh: set: -q: unknown option (only -e, -u and -x)\n");
    PASS("shift [n] (too many: 1), set -- args, set alone lists the variables quoted");
    SH(NULL, "set -e; if false; then :; fi; while false; do :; done; until true; do :; done; false && true; "
             "false || true; ! true; f() { false; echo in-f; }; f || echo guarded; echo still; false; echo not-here");
    CHECK_RUN(r, 1, "in-f\nstill\n", "");
    SH(NULL, "set -e; (false; echo no); echo no");
    CHECK_RUN(r, 1, "", "");
    SH(NULL, "set -e; x=$(exit 3); echo no");
    CHECK_RUN(r, 3, "", "");
    SH(NULL, "set -e; { true | false; echo no; }; echo no");
    CHECK_RUN(r, 1, "", "");
    SH(NULL, "set -e; false & wait; set +e; false; echo \"[$-]\" off");
    CHECK_RUN(r, 0, "[] off\n", "");
    PASS("set -e: a failure ends the shell, but not in if/while/until conditions, && || but the last, !, &");
    SH(NULL, "set -u; x=1; echo $x $#; echo $nope; echo after");
    CHECK_RUN(r, 2, "1 0\n", "sh: nope: parameter not set\n");
    SH(NULL, "set -u; echo \"$@\" $*; echo $1");
    CHECK_RUN(r, 2, "\n", "sh: 1: parameter not set\n");
    SH(NULL,
       "set -x; x=1; echo a \"$x b\" >/dev/null; PS4='> '; f() { true; }; f z; set +x; echo $-; set -eux; echo $-");
    CHECK_RUN(r, 0, "\neux\n", "+ x=1\n+ echo a 1 b\n+ PS4=> \n> f z\n> true\n> set +x\n> echo eux\n");
    PASS("set -u: an unset variable or argument is an error; set -x traces to stderr after PS4; $-");
}

/* eval, exec, `.` */
static void test_eval_exec_dot(void) {
    SH(NULL, "x='echo hi; echo $y'; y=there; eval $x; eval 'z=5'; echo $z; eval; echo $?; eval false; echo $?; "
             "eval 'if'; echo $?");
    CHECK_RUN(r, 0, "hi\nthere\n5\n0\n1\n2\n", "sh: syntax error: unexpected end of input\n");
    SH(NULL, "exec 3>/e3; echo to3 >&3; exec 3>&-; echo closed >&3; cat /e3; (exec >/elog; echo logged; echo more); "
             "cat /elog; rm /e3 /elog; exec sh_test --args replaced; echo not");
    CHECK_RUN(r, 0, "to3\nlogged\nmore\n[replaced]\n", "sh: 3: Bad file descriptor\n");
    SH(NULL, "exec nosuchprog; echo after");
    CHECK_RUN(r, 127, "", "sh: nosuchprog: not found\n");
    PASS("eval: joined arguments run in this shell; exec: replaces the shell, or keeps its redirections");
    SH(NULL,
       "echo 'echo dot $x \"$#\"; x=set-in-dot; f() { echo f-from-dot; }; return 3; echo no' > /d.sh; "
       "x=1; . /d.sh; echo $? $x; f; PATH=/; . d.sh; PATH=/bin; . /nonexist; echo $?; . nonexist; echo $?; rm /d.sh");
    CHECK_RUN(r, 0, "dot 1 0\n3 set-in-dot\nf-from-dot\ndot set-in-dot 0\n1\n1\n",
              "sh: .: /nonexist: No such file or directory\nsh: .: nonexist: not found\n");
    PASS(". file: runs in this shell (variables, functions stay), return ends it, PATH search, errors");
}

/* trap: actions on signals and EXIT, '' ignores (children too), - resets, trap alone lists. */
static void test_trap(void) {
    SH(NULL, "trap 'echo bye $?' EXIT; echo main; exit 3");
    CHECK_RUN(r, 3, "main\nbye 3\n", "");
    SH(NULL, "trap 'echo exiting; exit 9' EXIT; true");
    CHECK_RUN(r, 9, "exiting\n", "");
    SH(NULL, "set -e; trap 'echo trap-ran' EXIT; false; echo no");
    CHECK_RUN(r, 1, "trap-ran\n", "");
    SH(NULL, "trap 'echo in-sub' EXIT; x=$(echo sub); echo $x; (echo sub2); trap - EXIT; echo end");
    CHECK_RUN(r, 0, "sub\nsub2\nend\n", "");
    PASS("trap EXIT: runs once when the shell ends ($? is the status; exit in it changes it), not in subshells");
    SH(NULL, "trap 'echo got usr1 $?' USR1; false; kill -USR1 $$; echo after $?; trap; trap - USR1; trap; "
             "trap '' INT; trap");
    CHECK_RUN(r, 0, "got usr1 0\nafter 0\ntrap -- 'echo got usr1 $?' USR1\ntrap -- '' INT\n", "");
    SH(NULL, "trap 'echo w' WINCH; trap '' SIGXFSZ 7; trap; kill -WINCH $$; trap - WINCH XFSZ BUS; trap");
    CHECK_RUN(r, 0, "trap -- '' BUS\ntrap -- '' XFSZ\ntrap -- 'echo w' WINCH\nw\n", ""); /* every signal by name */
    SH(NULL, "trap '' TERM; sh -c 'kill $$; echo child-survived'; kill $$; echo survived; trap - TERM; "
             "sh -c 'kill $$; echo no'; echo $?");
    CHECK_RUN(r, 0, "child-survived\nsurvived\nTerminated\n143\n", "");
    /* INT and QUIT too, which the shell sets back to their defaults in the children it makes */
    SH(NULL, "trap '' INT QUIT; sh -c 'kill -INT $$; kill -QUIT $$; echo ignored-in-child'; echo $?");
    CHECK_RUN(r, 0, "ignored-in-child\n0\n", "");
    SH(NULL, "trap 'echo x' NOPE KILL; echo $?; trap 'echo a' 0 SIGTERM 15; trap; trap 0 TERM; trap; trap x");
    CHECK_RUN(r, 2, "1\ntrap -- 'echo a' EXIT\ntrap -- 'echo a' TERM\n",
              "sh: trap: NOPE: not a signal\nsh: trap: KILL: cannot be caught\n"
              "sh: trap: a condition is needed (EXIT, INT, TERM...)\n");
    PASS("trap on a signal: its action runs after the command; '' ignores it here and in children; - resets");
}

/* --args: prints each argument in brackets, for the tests above. */
static int print_args(int argc, char **argv) {
    for (int i = 2; i < argc; i++)
        printf("[%s]\n", argv[i]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--args") == 0)
        return print_args(argc, argv);
    test_commands();
    test_quoting();
    test_patterns();
    test_compound();
    test_substitution();
    test_parameters();
    test_variables();
    test_pipelines();
    test_redirections();
    test_lists();
    test_syntax_errors();
    test_builtins();
    test_help();
    test_type();
    test_jobs();
    test_scripts();
    test_case();
    test_functions();
    test_read();
    test_set();
    test_eval_exec_dot();
    test_trap();
    return done_testing();
}
