/*
 * The system-call table (docs/syscalls.md). Entry: `int $0x80`, number in %eax, arguments in
 * %ebx %ecx %edx %esi %edi %ebp, result in %eax (negative errno on failure).
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

#include <arch/interrupt.h>
#include <stdint.h>

/*
 * The entry of `int $0x80` (syscall/entry.S; kernel/wiring.c points the gate at it with
 * interrupt_set_syscall_entry): builds the struct int_frame, runs the call %eax names through
 * syscall_table and puts its result in the frame's %eax. Not a C function: never call it.
 */
void syscall_entry(void);

/*
 * Called when init makes the poweroff call: the kernel reports its `status` (the wait status of
 * the program init ran) and shuts down once init has exited.
 */
void syscall_set_poweroff_hook(void (*hook)(int status));

#endif
