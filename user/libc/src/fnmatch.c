/*
 * fnmatch: shell patterns. A `*` is matched greedily with one remembered restart point (the
 * last `*` seen): if the rest fails, that star takes one more character and the rest is tried
 * again. One point is enough, because an earlier star taking more can only do what the last one
 * could. With FNM_PATHNAME a star never takes a slash, so a failure there is final.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>

/* A [:class:] name inside a bracket expression: does it contain c? */
static bool in_class(const char *name, size_t len, int c) {
    static const struct {
        const char *name;
        int (*test)(int);
    } classes[] = {
        {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
        {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
        {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
    };
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        if (strlen(classes[i].name) == len && memcmp(classes[i].name, name, len) == 0)
            return classes[i].test(c);
    return false;
}

/*
 * Matches c against the bracket expression at p (just past the `[`). Returns a pointer past its
 * closing `]` and sets *matched, or returns NULL if there is no closing `]` (the `[` is then an
 * ordinary character).
 */
static const char *bracket(const char *p, unsigned char c, int flags, bool *matched) {
    bool negate = *p == '!' || *p == '^';
    bool found = false;

    if (negate)
        p++;
    for (bool first = true; first || *p != ']'; first = false) {
        if (*p == '\0')
            return NULL;
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (!end)
                return NULL;
            found |= in_class(p + 2, (size_t)(end - p - 2), c);
            p = end + 2;
            continue;
        }
        unsigned char lo = (unsigned char)*p++;
        if (lo == '\\' && !(flags & FNM_NOESCAPE) && *p)
            lo = (unsigned char)*p++;
        unsigned char hi = lo;
        if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
            hi = (unsigned char)p[1];
            p += 2;
            if (hi == '\\' && !(flags & FNM_NOESCAPE) && *p)
                hi = (unsigned char)*p++;
        }
        if (lo <= c && c <= hi)
            found = true;
    }
    *matched = found != negate;
    return p + 1;
}

/* Is the character at s a leading period FNM_PERIOD protects? */
static bool leading_period(const char *string, const char *s, int flags) {
    return *s == '.' && (flags & FNM_PERIOD) && (s == string || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

int fnmatch(const char *pattern, const char *string, int flags) {
    const char *p = pattern, *s = string;
    const char *star_p = NULL, *star_s = NULL; /* the last star: pattern after it, where it ends */

    while (*s) {
        bool matched = false;
        const char *next = p + 1;

        if (*p == '*') {
            if (leading_period(string, s, flags))
                goto fail;
            while (*p == '*')
                p++;
            star_p = p;
            star_s = s;
            continue;
        }
        if (*p == '?') {
            matched = !((flags & FNM_PATHNAME) && *s == '/') && !leading_period(string, s, flags);
        } else if (*p == '[') {
            const char *end = bracket(p + 1, (unsigned char)*s, flags, &matched);
            if (end) {
                next = end;
                if (((flags & FNM_PATHNAME) && *s == '/') || leading_period(string, s, flags))
                    matched = false;
            } else {
                matched = *s == '[';
            }
        } else if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1]) {
            matched = p[1] == *s;
            next = p + 2;
        } else {
            matched = *p != '\0' && *p == *s;
        }
        if (matched) {
            p = next;
            s++;
            continue;
        }
    fail:
        /* Let the last star take one more character, if it may. */
        if (!star_p || ((flags & FNM_PATHNAME) && *star_s == '/'))
            return FNM_NOMATCH;
        p = star_p;
        s = ++star_s;
    }
    while (*p == '*')
        p++;
    return *p == '\0' ? 0 : FNM_NOMATCH;
}
