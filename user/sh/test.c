/*
 * test and [ (a builtin, so a loop's `[ $i -lt 10 ]` forks nothing): status 0 when the
 * expression is true, 1 when false, 2 with a message when it cannot be read.
 *
 * POSIX decides by the number of arguments up to four, which settles the cases where an
 * operand looks like an operator (`[ "$x" = -n ]`, `[ ! = ! ]`); longer expressions are parsed
 * with -a binding tighter than -o, `!` and parentheses (the XSI grammar):
 *
 *   or := and { -o and }     and := not { -a not }     not := ! not | ( or ) | primary
 *   primary := unary-op operand | operand binary-op operand | operand
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct test {
    char **arg; /* the operands left */
    int count;
    const char *error; /* set once: the status is then 2 */
    const char *name;  /* "test" or "[" */
};

static void fail(struct test *t, const char *why) {
    if (!t->error)
        t->error = why;
}

static bool is_unary(const char *op) {
    return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghLnprSstuwxz", op[1]);
}

static bool is_binary(const char *op) {
    static const char *const ops[] = {"=",   "!=",  "<",   ">",   "-eq", "-ne", "-lt",
                                      "-le", "-gt", "-ge", "-nt", "-ot", "-ef"};
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (strcmp(op, ops[i]) == 0)
            return true;
    return false;
}

static long integer(struct test *t, const char *s) {
    char *end;
    long n = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*s == '\0' || *end != '\0')
        fail(t, "integer expected");
    return n;
}

static bool unary(struct test *t, const char *op, const char *operand) {
    struct stat st;

    switch (op[1]) {
    case 'n':
        return operand[0] != '\0';
    case 'z':
        return operand[0] == '\0';
    case 't':
        return isatty((int)integer(t, operand));
    case 'r':
        return access(operand, R_OK) == 0;
    case 'w':
        return access(operand, W_OK) == 0;
    case 'x':
        return access(operand, X_OK) == 0;
    }
    if (stat(operand, &st) < 0)
        return false;
    switch (op[1]) {
    case 'b':
        return S_ISBLK(st.st_mode);
    case 'c':
        return S_ISCHR(st.st_mode);
    case 'd':
        return S_ISDIR(st.st_mode);
    case 'f':
        return S_ISREG(st.st_mode);
    case 'h':
    case 'L':
        return false; /* stat follows links; there are none */
    case 'p':
        return S_ISFIFO(st.st_mode);
    case 'S':
        return S_ISSOCK(st.st_mode);
    case 's':
        return st.st_size > 0;
    case 'g':
        return (st.st_mode & S_ISGID) != 0;
    case 'u':
        return (st.st_mode & S_ISUID) != 0;
    default: /* -e */
        return true;
    }
}

static bool binary(struct test *t, const char *x, const char *op, const char *y) {
    if (strcmp(op, "=") == 0)
        return strcmp(x, y) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(x, y) != 0;
    if (strcmp(op, "<") == 0)
        return strcmp(x, y) < 0;
    if (strcmp(op, ">") == 0)
        return strcmp(x, y) > 0;
    if (op[1] == 'n' || op[1] == 'o' || (op[1] == 'e' && op[2] == 'f')) {
        struct stat a, b;
        bool ha = stat(x, &a) == 0, hb = stat(y, &b) == 0;
        if (op[1] == 'e')
            return ha && hb && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
        if (op[1] == 'n')
            return ha && (!hb || a.st_mtime > b.st_mtime);
        return hb && (!ha || a.st_mtime < b.st_mtime);
    }
    long m = integer(t, x), n = integer(t, y);
    if (strcmp(op, "-eq") == 0)
        return m == n;
    if (strcmp(op, "-ne") == 0)
        return m != n;
    if (strcmp(op, "-lt") == 0)
        return m < n;
    if (strcmp(op, "-le") == 0)
        return m <= n;
    if (strcmp(op, "-gt") == 0)
        return m > n;
    return m >= n;
}

/* --- the grammar for more than four arguments ------------------------------------------------ */

static const char *peek(struct test *t, int i) {
    return i < t->count ? t->arg[i] : NULL;
}

static const char *take(struct test *t) {
    if (t->count == 0) {
        fail(t, "argument expected");
        return "";
    }
    t->count--;
    return *t->arg++;
}

static bool or_expr(struct test *t);

static bool not_expr(struct test *t) {
    const char *a = peek(t, 0), *b = peek(t, 1);

    if (a && strcmp(a, "!") == 0 && b) {
        take(t);
        return !not_expr(t);
    }
    if (a && strcmp(a, "(") == 0 && !(b && is_binary(b))) {
        take(t);
        bool value = or_expr(t);
        if (!peek(t, 0) || strcmp(take(t), ")") != 0)
            fail(t, "')' expected");
        return value;
    }
    if (a && b && is_binary(b) && peek(t, 2)) {
        take(t), take(t);
        return binary(t, a, b, take(t));
    }
    if (a && is_unary(a) && b) {
        take(t);
        return unary(t, a, take(t));
    }
    return take(t)[0] != '\0';
}

static bool and_expr(struct test *t) {
    bool value = not_expr(t);
    while (peek(t, 0) && strcmp(peek(t, 0), "-a") == 0) {
        take(t);
        value = not_expr(t) && value;
    }
    return value;
}

static bool or_expr(struct test *t) {
    bool value = and_expr(t);
    while (peek(t, 0) && strcmp(peek(t, 0), "-o") == 0) {
        take(t);
        value = and_expr(t) || value;
    }
    return value;
}

/* --- POSIX's rules by the number of arguments ------------------------------------------------ */

static bool evaluate(struct test *t, char **arg, int count) {
    switch (count) {
    case 0:
        return false;
    case 1:
        return arg[0][0] != '\0';
    case 2:
        if (strcmp(arg[0], "!") == 0)
            return !evaluate(t, arg + 1, 1);
        if (is_unary(arg[0]))
            return unary(t, arg[0], arg[1]);
        break;
    case 3:
        if (is_binary(arg[1]))
            return binary(t, arg[0], arg[1], arg[2]);
        if (strcmp(arg[0], "!") == 0)
            return !evaluate(t, arg + 1, 2);
        if (strcmp(arg[0], "(") == 0 && strcmp(arg[2], ")") == 0)
            return evaluate(t, arg + 1, 1);
        break;
    case 4:
        if (strcmp(arg[0], "!") == 0)
            return !evaluate(t, arg + 1, 3);
        if (strcmp(arg[0], "(") == 0 && strcmp(arg[3], ")") == 0)
            return evaluate(t, arg + 1, 2);
        break;
    }
    t->arg = arg;
    t->count = count;
    bool value = or_expr(t);
    if (t->count > 0)
        fail(t, "too many arguments");
    return value;
}

int builtin_test(int argc, char **argv) {
    struct test t = {.name = argv[0]};

    if (strcmp(argv[0], "[") == 0) {
        if (strcmp(argv[argc - 1], "]") != 0) {
            sh_error("[: ']' expected");
            return 2;
        }
        argc--;
    }
    bool value = evaluate(&t, argv + 1, argc - 1);
    if (t.error) {
        sh_error("%s: %s", t.name, t.error);
        return 2;
    }
    return value ? 0 : 1;
}
