/* The user database (POSIX <pwd.h>): /etc/passwd, lines of name:password:uid:gid:gecos:home:shell. */
#ifndef _PWD_H
#define _PWD_H

#include <sys/types.h>

struct passwd {
    char *pw_name;
    char *pw_passwd; /* "x": there are no passwords here */
    uid_t pw_uid;
    gid_t pw_gid;
    char *pw_gecos; /* the person's full name */
    char *pw_dir;   /* the home directory */
    char *pw_shell; /* the program a login runs */
};

/* The first entry with that name or user id, in a static area the next call overwrites; NULL
 * when there is none (errno unchanged) or the file could not be read (errno says why). */
struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);

#endif
