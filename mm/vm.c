/* Address spaces: create, destroy, fork, map and unmap (see mm/vm.h). */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>

#define USER_PDX_END KERNEL_PDX /* user page-directory slots are 0 .. KERNEL_PDX - 1 */

static struct vm_space *all_spaces; /* linked by next_space */

static bool user_range_ok_for(uintptr_t va, size_t len) {
    return va >= USER_BASE && va <= USER_TOP && len <= USER_TOP - va;
}

static pte_t *table_of(pte_t pde) {
    return phys_to_virt(PTE_ADDR(pde));
}

struct vm_space *vm_space_create(int owner) {
    struct vm_space *space = kzalloc(sizeof(*space));

    if (!space)
        return NULL;
    paddr_t pa = pmm_alloc(owner, PG_PERSISTENT | PG_PAGETABLE);
    if (!pa) {
        kfree(space);
        return NULL;
    }
    space->pgdir = phys_to_virt(pa);
    space->pgdir_phys = pa;
    space->owner = owner;
    memset(space->pgdir, 0, KERNEL_PDX * sizeof(pte_t));
    paging_copy_kernel_half(space->pgdir);
    space->next_space = all_spaces;
    all_spaces = space;
    return space;
}

/*
 * Whether a store reached a page of [start, end) since the last look: the CPU sets PTE_D in the
 * entry it writes through (and never does so in a table other spaces share, whose directory
 * entry lacks PTE_W: the store faults first, vm_table_own). With `clean` the bits go from the
 * space's own tables (the TLB entry too: a cached dirty entry would not set the bit again), so
 * the next store is seen anew; a shared table is only read (the rule of vm_space_fork).
 */
static bool stored_since(struct vm_space *space, uintptr_t start, uintptr_t end, bool clean) {
    bool current = space == vm_space_current(), stored = false;

    for (uintptr_t va = start; va < end;) {
        pte_t pde = space->pgdir[PDX(va)];
        uintptr_t next_table = (va & ~(uintptr_t)(PDE_SPAN - 1)) + PDE_SPAN;
        uintptr_t stop = next_table < end && next_table != 0 ? next_table : end;
        if (!(pde & PTE_P)) {
            va = stop;
            continue;
        }
        pte_t *table = table_of(pde);
        for (; va < stop; va += PAGE_SIZE) {
            pte_t *pte = &table[PTX(va)];
            if ((*pte & (PTE_P | PTE_D)) != (PTE_P | PTE_D))
                continue;
            stored = true;
            if (!clean)
                return true;
            if (pde & PTE_W) {
                *pte &= ~(pte_t)PTE_D;
                if (current)
                    invlpg(va);
            }
        }
    }
    return stored;
}

/* Tells the object of `r` (a shared mapping of a file) of the stores made to [start, end). */
static void note_stores(struct vm_space *space, const struct vm_region *r, uintptr_t start, uintptr_t end, bool clean) {
    if (r->share == VM_SHARE_SHARED && r->object && vm_object_wants_stores(r->object) &&
        stored_since(space, start, end, clean))
        vm_object_stored(r->object);
}

void vm_space_destroy(struct vm_space *space) {
    ASSERT_MSG(space != vm_space_current(), "destroying the current address space");
    for (const struct vm_region *r = space->regions.head; r; r = r->next)
        note_stores(space, r, r->start, r->end, false); /* no msync came: the end tells */
    for (unsigned pdx = pte_next_nonzero(space->pgdir, 0, USER_PDX_END); pdx < USER_PDX_END;
         pdx = pte_next_nonzero(space->pgdir, pdx + 1, USER_PDX_END)) {
        pte_t pde = space->pgdir[pdx];
        if (!(pde & PTE_P))
            continue;
        /* A table shared with another space: its entries and their frames stay with the others
         * (they are the table's, not any one space's). */
        if (pmm_refcount(PTE_ADDR(pde)) > 1) {
            pmm_unref(PTE_ADDR(pde));
            continue;
        }
        pte_t *table = table_of(pde);
        for (unsigned i = pte_next_nonzero(table, 0, PT_ENTRIES); i < PT_ENTRIES;
             i = pte_next_nonzero(table, i + 1, PT_ENTRIES)) {
            if (table[i] & PTE_P)
                pmm_unref(PTE_ADDR(table[i]));
        }
        pmm_unref(PTE_ADDR(pde));
    }
    region_set_clear(&space->regions);
    for (struct vm_space **link = &all_spaces; *link; link = &(*link)->next_space) {
        if (*link == space) {
            *link = space->next_space;
            break;
        }
    }
    pmm_unref(space->pgdir_phys);
    kfree(space);
}

