/*
 * The one interrupt entry path. Each vector's stub pushes an error code (a dummy 0 where the CPU
 * pushes none) and its vector number, then joins interrupt_common, which saves the registers to
 * form a struct int_frame (arch/interrupt.h) on the current kernel stack and calls
 * interrupt_handlers[vector](frame). The frame is passed by pointer and never copied.
 */
#include <arch/layout.h>

#define KERNEL_DATA 0x10
#define FRAME_VECTOR 48 /* offsetof(struct int_frame, vector) */
#define FRAME_CS 60     /* offsetof(struct int_frame, cs) */

/* Vectors for which the CPU pushes an error code: 8, 10-14, 17, 21, 29, 30. */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

.macro stub vector
    .p2align 4
isr_stub_\vector:
    .if !HAS_ERROR(\vector)
    push $0
    .endif
    push $\vector
    jmp interrupt_common
.endm

    .text
    .globl isr_stub_table
/* Stubs for the 32 exceptions, the 16 PIC IRQs and the system call; their addresses follow. */
.altmacro
.set v, 0
.rept 48
    stub %v
    .set v, v + 1
.endr
    stub 128

    .section .rodata
    .p2align 2
isr_stub_table:
.set v, 0
.macro stub_addr vector
    .long isr_stub_\vector
.endm
.rept 48
    stub_addr %v
    .set v, v + 1
.endr
    stub_addr 128

    .text
    .p2align 4
interrupt_common:
    pushal
    push %ds
    push %es
    push %fs
    push %gs
    mov $KERNEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    cld

    mov FRAME_VECTOR(%esp), %eax
    push %esp                       /* the frame */
    call *interrupt_handlers(, %eax, 4)
    add $4, %esp

    /* Returning to user mode: if the process layer asked for it (a reschedule, a signal), let it
     * act first. Checked with interrupts off so that no request can slip in after the test. */
    testl $3, FRAME_CS(%esp)
    jz interrupt_exit
    cli
    cmpl $0, user_return_work
    je interrupt_exit
    push %esp
    call *user_return_hook
    add $4, %esp

    .globl interrupt_exit
interrupt_exit:
    pop %gs
    pop %fs
    pop %es
    pop %ds
    popal
    add $8, %esp                    /* vector and error code */
    iret
