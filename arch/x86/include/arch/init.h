/* x86 bring-up, called first thing by kmain. */
#ifndef ARCH_INIT_H
#define ARCH_INIT_H

#include <stdint.h>

/*
 * Starts the console (COM1), parses the multiboot information, loads the GDT, TSS and IDT, remaps
 * the PIC and starts the timer. Sets no hook: kernel/wiring.c has set them all before. Interrupts
 * stay disabled; the caller enables them when it is ready for ticks.
 */
void arch_init(uint32_t magic, uint32_t mbi_phys);

#endif