pte_t *vm_pte(struct vm_space *space, uintptr_t va) {
    pte_t pde = space->pgdir[PDX(va)];

    return (pde & PTE_P) ? &table_of(pde)[PTX(va)] : NULL;
}

paddr_t vm_translate(struct vm_space *space, uintptr_t va) {
    pte_t *pte = vm_pte(space, va);

    return pte && (*pte & PTE_P) ? PTE_ADDR(*pte) : 0;
}

pte_t *vm_table_own(struct vm_space *space, unsigned pdx) {
    pte_t *pde = &space->pgdir[pdx];
    paddr_t shared = PTE_ADDR(*pde);

    if (pmm_refcount(shared) > 1) {
        paddr_t pa = pmm_alloc(space->owner, PG_PERSISTENT | PG_PAGETABLE);
        if (!pa)
            return NULL;
        pte_t *from = table_of(*pde), *to = phys_to_virt(pa);
        uintptr_t base = (uintptr_t)pdx << PDX_SHIFT;
        /* Every present entry's frame gains the new table's reference. Its entries of
         * copy-on-write regions lose PTE_W, in the table left behind too: the frame now has two
         * tables' references, so a write must copy it whichever space makes it (the others see
         * the old table through a read-only directory entry anyway, so no write of theirs is
         * lost). Entries of VM_SHARE_SHARED regions keep PTE_W: their frames are shared on
         * purpose. */
        const struct vm_region *r = region_find_overlap(&space->regions, base, base + PDE_SPAN);
        for (unsigned i = 0; i < PT_ENTRIES; i++) {
            pte_t e = from[i];
            if (e & PTE_P) {
                uintptr_t va = base + i * PAGE_SIZE;
                while (r && r->end <= va)
                    r = r->next;
                if ((e & PTE_W) && !(r && r->start <= va && r->share == VM_SHARE_SHARED)) {
                    e &= ~(pte_t)PTE_W;
                    from[i] = e;
                }
                pmm_ref(PTE_ADDR(e));
            }
            to[i] = e;
        }
        pmm_unref(shared); /* never the last reference: another directory holds one */
        *pde = pa | PTE_P | PTE_W | PTE_U;
    } else {
        /* The others have gone (exit, exec, their own copy): the table is ours again, entries
         * as they are. An entry with PTE_W had a frame only this table referenced all along. */
        *pde |= PTE_W;
    }
    /* The directory entry changed: drop whatever the TLB and the paging-structure caches hold
     * for its 4 MiB (one CR3 load rather than 1,024 invlpg). */
    if (space == vm_space_current())
        write_cr3(space->pgdir_phys);
    return table_of(*pde);
}

/*
 * The page-table entry for `va` in a table `space` may write: allocated if missing, made its own
 * if shared (vm_table_own). NULL when out of memory.
 */
static pte_t *pte_for_write(struct vm_space *space, uintptr_t va) {
    pte_t *pde = &space->pgdir[PDX(va)];

    /* PTE_W in the directory entry: the table is ours alone (the fast path). */
    if ((*pde & (PTE_P | PTE_W)) == (PTE_P | PTE_W))
        return &table_of(*pde)[PTX(va)];
    if (!(*pde & PTE_P)) {
        paddr_t pa = pmm_alloc_zeroed(space->owner, PG_PERSISTENT | PG_PAGETABLE);
        if (!pa)
            return NULL;
        /* Directory entries allow everything; the page entries decide (unless shared). */
        *pde = pa | PTE_P | PTE_W | PTE_U;
        return &table_of(*pde)[PTX(va)];
    }
    pte_t *table = vm_table_own(space, PDX(va));
    return table ? &table[PTX(va)] : NULL;
}

/* Makes every page table over [start, end) `space`'s own (vm_table_own): 0 or -ENOMEM. Done before
 * a change of the range's regions, so that nothing has changed when it fails. */
static int own_tables(struct vm_space *space, uintptr_t start, uintptr_t end) {
    for (uintptr_t va = ALIGN_DOWN(start, PDE_SPAN); va < end && va >= ALIGN_DOWN(start, PDE_SPAN); va += PDE_SPAN) {
        pte_t pde = space->pgdir[PDX(va)];
        if ((pde & PTE_P) && !(pde & PTE_W) && !vm_table_own(space, PDX(va)))
            return -ENOMEM;
    }
    return 0;
}

