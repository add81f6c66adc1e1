/*
 * The system-call handlers, one file per area (sys_proc.c, sys_file.c, sys_mem.c, sys_exec.c).
 * Their prototypes come from the list in abi/syscall.h, so a handler that disagrees with the list
 * (another argument count or kind) does not compile: `long sys_<name>(args)`, each argument typed
 * by its kind: INT int, UINT uint32_t, PTR struct uaddr (a user address, mm/usercopy.h).
 * syscall.c decodes the arguments from the registers and calls them.
 */
#ifndef SYSCALL_INTERNAL_H
#define SYSCALL_INTERNAL_H

#include <abi/syscall.h>
#include <mm/usercopy.h>
#include <stdint.h>

/* The C type of an argument of each kind. */
#define SYSCALL_TYPE_INT int
#define SYSCALL_TYPE_UINT uint32_t
#define SYSCALL_TYPE_PTR struct uaddr

#define SYSCALL_PARAM(kind, arg) SYSCALL_TYPE_##kind arg
#define SYSCALL_PARAMS_0() void
#define SYSCALL_PARAMS_1(k1, a1) SYSCALL_PARAM(k1, a1)
#define SYSCALL_PARAMS_2(k1, a1, k2, a2) SYSCALL_PARAMS_1(k1, a1), SYSCALL_PARAM(k2, a2)
#define SYSCALL_PARAMS_3(k1, a1, k2, a2, k3, a3) SYSCALL_PARAMS_2(k1, a1, k2, a2), SYSCALL_PARAM(k3, a3)
#define SYSCALL_PARAMS_4(k1, a1, k2, a2, k3, a3, k4, a4) SYSCALL_PARAMS_3(k1, a1, k2, a2, k3, a3), SYSCALL_PARAM(k4, a4)
#define SYSCALL_PARAMS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5)                                                       \
    SYSCALL_PARAMS_4(k1, a1, k2, a2, k3, a3, k4, a4), SYSCALL_PARAM(k5, a5)
#define SYSCALL_PARAMS_6(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5, k6, a6)                                               \
    SYSCALL_PARAMS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5), SYSCALL_PARAM(k6, a6)

#define SYSCALL_PROTOTYPE(nr, name, restart, nargs, args) long sys_##name(SYSCALL_PARAMS_##nargs args);
ABI_SYSCALLS(SYSCALL_PROTOTYPE)
#undef SYSCALL_PROTOTYPE

#endif
