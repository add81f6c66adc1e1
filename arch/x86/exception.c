/*
 * CPU exceptions: route each to whoever can resolve it, else report everything and panic.
 *
 * Order: a page fault first goes to the memory manager (demand-zero, copy-on-write). What remains
 * from user mode goes to the process layer (a signal; which one may depend on whether memory ran
 * out). What remains from kernel mode is either a fault in a user-copy routine (fixup: the system
 * call returns EFAULT), a fault a test expects, or a kernel bug: full report, symbolized
 * backtrace, panic.
 */
#include "internal.h"
#include <arch/backtrace.h>
#include <arch/cpu.h>
#include <arch/fault_catch.h>
#include <arch/interrupt.h>
#include <lib/log.h>
#include <lib/panic.h>

static void (*user_hook)(struct int_frame *frame, enum fault_result fault, uint32_t cr2);
static enum fault_result (*page_fault_hook)(struct int_frame *frame, uint32_t fault_addr);
static struct fault_catcher *catcher;

/* The frame being reported by exception_panic, for the backtrace panic() prints. */
static const struct int_frame *panic_frame;

static const char *const names[EXC_COUNT] = {
    [EXC_DE] = "divide error",
    [EXC_DB] = "debug",
    [EXC_NMI] = "non-maskable interrupt",
    [EXC_BP] = "breakpoint",
    [EXC_OF] = "overflow",
    [EXC_BR] = "bound range exceeded",
    [EXC_UD] = "invalid opcode",
    [EXC_NM] = "device not available",
    [EXC_DF] = "double fault",
    [EXC_CSO] = "coprocessor segment overrun",
    [EXC_TS] = "invalid TSS",
    [EXC_NP] = "segment not present",
    [EXC_SS] = "stack-segment fault",
    [EXC_GP] = "general protection fault",
    [EXC_PF] = "page fault",
    [EXC_MF] = "x87 floating-point error",
    [EXC_AC] = "alignment check",
    [EXC_MC] = "machine check",
    [EXC_XM] = "SIMD floating-point error",
};

const char *exception_name(unsigned vector) {
    if (vector < EXC_COUNT && names[vector])
        return names[vector];
    return vector < EXC_COUNT ? "reserved exception" : "interrupt";
}

void exception_set_user_hook(void (*hook)(struct int_frame *frame, enum fault_result fault, uint32_t cr2)) {
    user_hook = hook;
}

void exception_set_page_fault_hook(enum fault_result (*hook)(struct int_frame *frame, uint32_t fault_addr)) {
    page_fault_hook = hook;
}

void fault_catch_arm(struct fault_catcher *c, int vector) {
    c->want_vector = vector;
    catcher = c;
}

void fault_catch_end(void) {
    catcher = NULL;
}

static void try_catch(const struct int_frame *f, uint32_t cr2) {
    struct fault_catcher *c = catcher;

    if (!c || (c->want_vector >= 0 && (uint32_t)c->want_vector != f->vector))
        return;
    catcher = NULL;
    c->vector = f->vector;
    c->error = f->error;
    c->cr2 = cr2;
    c->eip = f->eip;
    kjmp_long(&c->jmp, 1);
}

void exception_backtrace(void) {
    if (panic_frame)
        backtrace_print(panic_frame->eip, panic_frame->ebp);
    else /* from our caller (panic_at) upwards: its return address, then its frame's chain */
        backtrace_print((uint32_t)__builtin_return_address(0), *(const uint32_t *)read_ebp());
}

/* Prints the full report of an unexpected exception and panics. */
static __noreturn void exception_panic(const struct int_frame *f) {
    uint32_t offset = 0;
    const char *fn = ksym_name(f->eip, &offset);
    bool user = frame_from_user(f);

    kprintf("\nEXCEPTION %u (%s) in %s mode, error code 0x%x\n", f->vector, exception_name(f->vector),
            user ? "user" : "kernel", f->error);
    if (f->vector == EXC_PF)
        kprintf("  cr2=0x%08x (%s, %s, %s)\n", read_cr2(), (f->error & PF_WRITE) ? "write" : "read",
                (f->error & PF_PRESENT) ? "protection" : "not present", (f->error & PF_USER) ? "user" : "kernel");
    kprintf("  eip=0x%08x %s+0x%x  cs=0x%04x  eflags=0x%08x\n", f->eip, fn ? fn : "?", offset, f->cs, f->eflags);
    kprintf("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", f->eax, f->ebx, f->ecx, f->edx);
    kprintf("  esi=0x%08x edi=0x%08x ebp=0x%08x esp=0x%08x\n", f->esi, f->edi, f->ebp,
            /* From kernel mode, the CPU pushed no stack pointer: it was just above the frame's eflags. */
            user ? f->user_esp : f->esp_at_pusha + (INT_FRAME_USER_ESP - INT_FRAME_VECTOR));
    kprintf("  ds=0x%04x es=0x%04x fs=0x%04x gs=0x%04x  cr0=0x%08x cr3=0x%08x cr4=0x%08x\n", f->ds, f->es, f->fs, f->gs,
            read_cr0(), read_cr3(), read_cr4());
    panic_frame = f;
    panic("unhandled %s at %s+0x%x", exception_name(f->vector), fn ? fn : "?", offset);
}

void exception_default(struct int_frame *f) {
    uint32_t cr2 = f->vector == EXC_PF ? read_cr2() : 0;
    enum fault_result fault = FAULT_REFUSED;

    if (f->vector == EXC_PF && page_fault_hook) {
        fault = page_fault_hook(f, cr2);
        if (fault == FAULT_RESOLVED)
            return;
    }
    if (frame_from_user(f)) {
        if (user_hook) {
            user_hook(f, fault, cr2);
            return;
        }
    } else {
        /* A user copy that faulted fails with EFAULT, whether memory ran out or the range is bad. */
        if (exception_fixup(f))
            return;
        try_catch(f, cr2);
    }
    exception_panic(f);
}