int vm_map_page(struct vm_space *space, uintptr_t va, paddr_t pa, uint32_t pte_flags) {
    pte_t *pte = pte_for_write(space, va);

    if (!pte)
        return -ENOMEM;
    pte_t old = *pte;
    *pte = pa | pte_flags | PTE_P;
    if (old & PTE_P) {
        if (space == vm_space_current())
            invlpg(va);
        pmm_unref(PTE_ADDR(old));
    }
    return 0;
}

/*
 * Unmaps and unreferences every page in [start, end) of `space`. The tables are written as they
 * are: vm_unmap made them its own first; vm_object_unmap_from may meet a table still shared, whose
 * other spaces map the same object pages there (any other change in the range would have made
 * the table one space's own) and lose them too.
 */
static void unmap_range(struct vm_space *space, uintptr_t start, uintptr_t end) {
    bool current = space == vm_space_current();

    for (uintptr_t va = start; va < end;) {
        pte_t pde = space->pgdir[PDX(va)];
        uintptr_t next_table = (va & ~(uintptr_t)(PDE_SPAN - 1)) + PDE_SPAN;
        uintptr_t stop = next_table < end && next_table != 0 ? next_table : end;
        if (!(pde & PTE_P)) {
            va = stop;
            continue;
        }
        pte_t *table = table_of(pde);
        for (; va < stop; va += PAGE_SIZE) {
            pte_t *pte = &table[PTX(va)];
            if (!(*pte & PTE_P))
                continue;
            paddr_t pa = PTE_ADDR(*pte);
            *pte = 0;
            if (current)
                invlpg(va);
            pmm_unref(pa);
        }
    }
}

static void unmap_piece(void *ctx, const struct vm_region *piece) {
    note_stores(ctx, piece, piece->start, piece->end, false);
    unmap_range(ctx, piece->start, piece->end);
}

