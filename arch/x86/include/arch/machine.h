/* Leaving the machine: under QEMU, through the isa-debug-exit device. */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <lib/compiler.h>

/*
 * QEMU started with `-device isa-debug-exit,iobase=0xf4,iosize=0x04` exits with status
 * (value << 1) | 1 when `value` is written to port 0xf4. Outside QEMU the CPU halts forever.
 * The exit statuses the test harness expects:
 */
#define MACHINE_EXIT_SUCCESS 0x10 /* QEMU exits 33 */
#define MACHINE_EXIT_FAILURE 0x11 /* QEMU exits 35 */

__noreturn void machine_exit(unsigned value);

/* machine_exit(MACHINE_EXIT_FAILURE): how a panic ends (lib/panic.h's halt). */
__noreturn void machine_exit_failure(void);

#endif
