/* System-call numbers, for syscall(2). */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <abi/syscall.h>

#endif
