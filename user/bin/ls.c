/*
 * ls [-l] [-n] [-a] [path...]: lists each directory's entries (the working directory's for none),
 * sorted by name, or names each file given. Names starting with `.` are left out unless -a.
 * -l gives POSIX's long format, one entry a line:
 *
 *   drwxr-xr-x 2 root root    0 Nov 26 07:47 tmp
 *   crw--w---- 1 root root 5, 1 Nov 26 07:47 console
 *
 * the type and permissions (with s/S, t/T for setuid, setgid and sticky), the link count, the
 * owner and group (their names from /etc/passwd and /etc/group, the number for an id with no
 * name; -n: numbers always, and implies -l), the size (a device's major, minor instead), the
 * modification time (the year instead of the hour when more than six months old or in the
 * future, as POSIX says) and the name; a directory's list starts with "total N", the 512-byte
 * blocks its entries hold. Otherwise names go one a line, or in columns on a terminal.
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "modes.h"

#define WIDTH 80 /* of the terminal */

/* Half of an average Gregorian year (365.2425 days), the age POSIX calls six months. */
#define SIX_MONTHS 15778476 /* seconds */

static bool long_format, numeric_ids, all;
static time_t now;

/* The size column: bytes, or a device's "major, minor". */
static void size_string(const struct stat *st, char *out, size_t size) {
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        snprintf(out, size, "%u, %u", major(st->st_rdev), minor(st->st_rdev));
    else
        snprintf(out, size, "%ld", (long)st->st_size);
}

/* "Nov 26 07:47" for the last six months, "Nov 26  2025" otherwise. */
static void time_string(time_t t, char *out, size_t size) {
    struct tm tm;
    bool recent = t <= now && now - t < SIX_MONTHS;
    if (!gmtime_r(&t, &tm) || !strftime(out, size, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm))
        snprintf(out, size, "%ld", (long)t);
}

static int digits(unsigned long n) {
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* The owner's (user) or group's name of `id` into out, or its number when it has none (or -n).
 * The last answer is kept: a directory's files mostly share one owner, and each lookup reads
 * /etc. */
static void id_string(bool user, unsigned long id, char *out, size_t size) {
    static struct {
        bool known;
        unsigned long id;
        char name[32];
    } last[2];
    if (!numeric_ids) {
        if (!last[user].known || last[user].id != id) {
            struct passwd *pw = user ? getpwuid((uid_t)id) : NULL;
            struct group *gr = user ? NULL : getgrgid((gid_t)id);
            const char *name = pw ? pw->pw_name : gr ? gr->gr_name : NULL;
            if (name && strlen(name) < sizeof(last[user].name))
                strcpy(last[user].name, name);
            else
                snprintf(last[user].name, sizeof(last[user].name), "%lu", id);
            last[user].known = true;
            last[user].id = id;
        }
        snprintf(out, size, "%s", last[user].name);
        return;
    }
    snprintf(out, size, "%lu", id);
}

/* The long format of the n entries in st[], columns as wide as their widest entry (owner and
 * group to the left, as coreutils). */
static void print_long(char **names, const struct stat *st, const bool *ok, int n) {
    int links = 1, owner = 1, group = 1, size = 1;
    char text[32], user_name[32], group_name[32];

    for (int i = 0; i < n; i++) {
        if (!ok[i])
            continue;
        if (digits(st[i].st_nlink) > links)
            links = digits(st[i].st_nlink);
        id_string(true, st[i].st_uid, user_name, sizeof(user_name));
        id_string(false, st[i].st_gid, group_name, sizeof(group_name));
        if ((int)strlen(user_name) > owner)
            owner = (int)strlen(user_name);
        if ((int)strlen(group_name) > group)
            group = (int)strlen(group_name);
        size_string(&st[i], text, sizeof(text));
        if ((int)strlen(text) > size)
            size = (int)strlen(text);
    }
    for (int i = 0; i < n; i++) {
        char mode[11], when[32];
        if (!ok[i])
            continue;
        mode_string(st[i].st_mode, mode);
        size_string(&st[i], text, sizeof(text));
        time_string(st[i].st_mtime, when, sizeof(when));
        id_string(true, st[i].st_uid, user_name, sizeof(user_name));
        id_string(false, st[i].st_gid, group_name, sizeof(group_name));
        printf("%s %*lu %-*s %-*s %*s %s %s\n", mode, links, (unsigned long)st[i].st_nlink, owner, user_name, group,
               group_name, size, text, when, names[i]);
    }
}

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints `names` (n of them, inside `dir`, NULL for names given as they are). 0, or 1 after an
 * error saying which entry could not be read. */
static int print(const char *dir, char **names, int n) {
    int status = 0;

    if (long_format) {
        struct stat *st = calloc((size_t)n + 1, sizeof(*st));
        bool *ok = calloc((size_t)n + 1, sizeof(*ok));
        long blocks = 0;
        if (!st || !ok) {
            fprintf(stderr, "ls: %s\n", strerror(errno));
            free(st);
            free(ok);
            return 1;
        }
        for (int i = 0; i < n; i++) {
            char path[512];
            snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "", names[i]);
            if (stat(path, &st[i]) < 0) {
                fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
                status = 1;
                continue;
            }
            ok[i] = true;
            blocks += st[i].st_blocks;
        }
        if (dir)
            printf("total %ld\n", blocks);
        print_long(names, st, ok, n);
        free(st);
        free(ok);
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
            else if (*o == 'n')
                long_format = numeric_ids = true;
            else if (*o == 'a')
                all = true;
            else {
                fprintf(stderr, "ls: -%c: unknown option\nusage: ls [-l] [-n] [-a] [path...]\n", *o);
                return 2;
            }
        }
    }
    now = time(NULL);
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
