/*
 * Arithmetic expansion, $((expr)): C's integer operators on longs, by recursive descent, one
 * function per precedence level (lowest first):
 *
 *   assign  NAME = += -= *= /= %= <<= >>= &= ^= |= assign      (right to left)
 *   cond    or ? expr : cond
 *   or ||   and &&   bitor |   bitxor ^   bitand &   eq == !=   rel < <= > >=
 *   shift << >>   add + -   mul * / %   unary + - ! ~   primary: number, NAME, ( expr )
 *
 * A NAME stands for its variable's value (unset or empty: 0). Numbers are decimal, octal (0...)
 * or hexadecimal (0x...). The side that && || ?: do not take is parsed but not evaluated, so
 * `$((0 && 1/0))` is 0 and `$((1 || (x=5)))` leaves x alone.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
    const char *expr; /* the whole expression, for messages */
    const char *p;    /* the next character */
    int skip;         /* > 0: parsing a side that is not taken (no effects, no errors) */
    const char *error;
};

static long assign(struct arith *a);

static void fail(struct arith *a, const char *why) {
    if (!a->error)
        a->error = why;
}

static void blanks(struct arith *a) {
    while (isspace((unsigned char)*a->p))
        a->p++;
}

/* Takes `op` if the input continues with it, and not with a longer operator that begins with
 * it (`<` is not the start of `<<` or `<=`, `=` not of `==`, `&` not of `&&` or `&=`). */
static bool take(struct arith *a, const char *op) {
    static const char *const longer[] = {"<<=", ">>=", "<<", ">>", "<=", ">=", "==", "!=", "&&",
                                         "||",  "+=",  "-=", "*=", "/=", "%=", "&=", "^=", "|="};
    size_t len = strlen(op);

    blanks(a);
    if (strncmp(a->p, op, len) != 0)
        return false;
    for (size_t i = 0; i < sizeof(longer) / sizeof(longer[0]); i++) {
        size_t n = strlen(longer[i]);
        if (n > len && strncmp(longer[i], op, len) == 0 && strncmp(a->p, longer[i], n) == 0)
            return false;
    }
    a->p += len;
    return true;
}

/* A number as text (a variable's value): decimal, octal or hexadecimal, optional sign. */
static bool number(const char *s, long *value) {
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0') {
        *value = 0;
        return true;
    }
    *value = strtol(s, &end, 0);
    while (isspace((unsigned char)*end))
        end++;
    return *end == '\0';
}

static long primary(struct arith *a) {
    blanks(a);
    if (take(a, "(")) {
        long v = assign(a);
        if (!take(a, ")"))
            fail(a, "')' expected");
        return v;
    }
    if (isdigit((unsigned char)*a->p)) {
        const char *start = a->p;
        while (isalnum((unsigned char)*a->p))
            a->p++;
        char text[32];
        long v = 0;
        if ((size_t)(a->p - start) >= sizeof(text))
            fail(a, "number too long");
        else {
            memcpy(text, start, (size_t)(a->p - start));
            text[a->p - start] = '\0';
            if (!number(text, &v))
                fail(a, "not a number");
        }
        return v;
    }
    if (*a->p == '_' || isalpha((unsigned char)*a->p)) {
        const char *start = a->p;
        while (*a->p == '_' || isalnum((unsigned char)*a->p))
            a->p++;
        char name[64];
        long v = 0;
        if ((size_t)(a->p - start) >= sizeof(name)) {
            fail(a, "name too long");
            return 0;
        }
        memcpy(name, start, (size_t)(a->p - start));
        name[a->p - start] = '\0';
        const char *value = var_get(name);
        if (value && !number(value, &v) && !a->skip)
            fail(a, "a variable's value is not a number");
        return v;
    }
    fail(a, *a->p ? "syntax error" : "an operand is missing");
    return 0;
}

static long unary(struct arith *a) {
    if (take(a, "+"))
        return unary(a);
    if (take(a, "-"))
        return -unary(a);
    if (take(a, "!"))
        return !unary(a);
    if (take(a, "~"))
        return ~unary(a);
    return primary(a);
}

