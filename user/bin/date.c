/*
 * date [-u] [+format]: the date and time now, in UTC (the only zone there is: -u changes
 * nothing), as coreutils prints it ("Thu Nov 26 07:47:57 UTC 2026"), or as `format` says through
 * strftime (date +%Y-%m-%d).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define USAGE "usage: date [-u] [+format]\n"

int main(int argc, char **argv) {
    const char *format = "%a %b %e %H:%M:%S %Z %Y";
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o != 'u') {
                fprintf(stderr, "date: -%c: unknown option\n" USAGE, *o);
                return 2;
            }
        }
    }
    if (i < argc) {
        if (argv[i][0] != '+' || i + 1 < argc) {
            fprintf(stderr, "date: %s: setting the date is not supported\n" USAGE, argv[i]);
            return 2;
        }
        format = argv[i] + 1;
    }
    time_t now = time(NULL);
    struct tm tm;
    char out[1024];
    if (now == (time_t)-1 || !gmtime_r(&now, &tm)) {
        fprintf(stderr, "date: %s\n", strerror(errno));
        return 1;
    }
    /* strftime's 0 is also what an empty format gives: both print an empty line. */
    size_t n = strftime(out, sizeof(out), format, &tm);
    if (n == 0 && format[0] != '\0') {
        fprintf(stderr, "date: the date is longer than %zu bytes\n", sizeof(out) - 1);
        return 1;
    }
    printf("%s\n", out);
    return 0;
}
