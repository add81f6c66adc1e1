/*
 * grep [-F] [-v] [-c] [-n] [-i] [-l | -q] pattern [file...]: prints the lines of each file (or
 * standard input) that match the pattern. Status 0 if a line was selected, 1 if none, 2 on an
 * error (with -q, 0 if a line was selected even when a file could not be read, as POSIX says).
 *
 * The pattern is a small regular expression (a subset of POSIX's basic ones): a character
 * matches itself, `.` any character, `[abc]`, `[a-z]` and `[^...]` one of a set (or not), `x*`
 * any number of x (also none), `^` at the start and `$` at the end anchor the match, and `\`
 * makes the next character plain. -F takes the pattern as a fixed string. -v selects the lines
 * that do not match, -c prints only how many were selected, -n puts each line's number first,
 * -i ignores case (ASCII), -l prints only the names of the files with a selected line, -q
 * nothing at all (the status says it).
 * The matcher is the recursive one of Kernighan and Pike's "The Practice of Programming",
 * with sets added.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool fixed, invert, count_only, numbers, ignore_case, names_only, quiet;

static void lower(char *s) {
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

/* Where the atom at `re` ends: \c, a [set], or one character. */
static const char *atom_end(const char *re) {
    if (*re == '\\' && re[1])
        return re + 2;
    if (*re != '[')
        return re + 1;
    const char *p = re + 1;
    if (*p == '^')
        p++;
    if (*p == ']')
        p++; /* a ] first in the set is one of its characters */
    while (*p && *p != ']')
        p++;
    return *p ? p + 1 : NULL;
}

/* Does the set at `re` ("[...]") hold c? */
static bool in_set(const char *re, char c) {
    const char *p = re + 1;
    bool negate = *p == '^', found = false;

    if (negate)
        p++;
    for (const char *first = p; *p && (*p != ']' || p == first); p++) {
        if (p[1] == '-' && p[2] && p[2] != ']') {
            found |= c >= p[0] && c <= p[2];
            p += 2;
        } else {
            found |= c == *p;
        }
    }
    return found != negate;
}

static bool atom_matches(const char *re, char c) {
    if (*re == '.')
        return true;
    if (*re == '[')
        return in_set(re, c);
    if (*re == '\\' && re[1])
        return re[1] == c;
    return *re == c;
}

static bool match_here(const char *re, const char *text);

/* x*: as many x as there are, then the rest; tried from none up. */
static bool match_star(const char *atom, const char *rest, const char *text) {
    do {
        if (match_here(rest, text))
            return true;
    } while (*text && atom_matches(atom, *text++));
    return false;
}

static bool match_here(const char *re, const char *text) {
    if (*re == '\0')
        return true;
    if (*re == '$' && re[1] == '\0')
        return *text == '\0';
    const char *next = atom_end(re);
    if (*next == '*')
        return match_star(re, next + 1, text);
    return *text && atom_matches(re, *text) && match_here(next, text + 1);
}

static bool matches(const char *re, const char *text) {
    if (fixed)
        return strstr(text, re) != NULL;
    if (*re == '^')
        return match_here(re + 1, text);
    do {
        if (match_here(re, text))
            return true;
    } while (*text++);
    return false;
}

/* The pattern's sets are all closed (the matcher relies on it). */
static bool valid(const char *re) {
    for (const char *p = re; *p; p = atom_end(p)) {
        if (!atom_end(p))
            return false;
    }
    return true;
}

/* Prints the selected lines of f; returns how many there were, or -1 on a read error. */
static long grep(FILE *f, const char *pattern, const char *name) {
    char *line = NULL;
    size_t size = 0;
    long selected = 0, number = 0;
    ssize_t len;

    char *folded = NULL; /* -i: the line in lower case, for the match */
    size_t folded_size = 0;

    while ((len = getline(&line, &size, f)) >= 0) {
        number++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        const char *text = line;
        if (ignore_case) {
            if (folded_size < (size_t)len + 1) {
                char *bigger = realloc(folded, (size_t)len + 1);
                if (!bigger)
                    break;
                folded = bigger;
                folded_size = (size_t)len + 1;
            }
            memcpy(folded, line, (size_t)len + 1);
            lower(folded);
            text = folded;
        }
        if (matches(pattern, text) == invert)
            continue;
        selected++;
        if (quiet || names_only)
            break; /* one is all they need */
        if (count_only)
            continue;
        if (name)
            printf("%s:", name);
        if (numbers)
            printf("%ld:", number);
        printf("%s\n", line);
    }
    free(line);
    free(folded);
    if (ferror(f))
        return -1;
    if (names_only && selected)
        printf("%s\n", name ? name : "(standard input)");
    if (count_only && !quiet && !names_only)
        printf("%s%s%ld\n", name ? name : "", name ? ":" : "", selected);
    return selected;
}

int main(int argc, char **argv) {
    int i = 1, status = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'F')
                fixed = true;
            else if (*o == 'v')
                invert = true;
            else if (*o == 'c')
                count_only = true;
            else if (*o == 'n')
                numbers = true;
            else if (*o == 'i')
                ignore_case = true;
            else if (*o == 'l')
                names_only = true;
            else if (*o == 'q')
                quiet = true;
            else {
                fprintf(stderr, "grep: -%c: unknown option\n", *o);
                goto usage;
            }
        }
    }
    if (i == argc)
        goto usage;
    char *pattern = argv[i++];
    if (ignore_case)
        lower(pattern);
    if (!fixed && !valid(pattern)) {
        fprintf(stderr, "grep: %s: a [ without its ]\n", pattern);
        return 2;
    }
    if (i == argc) {
        long n = grep(stdin, pattern, NULL);
        if (n < 0)
            fprintf(stderr, "grep: -: %s\n", strerror(errno));
        return n < 0 ? 2 : n > 0 ? 0 : 1;
    }
    bool many = argc - i > 1, error = false;
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        long n = f ? grep(f, pattern, many || names_only ? argv[i] : NULL) : -1;
        if (n < 0) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            error = true;
        } else if (n > 0) {
            status = 0;
        }
        if (f)
            fclose(f);
        if (quiet && status == 0)
            return 0; /* POSIX: -q may stop at the first selected line */
    }
    return error ? 2 : status;

usage:
    fprintf(stderr, "usage: grep [-F] [-v] [-c] [-n] [-i] [-l | -q] pattern [file...]\n");
    return 2;
}
