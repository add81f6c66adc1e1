/*
 * Interrupts, exceptions and system-call entry.
 *
 * Every vector enters through one assembly path (isr.S) that pushes the registers onto the current
 * kernel stack, forming a struct int_frame, and calls the vector's handler with a pointer to it.
 * The frame is never copied: a process's saved user context *is* this frame at the top of its
 * kernel stack, which is what keeps system calls and context switches short.
 *
 * Included by assembly too (isr.S): the numbers come first, the C part last.
 */
#ifndef ARCH_INTERRUPT_H
#define ARCH_INTERRUPT_H

#include <abi/syscall.h> /* SYSCALL_VECTOR_NUMBER: the vector of `int $0x80` */
#include <arch/gdt.h>

#define IRQ_BASE 32 /* the PIC delivers IRQ n as vector IRQ_BASE + n; below are the CPU's */
#define IRQ_COUNT 16
#define IRQ_TIMER 0
#define IRQ_COM1 4
#define IDT_ENTRIES 256

/* `int $0x80` is two bytes (CD 80): a restarted system call goes back over it. */
#define SYSCALL_INSN_SIZE 2

/* CPU exception vectors (Intel SDM vol. 3, 6.3.1). */
#define EXC_DE 0  /* divide error */
#define EXC_DB 1  /* debug */
#define EXC_NMI 2 /* non-maskable interrupt */
#define EXC_BP 3  /* breakpoint */
#define EXC_OF 4  /* overflow */
#define EXC_BR 5  /* bound range exceeded */
#define EXC_UD 6  /* invalid opcode */
#define EXC_NM 7  /* device not available */
#define EXC_DF 8  /* double fault */
#define EXC_CSO 9 /* coprocessor segment overrun (no longer raised) */
#define EXC_TS 10 /* invalid TSS */
#define EXC_NP 11 /* segment not present */
#define EXC_SS 12 /* stack-segment fault */
#define EXC_GP 13 /* general protection */
#define EXC_PF 14 /* page fault */
#define EXC_MF 16 /* x87 floating-point error */
#define EXC_AC 17 /* alignment check */
#define EXC_MC 18 /* machine check */
#define EXC_XM 19 /* SIMD floating-point */
#define EXC_CP 21 /* control protection */
#define EXC_VC 29 /* VMM communication */
#define EXC_SX 30 /* security */
#define EXC_COUNT IRQ_BASE

/* The exceptions for which the CPU pushes an error code (isr.S pushes a dummy 0 for the others). */
#define EXC_HAS_ERROR_CODE(v)                                                                                          \
    ((v) == EXC_DF || ((v) >= EXC_TS && (v) <= EXC_PF) || (v) == EXC_AC || (v) == EXC_CP || (v) == EXC_VC ||           \
     (v) == EXC_SX)

/* Page-fault error code bits. */
#define PF_PRESENT 0x1 /* the page was present (a protection violation) */
#define PF_WRITE 0x2   /* the access was a write */
#define PF_USER 0x4    /* the access came from user mode */

/* Byte offsets into struct int_frame, for isr.S; the C part checks them against the struct. */
#define INT_FRAME_EAX 44
#define INT_FRAME_VECTOR 48
#define INT_FRAME_ERROR 52
#define INT_FRAME_EIP 56
#define INT_FRAME_CS 60
#define INT_FRAME_USER_ESP 68
#define INT_FRAME_SIZE 76

#ifndef __ASSEMBLER__

#include <lib/compiler.h>
#include <stdbool.h>
#include <stdint.h>

/* The saved state, in the order isr.S pushes it (lowest address first). */
struct int_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax; /* pushal */
    uint32_t vector, error;
    /* Pushed by the CPU. */
    uint32_t eip, cs, eflags;
    /* Pushed by the CPU only when the interrupt came from user mode. */
    uint32_t user_esp, user_ss;
};
_Static_assert(__builtin_offsetof(struct int_frame, eax) == INT_FRAME_EAX, "a system call's result goes here");
_Static_assert(__builtin_offsetof(struct int_frame, vector) == INT_FRAME_VECTOR, "isr.S reads the vector here");
_Static_assert(__builtin_offsetof(struct int_frame, error) == INT_FRAME_ERROR, "the system-call entry pushes this");
_Static_assert(__builtin_offsetof(struct int_frame, eip) == INT_FRAME_EIP, "isr.S drops vector and error below eip");
_Static_assert(__builtin_offsetof(struct int_frame, cs) == INT_FRAME_CS, "isr.S tests the CPL here");
_Static_assert(__builtin_offsetof(struct int_frame, user_esp) == INT_FRAME_USER_ESP, "the CPU's frame ends here");
_Static_assert(sizeof(struct int_frame) == INT_FRAME_SIZE, "int_frame must match isr.S");

