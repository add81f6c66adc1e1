/* Bring-up of the x86 core: console first, so everything after can report; see arch/init.h. */
#include <abi/errno.h>
#include <arch/boot.h>
#include <arch/gdt.h>
#include <arch/init.h>
#include <arch/interrupt.h>
#include <arch/pic.h>
#include <arch/rtc.h>
#include <arch/serial.h>
#include <arch/timer.h>
#include <lib/panic.h>

void arch_init(uint32_t magic, uint32_t mbi_phys) {
    serial_init();
    if (boot_info_parse(magic, mbi_phys) == -EINVAL)
        panic("not started by a multiboot loader (magic 0x%08x)", magic);
    gdt_init();
    idt_init();
    pic_init();
    rtc_init(); /* just before the clock starts: CLOCK_REALTIME is the RTC plus clock_ns() */
    timer_init();
}
