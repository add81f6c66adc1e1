/*
 * i386 two-level paging (no PAE): a page directory of 1024 entries, each covering 4 MiB through a
 * page table of 1024 entries of 4 KiB pages, or mapping 4 MiB directly (PS, needs CR4.PSE).
 * Included by assembly too (boot.S builds the first directory), so the C part comes last.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <arch/layout.h>

#define PTE_P 0x001   /* present */
#define PTE_W 0x002   /* writable */
#define PTE_U 0x004   /* user-accessible */
#define PTE_PWT 0x008 /* write-through */
#define PTE_PCD 0x010 /* cache disabled */
#define PTE_A 0x020   /* accessed (set by the CPU) */
#define PTE_D 0x040   /* dirty (set by the CPU) */
#define PTE_PS 0x080  /* in a PDE: 4 MiB page */
#define PTE_G 0x100   /* global: survives CR3 reloads (needs CR4.PGE) */
#define PTE_FLAGS 0xFFF

#define PTE_SIZE 4 /* bytes of a directory or table entry */
#define PT_ENTRIES 1024
#define PDX_SHIFT 22                      /* a virtual address's bits 31..22 index the directory */
#define PDE_SPAN (PT_ENTRIES * PAGE_SIZE) /* 4 MiB */

/* First page-directory slot of the kernel half (768). */
#define KERNEL_PDX (KERNEL_VBASE >> PDX_SHIFT)

#ifndef __ASSEMBLER__
#include <stdint.h>

#define PDX(va) (((uintptr_t)(va) >> PDX_SHIFT) & (PT_ENTRIES - 1))
#define PTX(va) (((uintptr_t)(va) >> PAGE_SHIFT) & (PT_ENTRIES - 1))
#define PTE_ADDR(e) ((uintptr_t)(e) & ~(uintptr_t)PTE_FLAGS)

typedef uint32_t pte_t;
_Static_assert(sizeof(pte_t) == PTE_SIZE, "a paging entry is 4 bytes");
_Static_assert(1u << PDX_SHIFT == PDE_SPAN, "a directory entry spans 4 MiB");

/*
 * Copies or zeroes one whole page with a string instruction: `rep movsl`/`rep stosl` move a word
 * per iteration (1,024 for a page), about a fifth of the instructions of a C loop of word moves,
 * and the CPU's fast-string microcode makes them cheap in cycles too. Both pointers page-aligned,
 * DF clear (the kernel's entry paths clear it, the System V ABI keeps it clear).
 */
static inline void page_copy(void *dst, const void *src) {
    uint32_t n = PAGE_SIZE / 4;
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

static inline void page_zero(void *dst) {
    uint32_t n = PAGE_SIZE / 4;
    __asm__ volatile("rep stosl" : "+D"(dst), "+c"(n) : "a"(0) : "memory");
}

/*
 * The index of the first nonzero entry of e[from, to), or `to` if there is none: `repe scasl`,
 * one instruction per entry it skips, where a C loop takes four or five. Walks of a directory or
 * a table (fork, exit, exec) skip mostly empty entries: a small process has a few present ones
 * among the directory's 768 user entries and the stack table's 1,024. DF clear, as above.
 */
static inline unsigned pte_next_nonzero(const pte_t *e, unsigned from, unsigned to) {
    if (from >= to)
        return to;
    const pte_t *p = e + from;
    uint32_t n = to - from;
    /* Stops past the first nonzero entry, or past the last one with n == 0: either way the
     * entry before p is the one to look at. */
    __asm__ volatile("repe scasl" : "+D"(p), "+c"(n) : "a"(0) : "memory", "cc");
    unsigned i = (unsigned)(p - e) - 1;
    return e[i] ? i : to;
}
#endif

#endif
