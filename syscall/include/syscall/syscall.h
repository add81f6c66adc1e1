/*
 * The system-call table (docs/syscalls.md). Entry: `int $0x80`, number in %eax, arguments in
 * %ebx %ecx %edx %esi %edi %ebp, result in %eax (negative errno on failure).
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <stdint.h>

/* Installs the gate handler and the per-process resource hooks. */
void syscall_init(void);

/*
 * Called when init makes the poweroff call: the kernel reports its `status` (the wait status of
 * the program init ran) and shuts down once init has exited.
 */
void syscall_set_poweroff_hook(void (*hook)(int status));

#endif
