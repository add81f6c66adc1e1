/* The system's name (POSIX <sys/utsname.h>): what `uname -a` prints. */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <abi/utsname.h>

/* The kernel's struct abi_utsname, under POSIX's names. */
struct utsname {
    char sysname[ABI_UTSNAME_LEN];
    char nodename[ABI_UTSNAME_LEN];
    char release[ABI_UTSNAME_LEN];
    char version[ABI_UTSNAME_LEN];
    char machine[ABI_UTSNAME_LEN];
};

/* Fills *name: 0, or -1 with errno EFAULT. */
int uname(struct utsname *name);

#endif
