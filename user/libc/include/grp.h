/* The group database (POSIX <grp.h>): /etc/group, lines of name:password:gid:member,member... */
#ifndef _GRP_H
#define _GRP_H

#include <sys/types.h>

struct group {
    char *gr_name;
    char *gr_passwd;
    gid_t gr_gid;
    char **gr_mem; /* the members' user names, NULL-terminated */
};

/* The first entry with that name or group id, in a static area the next call overwrites; NULL
 * when there is none (errno unchanged) or the file could not be read (errno says why). */
struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);

#endif
