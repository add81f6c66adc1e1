/*
 * The system-call table (docs/syscalls.md). Entry: `int $0x80`, number in %eax, arguments in
 * %ebx %ecx %edx %esi %edi %ebp, result in %eax (negative errno on failure).
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <arch/interrupt.h>
#include <stdint.h>

/* The handler of SYSCALL_VECTOR_NUMBER: runs the call %eax names and puts its result in %eax. */
void syscall_entry(struct int_frame *f);

/*
 * Called when init makes the poweroff call: the kernel reports its `status` (the wait status of
 * the program init ran) and shuts down once init has exited.
 */
void syscall_set_poweroff_hook(void (*hook)(int status));

#endif
