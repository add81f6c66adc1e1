/*
 * chown owner[:group] file..., chown :group file...: sets each file's owner and/or group, by name
 * (/etc/passwd, /etc/group) or number. Only root may give a file away; an owner may set the group
 * to its own (the kernel's rule, POSIX's _POSIX_CHOWN_RESTRICTED). Status 1 if some file could not
 * be changed (the others still are), 2 for an unknown user or group.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USAGE "usage: chown owner[:group] file...\n"

/* A name of the database or a decimal id; false if neither. */
static bool id_of(const char *s, bool user, unsigned *out) {
    struct passwd *pw = user ? getpwnam(s) : NULL;
    struct group *gr = user ? NULL : getgrnam(s);
    if (pw || gr) {
        *out = pw ? pw->pw_uid : gr->gr_gid;
        return true;
    }
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || v > 0xFFFFFFFEul)
        return false;
    *out = (unsigned)v;
    return true;
}

int main(int argc, char **argv) {
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (argc - i < 2) {
        fprintf(stderr, USAGE);
        return 2;
    }
    char *spec = argv[i++];
    char *colon = strchr(spec, ':');
    if (colon)
        *colon = '\0';
    unsigned uid = (unsigned)-1, gid = (unsigned)-1; /* -1: left as it is */
    if (*spec && !id_of(spec, true, &uid)) {
        fprintf(stderr, "chown: %s: no such user\n", spec);
        return 2;
    }
    if (colon && colon[1] && !id_of(colon + 1, false, &gid)) {
        fprintf(stderr, "chown: %s: no such group\n", colon + 1);
        return 2;
    }
    if (!*spec && !(colon && colon[1])) {
        fprintf(stderr, USAGE);
        return 2;
    }
    int status = 0;
    for (; i < argc; i++) {
        if (chown(argv[i], (uid_t)uid, (gid_t)gid) != 0) {
            fprintf(stderr, "chown: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
