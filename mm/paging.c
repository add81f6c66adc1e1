/*
 * The kernel's page directory and start-up of the memory manager; kernel stacks; switching spaces.
 *
 * Kernel half of every directory (entries 768..1023):
 *   768            a page table mapping physical 0-4 MiB with 4 KiB pages, so the kernel's text
 *                  and read-only data can be read-only (CR0.WP makes that bind the kernel too)
 *   769..959       4 MiB pages: the rest of the linear map up to MM_LINEAR_LIMIT
 *   960..963       page tables for the kernel-stack slots
 * All global (CR4.PGE): they survive the CR3 reload of a context switch.
 */
#define LOG_MODULE "vm"

#include <arch/cpu.h>
#include <arch/interrupt.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <mm/vm.h>

#define KSTACK_TABLES (KSTACK_SLOTS * KSTACK_SLOT_SIZE / PDE_SPAN)
#define KSTACK_CANARY 0x57ACCA9Au

extern const char __text_start[], __rodata_end[];

pte_t *kernel_pgdir;
paddr_t kernel_pgdir_phys;
static pte_t *kstack_tables; /* KSTACK_TABLES consecutive tables, through the linear map */
static uint8_t kstack_used[KSTACK_SLOTS];
static unsigned kstack_next;
static struct vm_space *current_space;

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

    /* The stack tables must be consecutive in the linear map so kstack code can index them as
     * one array: allocate them as one run of frames, checked. */
    for (uint32_t t = 0; t < KSTACK_TABLES; t++) {
        pte_t *table = boot_table();
        if (t == 0)
            kstack_tables = table;
        ASSERT_MSG(table == kstack_tables + t * PT_ENTRIES, "kernel stack tables not contiguous");
        kernel_pgdir[PDX(KSTACK_AREA) + t] = virt_to_phys(table) | PTE_P | PTE_W;
    }
}

void mm_init(const struct boot_info *bi) {
    pmm_init(bi);
    build_kernel_directory();
    write_cr3(kernel_pgdir_phys);
    write_cr4(read_cr4() | CR4_PGE);
    kmalloc_init();
    exception_set_page_fault_hook(vm_handle_fault);
    log_info("kernel page directory at 0x%08x: linear map of %u MiB, %u kernel-stack slots", kernel_pgdir_phys,
             MM_LINEAR_LIMIT >> 20, KSTACK_SLOTS);
}

void vm_space_switch(struct vm_space *space) {
    if (space == current_space)
        return;
    current_space = space;
    write_cr3(space ? space->pgdir_phys : kernel_pgdir_phys);
}

struct vm_space *vm_space_current(void) {
    return current_space;
}

/* Frees the frames of a partly built stack slot. */
static void kstack_release(unsigned slot) {
    pte_t *ptes = kstack_tables + slot * (KSTACK_SLOT_SIZE / PAGE_SIZE);
    uintptr_t base = KSTACK_AREA + slot * KSTACK_SLOT_SIZE;

    for (unsigned i = 0; i < KSTACK_SLOT_SIZE / PAGE_SIZE; i++) {
        if (ptes[i] & PTE_P) {
            paddr_t pa = PTE_ADDR(ptes[i]);
            ptes[i] = 0;
            invlpg(base + i * PAGE_SIZE);
            pmm_unref(pa);
        }
    }
    kstack_used[slot] = 0;
}

void *kstack_alloc(int owner) {
    unsigned slot = KSTACK_SLOTS;

    for (unsigned i = 0; i < KSTACK_SLOTS; i++) {
        unsigned s = (kstack_next + i) % KSTACK_SLOTS;
        if (!kstack_used[s]) {
            slot = s;
            break;
        }
    }
    if (slot == KSTACK_SLOTS)
        return NULL;
    kstack_used[slot] = 1;
    kstack_next = slot + 1;

    uintptr_t base = KSTACK_AREA + slot * KSTACK_SLOT_SIZE;
    uintptr_t stack = base + KSTACK_SLOT_SIZE - KSTACK_SIZE;
    pte_t *ptes = kstack_tables + slot * (KSTACK_SLOT_SIZE / PAGE_SIZE);
    for (uintptr_t va = stack; va < base + KSTACK_SLOT_SIZE; va += PAGE_SIZE) {
        paddr_t pa = pmm_alloc(owner, PG_PERSISTENT | PG_KSTACK);
        if (!pa) {
            kstack_release(slot);
            return NULL;
        }
        ptes[(va - base) / PAGE_SIZE] = pa | PTE_P | PTE_W | PTE_G;
    }
    if (KERNEL_DEBUG) {
        for (unsigned i = 0; i < KSTACK_CANARY_WORDS; i++)
            ((uint32_t *)stack)[i] = KSTACK_CANARY;
    }
    return (void *)stack;
}

void kstack_free(void *stack) {
    uintptr_t off = (uintptr_t)stack - KSTACK_AREA;
    unsigned slot = off / KSTACK_SLOT_SIZE;

    ASSERT_MSG(slot < KSTACK_SLOTS && kstack_used[slot] && off % KSTACK_SLOT_SIZE == KSTACK_SLOT_SIZE - KSTACK_SIZE,
               "kstack_free(%p): not a kernel stack", stack);
    kstack_check(stack);
    kstack_release(slot);
}

void kstack_check_canary(const void *stack) {
    const uint32_t *canary = stack;

    for (unsigned i = 0; i < KSTACK_CANARY_WORDS; i++) {
        if (canary[i] == KSTACK_CANARY)
            continue;
        /* The stack's frames carry its owner (kstack_alloc); the lowest is mapped at `stack`. */
        uintptr_t slot_offset = ((uintptr_t)stack - KSTACK_AREA) / PAGE_SIZE;
        const struct page *pg = pmm_page(PTE_ADDR(kstack_tables[slot_offset]));
        panic("kernel stack of pid %d at %p overflowed or was overwritten: its canary word %u is 0x%08x, not 0x%08x",
              pg ? pg->owner : -1, stack, i, canary[i], KSTACK_CANARY);
    }
}
