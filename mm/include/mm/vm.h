/*
 * Address spaces.
 *
 * Layout (docs/memory.md has the picture):
 *   0x00000000 - 0x003FFFFF  never mapped (catches NULL and small-offset dereferences)
 *   0x00400000 - ...         user program, heap (brk) growing up, mmap area below the stack
 *   0xBF800000 - 0xBFFFFFFF  user stack region, USER_STACK_SIZE, grows down on demand
 *   0xC0000000 - 0xEFFFFFFF  kernel: linear map of physical memory (4 MiB pages, global)
 *   0xF0000000 - 0xF0FFFFFF  kernel: stacks, one 16 KiB slot each (8 KiB stack over a guard gap)
 *
 * The kernel half of every page directory is the same 256 entries, copied from the kernel's own
 * directory when a space is created; kernel page tables are all allocated at boot, so the kernel
 * half never changes afterwards and never needs syncing. The kernel edits any page table through
 * the linear map: a table's physical address + KERNEL_VBASE.
 *
 * TLB rule: whoever changes a present entry of the current space (or of the kernel half) flushes
 * it (invlpg), or reloads CR3 after a batch. Other spaces need nothing: their entries cannot be
 * cached (one CPU; user entries are not global).
 */
#ifndef MM_VM_H
#define MM_VM_H

#include <arch/cpu.h>
#include <arch/interrupt.h>
#include <arch/mmu.h>
#include <mm/pmm.h>
#include <mm/region.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USER_BASE 0x00400000u
#define USER_TOP 0xC0000000u /* = KERNEL_VBASE: user addresses are below */
#define USER_STACK_SIZE (8u << 20)
#define USER_STACK_BASE (USER_TOP - USER_STACK_SIZE)
#define USER_MMAP_TOP (USER_STACK_BASE - PAGE_SIZE) /* a gap page below the stack */
#define USER_STACK_ALIGN 16                         /* the i386 System V ABI's: (%esp + 4) at a function's entry */

#define KSTACK_AREA 0xF0000000u
#define KSTACK_SLOT_SIZE 0x4000u /* 16 KiB: 8 KiB guard gap, then the stack */
#define KSTACK_SIZE 0x2000u
#define KSTACK_SLOTS 1024

struct vm_space {
    struct vm_space *next_space; /* every space, for vm_object_unmap_from */
    pte_t *pgdir;                /* through the linear map */
    paddr_t pgdir_phys;
    struct region_set regions;
    int owner;          /* pid charged for the space's frames */
    uintptr_t brk_base; /* heap: [brk_base, brk), set by exec */
    uintptr_t brk;
};

/*
 * Objects of pages: memory that several regions map as one, whatever space they are in and
 * whenever each page is first touched. A VM_SHARE_SHARED region maps one (MAP_SHARED memory);
 * a file's pages are meant to be one too.
 *
 * An object is `npages` pages, numbered from 0, none of them present at first. Page n is made, a
 * zeroed frame, the first time anyone asks for it (vm_object_page) and stays until the object
 * goes, so every mapping of page n maps the same frame. The object holds one reference to each
 * frame it made; each page-table entry that maps one holds another (as for any frame). The
 * object itself is counted: every region that maps it holds a reference (vm_object_ref and
 * vm_object_put, in mm/region.h, which region.c calls as regions are split, copied by fork and
 * removed); the last vm_object_put frees the frames and the object, once. No function here
 * sleeps, and the kernel is not preempted: a page is never made twice.
 */

#define VM_OBJECT_MAX_PAGES ((USER_TOP - USER_BASE) / PAGE_SIZE) /* the largest user mapping */

/* A new object of `npages` pages (1 .. VM_OBJECT_MAX_PAGES), none present, with one reference,
 * the caller's. NULL when out of memory or `npages` is out of range. */
struct vm_object *vm_object_create(size_t npages);

