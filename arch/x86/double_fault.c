/*
 * The double-fault task. The CPU switches here (a task gate, see gdt.c and idt.c) when it fails
 * to deliver an exception, almost always because the kernel stack overflowed into its guard gap:
 * the page fault's own frame cannot be pushed. The interrupted state is in kernel_tss, where the
 * task switch saved it. Nothing can be resumed: report and stop.
 */
#include "internal.h"
#include <arch/backtrace.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/layout.h>
#include <lib/log.h>
#include <lib/panic.h>

__noreturn void double_fault_task(void) {
    uint32_t offset = 0;
    const char *fn = ksym_name(kernel_tss.eip, &offset);

    kprintf("\nEXCEPTION 8 (double fault) in kernel mode: a fault while delivering another one\n");
    kprintf("  eip=0x%08x %s+0x%x  esp=0x%08x  cr2=0x%08x\n", kernel_tss.eip, fn ? fn : "?", offset, kernel_tss.esp,
            read_cr2());
    /* The CPU was pushing onto the page below the stack pointer. */
    if (ALIGN_DOWN(read_cr2(), PAGE_SIZE) == ALIGN_DOWN(kernel_tss.esp - sizeof(uint32_t), PAGE_SIZE))
        kprintf("  the stack pointer is in the faulting page: a kernel stack overflow\n");
    panic("double fault at %s+0x%x", fn ? fn : "?", offset);
}
