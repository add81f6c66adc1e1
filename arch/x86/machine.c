/* Ending the machine; see arch/machine.h. */
#include <arch/cpu.h>
#include <arch/machine.h>

#define DEBUG_EXIT_PORT 0xF4

/* Halts with interrupts off, for good. */
static __noreturn void machine_halt(void) {
    for (;;) {
        cpu_cli();
        cpu_hlt();
    }
}

void machine_exit(unsigned value) {
    outl(DEBUG_EXIT_PORT, value);
    machine_halt();
}

void machine_exit_failure(void) {
    machine_exit(MACHINE_EXIT_FAILURE);
}
