/*
 * Measures the two ways of editing another address space's page tables (docs/memory.md):
 *
 *   linear     every page table is at phys + KERNEL_VBASE (what mm/ does);
 *   recursive  the current directory maps itself at slot 1023 (its tables appear at 0xFFC00000)
 *              and the other space's directory is mounted at slot 1022 (its tables at 0xFF800000),
 *              which must be flushed from the TLB whenever a different space is mounted.
 *
 * Both copy the same user page tables for fork (write-protecting the parent's entries) and must
 * produce identical children. Under QEMU icount, rdtsc counts guest instructions; the figures are
 * printed as TAP diagnostics, which the harness compares with mm/bench/pt_scheme.json (the figures
 * docs/memory.md and docs/performance.md quote, checked by //testing:docs_figures_test).
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <ktest/ktest.h>
#include <lib/log.h>
#include <mm/pmm.h>
#include <mm/vm.h>

#define SELF_SLOT 1023
#define WINDOW_SLOT 1022
#define SELF_TABLES ((pte_t *)0xFFC00000u)
#define WINDOW_TABLES ((pte_t *)0xFF800000u)
#define OWNER 7777
#define TOUCHED_PAGES 256 /* a small process: 1 MiB touched over 4 page tables */

/* A parent space with TOUCHED_PAGES pages spread over several page tables. */
static struct vm_space *make_parent(void) {
    struct vm_space *s = vm_space_create(OWNER);
    uintptr_t addr = USER_BASE;

    vm_map(s, &addr, 16u << 20, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED);
    for (unsigned i = 0; i < TOUCHED_PAGES; i++) {
        uint32_t v = i;
        vm_copy_in(s, USER_BASE + i * (16 * PAGE_SIZE) % (16u << 20) + (i / 256) * PAGE_SIZE, &v, 4);
    }
    return s;
}

static uint32_t copy_linear(struct vm_space *parent, struct vm_space *child) {
    uint64_t t0 = rdtsc();

    for (unsigned pdx = 0; pdx < KERNEL_PDX; pdx++) {
        pte_t pde = parent->pgdir[pdx];
        if (!(pde & PTE_P))
            continue;
        paddr_t table = pmm_alloc_zeroed(OWNER, PG_PAGETABLE);
        child->pgdir[pdx] = table | PTE_P | PTE_W | PTE_U;
        pte_t *src = phys_to_virt(PTE_ADDR(pde)), *dst = phys_to_virt(table);
        for (unsigned i = 0; i < PT_ENTRIES; i++) {
            if (src[i] & PTE_P) {
                src[i] &= ~PTE_W;
                dst[i] = src[i];
                pmm_ref(PTE_ADDR(src[i]));
            }
        }
    }
    write_cr3(parent->pgdir_phys);
    return (uint32_t)(rdtsc() - t0);
}

static uint32_t copy_recursive(struct vm_space *parent, struct vm_space *child) {
    uint64_t t0 = rdtsc();
    pte_t *dir = SELF_TABLES + SELF_SLOT * PT_ENTRIES; /* the parent's directory, via itself */
    pte_t *child_dir = SELF_TABLES + WINDOW_SLOT * PT_ENTRIES;

    /* Mount: the self entry and the window; a new window means flushing what the TLB holds of it. */
    parent->pgdir[SELF_SLOT] = parent->pgdir_phys | PTE_P | PTE_W;
    parent->pgdir[WINDOW_SLOT] = child->pgdir_phys | PTE_P | PTE_W;
    write_cr3(parent->pgdir_phys);
    for (unsigned pdx = 0; pdx < KERNEL_PDX; pdx++) {
        if (!(dir[pdx] & PTE_P))
            continue;
        paddr_t table = pmm_alloc_zeroed(OWNER, PG_PAGETABLE);
        child_dir[pdx] = table | PTE_P | PTE_W | PTE_U;
        invlpg((uintptr_t)(WINDOW_TABLES + pdx * PT_ENTRIES));
        pte_t *src = SELF_TABLES + pdx * PT_ENTRIES, *dst = WINDOW_TABLES + pdx * PT_ENTRIES;
        for (unsigned i = 0; i < PT_ENTRIES; i++) {
            if (src[i] & PTE_P) {
                src[i] &= ~PTE_W;
                dst[i] = src[i];
                pmm_ref(PTE_ADDR(src[i]));
            }
        }
    }
    /* Unmount. */
    parent->pgdir[WINDOW_SLOT] = 0;
    parent->pgdir[SELF_SLOT] = 0;
    write_cr3(parent->pgdir_phys);
    return (uint32_t)(rdtsc() - t0);
}

static bool same_user_tables(struct vm_space *a, struct vm_space *b) {
    for (unsigned pdx = 0; pdx < KERNEL_PDX; pdx++) {
        if ((a->pgdir[pdx] & PTE_P) != (b->pgdir[pdx] & PTE_P))
            return false;
        if (!(a->pgdir[pdx] & PTE_P))
            continue;
        pte_t *x = phys_to_virt(PTE_ADDR(a->pgdir[pdx])), *y = phys_to_virt(PTE_ADDR(b->pgdir[pdx]));
        for (unsigned i = 0; i < PT_ENTRIES; i++) {
            if ((x[i] & ~(PTE_A | PTE_D)) != (y[i] & ~(PTE_A | PTE_D)))
                return false;
        }
    }
    return true;
}

KTEST(pt_scheme, linear_map_versus_recursive_window) {
    struct vm_space *parent = make_parent();
    struct vm_space *a = vm_space_create(OWNER), *b = vm_space_create(OWNER);
    uint32_t linear[3], recursive[3];

    KASSERT_TRUE(parent && a && b);
    vm_space_switch(parent);
    for (int round = 0; round < 3; round++) {
        /* Fresh children each round; the first round warms up. */
        linear[round] = copy_linear(parent, a);
        recursive[round] = copy_recursive(parent, b);
        KEXPECT_TRUE(same_user_tables(a, b));
        vm_space_destroy(a);
        vm_space_destroy(b);
        a = vm_space_create(OWNER);
        b = vm_space_create(OWNER);
    }
    kprintf("# pt_scheme: copy %u present PTEs: linear map %u instructions, recursive + window %u\n", TOUCHED_PAGES,
            linear[2], recursive[2]);
    /* For the harness, which compares them with mm/bench/pt_scheme.json (docs quote that file). */
    kprintf("# figure pt_scheme.linear_map %u\n", linear[2]);
    kprintf("# figure pt_scheme.recursive_window %u\n", recursive[2]);
    vm_space_switch(NULL);
    vm_space_destroy(a);
    vm_space_destroy(b);
    vm_space_destroy(parent);
}
