/*
 * syscall_entry: where `int $0x80` lands (the gate points here, not at the vector table's stub).
 * It builds the same struct int_frame as isr.S's common path, with SYSCALL_VECTOR_NUMBER as its
 * vector and SYSCALL_NO_RESTART (-1) already in its error slot, so that everything that reads a
 * frame (signals, restarts, fork, sigreturn) sees no difference; what it skips is the vector
 * table's indirection and the CPL test on the way out (only user mode makes system calls: the
 * kernel never executes `int $0x80`). The call's entry in syscall_table (syscall.c) gets the
 * frame; its result goes to the frame's %eax.
 */
#include <abi/errno.h>
#include <arch/gdt.h>
#include <arch/interrupt.h>
#include <arch/interrupt_return.inc>

    .text
    .p2align 4
    .globl syscall_entry
syscall_entry:
    push $-1                        /* error: SYSCALL_NO_RESTART */
    push $SYSCALL_VECTOR_NUMBER
    pushal
    push %ds
    push %es
    push %fs
    push %gs
    /* The user's %ds and %es may hold any selector it could load (the TLS segment, with a base):
     * the kernel's flat ones, always. The CPU leaves the direction flag as the user had it. */
    mov $GDT_KERNEL_DATA, %dx
    mov %dx, %ds
    mov %dx, %es
    cld

    cmp syscall_table_size, %eax    /* unsigned: a negative number is out of range too */
    jae .Lno_such_call
    push %esp                       /* the frame */
    call *syscall_table(, %eax, 4)
    add $4, %esp
    mov %eax, INT_FRAME_EAX(%esp)
    INTERRUPT_RETURN_TO_USER

.Lno_such_call:
    /* -ENOSYS, or a call made as a cancellation point: its bit put it past the table (syscall.c). */
    push %esp
    call syscall_out_of_range
    add $4, %esp
    mov %eax, INT_FRAME_EAX(%esp)
    jmp interrupt_return_user
