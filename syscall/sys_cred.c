/* User and group ids: thin calls around proc/cred.h (see docs/syscalls.md). */
#include "internal.h"
#include <proc/cred.h>
#include <proc/proc.h>

/* These never fail: an id is at most CRED_ID_MAX, never in the range of errors. */
long sys_getuid(void) {
    return (long)current->cred.uid;
}

long sys_geteuid(void) {
    return (long)current->cred.euid;
}

long sys_getgid(void) {
    return (long)current->cred.gid;
}

long sys_getegid(void) {
    return (long)current->cred.egid;
}

long sys_setuid(uint32_t uid) {
    return cred_setuid(&current->cred, uid);
}

long sys_setgid(uint32_t gid) {
    return cred_setgid(&current->cred, gid);
}

long sys_seteuid(uint32_t euid) {
    return cred_seteuid(&current->cred, euid);
}

long sys_setegid(uint32_t egid) {
    return cred_setegid(&current->cred, egid);
}
