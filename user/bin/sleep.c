/* sleep seconds: waits that long; seconds may have a fraction ("0.5"). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* "12", "0.25", "3." as a timespec; -1 if it is not a number of seconds. */
static int parse(const char *s, struct timespec *t) {
    const char *p = s;
    long sec = 0, nsec = 0, scale = 100000000;

    for (; *p >= '0' && *p <= '9'; p++) {
        if (sec > 100000000)
            return -1;
        sec = sec * 10 + (*p - '0');
    }
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
            nsec += (*p - '0') * scale;
    }
    if (*p != '\0' || p == s || (p == s + 1 && *s == '.'))
        return -1;
    t->tv_sec = sec;
    t->tv_nsec = nsec;
    return 0;
}

int main(int argc, char **argv) {
    struct timespec t;

    if (argc != 2) {
        fprintf(stderr, "usage: sleep seconds\n");
        return 2;
    }
    if (parse(argv[1], &t) < 0) {
        fprintf(stderr, "sleep: %s: not a number of seconds\n", argv[1]);
        return 2;
    }
    while (nanosleep(&t, &t) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "sleep: %s\n", strerror(errno));
            return 1;
        }
    }
    return 0;
}
