/* IDT and the table of interrupt handlers that isr.S dispatches through; see arch/interrupt.h. */
#include "internal.h"
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/interrupt.h>
#include <arch/pic.h>

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t zero;
    uint8_t type_attr; /* present, DPL, gate type */
    uint16_t offset_high;
} __packed;
_Static_assert(sizeof(struct idt_gate) == 8, "an IDT gate is 8 bytes");

#define GATE_PRESENT 0x80
#define GATE_DPL3 0x60
#define GATE_TASK 0x05   /* switches to the task whose TSS the selector names */
#define GATE_INTR32 0x0E /* clears IF on entry */
#define GATE_TRAP32 0x0F /* leaves IF as it was */

static struct idt_gate idt[IDT_ENTRIES];

static void user_return_nothing(struct int_frame *frame) {
    (void)frame;
}

/* Filled before idt_init, so that handlers may be set (kernel/wiring.c) before anything else runs. */
interrupt_handler_fn interrupt_handlers[IDT_ENTRIES] = {
    [0 ... IRQ_BASE - 1] = exception_default,
    [IRQ_BASE... IRQ_BASE + IRQ_COUNT - 1] = pic_dispatch,
    [IRQ_BASE + IRQ_COUNT... IDT_ENTRIES - 1] = exception_default,
};
void (*user_return_hook)(struct int_frame *frame) = user_return_nothing;
volatile uint32_t user_return_work;

static interrupt_handler_fn default_handler(unsigned vector) {
    if (vector < IRQ_BASE)
        return exception_default;
    if (vector < IRQ_BASE + IRQ_COUNT)
        return pic_dispatch;
    return exception_default;
}

static void set_gate(unsigned vector, uint32_t handler, uint8_t type_attr) {
    idt[vector] = (struct idt_gate){
        .offset_low = (uint16_t)handler,
        .selector = GDT_KERNEL_CODE,
        .type_attr = type_attr,
        .offset_high = (uint16_t)(handler >> 16),
    };
}

/* What the `int $0x80` gate points at: the system-call layer's own entry, or 0 for the table's stub. */
static uint32_t syscall_entry_address;

static void set_syscall_gate(void) {
    uint32_t entry = syscall_entry_address ? syscall_entry_address : isr_stub_table[ISR_STUB_COUNT - 1];

    /* DPL 3 so user mode may use `int $0x80`, and a trap gate so interrupts stay on during the
     * call (the kernel is not preempted, but device interrupts are still taken). */
    set_gate(SYSCALL_VECTOR_NUMBER, entry, GATE_PRESENT | GATE_DPL3 | GATE_TRAP32);
}

void idt_init(void) {
    for (unsigned v = 0; v < IRQ_BASE + IRQ_COUNT; v++)
        set_gate(v, isr_stub_table[v], GATE_PRESENT | GATE_INTR32);
    /* A double fault gets a task of its own (a fresh stack), since the usual cause is a kernel
     * stack that has no room left for an interrupt frame. */
    idt[EXC_DF] = (struct idt_gate){.selector = GDT_DOUBLE_FAULT_TSS, .type_attr = GATE_PRESENT | GATE_TASK};
    set_syscall_gate();

    struct descriptor_pointer p = {.limit = sizeof(idt) - 1, .base = (uint32_t)idt};
    lidt(&p);
}

void interrupt_set_handler(unsigned vector, interrupt_handler_fn handler) {
    interrupt_handlers[vector] = handler ? handler : default_handler(vector);
}

void interrupt_set_syscall_entry(void (*entry)(void)) {
    /* Written now and again by idt_init: the IDT is read from memory at each interrupt. */
    syscall_entry_address = (uint32_t)entry;
    set_syscall_gate();
}

void interrupt_set_user_return_hook(void (*hook)(struct int_frame *frame)) {
    user_return_hook = hook ? hook : user_return_nothing;
}

void idt_gate_get(unsigned vector, uint16_t *selector, uint8_t *type_attr, uint32_t *offset) {
    const struct idt_gate *g = &idt[vector];

    *selector = g->selector;
    *type_attr = g->type_attr;
    *offset = g->offset_low | ((uint32_t)g->offset_high << 16);
}