/* x op y for the binary operators of the levels from mul to bitor; false on division by 0. */
static bool apply(struct arith *a, const char *op, long x, long y, long *out) {
    if ((op[0] == '/' || op[0] == '%') && y == 0) {
        if (!a->skip)
            fail(a, "division by zero");
        *out = 0;
        return false;
    }
    switch (op[0]) {
    case '*':
        *out = x * y;
        break;
    case '/':
        *out = (x == -__LONG_MAX__ - 1 && y == -1) ? x : x / y;
        break;
    case '%':
        *out = (y == -1) ? 0 : x % y;
        break;
    case '+':
        *out = (long)((unsigned long)x + (unsigned long)y);
        break;
    case '-':
        *out = (long)((unsigned long)x - (unsigned long)y);
        break;
    case '<':
        *out = op[1] == '<' ? (long)((unsigned long)x << (y & 31)) : op[1] == '=' ? x <= y : x < y;
        break;
    case '>':
        *out = op[1] == '>' ? x >> (y & 31) : op[1] == '=' ? x >= y : x > y;
        break;
    case '=':
        *out = x == y;
        break;
    case '!':
        *out = x != y;
        break;
    case '&':
        *out = x & y;
        break;
    case '^':
        *out = x ^ y;
        break;
    case '|':
        *out = x | y;
        break;
    }
    return true;
}

/* The left-associative levels, highest precedence first, each with its operators. */
static const char *const levels[][4] = {
    {"*", "/", "%"}, {"+", "-"}, {"<<", ">>"}, {"<=", ">=", "<", ">"}, {"==", "!="}, {"&"}, {"^"}, {"|"},
};
#define LEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static long binary(struct arith *a, int level) {
    if (level < 0)
        return unary(a);
    long x = binary(a, level - 1);
    for (;;) {
        const char *op = NULL;
        for (int i = 0; i < 4 && levels[level][i] && !op; i++)
            if (take(a, levels[level][i]))
                op = levels[level][i];
        if (!op)
            return x;
        long y = binary(a, level - 1);
        apply(a, op, x, y, &x);
    }
}

static long logical_and(struct arith *a) {
    long x = binary(a, LEVELS - 1);
    while (take(a, "&&")) {
        a->skip += !x;
        long y = binary(a, LEVELS - 1);
        a->skip -= !x;
        x = x && y;
    }
    return x;
}

static long logical_or(struct arith *a) {
    long x = logical_and(a);
    while (take(a, "||")) {
        a->skip += !!x;
        long y = logical_and(a);
        a->skip -= !!x;
        x = x || y;
    }
    return x;
}

static long conditional(struct arith *a) {
    long c = logical_or(a);
    if (!take(a, "?"))
        return c;
    a->skip += !c;
    long yes = assign(a);
    a->skip -= !c;
    if (!take(a, ":"))
        fail(a, "':' expected");
    a->skip += !!c;
    long no = conditional(a);
    a->skip -= !!c;
    return c ? yes : no;
}

static long assign(struct arith *a) {
    static const char *const ops[] = {"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="};
    blanks(a);
    const char *start = a->p, *end = a->p;
    while (*end == '_' || isalnum((unsigned char)*end))
        end++;
    if (end > start && !isdigit((unsigned char)*start)) {
        a->p = end;
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            if (!take(a, ops[i]))
                continue;
            char name[64];
            if ((size_t)(end - start) >= sizeof(name)) {
                fail(a, "name too long");
                return 0;
            }
            memcpy(name, start, (size_t)(end - start));
            name[end - start] = '\0';
            long v = assign(a), old = 0;
            const char *value = var_get(name);
            if (i > 0 && value && !number(value, &old) && !a->skip)
                fail(a, "a variable's value is not a number");
            if (i > 0) {
                char op[3] = {ops[i][0], ops[i][1] == '=' ? '\0' : ops[i][1], '\0'};
                apply(a, op, old, v, &v);
            }
            if (!a->skip && !a->error) {
                char text[24];
                snprintf(text, sizeof(text), "%ld", v);
                if (var_set(name, text, false) < 0)
                    fail(a, "out of memory");
            }
            return v;
        }
        a->p = start; /* a name that is only an operand */
    }
    return conditional(a);
}

bool arith_eval(const char *expr, long *value) {
    struct arith a = {.expr = expr, .p = expr};

    *value = assign(&a);
    blanks(&a);
    if (!a.error && *a.p)
        fail(&a, "syntax error");
    if (a.error) {
        sh_error("arithmetic: %s: %s", expr, a.error);
        return false;
    }
    return true;
}
