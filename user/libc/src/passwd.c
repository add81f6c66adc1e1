/*
 * The user and group databases (<pwd.h>, <grp.h>): /etc/passwd and /etc/group, read from the top
 * at each call (a file that changed is seen at once), the first matching line winning. A line
 * with too few fields or a number that is not one is skipped, as a malformed line is nobody.
 * The results live in static areas, as POSIX allows (the next call of the same family
 * overwrites them).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define LINE_MAX_LEN 512
#define MEMBERS_MAX 32

/* Splits `line` (its newline removed) at ':' into exactly n fields; false if it has another number. */
static bool split(char *line, char **fields, int n) {
    line[strcspn(line, "\n")] = '\0';
    for (int i = 0; i < n; i++) {
        fields[i] = line;
        char *colon = strchr(line, ':');
        if (i < n - 1) {
            if (!colon)
                return false;
            *colon = '\0';
            line = colon + 1;
        } else if (colon) {
            return false;
        }
    }
    return true;
}

/* A decimal id; false for anything else (empty, a sign, letters, past 32 bits). errno is left
 * alone: a lookup that finds its entry does not change it. */
static bool parse_id(const char *s, unsigned *out) {
    unsigned long long v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || (v = v * 10 + (unsigned)(*s - '0')) > 0xFFFFFFFFull)
            return false;
    }
    *out = (unsigned)v;
    return true;
}

/* The first line of `path` with n fields for which match(fields, key) holds, split into fields
 * (pointing into `line`); false when there is none or the file could not be read (errno). */
static bool find(const char *path, char *line, char **fields, int n, bool (*match)(char **, const void *),
                 const void *key) {
    int saved = errno;
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool found = false;
    while (!found && fgets(line, LINE_MAX_LEN, f)) {
        if (!strchr(line, '\n') && !feof(f)) {
            int c; /* longer than the buffer: skipped whole, never read as two lines */
            while ((c = getc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        found = split(line, fields, n) && match(fields, key);
    }
    fclose(f);
    errno = saved; /* none found is not an error (POSIX) */
    return found;
}

static bool name_is(char **fields, const void *name) {
    return strcmp(fields[0], name) == 0;
}

static bool id_is(char **fields, const void *id) {
    unsigned v;
    return parse_id(fields[2], &v) && v == *(const unsigned *)id;
}

static struct passwd *user_entry(bool (*match)(char **, const void *), const void *key) {
    static char line[LINE_MAX_LEN];
    static struct passwd pw;
    char *f[7];
    unsigned uid, gid;

    if (!find("/etc/passwd", line, f, 7, match, key) || !parse_id(f[2], &uid) || !parse_id(f[3], &gid))
        return NULL;
    pw = (struct passwd){f[0], f[1], uid, gid, f[4], f[5], f[6]};
    return &pw;
}

struct passwd *getpwnam(const char *name) {
    return user_entry(name_is, name);
}

struct passwd *getpwuid(uid_t uid) {
    return user_entry(id_is, &uid);
}

static struct group *group_entry(bool (*match)(char **, const void *), const void *key) {
    static char line[LINE_MAX_LEN];
    static char *members[MEMBERS_MAX + 1];
    static struct group gr;
    char *f[4];
    unsigned gid;

    if (!find("/etc/group", line, f, 4, match, key) || !parse_id(f[2], &gid))
        return NULL;
    int n = 0;
    for (char *m = f[3]; *m && n < MEMBERS_MAX; n++) {
        members[n] = m;
        m += strcspn(m, ",");
        if (*m)
            *m++ = '\0';
    }
    members[n] = NULL;
    gr = (struct group){f[0], f[1], gid, members};
    return &gr;
}

struct group *getgrnam(const char *name) {
    return group_entry(name_is, name);
}

struct group *getgrgid(gid_t gid) {
    return group_entry(id_is, &gid);
}
