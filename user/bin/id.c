/*
 * id [user], id -u|-g|-G [-nr] [user]: the user and group ids of this process (or of a user of
 * /etc/passwd), with their names where /etc/passwd and /etc/group have them:
 *   uid=0(root) gid=0(root) groups=0(root)
 * plus euid=/egid= when the effective ids differ from the real ones. -u, -g: the effective id
 * alone (-r: the real one); -G: the groups (here only the group itself: the kernel keeps no
 * supplementary groups); -n: names instead of numbers.
 */
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define USAGE "usage: id [user] | id -u|-g|-G [-nr] [user]\n"

static void print_user(const char *key, uid_t uid) {
    struct passwd *pw = getpwuid(uid);
    printf(pw ? "%s=%u(%s)" : "%s=%u", key, (unsigned)uid, pw ? pw->pw_name : "");
}

static void print_group(const char *key, gid_t gid) {
    struct group *gr = getgrgid(gid);
    printf(gr ? "%s=%u(%s)" : "%s=%u", key, (unsigned)gid, gr ? gr->gr_name : "");
}

/* One id for -u/-g/-G: its name with -n (the number when it has none, as coreutils, status 1). */
static int print_one(bool user, unsigned id, bool names) {
    const char *name = NULL;
    if (names) {
        struct passwd *pw = user ? getpwuid(id) : NULL;
        struct group *gr = user ? NULL : getgrgid(id);
        name = pw ? pw->pw_name : gr ? gr->gr_name : NULL;
        if (!name)
            fprintf(stderr, "id: cannot find name for %s ID %u\n", user ? "user" : "group", id);
    }
    name ? printf("%s\n", name) : printf("%u\n", id);
    return names && !name;
}

int main(int argc, char **argv) {
    char mode = 0; /* 'u', 'g', 'G' or 0: everything */
    bool names = false, real = false;
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'n')
                names = true;
            else if (*o == 'r')
                real = true;
            else if ((*o == 'u' || *o == 'g' || *o == 'G') && (!mode || mode == *o))
                mode = *o;
            else {
                fprintf(stderr,
                        (*o == 'u' || *o == 'g' || *o == 'G') ? "id: only one of -u, -g, -G\n" USAGE
                                                              : "id: -%c: unknown option\n" USAGE,
                        *o);
                return 2;
            }
        }
    }
    if (i < argc - 1 || ((names || real) && !mode)) {
        fprintf(stderr, USAGE);
        return 2;
    }
    uid_t uid = getuid(), euid = geteuid();
    gid_t gid = getgid(), egid = getegid();
    if (i < argc) {
        struct passwd *pw = getpwnam(argv[i]);
        if (!pw) {
            fprintf(stderr, "id: %s: no such user\n", argv[i]);
            return 1;
        }
        uid = euid = pw->pw_uid;
        gid = egid = pw->pw_gid;
    }
    if (mode == 'u')
        return print_one(true, real ? uid : euid, names);
    if (mode)
        return print_one(false, real ? gid : egid, names);
    print_user("uid", uid);
    print_group(" gid", gid);
    if (euid != uid)
        print_user(" euid", euid);
    if (egid != gid)
        print_group(" egid", egid);
    print_group(" groups", egid);
    printf("\n");
    return 0;
}
