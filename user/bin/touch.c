/*
 * touch [-a] [-c] [-m] file...: sets each file's access and modification times to now (only the
 * access time with -a, only the modification time with -m), creating a file that does not exist
 * (empty, mode 0666) unless -c. A file that cannot be touched is named, the others still are,
 * and the status is 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define USAGE "usage: touch [-a] [-c] [-m] file...\n"

int main(int argc, char **argv) {
    bool access_only = false, modify_only = false, no_create = false;
    int i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'a')
                access_only = true;
            else if (*o == 'm')
                modify_only = true;
            else if (*o == 'c')
                no_create = true;
            else {
                fprintf(stderr, "touch: -%c: unknown option\n" USAGE, *o);
                return 2;
            }
        }
    }
    if (i == argc) {
        fprintf(stderr, "touch: a file is needed\n" USAGE);
        return 2;
    }
    /* -a and -m together are both times, as neither. */
    struct timespec times[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    if (access_only && !modify_only)
        times[1].tv_nsec = UTIME_OMIT;
    if (modify_only && !access_only)
        times[0].tv_nsec = UTIME_OMIT;
    for (; i < argc; i++) {
        if (utimensat(AT_FDCWD, argv[i], times, 0) == 0)
            continue;
        if (errno == ENOENT && !no_create) {
            /* A new file's times are now already; O_EXCL is not used: one made meanwhile is
             * touched all the same. */
            int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
            if (fd >= 0) {
                close(fd);
                continue;
            }
        } else if (errno == ENOENT) {
            continue; /* -c: nothing to do, and no error */
        }
        fprintf(stderr, "touch: %s: %s\n", argv[i], strerror(errno));
        status = 1;
    }
    return status;
}