/*
 * The frame of page `n` (< npages) of `obj`, made zeroed and charged to `owner` if it was not
 * there yet. The object keeps its reference: a caller that maps the frame takes one of its own
 * (pmm_ref). Returns 0 when out of memory; then nothing was taken.
 */
paddr_t vm_object_page(struct vm_object *obj, size_t n, int owner);

/*
 * Paged objects: the pages of something else (a file's), which a pager hands out. An object has
 * no frames of its own then; page n is the frame pager->page gives, each time the same one as
 * long as the thing it comes from keeps it. The object holds no frame, only its pager_ctx, and
 * calls release once, when its last reference goes (the owner then forgets it).
 */
struct vm_pager {
    /* The frame of page n with a new reference for the caller: 0, -EFAULT when there is no such
     * page (past the end of a file: the access gets SIGBUS), -ENOMEM. */
    int (*page)(void *ctx, size_t n, paddr_t *pa);
    /* The object's last reference went. */
    void (*release)(void *ctx);
    /* NULL, or: a store through a shared mapping changed the object's pages since the last
     * call (seen by msync, munmap or the end of the space: the page-table entry's dirty bit).
     * A file marks its modification and status-change times (POSIX mmap). */
    void (*stored)(void *ctx);
};

/* A new paged object with one reference, the caller's; NULL when out of memory. */
struct vm_object *vm_object_create_paged(const struct vm_pager *pager, void *ctx);

/*
 * Page n of any object, with a new reference for the caller in *pa: 0, -EFAULT (n is past the
 * object's end), -ENOMEM (then nothing was taken).
 */
int vm_object_get(struct vm_object *obj, size_t n, int owner, paddr_t *pa);

/* Whether the object's pager wants to hear of stores (vm_pager.stored), and telling it of some. */
bool vm_object_wants_stores(const struct vm_object *obj);
void vm_object_stored(struct vm_object *obj);

/*
 * msync's work: the range must be page-aligned (-EINVAL) and mapped without a gap (-ENOMEM). The
 * pages are the objects' own, so nothing is written back; stores made through shared mappings of
 * a pager's object since the last look are told to it (vm_pager.stored), and looked for afresh.
 */
int vm_sync(struct vm_space *space, uintptr_t addr, size_t len);

/*
 * Unmaps, in every address space, the pages of `obj` from page `first` on (a file was cut: an
 * access there refaults and gets SIGBUS), the copies private regions made of them included.
 */
void vm_object_unmap_from(struct vm_object *obj, size_t first);

/* What an on_copy hook gets during vm_space_fork(). */
struct vm_fork {
    struct vm_space *parent;
    struct vm_space *child;
    uintptr_t user_sp; /* the parent's user stack pointer at fork */
};

/* Memory-manager start-up: frames, the kernel's page directory (linear map), kmalloc. */
void mm_init(const struct boot_info *bi);

/* A new space with the kernel half and nothing else; NULL when out of memory. */
struct vm_space *vm_space_create(int owner);

/*
 * Frees every user page, page table, region and the directory. The space must not be current.
 */
void vm_space_destroy(struct vm_space *space);

/*
 * The child's copy of `parent` for fork: regions per their sharing mode (see mm/region.h). Page
 * tables are shared, not copied: both directory entries point at the parent's table, read-only,
 * and the table's frame counts one more reference (its entries' frames do not change). A write
 * in the table's 4 MiB by either space, the kernel's user copies included (CR0.WP), faults and
 * gives the writer a table of its own (vm_table_own); then the page-level copy-on-write goes on.
 * Not shared, but copied entry by entry as copy-on-write pages (read-only in both spaces, each
 * frame with one more reference): the table under `user_sp` and a table that a region the child
 * does not inherit reaches into. `user_sp` is handed to region hooks too (the stack copies its
 * top page at once, since both processes write it first thing). Returns the child, or NULL with
 * *err = -ENOMEM; then nothing is left allocated (the parent's pages may stay write-protected,
 * which costs one fault).
 *
 * Rules that keep a shared table correct: a directory entry with PTE_W means the table is that
 * space's alone; nothing writes an entry of a table other spaces share, but for clearing PTE_W
 * (vm_table_own, fork) and vm_object_unmap_from (which unmaps in every space alike); an entry
 * with PTE_W in a copy-on-write region has a frame no other table references.
 */
