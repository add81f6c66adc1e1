/*
 * seq [first [incr]] last: the integers from `first` (1 unless told) to `last` by `incr` (1
 * unless told; negative counts down), one a line. Nothing is printed when `last` is already
 * passed. Numbers are whole and may be negative.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static int number(const char *s, long long *out) {
    char *end;

    errno = 0;
    *out = strtoll(s, &end, 10);
    if (*s == '\0' || *end != '\0' || errno) {
        fprintf(stderr, "seq: %s: not a whole number\nusage: seq [first [incr]] last\n", s);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    long long first = 1, incr = 1, last;
    int n = argc - 1;

    if (n < 1 || n > 3) {
        fprintf(stderr, "usage: seq [first [incr]] last\n");
        return 2;
    }
    if (number(argv[n], &last) || (n >= 2 && number(argv[1], &first)) || (n == 3 && number(argv[2], &incr)))
        return 2;
    if (incr == 0) {
        fprintf(stderr, "seq: the increment may not be 0\n");
        return 2;
    }
    for (long long i = first; incr > 0 ? i <= last : i >= last; i += incr) {
        printf("%lld\n", i);
        /* The next one would not fit: `last` is at most LLONG_MAX, so this was the last. */
        if ((incr > 0 && i > LLONG_MAX - incr) || (incr < 0 && i < LLONG_MIN - incr))
            break;
    }
    return ferror(stdout) ? 1 : 0;
}
