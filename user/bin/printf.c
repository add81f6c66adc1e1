/*
 * printf format [argument...]: POSIX's printf utility. The format's characters are written as
 * they are, but for the escapes \\ \a \b \f \n \r \t \v and \ddd (octal, 1 to 3 digits), and
 * the conversions %[flags][width][.precision]C with C one of d i o u x X (a number: decimal,
 * octal with a leading 0, hexadecimal with 0x, or 'c / "c for the character's value), c (the
 * argument's first character), s (the argument), b (the argument with the escapes above, \0ddd
 * for octal, and \c, which ends all output) and %%. The format is used again while arguments
 * are left; a missing argument is "" or 0. A number that is not one (all of it) is reported,
 * what was read of it printed, and the status is 1. No floating-point conversions (POSIX lets
 * them be left out).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;
static bool stop; /* \c in a %b argument: no more output at all */

/* The escape at s (after its backslash) into *out; returns the characters it took. `b`: %b's
 * rules (\0ddd, up to 3 digits after the 0; \c stops). */
static int escape(const char *s, char *out, bool b) {
    static const char from[] = "\\abfnrtv", to[] = "\\\a\b\f\n\r\t\v";
    const char *at = *s ? strchr(from, *s) : NULL;
    if (at) {
        *out = to[at - from];
        return 1;
    }
    if (b && *s == 'c') {
        stop = true;
        return 1;
    }
    int n = 0, value = 0, first = b && *s == '0' ? 1 : 0; /* %b: \0ddd */
    while (n < 3 && s[first + n] >= '0' && s[first + n] <= '7')
        value = value * 8 + (s[first + n++] - '0');
    if (n == 0 && !first) {
        *out = '\\'; /* not an escape: the backslash itself, the character follows */
        return 0;
    }
    *out = (char)value;
    return first + n;
}

/* Writes s with %b's escapes. */
static void put_escaped(const char *s, bool b) {
    while (*s && !stop) {
        char c;
        if (*s == '\\') {
            int n = escape(s + 1, &c, b);
            s += 1 + n;
            if (stop)
                return;
        } else {
            c = *s++;
        }
        putchar(c);
    }
}

/* A numeric argument: decimal, 0octal, 0xhex, a sign, or 'c for the character's value. */
static long long number(const char *arg, bool is_unsigned) {
    if (!*arg)
        return 0;
    if (arg[0] == '\'' || arg[0] == '"')
        return (unsigned char)arg[1];
    char *end;
    errno = 0;
    long long v = is_unsigned && arg[0] != '-' ? (long long)strtoull(arg, &end, 0) : strtoll(arg, &end, 0);
    if (end == arg || *end) {
        fprintf(stderr, "printf: %s: %s\n", arg, end == arg ? "expected a numeric value" : "not completely converted");
        status = 1;
    } else if (errno == ERANGE) {
        fprintf(stderr, "printf: %s: %s\n", arg, strerror(ERANGE));
        status = 1;
    }
    return v;
}

/* One pass over the format; *argi moves past the arguments it took. Returns whether some
 * conversion took an argument (else the format is not repeated). */
static bool pass(const char *f, char **args, int nargs, int *argi) {
    bool took = false;
    while (*f && !stop) {
        if (*f == '\\') {
            char c;
            f += 1 + escape(f + 1, &c, false);
            putchar(c);
            continue;
        }
        if (*f != '%') {
            putchar(*f++);
            continue;
        }
        if (f[1] == '%') {
            putchar('%');
            f += 2;
            continue;
        }
        /* %[flags][width][.precision]: copied into a spec for printf's own. */
        char spec[32];
        size_t len = 0;
        spec[len++] = *f++;
        while (*f && strchr("-+ #0", *f) && len < 8)
            spec[len++] = *f++;
        while (*f >= '0' && *f <= '9' && len < 16)
            spec[len++] = *f++;
        if (*f == '.') {
            spec[len++] = *f++;
            while (*f >= '0' && *f <= '9' && len < 24)
                spec[len++] = *f++;
        }
        char conv = *f;
        if (!conv || !strchr("diouxXcsb", conv)) {
            fprintf(stderr, "printf: %%%c: unknown conversion\n", conv ? conv : ' ');
            status = 1;
            stop = true;
            return false;
        }
        f++;
        const char *arg = *argi < nargs ? args[(*argi)++] : "";
        took = true;
        if (conv == 'b') {
            put_escaped(arg, true); /* width and precision do not apply to %b here */
            continue;
        }
        if (conv == 'c') {
            spec[len++] = 'c';
            spec[len] = '\0';
            printf(spec, arg[0]);
            continue;
        }
        if (conv == 's') {
            spec[len++] = 's';
            spec[len] = '\0';
            printf(spec, arg);
            continue;
        }
        spec[len++] = 'l';
        spec[len++] = 'l';
        spec[len++] = conv;
        spec[len] = '\0';
        printf(spec, number(arg, conv != 'd' && conv != 'i'));
    }
    return took;
}

int main(int argc, char **argv) {
    int first = 1;
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    if (first >= argc) {
        fprintf(stderr, "usage: printf format [argument...]\n");
        return 2;
    }
    const char *format = argv[first];
    char **args = argv + first + 1;
    int nargs = argc - first - 1, argi = 0;
    do {
        if (!pass(format, args, nargs, &argi))
            break;
    } while (argi < nargs && !stop);
    fflush(stdout);
    return status;
}
