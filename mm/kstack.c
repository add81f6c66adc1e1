/*
 * Kernel stacks (see mm/vm.h): KSTACK_SLOTS slots of KSTACK_SLOT_SIZE in the kernel's stack area,
 * each an unmapped guard gap below KSTACK_SIZE bytes of frames, so an overflow faults (and the
 * double-fault task reports it) instead of corrupting the memory below. The area's page tables
 * belong to the kernel half that every address space shares, so a stack mapped here is mapped
 * everywhere at once.
 */
#include "internal.h"
#include <arch/cpu.h>
#include <arch/layout.h>
#include <lib/panic.h>
#include <mm/pmm.h>
#include <mm/vm.h>

#define KSTACK_CANARY 0x57ACCA9Au

static pte_t *kstack_tables; /* KSTACK_TABLES consecutive tables, through the linear map */
static uint8_t kstack_used[KSTACK_SLOTS];
static unsigned kstack_next;

void kstack_init(pte_t *tables) {
    kstack_tables = tables;
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
