/* Shared between the files of arch/x86; not part of its interface. */
#ifndef ARCH_X86_INTERNAL_H
#define ARCH_X86_INTERNAL_H

#include <arch/interrupt.h>

/* exception.c: what every exception vector runs unless a handler is set (routing, or panic). */
void exception_default(struct int_frame *frame);

/* double_fault.c: the double-fault task's code (its TSS is set up by gdt.c). */
__noreturn void double_fault_task(void);

/* isr.S: the entry stubs' addresses, vectors 0 .. IRQ_BASE + IRQ_COUNT - 1, then the system call. */
#define ISR_STUB_COUNT (IRQ_BASE + IRQ_COUNT + 1)
extern const uint32_t isr_stub_table[ISR_STUB_COUNT];

/* idt.c, read by isr.S: the handler of each vector, and the hook run on a return to user mode. */
extern interrupt_handler_fn interrupt_handlers[IDT_ENTRIES];
extern void (*user_return_hook)(struct int_frame *frame);

#endif