int vm_unmap(struct vm_space *space, uintptr_t addr, size_t len) {
    if ((addr & (PAGE_SIZE - 1)) || len == 0 || addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    uintptr_t end = ALIGN_UP(addr + len, PAGE_SIZE);
    int err = own_tables(space, addr, end);
    return err ? err : region_remove(&space->regions, addr, end, unmap_piece, space);
}

static int map_region(struct vm_space *space, uintptr_t *addr, size_t len, uint8_t prot, uint8_t share, uint8_t type,
                      unsigned flags, struct vm_object *object, uint32_t pgoff) {
    int err = -EINVAL;

    if (len == 0 || len > USER_TOP - USER_BASE || share > VM_SHARE_SHARED || type > VM_MMAP ||
        (prot & ~(VM_READ | VM_WRITE | VM_EXEC)))
        goto out_put_object;
    size_t size = ALIGN_UP(len, PAGE_SIZE);
    uintptr_t start = *addr;

    /* Pages come on first touch, but a request that could never be backed fails now, with ENOMEM
     * (a heuristic, like Linux's default overcommit). A fault that finds no memory later kills
     * the process with SIGKILL (vm_handle_fault). */
    err = -ENOMEM;
    if ((prot & VM_WRITE) && size / PAGE_SIZE + MM_COMMIT_RESERVE > pmm_free_count())
        goto out_put_object;

    if (flags & VM_MAP_FIXED) {
        err = -EINVAL;
        if ((start & (PAGE_SIZE - 1)) || start < USER_BASE || start >= USER_TOP || size > USER_TOP - start)
            goto out_put_object;
    } else {
        start = ALIGN_DOWN(start, PAGE_SIZE);
        bool hint_ok = start >= USER_BASE && start < USER_MMAP_TOP && size <= USER_MMAP_TOP - start &&
                       !region_find_overlap(&space->regions, start, start + size);
        if (!hint_ok) {
            start = region_find_gap(&space->regions, size, USER_BASE, USER_MMAP_TOP, true);
            err = -ENOMEM;
            if (!start)
                goto out_put_object;
        }
    }
    /* Shared memory is an object every process that inherits the region maps (mm/region.h).
     * Made before a fixed mapping replaces anything, so that running out leaves it in place. */
    err = -ENOMEM;
    if (share == VM_SHARE_SHARED && !object && !(object = vm_object_create(size / PAGE_SIZE)))
        return -ENOMEM;
    err = (flags & VM_MAP_FIXED) ? vm_unmap(space, start, size) : 0;
    if (err)
        goto out_put_object;
    struct vm_region *r =
        region_insert(&space->regions, start, start + size, prot, share, type, NULL, object, pgoff, &err);
    if (!r)
        goto out_put_object;
    if (flags & VM_MAP_NO_WRITE)
        r->maxprot &= (uint8_t)~VM_WRITE; /* a region of an object is never merged: it is this one */
    *addr = start;
    return 0;

out_put_object:
    if (object)
        vm_object_put(object);
    return err;
}

int vm_map(struct vm_space *space, uintptr_t *addr, size_t len, uint8_t prot, uint8_t share, uint8_t type,
           unsigned flags) {
    return map_region(space, addr, len, prot, share, type, flags, NULL, 0);
}

int vm_map_object(struct vm_space *space, uintptr_t *addr, size_t len, uint8_t prot, uint8_t share, unsigned flags,
                  struct vm_object *obj, uint32_t pgoff) {
    if (share == VM_SHARE_PRIVATE) {
        vm_object_put(obj);
        return -EINVAL;
    }
    return map_region(space, addr, len, prot, share, VM_MMAP, flags, obj, pgoff);
}

/* A user range [addr, addr + len) for mprotect and msync: its end, or 0 (-ENOMEM: outside user
 * space). len is not 0. */
static uintptr_t range_end(uintptr_t addr, size_t len) {
    if (addr < USER_BASE || addr >= USER_TOP || len > USER_TOP - addr)
        return 0;
    return ALIGN_UP(addr + len, PAGE_SIZE);
}

int vm_check_mapped(struct vm_space *space, uintptr_t addr, size_t len) {
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if (len == 0)
        return 0;
    uintptr_t end = range_end(addr, len);
    return end && region_covered(&space->regions, addr, end) ? 0 : -ENOMEM;
}

int vm_sync(struct vm_space *space, uintptr_t addr, size_t len) {
    int err = vm_check_mapped(space, addr, len);

    if (err || len == 0)
        return err;
    uintptr_t end = range_end(addr, len);
    for (const struct vm_region *r = region_find_overlap(&space->regions, addr, end); r && r->start < end; r = r->next)
        note_stores(space, r, r->start > addr ? r->start : addr, r->end < end ? r->end : end, true);
    return 0;
}

int vm_protect(struct vm_space *space, uintptr_t addr, size_t len, uint8_t prot) {
    if ((addr & (PAGE_SIZE - 1)) || (prot & ~(VM_READ | VM_WRITE | VM_EXEC)))
        return -EINVAL;
    if (len == 0)
        return 0;
    uintptr_t end = range_end(addr, len);
    if (!end)
        return -ENOMEM;
    int err = own_tables(space, addr, end);
    if (!err)
        err = region_protect(&space->regions, addr, end, prot);
    if (err)
        return err;
    /* The present entries follow. No access at all: the entry loses PTE_U (the frame stays, the
     * fault handler refuses by the region's protection). Writable: a shared region's entries at
     * once; a copy-on-write region's stay read-only until a write fault decides whether to copy. */
    /* The regions now begin at addr and end at end exactly (region_protect split them). */
    for (const struct vm_region *r = region_find(&space->regions, addr); r && r->start < end; r = r->next) {
        for (uintptr_t va = r->start; va < r->end; va += PAGE_SIZE) {
            pte_t *pte = vm_pte(space, va);
            if (!pte || !(*pte & PTE_P))
                continue;
            pte_t e = *pte & ~(pte_t)PTE_U;
            if (prot)
                e |= PTE_U;
            if (!(prot & VM_WRITE))
                e &= ~(pte_t)PTE_W;
            else if (r->share == VM_SHARE_SHARED)
                e |= PTE_W;
            *pte = e;
        }
    }
    if (space == vm_space_current())
        write_cr3(space->pgdir_phys);
    return 0;
}

void vm_object_unmap_from(struct vm_object *obj, size_t first) {
    for (struct vm_space *space = all_spaces; space; space = space->next_space) {
        for (const struct vm_region *r = space->regions.head; r; r = r->next) {
            size_t pages = (r->end - r->start) / PAGE_SIZE;
            if (r->object != obj || r->pgoff + pages <= first)
                continue;
            uintptr_t from = first > r->pgoff ? r->start + (first - r->pgoff) * PAGE_SIZE : r->start;
            unmap_range(space, from, r->end);
        }
    }
    /* A table shared with the current space may have been emptied through another space, which
     * flushed nothing (rare: a file cut while mapped). */
    struct vm_space *current = vm_space_current();
    if (current)
        write_cr3(current->pgdir_phys);
}

/*
 * Copies the page-table entries of `r` from parent to child for fork, in the tables fork did not
 * share (share_tables). Copy-on-write pages lose PTE_W in both; shared pages keep it. Every frame
 * gains the child's reference. Returns 0 or -ENOMEM (a child page table could not be allocated).
 */
static int copy_region_pages(struct vm_space *parent, struct vm_space *child, const struct vm_region *r) {
    uint32_t clear = r->share == VM_SHARE_COW ? PTE_W : 0;

    for (uintptr_t va = r->start; va < r->end;) {
        pte_t pde = parent->pgdir[PDX(va)];
        uintptr_t next_table = (va & ~(uintptr_t)(PDE_SPAN - 1)) + PDE_SPAN;
        uintptr_t stop = next_table < r->end ? next_table : r->end;
        pte_t cpde = child->pgdir[PDX(va)];
        if (!(pde & PTE_P) || ((cpde & PTE_P) && PTE_ADDR(cpde) == PTE_ADDR(pde))) { /* none, or shared */
            va = stop;
            continue;
        }
        pte_t *ptab = table_of(pde); /* the parent's table */
        pte_t *ctab = NULL;          /* the child's, allocated at the first present entry */
        for (unsigned i = pte_next_nonzero(ptab, PTX(va), PTX(va) + (stop - va) / PAGE_SIZE),
                      last = PTX(va) + (stop - va) / PAGE_SIZE;
             i < last; i = pte_next_nonzero(ptab, i + 1, last)) {
            pte_t e = ptab[i];
            if (!(e & PTE_P))
                continue;
            if (!ctab) {
                pte_t *slot = pte_for_write(child, va);
                if (!slot)
                    return -ENOMEM;
                ctab = slot - PTX(va);
            }
            e &= ~clear;
            ptab[i] = e;
            ctab[i] = e;
            pmm_ref(PTE_ADDR(e));
        }
        va = stop;
    }
    return 0;
}

/*
 * Shares the parent's page tables with the child (docs/memory.md, "Fork"): both directory entries
 * point at the one table, read-only, and the table's frame counts one more directory. Not shared:
 * a table under the parent's stack pointer (both processes write there first thing, so it would
 * be copied at once; copy_region_pages copies its entries), and a table a region the child does
 * not inherit (VM_SHARE_PRIVATE) reaches into. Allocates nothing: it cannot fail.
 */
static void share_tables(struct vm_space *parent, struct vm_space *child, uintptr_t user_sp) {
    const struct vm_region *r = parent->regions.head;

    for (unsigned pdx = pte_next_nonzero(parent->pgdir, PDX(USER_BASE), USER_PDX_END); pdx < USER_PDX_END;
         pdx = pte_next_nonzero(parent->pgdir, pdx + 1, USER_PDX_END)) {
        pte_t pde = parent->pgdir[pdx];
        uintptr_t base = (uintptr_t)pdx << PDX_SHIFT, end = base + PDE_SPAN;
        if (!(pde & PTE_P) || pdx == PDX(user_sp))
            continue;
        while (r && r->end <= base)
            r = r->next;
        bool private = false;
        for (const struct vm_region *q = r; q && q->start < end; q = q->next)
        private |= q->share == VM_SHARE_PRIVATE;
        if (private)
            continue;
        pde &= ~(pte_t)PTE_W;
        parent->pgdir[pdx] = pde;
        child->pgdir[pdx] = pde;
        pmm_ref(PTE_ADDR(pde));
    }
}

struct vm_space *vm_space_fork(struct vm_space *parent, int child_owner, uintptr_t user_sp, int *err) {
    struct vm_space *child = vm_space_create(child_owner);

    if (!child) {
        *err = -ENOMEM;
        return NULL;
    }
    child->brk_base = parent->brk_base;
    child->brk = parent->brk;
    *err = region_set_copy(&child->regions, &parent->regions);
    if (*err)
        goto out_destroy;
    share_tables(parent, child, user_sp);

    struct vm_fork fork = {.parent = parent, .child = child, .user_sp = user_sp};
    const struct vm_region *pr = parent->regions.head;
    for (struct vm_region *cr = child->regions.head; cr; cr = cr->next) {
        while (pr->start != cr->start)
            pr = pr->next; /* skip private regions the child did not inherit */
        *err = copy_region_pages(parent, child, pr);
        if (*err)
            goto out_destroy;
        if (pr->ops && pr->ops->on_copy) {
            *err = pr->ops->on_copy(&fork, pr, cr);
            if (*err)
                goto out_destroy;
        }
    }
    /* The parent's entries lost PTE_W: drop what the TLB cached of them, in one go. */
    if (parent == vm_space_current())
        write_cr3(parent->pgdir_phys);
    return child;

out_destroy:
    if (parent == vm_space_current())
        write_cr3(parent->pgdir_phys);
    vm_space_destroy(child);
    return NULL;
}

int vm_copy_in(struct vm_space *space, uintptr_t va, const void *src, size_t len) {
    const uint8_t *from = src;

    if (!user_range_ok_for(va, len))
        return -EFAULT;
    while (len) {
        uintptr_t page = ALIGN_DOWN(va, PAGE_SIZE);
        size_t off = va - page, n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
        const struct vm_region *r = region_find(&space->regions, va);
        if (!r)
            return -EFAULT;
        paddr_t pa = vm_translate(space, page);
        if (!pa) {
            pa = pmm_alloc_zeroed(space->owner, PG_USER);
            if (!pa)
                return -ENOMEM;
            uint32_t flags = PTE_U | ((r->prot & VM_WRITE) ? PTE_W : 0);
            if (vm_map_page(space, page, pa, flags)) {
                pmm_unref(pa);
                return -ENOMEM;
            }
        }
        /* The write goes straight to the frame, past any copy-on-write protection: it must be
         * this space's alone (exec fills a space no one else has seen). */
        ASSERT_MSG(pmm_refcount(pa) == 1 && (space->pgdir[PDX(page)] & PTE_W),
                   "vm_copy_in into a frame shared with another space");
        memcpy((uint8_t *)phys_to_virt(pa) + off, from, n);
        from += n;
        va += n;
        len -= n;
    }
    return 0;
}

/* Fork hook of the stack: unshare the page under the parent's stack pointer right away. */
static int stack_on_copy(struct vm_fork *fork, const struct vm_region *parent, struct vm_region *child) {
    uintptr_t va = ALIGN_DOWN(fork->user_sp, PAGE_SIZE);
    pte_t *ppte = vm_pte(fork->parent, va);

    (void)child;
    if (va < parent->start || va >= parent->end || !ppte || !(*ppte & PTE_P))
        return 0;
    /* share_tables left the table under the stack pointer unshared by this fork, but it may be
     * shared with another space still (the parent's own parent forked with %esp elsewhere): the
     * parent's entry below is written, so the table must be its own. */
    if (!(fork->parent->pgdir[PDX(va)] & PTE_W)) {
        pte_t *table = vm_table_own(fork->parent, PDX(va));
        if (!table)
            return 0; /* not needed for correctness: the page stays copy-on-write */
        ppte = &table[PTX(va)];
    }
    paddr_t shared = PTE_ADDR(*ppte);
    paddr_t copy = pmm_alloc(fork->child->owner, PG_USER);
    if (!copy)
        return 0; /* not needed for correctness: the page stays copy-on-write */
    page_copy(phys_to_virt(copy), phys_to_virt(shared));
    /* The child's mapping drops its reference to the shared frame. */
    if (vm_map_page(fork->child, va, copy, PTE_U | PTE_W)) {
        pmm_unref(copy);
        return 0;
    }
    /* The parent may write again only if that left it the frame's only user: with a raw
     * `int $0x80`, %esp can be on a page still shared with an earlier child or with the
     * parent's own parent, and their writes must not meet. Otherwise the page stays
     * copy-on-write for the parent (vm_space_fork reloads CR3 for it afterwards). */
    vm_cow_reuse(fork->parent, va, ppte);
    return 0;
}

static const struct vm_region_ops stack_ops = {.on_copy = stack_on_copy};

int vm_map_stack(struct vm_space *space) {
    int err;

    if (!region_insert(&space->regions, USER_STACK_BASE, USER_TOP, VM_READ | VM_WRITE, VM_SHARE_COW, VM_STACK,
                       &stack_ops, NULL, 0, &err))
        return err;
    return 0;
}
