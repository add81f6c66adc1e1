/*
 * Page faults the memory manager resolves: demand-zero pages, pages of an object (shared
 * memory, files) and copy-on-write; an access past the end of a mapped file is FAULT_BUS.
 * Everything else is refused (FAULT_REFUSED) and becomes a signal or a panic upstream (see the
 * routing in arch/x86/exception.c); a fault it may resolve but has no frame for is
 * FAULT_OUT_OF_MEMORY (the process is killed, docs/memory.md).
 */
#define LOG_MODULE "vm"

#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/vm.h>

static uint32_t pte_flags_for(const struct vm_region *r) {
    return PTE_P | PTE_U | ((r->prot & VM_WRITE) ? PTE_W : 0);
}

bool vm_cow_reuse(struct vm_space *space, uintptr_t va, pte_t *pte) {
    paddr_t old = PTE_ADDR(*pte);

    /* In a table other spaces share, a count of 1 means the table's one reference: PTE_W would
     * reach them all. */
    ASSERT_MSG(space->pgdir[PDX(va)] & PTE_W, "copy-on-write reuse in a shared page table");
    if (pmm_refcount(old) == 1) {
        *pte |= PTE_W;
        if (space == vm_space_current())
            invlpg(va);
        return true;
    }
    return false; /* another space maps the frame: a write would show there */
}

/*
 * Gives the writer its own copy of a copy-on-write page (or just the page, if it is the last
 * user). False when no frame is left for the copy.
 */
static bool break_cow(struct vm_space *space, const struct vm_region *r, uintptr_t va, pte_t *pte) {
    paddr_t old = PTE_ADDR(*pte);

    if (vm_cow_reuse(space, va, pte))
        return true;
    paddr_t copy = pmm_alloc(space->owner, PG_USER);
    if (!copy)
        return false;
    page_copy(phys_to_virt(copy), phys_to_virt(old));
    /* Replaces the entry in place (the table is ours: the caller made it so) and drops our
     * reference to the shared frame, which someone else keeps. */
    *pte = copy | pte_flags_for(r);
    invlpg(va); /* the faulting space is the current one */
    pmm_unref(old);
    return true;
}

/*
 * Maps the page of r's object that `va` falls on, making it if nobody has yet: every space that
 * maps the object maps that one frame. A private (copy-on-write) region maps it read-only, or,
 * for a write, a copy of its own at once. FAULT_BUS past the object's end (a file's).
 */
static enum fault_result map_object_page(struct vm_space *space, const struct vm_region *r, uintptr_t va, bool write) {
    paddr_t pa;
    uint32_t flags = pte_flags_for(r);
    int err = vm_object_get(r->object, r->pgoff + (va - r->start) / PAGE_SIZE, space->owner, &pa);

    if (err)
        return err == -EFAULT ? FAULT_BUS : FAULT_OUT_OF_MEMORY;
    /* pa carries the page-table entry's own reference; the object keeps its one. */
    if (r->share != VM_SHARE_SHARED) {
        flags &= ~PTE_W;
        if (write) {
            paddr_t copy = pmm_alloc(space->owner, PG_USER);
            if (!copy) {
                pmm_unref(pa);
                return FAULT_OUT_OF_MEMORY;
            }
            page_copy(phys_to_virt(copy), phys_to_virt(pa));
            pmm_unref(pa);
            pa = copy;
            flags |= PTE_W;
        }
    }
    if (vm_map_page(space, va, pa, flags) == 0)
        return FAULT_RESOLVED;
    pmm_unref(pa); /* the page stays in the object, as anyone else would find it */
    return FAULT_OUT_OF_MEMORY;
}

enum fault_result vm_handle_fault(struct int_frame *frame, uint32_t addr) {
    struct vm_space *space = vm_space_current();
    bool write = frame->error & PF_WRITE;

    if (!space || addr >= USER_TOP)
        return FAULT_REFUSED;
    /* The kernel touches user memory only in the user-copy routines; anything else is a bug. */
    if (!frame_from_user(frame) && !exception_has_fixup(frame->eip))
        return FAULT_REFUSED;

    const struct vm_region *r = region_find(&space->regions, addr);
    if (!r || (write && !(r->prot & VM_WRITE)) || !(r->prot & (VM_READ | VM_WRITE | VM_EXEC)))
        return FAULT_REFUSED;

    uintptr_t va = ALIGN_DOWN(addr, PAGE_SIZE);
    pte_t *pte = vm_pte(space, va);
    if (pte && (*pte & PTE_P)) {
        if (!write)
            return FAULT_REFUSED;
        /* A write under a read-only directory entry: the page table is shared with another
         * space (fork), or was until they left. The writer gets a table of its own first (with
         * the copy-on-write entries read-only), then the page-level rules below apply. */
        if (!(space->pgdir[PDX(va)] & PTE_W)) {
            pte_t *table = vm_table_own(space, PDX(va));
            if (!table)
                goto out_of_memory;
            pte = &table[PTX(va)];
            if (*pte & PTE_W)
                return FAULT_RESOLVED; /* a page of ours, or of a VM_SHARE_SHARED region */
        }
        /* Present: only a write to a write-protected page of a writable copy-on-write region
         * is ours. A shared object's pages are mapped as its region allows and never copied. */
        if ((*pte & PTE_W) || r->share == VM_SHARE_SHARED)
            return FAULT_REFUSED;
        if (break_cow(space, r, va, pte))
            return FAULT_RESOLVED;
    } else if (r->object) {
        enum fault_result res = map_object_page(space, r, va, write);
        if (res != FAULT_OUT_OF_MEMORY)
            return res;
    } else {
        paddr_t pa = pmm_alloc_zeroed(space->owner, PG_USER);
        if (pa) {
            if (vm_map_page(space, va, pa, pte_flags_for(r)) == 0)
                return FAULT_RESOLVED;
            pmm_unref(pa);
        }
    }
out_of_memory:
    log_warn("out of memory resolving a fault at 0x%08x (owner %d)", addr, space->owner);
    return FAULT_OUT_OF_MEMORY;
}
