/* Where every event goes (kernel/wiring.c). */
#ifndef KERNEL_WIRING_H
#define KERNEL_WIRING_H

/* Sets every cross-layer hook. Called first thing in kmain, before any subsystem starts. */
void kernel_wire(void);

#endif