struct vm_space *vm_space_fork(struct vm_space *parent, int child_owner, uintptr_t user_sp, int *err);

/* Makes `space` (NULL: the kernel's own directory) the current one, reloading CR3 if it changes. */
void vm_space_switch(struct vm_space *space);
struct vm_space *vm_space_current(void);

/* The space CR3 holds now (paging.c's; read by vm_space_switch_user). */
extern struct vm_space *vm_current_space;

/* vm_space_switch for a user space (never NULL), inline for the scheduler's switch: two
 * threads of one process share the space, and then CR3 is left alone. */
static inline void vm_space_switch_user(struct vm_space *space) {
    if (space != vm_current_space) {
        vm_current_space = space;
        write_cr3(space->pgdir_phys);
    }
}

#define VM_MAP_FIXED 0x1    /* exactly at *addr (replacing what is there), else *addr is only a hint */
#define VM_MAP_NO_WRITE 0x2 /* vm_map_object: mprotect may never make it writable (maxprot) */

/*
 * Creates a region of `len` bytes (rounded up to pages) with no pages yet: they arrive zeroed on
 * first touch. A VM_SHARE_SHARED region gets a new object of its size, whose pages every process
 * that inherits the region maps (a region of another share mode has pages of its own). With
 * VM_MAP_FIXED at *addr, replacing any mapping there; else at *addr if free or in the highest
 * free gap below the stack. Returns 0 with *addr set, -EINVAL for a bad range or attributes,
 * -ENOMEM when no gap is left, when no memory is left for the bookkeeping, or when a writable
 * region is larger than the free memory (minus a margin): it could never be backed.
 */
int vm_map(struct vm_space *space, uintptr_t *addr, size_t len, uint8_t prot, uint8_t share, uint8_t type,
           unsigned flags);

/*
 * vm_map of the pages of `obj` from its page `pgoff` on (a file mapping): VM_SHARE_SHARED writes
 * the object's pages, VM_SHARE_COW maps them read-only and copies a page on the first write. Takes
 * over the caller's reference to `obj` (dropped on failure). Errors as vm_map's.
 */
int vm_map_object(struct vm_space *space, uintptr_t *addr, size_t len, uint8_t prot, uint8_t share, unsigned flags,
                  struct vm_object *obj, uint32_t pgoff);

/* Unmaps [addr, addr + len): frees the pages, splits regions. 0, -EINVAL, or -ENOMEM (split). */
int vm_unmap(struct vm_space *space, uintptr_t addr, size_t len);

/*
 * mprotect: gives [addr, addr + len) (len rounded up to pages) the protection `prot` (VM_*), in
 * the regions and in the present page-table entries. 0 (also for len 0), -EINVAL (addr not
 * page-aligned, unknown bits), -ENOMEM (a page of the range is not mapped, or out of memory for
 * a split), -EACCES (beyond a region's maxprot). Nothing changes on failure.
 */
int vm_protect(struct vm_space *space, uintptr_t addr, size_t len, uint8_t prot);

/* Whether every page of [addr, addr + len) is mapped (msync): 0, -EINVAL (addr not
 * page-aligned), -ENOMEM. */
int vm_check_mapped(struct vm_space *space, uintptr_t addr, size_t len);

/*
 * Maps frame `pa` at `va` with `pte_flags` (PTE_*), taking over the caller's reference to it;
 * a frame already there is unreferenced. Returns 0, or -ENOMEM when a page table is needed and
 * memory is exhausted (the caller keeps its reference then).
 */
int vm_map_page(struct vm_space *space, uintptr_t va, paddr_t pa, uint32_t pte_flags);

