/*
 * Interrupts, exceptions and system-call entry.
 *
 * Every vector enters through one assembly path (isr.S) that pushes the registers onto the current
 * kernel stack, forming a struct int_frame, and calls the vector's handler with a pointer to it.
 * The frame is never copied: a process's saved user context *is* this frame at the top of its
 * kernel stack, which is what keeps system calls and context switches short.
 */
#ifndef ARCH_INTERRUPT_H
#define ARCH_INTERRUPT_H

#include <abi/syscall.h> /* SYSCALL_VECTOR_NUMBER: the vector of `int $0x80` */
#include <lib/compiler.h>
#include <stdbool.h>
#include <stdint.h>

#define IRQ_BASE 32 /* the PIC delivers IRQ n as vector IRQ_BASE + n */
#define IRQ_COUNT 16
#define IRQ_TIMER 0
#define IRQ_COM1 4
#define IDT_ENTRIES 256

/* CPU exception vectors. */
enum {
    EXC_DE = 0,  /* divide error */
    EXC_DB = 1,  /* debug */
    EXC_NMI = 2, /* non-maskable interrupt */
    EXC_BP = 3,  /* breakpoint */
    EXC_OF = 4,  /* overflow */
    EXC_BR = 5,  /* bound range exceeded */
    EXC_UD = 6,  /* invalid opcode */
    EXC_NM = 7,  /* device not available */
    EXC_DF = 8,  /* double fault */
    EXC_TS = 10, /* invalid TSS */
    EXC_NP = 11, /* segment not present */
    EXC_SS = 12, /* stack-segment fault */
    EXC_GP = 13, /* general protection */
    EXC_PF = 14, /* page fault */
    EXC_MF = 16, /* x87 floating-point error */
    EXC_AC = 17, /* alignment check */
    EXC_MC = 18, /* machine check */
    EXC_XM = 19, /* SIMD floating-point */
};

/* Page-fault error code bits. */
#define PF_PRESENT 0x1 /* the page was present (a protection violation) */
#define PF_WRITE 0x2   /* the access was a write */
#define PF_USER 0x4    /* the access came from user mode */

/* The saved state, in the order isr.S pushes it (lowest address first). */
struct int_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t vector, error;
    /* Pushed by the CPU. */
    uint32_t eip, cs, eflags;
    /* Pushed by the CPU only when the interrupt came from user mode. */
    uint32_t user_esp, user_ss;
};
_Static_assert(sizeof(struct int_frame) == 19 * 4, "int_frame must match isr.S");
_Static_assert(__builtin_offsetof(struct int_frame, vector) == 12 * 4, "isr.S reads the vector here");
_Static_assert(__builtin_offsetof(struct int_frame, cs) == 15 * 4, "isr.S tests the CPL here");

static inline bool frame_from_user(const struct int_frame *f) {
    return (f->cs & 3) == 3;
}

typedef void (*interrupt_handler_fn)(struct int_frame *frame);

/* Installs the IDT with every exception, IRQ and the system-call gate. */
void idt_init(void);

/* Sets the handler for `vector`; NULL restores the default (an exception report or a spurious count). */
void interrupt_set_handler(unsigned vector, interrupt_handler_fn handler);

/*
 * Called on a return to user mode, after the handler and with interrupts disabled, when
 * user_return_work is nonzero: the process layer delivers signals and preempts here. May switch
 * to another process. The hook clears user_return_work itself (setting it again if work remains);
 * anyone who creates work for it (a signal, a reschedule) sets it. The common return to user mode
 * thus costs two instructions.
 */
void interrupt_set_user_return_hook(void (*hook)(struct int_frame *frame));
extern volatile uint32_t user_return_work;

/*
 * Exceptions raised in user mode go to this hook (the process layer turns them into signals).
 * Without one, a user-mode exception panics.
 */
void exception_set_user_hook(void (*hook)(struct int_frame *frame));

/*
 * A page fault goes first to this hook, which returns true when it resolved the fault (demand-zero,
 * copy-on-write) or dealt with it otherwise (signal, fixup); false means an unexpected kernel fault.
 */
void exception_set_page_fault_hook(bool (*hook)(struct int_frame *frame, uint32_t fault_addr));

/*
 * Kernel-mode fault recovery for code that touches memory it cannot vouch for (copies to and from
 * user space, see arch/usercopy.h): if the faulting instruction is listed in the fixup table, the
 * frame is redirected to its fixup code and true is returned.
 */
bool exception_fixup(struct int_frame *frame);

/* Is `eip` an instruction listed in the fixup table (an instruction that may touch user memory)? */
bool exception_has_fixup(uint32_t eip);

/* Symbolic name of an exception vector ("page fault"), or "interrupt". */
const char *exception_name(unsigned vector);

/* For tests: raw IDT gate of `vector` (selector, type/attributes, handler offset). */
void idt_gate_get(unsigned vector, uint16_t *selector, uint8_t *type_attr, uint32_t *offset);

#endif
