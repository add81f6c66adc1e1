/* Shared between the files of mm/; not part of its interface. */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <arch/mmu.h>
#include <mm/vm.h>

/* The kernel stack area's page tables (KSTACK_TABLES of them, consecutive in the linear map). */
#define KSTACK_TABLES (KSTACK_SLOTS * KSTACK_SLOT_SIZE / PDE_SPAN)

/* paging.c: copies the kernel half of the kernel's page directory into the directory `pgdir`. */
void paging_copy_kernel_half(pte_t *pgdir);

/* kstack.c: takes the stack area's page tables, which paging.c entered in the kernel directory. */
void kstack_init(pte_t *tables);

/* kmalloc_frames.c: makes pmm frames kmalloc's backend. */
void kmalloc_init(void);

#endif