/*
 * Writes `len` bytes into `space` at `va` (which need not be the current space), creating zeroed
 * pages where none are present. The range must lie inside regions. Returns 0, -EFAULT (no
 * region) or -ENOMEM. Used by exec to fill a new space before it runs; it writes frames directly,
 * so their pages must not be shared with another space (panics otherwise).
 */
int vm_copy_in(struct vm_space *space, uintptr_t va, const void *src, size_t len);

/*
 * Creates the user stack region [USER_STACK_BASE, USER_TOP) of a new space. Its fork hook gives
 * the child its own copy of the page under the parent's stack pointer at once: both processes
 * write there first thing after fork, so copying it now saves two faults. The parent writes
 * that page again at once only if it is then the frame's only user (vm_cow_reuse).
 */
int vm_map_stack(struct vm_space *space);

/*
 * Lets `space` write the present, write-protected page at `va` (entry `pte`) of a writable
 * copy-on-write region without copying it, if and only if its frame has no other user: its
 * reference count is 1. Flushes the entry from the TLB when `space` is current. Returns whether
 * the page is now writable; when false the caller must copy (or leave the page protected).
 *
 * This is the only place a copy-on-write page gets PTE_W back on a frame it already had, so no
 * two spaces can ever write one frame of a copy-on-write region: every other writable entry is
 * a fresh frame (demand-zero, a copy) or in a VM_SHARE_SHARED region.
 */
bool vm_cow_reuse(struct vm_space *space, uintptr_t va, pte_t *pte);

/*
 * Makes the present page table at directory slot `pdx` of `space` its own and writable (PTE_W in
 * the directory entry): a copy when other spaces share it (every present entry's frame gains a
 * reference, and entries of copy-on-write regions lose PTE_W in both tables), or the table
 * itself when the others have gone. Reloads CR3 when `space` is current. Returns the table, or
 * NULL when out of memory (nothing changed).
 */
pte_t *vm_table_own(struct vm_space *space, unsigned pdx);

/* The page-table entry for `va`, or NULL when no page table covers it. The table may be shared
 * with other spaces: only a table the space owns (vm_table_own) may be written. */
pte_t *vm_pte(struct vm_space *space, uintptr_t va);

/* The frame mapped at `va`, or 0. */
paddr_t vm_translate(struct vm_space *space, uintptr_t va);

/*
 * Resolves a page fault at `addr` if the memory manager can: demand-zero pages in a region (in a
 * region of an object, the object's page), copy-on-write. Returns FAULT_RESOLVED, FAULT_REFUSED
 * for an access outside any region or against its protection (and for a kernel access outside
 * the user copies), FAULT_OUT_OF_MEMORY when it would resolve the fault but no frame is left. A
 * refused user fault becomes SIGSEGV; out of memory, SIGKILL, which no handler can turn into a
 * retry of the same fault (docs/memory.md); in a user copy either one makes the call fail with
 * EFAULT.
 */
enum fault_result vm_handle_fault(struct int_frame *frame, uint32_t addr);

/*
 * Kernel stacks: a slot in the kernel area with KSTACK_SIZE bytes of frames owned by `owner`
 * above an unmapped guard gap, so an overflow faults instead of corrupting memory. Returns the
 * stack's lowest address, or NULL when slots or memory run out.
 */
void *kstack_alloc(int owner);
void kstack_free(void *stack);

/*
 * Debug kernel: kstack_alloc puts a canary in the lowest KSTACK_CANARY_WORDS words of the stack,
 * which nothing legitimately writes: a stack that grew that deep has (almost) overflowed, and a
 * frame larger than the guard gap may skip the gap. kstack_check panics, naming the stack's owner,
 * when the canary changed; the scheduler calls it whenever a process leaves the CPU, and
 * kstack_free before the stack goes. Does nothing in other builds.
 */
#define KSTACK_CANARY_WORDS 4
void kstack_check_canary(const void *stack);

static inline void kstack_check(const void *stack) {
    if (KERNEL_DEBUG)
        kstack_check_canary(stack);
}

#endif
