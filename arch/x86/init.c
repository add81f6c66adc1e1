/* Bring-up of the x86 core: console first, so everything after can report; see arch/init.h. */
#include <arch/backtrace.h>
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/init.h>
#include <arch/interrupt.h>
#include <arch/machine.h>
#include <arch/pic.h>
#include <arch/serial.h>
#include <arch/timer.h>
#include <lib/log.h>
#include <lib/panic.h>

static __noreturn void panic_halt(void) {
    machine_exit(MACHINE_EXIT_FAILURE);
}

static const struct panic_ops x86_panic_ops = {
    .backtrace = exception_backtrace,
    .halt = panic_halt,
};

void arch_init(uint32_t magic, uint32_t mbi_phys) {
    serial_init();
    console_set_sink(serial_write);
    panic_set_ops(&x86_panic_ops);
    if (boot_info_parse(magic, mbi_phys) != 0)
        panic("not started by a multiboot loader (magic 0x%08x)", magic);
    gdt_init();
    idt_init();
    pic_init();
    timer_init();
    log_set_clock(clock_ns);
}
