/*
 * The kernel's place in the address space. The kernel is linked at KERNEL_VBASE + its physical
 * address (loaded at 1 MiB), so kernel virtual = physical + KERNEL_VBASE for the kernel image and
 * for every physical page in the kernel's linear map (see docs/memory.md).
 * Included by assembly too, so only #defines here.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define KERNEL_VBASE 0xC0000000
#define KERNEL_PHYS_LOAD 0x00100000
#define PAGE_SIZE 4096
#define PAGE_SHIFT 12
#define BOOT_STACK_SIZE 16384

/* The boot page directory maps this much of low physical memory both at 0 and at KERNEL_VBASE. */
#define BOOT_MAPPED_BYTES (128 * 1024 * 1024)

#ifndef __ASSEMBLER__
#include <stdint.h>

#define phys_to_virt(pa) ((void *)((uintptr_t)(pa) + KERNEL_VBASE))
#define virt_to_phys(va) ((uintptr_t)(va)-KERNEL_VBASE)
#endif

#endif
