/*
 * Segmentation is flat: kernel and user code/data segments all cover 4 GiB, protection comes from
 * paging. The TSS exists only to give the CPU the kernel stack (ss0:esp0) to switch to when an
 * interrupt arrives in user mode; the context switch updates esp0.
 * Included by assembly too (isr.S loads the kernel data selector), so the C part comes last.
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

/* A selector: the descriptor's index times 8, a table bit (0: the GDT), and the requested
 * privilege level (RPL) in bits 1..0. In CS, those bits are the current privilege level. */
#define SEL_RPL_MASK 3
#define RPL_KERNEL 0
#define RPL_USER 3
#define SEL_INDEX(sel) ((sel) >> 3)

#define GDT_KERNEL_CODE (0x08 | RPL_KERNEL)
#define GDT_KERNEL_DATA (0x10 | RPL_KERNEL)
#define GDT_USER_CODE (0x18 | RPL_USER)
#define GDT_USER_DATA (0x20 | RPL_USER)
#define GDT_TSS 0x28
#define GDT_DOUBLE_FAULT_TSS 0x30 /* a task of its own, with its own stack: see double_fault.c */
/* The running thread's TLS segment (ABI_TLS_SELECTOR in abi/thread.h): a user data segment whose
 * base is the thread pointer, rewritten at each switch (gdt_set_user_tls). */
#define GDT_USER_TLS (0x38 | RPL_USER)
#define GDT_ENTRIES 8

#ifndef __ASSEMBLER__

#include <lib/compiler.h>
#include <stdint.h>

struct gdt_entry {
    uint16_t limit_low;
    uint16_t base_low;
    uint8_t base_mid;
    uint8_t access;      /* present, DPL, type */
    uint8_t granularity; /* 4 KiB granularity, 32-bit, limit 19:16 */
    uint8_t base_high;
} __packed;
_Static_assert(sizeof(struct gdt_entry) == 8, "a GDT descriptor is 8 bytes");

struct tss {
    uint32_t prev_task;
    uint32_t esp0;
    uint32_t ss0;
    uint32_t esp1;
    uint32_t ss1;
    uint32_t esp2;
    uint32_t ss2;
    uint32_t cr3;
    uint32_t eip;
    uint32_t eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs;
    uint32_t ldt;
    uint16_t trap;
    uint16_t iomap_base;
} __packed;
_Static_assert(sizeof(struct tss) == 104, "the 32-bit TSS is 104 bytes");

/* Loads the GDT and the TSS and reloads every segment register. */
void gdt_init(void);

/*
 * The kernel's TSS (gdt.c). Its esp0 is the kernel stack of the running process (set by
 * tss_set_kernel_stack at each switch); after a double fault it holds the interrupted state,
 * saved by the task switch (double_fault.c reads it).
 */
extern struct tss kernel_tss;

/* The kernel stack the CPU switches to on the next interrupt from user mode. */
static inline void tss_set_kernel_stack(uint32_t esp0) {
    kernel_tss.esp0 = esp0;
}

/* The GDT (gdt.c), for gdt_set_user_tls. */
extern struct gdt_entry gdt_table[GDT_ENTRIES];

/*
 * Sets the base of the GDT_USER_TLS segment, a user data segment of 4 GiB (gdt_init writes the
 * rest of the entry once; the limit wraps around, so with any base the thread's %gs reaches all
 * of user memory, as flat segments do: paging, not segmentation, protects the kernel). A segment
 * register caches the base when it is loaded: the next load of %gs (at the return to user mode)
 * sees the new one. Inline, three stores: it is on the path of a switch between threads.
 */
static inline void gdt_set_user_tls(uint32_t base) {
    struct gdt_entry *e = &gdt_table[SEL_INDEX(GDT_USER_TLS)];

    e->base_low = (uint16_t)base;
    e->base_mid = (uint8_t)(base >> 16);
    e->base_high = (uint8_t)(base >> 24);
}

/* For tests: the live GDT entry for `selector`. */
const struct gdt_entry *gdt_entry_get(uint16_t selector);

#endif /* __ASSEMBLER__ */

#endif
