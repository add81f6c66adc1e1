/* Frame-pointer backtraces symbolized with the kernel's own symbol table (.ksyms). */
#ifndef ARCH_BACKTRACE_H
#define ARCH_BACKTRACE_H

#include <stdint.h>

/* Prints "  #n 0xADDR name+0xoff" for `eip`, then for each return address up the chain from `ebp`. */
void backtrace_print(uint32_t eip, uint32_t ebp);

/* Name of the kernel function containing `addr`, or NULL; *offset gets addr minus its start. */
const char *ksym_name(uint32_t addr, uint32_t *offset);

#endif
