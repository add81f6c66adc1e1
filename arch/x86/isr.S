/*
 * The one interrupt entry path. Each vector's stub pushes an error code (a dummy 0 where the CPU
 * pushes none) and its vector number, then joins interrupt_common, which saves the registers to
 * form a struct int_frame (arch/interrupt.h) on the current kernel stack and calls
 * interrupt_handlers[vector](frame). The frame is passed by pointer and never copied.
 */
#include <arch/gdt.h>
#include <arch/interrupt.h>
#include <arch/interrupt_return.inc>

.macro stub vector
    .p2align 4
isr_stub_\vector:
    .if !EXC_HAS_ERROR_CODE(\vector)
    push $0
    .endif
    push $\vector
    jmp interrupt_common
.endm

    .text
    .globl isr_stub_table
/* Stubs for the exceptions, the PIC's IRQs and the system call; their addresses follow. */
.altmacro
.set v, 0
.rept IRQ_BASE + IRQ_COUNT
    stub %v
    .set v, v + 1
.endr
    stub SYSCALL_VECTOR_NUMBER

    .section .rodata
    .p2align 2
isr_stub_table:
.set v, 0
.macro stub_addr vector
    .long isr_stub_\vector
.endm
.rept IRQ_BASE + IRQ_COUNT
    stub_addr %v
    .set v, v + 1
.endr
    stub_addr SYSCALL_VECTOR_NUMBER

    .text
    .p2align 4
interrupt_common:
    pushal
    push %ds
    push %es
    push %fs
    push %gs
    mov $GDT_KERNEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    cld

    mov INT_FRAME_VECTOR(%esp), %eax
    push %esp                       /* the frame */
    call *interrupt_handlers(, %eax, 4)
    add $4, %esp

    /* Back to kernel mode: no work to look at (a kernel path that was interrupted resumes). */
    testl $SEL_RPL_MASK, INT_FRAME_CS(%esp)
    jnz interrupt_return_user

    .globl interrupt_exit
interrupt_exit:
    pop %gs
    pop %fs
    pop %es
    pop %ds
    popal
    add $(INT_FRAME_EIP - INT_FRAME_VECTOR), %esp /* vector and error code */
    iret

    .globl interrupt_return_user
interrupt_return_user:
    INTERRUPT_RETURN_TO_USER
