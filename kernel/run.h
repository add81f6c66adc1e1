/* Starting init and shutting down when it is done (kernel/run.c). */
#ifndef KERNEL_RUN_H
#define KERNEL_RUN_H

#include <arch/boot.h>
#include <lib/compiler.h>

/* Never returns: ends the machine after init powers off, with the report. */
__noreturn void run_system(const struct boot_info *bi);

#endif
