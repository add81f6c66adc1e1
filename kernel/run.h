/* Starting init and shutting down when it is done (kernel/run.c). */
#ifndef KERNEL_RUN_H
#define KERNEL_RUN_H

#include <arch/boot.h>
#include <lib/compiler.h>

/* Never returns: ends the machine after init powers off, with the report. */
__noreturn void run_system(const struct boot_info *bi);

/* Init asked to power off (its system call) with `status`, the wait status of the program it ran. */
void run_poweroff(int status);

/* Init (pid 1) is exiting with `status`. */
void run_init_exited(int status);

#endif
