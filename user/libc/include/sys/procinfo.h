/* The processes of the system, for ps (not POSIX; see docs/syscalls.md, procinfo). */
#ifndef _SYS_PROCINFO_H
#define _SYS_PROCINFO_H

#include <abi/procinfo.h>

/*
 * Fills buf with one struct abi_procinfo per thread of each process (a zombie has one), at most
 * `count` of them, and returns how many entries there are (more than `count` means some were left
 * out: ask again with more room). -1 with errno EFAULT if buf cannot hold the entries.
 */
int procinfo(struct abi_procinfo *buf, unsigned count);

#endif
