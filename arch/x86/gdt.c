/* GDT and TSS setup; see arch/gdt.h. */
#include "internal.h"
#include <arch/cpu.h>
#include <arch/gdt.h>

/* Access byte bits. */
#define SEG_PRESENT 0x80
#define SEG_DPL(n) ((n) << 5)
#define SEG_CODE_DATA 0x10
#define SEG_EXEC 0x08
#define SEG_RW 0x02 /* readable code / writable data */
#define SEG_TSS32 0x09

/* Granularity byte: 4 KiB units, 32-bit operands. */
#define SEG_4K_32 0xC0
/* The largest limit, in 4 KiB units: the segment covers all 4 GiB. */
#define SEG_LIMIT_4G 0xFFFFF

struct tss kernel_tss;
static struct tss double_fault_tss;
struct gdt_entry gdt_table[GDT_ENTRIES];

#define DOUBLE_FAULT_STACK_SIZE 4096
static uint8_t double_fault_stack[DOUBLE_FAULT_STACK_SIZE] __aligned(16);

static struct gdt_entry make_entry(uint32_t base, uint32_t limit, uint8_t access, uint8_t gran) {
    return (struct gdt_entry){
        .limit_low = (uint16_t)limit,
        .base_low = (uint16_t)base,
        .base_mid = (uint8_t)(base >> 16),
        .access = access,
        .granularity = (uint8_t)(gran | ((limit >> 16) & 0x0F)),
        .base_high = (uint8_t)(base >> 24),
    };
}

void gdt_init(void) {
    const uint8_t code = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC | SEG_RW;
    const uint8_t data = SEG_PRESENT | SEG_CODE_DATA | SEG_RW;

    gdt_table[SEL_INDEX(GDT_KERNEL_CODE)] = make_entry(0, SEG_LIMIT_4G, code | SEG_DPL(RPL_KERNEL), SEG_4K_32);
    gdt_table[SEL_INDEX(GDT_KERNEL_DATA)] = make_entry(0, SEG_LIMIT_4G, data | SEG_DPL(RPL_KERNEL), SEG_4K_32);
    gdt_table[SEL_INDEX(GDT_USER_CODE)] = make_entry(0, SEG_LIMIT_4G, code | SEG_DPL(RPL_USER), SEG_4K_32);
    gdt_table[SEL_INDEX(GDT_USER_DATA)] = make_entry(0, SEG_LIMIT_4G, data | SEG_DPL(RPL_USER), SEG_4K_32);
    gdt_table[SEL_INDEX(GDT_USER_TLS)] = make_entry(0, SEG_LIMIT_4G, data | SEG_DPL(RPL_USER), SEG_4K_32);

    kernel_tss.ss0 = GDT_KERNEL_DATA;
    /* An I/O map base beyond the TSS limit: user mode may touch no I/O port. */
    kernel_tss.iomap_base = sizeof(kernel_tss);
    gdt_table[SEL_INDEX(GDT_TSS)] =
        make_entry((uint32_t)&kernel_tss, sizeof(kernel_tss) - 1, SEG_PRESENT | SEG_TSS32, 0);

    /*
     * A double fault (typically a kernel stack overflow: the CPU cannot push the frame of the
     * page fault on the guard page) switches to this task, which has a good stack. Its page
     * directory is the boot one, which maps all the kernel needs to report and stop.
     */
    double_fault_tss = (struct tss){
        .esp0 = (uint32_t)double_fault_stack + DOUBLE_FAULT_STACK_SIZE,
        .ss0 = GDT_KERNEL_DATA,
        .cr3 = read_cr3(),
        .eip = (uint32_t)double_fault_task,
        .eflags = EFLAGS_ALWAYS1, /* interrupts off */
        .esp = (uint32_t)double_fault_stack + DOUBLE_FAULT_STACK_SIZE,
        .cs = GDT_KERNEL_CODE,
        .ss = GDT_KERNEL_DATA,
        .ds = GDT_KERNEL_DATA,
        .es = GDT_KERNEL_DATA,
        .fs = GDT_KERNEL_DATA,
        .gs = GDT_KERNEL_DATA,
        .iomap_base = sizeof(struct tss),
    };
    gdt_table[SEL_INDEX(GDT_DOUBLE_FAULT_TSS)] =
        make_entry((uint32_t)&double_fault_tss, sizeof(double_fault_tss) - 1, SEG_PRESENT | SEG_TSS32, 0);

    struct descriptor_pointer p = {.limit = sizeof(gdt_table) - 1, .base = (uint32_t)gdt_table};
    lgdt(&p);
    load_segments(GDT_KERNEL_CODE, GDT_KERNEL_DATA);
    ltr(GDT_TSS);
}

const struct gdt_entry *gdt_entry_get(uint16_t selector) {
    return &gdt_table[SEL_INDEX(selector)];
}