static inline bool frame_from_user(const struct int_frame *f) {
    return (f->cs & SEL_RPL_MASK) == RPL_USER;
}

typedef void (*interrupt_handler_fn)(struct int_frame *frame);

/* Installs the IDT with every exception, IRQ and the system-call gate. */
void idt_init(void);

/*
 * Sets the handler for `vector` (may be called before idt_init); NULL restores the default: the
 * exception routing below, or for an IRQ vector the PIC's dispatch to the IRQ's handlers.
 */
void interrupt_set_handler(unsigned vector, interrupt_handler_fn handler);

/*
 * Points the `int $0x80` gate straight at `entry` (may be called before idt_init): an assembly
 * entry of the system-call layer that builds the struct int_frame itself (the layout isr.S
 * builds, with SYSCALL_VECTOR_NUMBER as the frame's `vector`) and leaves through
 * INTERRUPT_RETURN_TO_USER (arch/interrupt_return.inc), skipping the vector table's dispatch.
 * NULL: back to the table's stub (and interrupt_set_handler's handler for the vector).
 */
void interrupt_set_syscall_entry(void (*entry)(void));

/*
 * Called on a return to user mode, after the handler and with interrupts disabled, when
 * user_return_work is nonzero: the process layer delivers signals and preempts here. May switch
 * to another process. The hook clears user_return_work itself (setting it again if work remains);
 * anyone who creates work for it (a signal, a reschedule) sets it. The common return to user mode
 * thus costs two instructions.
 */
void interrupt_set_user_return_hook(void (*hook)(struct int_frame *frame));
extern volatile uint32_t user_return_work;

/* What the page-fault hook made of a fault. */
enum fault_result {
    FAULT_RESOLVED,      /* a page is there now (demand-zero, copy-on-write): the access is retried */
    FAULT_REFUSED,       /* not the memory manager's to resolve: no region, its protection forbids
                            the access, or a kernel access outside the user copies */
    FAULT_OUT_OF_MEMORY, /* the access is allowed, but no frame was left to back it */
    FAULT_BUS,           /* the page is past the end of the file a region maps (SIGBUS) */
};

/*
 * A page fault goes first to this hook. Unless it resolved the fault, the fault goes on like any
 * other exception: from user mode to the user hook, from a user copy to its fixup (the call fails
 * with EFAULT, out of memory or not), anywhere else in the kernel to a panic.
 */
void exception_set_page_fault_hook(enum fault_result (*hook)(struct int_frame *frame, uint32_t fault_addr));

/*
 * Exceptions raised in user mode that nothing resolved go to this hook (the process layer turns
 * them into signals), with what the page-fault hook said (FAULT_REFUSED for any other exception)
 * and, for a page fault, the address it faulted on (%cr2 as the fault left it; 0 otherwise).
 * Without one, a user-mode exception panics.
 */
void exception_set_user_hook(void (*hook)(struct int_frame *frame, enum fault_result fault, uint32_t cr2));

/*
 * Kernel-mode fault recovery for code that touches memory it cannot vouch for (copies to and from
 * user space, see arch/usercopy.h): if the faulting instruction is listed in the fixup table, the
 * frame is redirected to its fixup code and true is returned.
 */
bool exception_fixup(struct int_frame *frame);

/* Is `eip` an instruction listed in the fixup table (an instruction that may touch user memory)? */
bool exception_has_fixup(uint32_t eip);

/*
 * The backtrace panic() prints (lib/panic.h's panic_ops): from the interrupted code when an
 * unexpected exception is what panics, else from panic's caller. Called by panic_at only.
 */
void exception_backtrace(void);

/* Symbolic name of an exception vector ("page fault"), or "interrupt". */
const char *exception_name(unsigned vector);

/* For tests: raw IDT gate of `vector` (selector, type/attributes, handler offset). */
void idt_gate_get(unsigned vector, uint16_t *selector, uint8_t *type_attr, uint32_t *offset);

#endif /* __ASSEMBLER__ */

#endif
