/*
 * ls [-l] [-a] [path...]: lists each directory's entries (the working directory's for none),
 * sorted by name, or names each file given. Names starting with `.` are left out unless -a.
 * -l gives one entry a line: its type (d directory, - file, c device, p pipe), its size in
 * bytes and its name. Otherwise names go one a line, or in columns on a terminal.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WIDTH 80 /* of the terminal */

static bool long_format, all;

static char type_letter(mode_t mode) {
    return S_ISDIR(mode) ? 'd' : S_ISREG(mode) ? '-' : S_ISCHR(mode) ? 'c' : S_ISFIFO(mode) ? 'p' : '?';
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints `names` (n of them, inside `dir`, NULL for names given as they are). 0, or 1 after an
 * error saying which entry could not be read. */
static int print(const char *dir, char **names, int n) {
    int status = 0;

    if (long_format) {
        for (int i = 0; i < n; i++) {
            char path[512];
            struct stat st;
            snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "", names[i]);
            if (stat(path, &st) < 0) {
                fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
                status = 1;
                continue;
            }
            printf("%c %8ld %s\n", type_letter(st.st_mode), (long)st.st_size, names[i]);
        }
        return status;
    }
    if (!isatty(STDOUT_FILENO)) {
        for (int i = 0; i < n; i++)
            printf("%s\n", names[i]);
        return 0;
    }
    /* Columns, filled down then across, as wide as the longest name plus two spaces. */
    int width = 1;
    for (int i = 0; i < n; i++) {
        if ((int)strlen(names[i]) + 2 > width)
            width = (int)strlen(names[i]) + 2;
    }
    int columns = WIDTH / width > 0 ? WIDTH / width : 1;
    int rows = (n + columns - 1) / columns;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns && c * rows + r < n; c++) {
            const char *name = names[c * rows + r];
            bool last = c == columns - 1 || (c + 1) * rows + r >= n;
            printf("%-*s", last ? 0 : width, name);
        }
        printf("\n");
    }
    return status;
}

static int list_directory(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char **names = NULL;
    int n = 0, room = 0, status = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' && !all)
            continue;
        if (n == room) {
            room = room ? 2 * room : 32;
            char **bigger = realloc(names, (size_t)room * sizeof(*names));
            if (!bigger)
                break;
            names = bigger;
        }
        if (!(names[n] = strdup(e->d_name)))
            break;
        n++;
        errno = 0;
    }
    if (errno) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        status = 1;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(*names), compare);
    status |= print(path, names, n);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return status;
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                long_format = true;
            else if (*o == 'a')
                all = true;
            else {
                fprintf(stderr, "ls: -%c: unknown option\nusage: ls [-l] [-a] [path...]\n", *o);
                return 2;
            }
        }
    }
    if (i == argc)
        return list_directory(".");
    /* Files first, together, then each directory under its name (when there are several). */
    int first = i, files = 0;
    char **names = calloc((size_t)(argc - first), sizeof(*names));
    if (!names) {
        fprintf(stderr, "ls: %s\n", strerror(errno));
        return 1;
    }
    for (i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        } else if (!S_ISDIR(st.st_mode)) {
            names[files++] = argv[i];
        }
    }
    status |= print(NULL, names, files);
    bool headings = argc - first > 1;
    for (i = first; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode))
            continue;
        if (headings)
            printf("%s%s:\n", i > first || files ? "\n" : "", argv[i]);
        status |= list_directory(argv[i]);
    }
    free(names);
    return status;
}
