/* GDT, TSS and IDT as the CPU sees them. */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/interrupt.h>
#include <ktest/ktest.h>

KTEST(gdt, segments_are_flat_with_right_privilege) {
    const struct gdt_entry *kc = gdt_entry_get(GDT_KERNEL_CODE);
    const struct gdt_entry *kd = gdt_entry_get(GDT_KERNEL_DATA);
    const struct gdt_entry *uc = gdt_entry_get(GDT_USER_CODE);
    const struct gdt_entry *ud = gdt_entry_get(GDT_USER_DATA);

    /* Bit 0 is the "accessed" bit the CPU sets when it loads a segment: mask it. */
    KEXPECT_EQ(kc->access & 0xFE, 0x9A); /* present, DPL 0, code, readable */
    KEXPECT_EQ(kd->access & 0xFE, 0x92); /* present, DPL 0, data, writable */
    KEXPECT_EQ(uc->access & 0xFE, 0xFA); /* present, DPL 3, code */
    KEXPECT_EQ(ud->access & 0xFE, 0xF2); /* present, DPL 3, data */
    KEXPECT_EQ(kc->limit_low, 0xFFFF);
    KEXPECT_EQ(kc->granularity, 0xCF); /* 4 KiB units, 32-bit, limit 0xFFFFF */
    KEXPECT_EQ(uc->base_low | uc->base_mid | uc->base_high, 0);
}

KTEST(gdt, tss_is_loaded) {
    const struct gdt_entry *t = gdt_entry_get(GDT_TSS);

    KEXPECT_EQ(str(), GDT_TSS);
    KEXPECT_EQ(t->access & 0x8F, 0x89 | 0x02); /* present, 32-bit TSS, busy after ltr */
    KEXPECT_EQ(t->base_low | (t->base_mid << 16) | ((uint32_t)t->base_high << 24), (uint32_t)&kernel_tss);
    KEXPECT_EQ(kernel_tss.ss0, GDT_KERNEL_DATA);
    KEXPECT_EQ(kernel_tss.iomap_base, sizeof(struct tss)); /* no I/O ports for user mode */
}

KTEST(gdt, loaded_gdtr_covers_the_table) {
    struct descriptor_pointer p;

    sgdt(&p);
    KEXPECT_EQ(p.limit, GDT_ENTRIES * 8 - 1);
    KEXPECT_EQ(p.base, (uint32_t)gdt_entry_get(0));
}

KTEST(gdt, tls_entry_is_a_user_data_segment_at_its_base) {
    const struct gdt_entry *e = gdt_entry_get(GDT_USER_TLS);
    uint32_t before = e->base_low | (e->base_mid << 16) | ((uint32_t)e->base_high << 24), base = 0x12345678;

    gdt_set_user_tls(base);
    KEXPECT_EQ(e->base_low | (e->base_mid << 16) | ((uint32_t)e->base_high << 24), base);
    KEXPECT_EQ(e->access, 0xF2);            /* present, DPL 3, writable data */
    KEXPECT_EQ(e->granularity, 0xCF);       /* 4 KiB units, 32-bit, limit 0xFFFFF: all 4 GiB */
    KEXPECT_EQ(GDT_USER_TLS, 0x3b);         /* ABI_TLS_SELECTOR (abi/thread.h) */
    KEXPECT_EQ(SEL_INDEX(GDT_USER_TLS), 7); /* the last entry of the table */
    KEXPECT_EQ(GDT_ENTRIES, 8);
    gdt_set_user_tls(before); /* what the scheduler believes the entry holds */
}

KTEST(idt, gates) {
    struct descriptor_pointer p;
    uint16_t sel;
    uint8_t attr;
    uint32_t off;

    sidt(&p);
    KEXPECT_EQ(p.limit, IDT_ENTRIES * 8 - 1);
    for (unsigned v = 0; v < IRQ_BASE + IRQ_COUNT; v++) {
        idt_gate_get(v, &sel, &attr, &off);
        if (v == EXC_DF) {
            KEXPECT_EQ(sel, GDT_DOUBLE_FAULT_TSS);
            KEXPECT_EQ(attr, 0x85); /* present, DPL 0, task gate: a fresh stack */
            continue;
        }
        KEXPECT_EQ(sel, GDT_KERNEL_CODE);
        KEXPECT_EQ(attr, 0x8E); /* present, DPL 0, 32-bit interrupt gate */
        KEXPECT_GE(off, 0xC0000000u);
    }
    idt_gate_get(SYSCALL_VECTOR_NUMBER, &sel, &attr, &off);
    KEXPECT_EQ(attr, 0xEF); /* present, DPL 3: reachable by `int $0x80` from user mode */
    idt_gate_get(0x81, &sel, &attr, &off);
    KEXPECT_EQ(attr & 0x80, 0); /* everything else is not present */
}

KTEST(idt, interrupts_enabled_after_boot) {
    KEXPECT_TRUE(irqs_enabled());
}
