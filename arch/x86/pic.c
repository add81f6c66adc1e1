/* 8259A PIC driver; see arch/pic.h. */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/pic.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

#define PIC_LINES 8         /* IRQs per PIC: the master has 0-7, the slave 8-15 */
#define PIC_CASCADE_IRQ 2   /* the master line the slave is wired to */
#define PIC_SPURIOUS_LINE 7 /* where each PIC reports a spurious interrupt: IRQ 7 or 15 */

#define ICW1_INIT 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_ISR 0x0B

#define HANDLERS_PER_IRQ 4

static irq_handler_fn handlers[IRQ_COUNT][HANDLERS_PER_IRQ];
static uint16_t mask = 0xFFFF & ~(1u << PIC_CASCADE_IRQ); /* all masked but the cascade line */

static void write_mask(void) {
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(void) {
    outb(PIC1_CMD, ICW1_INIT);
    outb(PIC2_CMD, ICW1_INIT);
    outb(PIC1_DATA, IRQ_BASE); /* ICW2: vector offset */
    outb(PIC2_DATA, IRQ_BASE + PIC_LINES);
    outb(PIC1_DATA, 1u << PIC_CASCADE_IRQ); /* ICW3: which line has the slave */
    outb(PIC2_DATA, PIC_CASCADE_IRQ);       /* ICW3: the slave's identity */
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    write_mask();
}

static void irq_unmask(unsigned irq) {
    mask &= (uint16_t) ~(1u << irq);
    write_mask();
}

int irq_add_handler(unsigned irq, irq_handler_fn handler) {
    for (unsigned i = 0; i < HANDLERS_PER_IRQ; i++) {
        if (!handlers[irq][i]) {
            handlers[irq][i] = handler;
            irq_unmask(irq);
            return 0;
        }
    }
    return -ENOSPC;
}

static bool in_service(unsigned irq) {
    uint16_t port = irq < PIC_LINES ? PIC1_CMD : PIC2_CMD;

    outb(port, OCW3_READ_ISR);
    return (inb(port) >> (irq % PIC_LINES)) & 1;
}

/*
 * The waiting pic_idle_halt counts: open from the first halt until an interrupt other than a tick
 * comes, or the caller stops waiting (pic_idle_end). A tick that only ends a halt, and the idle
 * loop's steps between two halts, stay inside it: how many ticks come during a wait depends on how
 * fast the host's disk answers, so counting what each one costs would make the figures depend on
 * the host too.
 */
static struct {
    bool open;
    uint64_t since, total;
} idle;

static void idle_close(void) {
    if (idle.open) {
        idle.total += rdtsc() - idle.since;
        idle.open = false;
    }
}

void pic_idle_halt(void) {
    if (!idle.open) {
        idle.since = rdtsc();
        idle.open = true;
    }
    cpu_sti_hlt();
}

void pic_idle_end(void) {
    bool irq = irq_save();
    idle_close();
    irq_restore(irq);
}

uint64_t pic_halted_tsc(void) {
    bool irq = irq_save();
    uint64_t total = idle.total;
    irq_restore(irq);
    return total;
}

void pic_dispatch(struct int_frame *frame) {
    unsigned irq = frame->vector - IRQ_BASE;

    /* Any interrupt but a tick is work (the disk's): the wait ends where its entry path ends. */
    if (irq != IRQ_TIMER)
        idle_close();
    /* IRQ 7 and 15 may be spurious: the line dropped before the CPU acknowledged it. No EOI then
     * (for 15, the master still saw a real IRQ 2 and needs one). */
    if (irq % PIC_LINES == PIC_SPURIOUS_LINE && !in_service(irq)) {
        if (irq >= PIC_LINES)
            outb(PIC1_CMD, OCW2_EOI);
        return;
    }
    /* Acknowledge first: a handler may switch to another process and come back much later. */
    if (irq >= PIC_LINES)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
    for (unsigned i = 0; i < HANDLERS_PER_IRQ && handlers[irq][i]; i++)
        handlers[irq][i](frame);
}
