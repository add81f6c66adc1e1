/*
 * The kernel's page directory, start-up of the memory manager, switching address spaces.
 *
 * Kernel half of every directory (entries 768..1023):
 *   768            a page table mapping physical 0-4 MiB with 4 KiB pages, so the kernel's text
 *                  and read-only data can be read-only (CR0.WP makes that bind the kernel too)
 *   769..959       4 MiB pages: the rest of the linear map up to MM_LINEAR_LIMIT
 *   960..963       page tables for the kernel-stack slots (kstack.c)
 * All global (CR4.PGE): they survive the CR3 reload of a context switch.
 */
#define LOG_MODULE "vm"

#include "internal.h"
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/pmm.h>
#include <mm/vm.h>

extern const char __text_start[], __rodata_end[];

static pte_t *kernel_pgdir; /* through the linear map */
static paddr_t kernel_pgdir_phys;
struct vm_space *vm_current_space;

/* A zeroed, locked frame for a kernel page table; boot cannot go on without it. */
static pte_t *boot_table(void) {
    paddr_t pa = pmm_alloc_zeroed(PMM_OWNER_KERNEL, PG_LOCKED | PG_PERSISTENT | PG_PAGETABLE);

    ASSERT_MSG(pa, "out of memory building the kernel page tables");
    return phys_to_virt(pa);
}

static void build_kernel_directory(void) {
    const uint32_t kflags = PTE_P | PTE_W | PTE_G;

    kernel_pgdir = boot_table();
    kernel_pgdir_phys = virt_to_phys(kernel_pgdir);

    pte_t *low = boot_table();
    for (uint32_t i = 0; i < PT_ENTRIES; i++) {
        uintptr_t va = KERNEL_VBASE + i * PAGE_SIZE;
        bool read_only = va >= (uintptr_t)__text_start && va < (uintptr_t)__rodata_end;
        low[i] = (i * PAGE_SIZE) | (read_only ? (PTE_P | PTE_G) : kflags);
    }
    kernel_pgdir[KERNEL_PDX] = virt_to_phys(low) | PTE_P | PTE_W;

    for (uint32_t pdx = KERNEL_PDX + 1; pdx < PDX(KERNEL_VBASE + MM_LINEAR_LIMIT); pdx++)
        kernel_pgdir[pdx] = ((pdx - KERNEL_PDX) * PDE_SPAN) | kflags | PTE_PS;

    /* The stack tables must be consecutive in the linear map so kstack.c can index them as one
     * array: allocate them as one run of frames, checked. */
    pte_t *kstack_tables = NULL;
    for (uint32_t t = 0; t < KSTACK_TABLES; t++) {
        pte_t *table = boot_table();
        if (t == 0)
            kstack_tables = table;
        ASSERT_MSG(table == kstack_tables + t * PT_ENTRIES, "kernel stack tables not contiguous");
        kernel_pgdir[PDX(KSTACK_AREA) + t] = virt_to_phys(table) | PTE_P | PTE_W;
    }
    kstack_init(kstack_tables);
}

void paging_copy_kernel_half(pte_t *pgdir) {
    memcpy(pgdir + KERNEL_PDX, kernel_pgdir + KERNEL_PDX, (PT_ENTRIES - KERNEL_PDX) * sizeof(pte_t));
}

void mm_init(const struct boot_info *bi) {
    pmm_init(bi);
    build_kernel_directory();
    write_cr3(kernel_pgdir_phys);
    write_cr4(read_cr4() | CR4_PGE);
    kmalloc_init();
    log_info("kernel page directory at 0x%08x: linear map of %u MiB, %u kernel-stack slots", kernel_pgdir_phys,
             MM_LINEAR_LIMIT >> 20, KSTACK_SLOTS);
}

void vm_space_switch(struct vm_space *space) {
    if (space == vm_current_space)
        return;
    vm_current_space = space;
    write_cr3(space ? space->pgdir_phys : kernel_pgdir_phys);
}

struct vm_space *vm_space_current(void) {
    return vm_current_space;
}
