/*
 * Memory regions of an address space: a sorted list of disjoint [start, end) ranges, each with a
 * protection, a sharing mode and a type. Page-aligned always. Pure bookkeeping: the page tables
 * are vm.c's business; region.c only allocates its list nodes (kmalloc) and counts the nodes'
 * references to objects (below).
 *
 * Sharing modes, named after what fork does with the region:
 *   VM_SHARE_PRIVATE  not inherited: the child does not get the region at all.
 *   VM_SHARE_COW      read-shared: the child gets the same pages read-only in both processes, and a
 *                     write copies the page (copy-on-write). Ordinary process memory.
 *   VM_SHARE_SHARED   write-shared: the child gets the same pages writable; they stay shared
 *                     (MAP_SHARED). The pages are those of the region's object (below), so a page
 *                     first touched after fork is still the same page in every process.
 *
 * Objects: a region may map a struct vm_object, an object of pages with a reference count
 * (mm/vm.h): its page `pgoff + (addr - start) / PAGE_SIZE` is what `addr` maps. Every region node
 * that maps an object holds one reference to it, so region.c keeps the count as nodes come and
 * go: region_insert takes over the caller's reference, a split and region_set_copy (fork) take one
 * more, removing a node and region_set_clear drop the node's. A region trimmed on the left moves
 * its pgoff along, so each page keeps its object page.
 */
#ifndef MM_REGION_H
#define MM_REGION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VM_READ 0x1
#define VM_WRITE 0x2
#define VM_EXEC 0x4

enum vm_share {
    VM_SHARE_PRIVATE,
    VM_SHARE_COW,
    VM_SHARE_SHARED,
};

enum vm_type {
    VM_CODE,
    VM_DATA,
    VM_HEAP,
    VM_STACK,
    VM_MMAP,
};

struct vm_region;
struct vm_fork;
struct vm_object;

/* An object's reference count (mm/object.c; its whole interface is in mm/vm.h). vm_object_put
 * drops a reference and frees the object, with its pages, when it was the last. */
void vm_object_ref(struct vm_object *obj);
void vm_object_put(struct vm_object *obj);

struct vm_region_ops {
    /*
     * Called by vm_space_fork() for each region a child inherits, once the child's region and
     * its page tables exist (see mm/vm.h, struct vm_fork). Returns 0 or a negative errno, which
     * makes the fork fail.
     */
    int (*on_copy)(struct vm_fork *fork, const struct vm_region *parent, struct vm_region *child);
};

struct vm_region {
    uintptr_t start; /* page-aligned, inclusive */
    uintptr_t end;   /* page-aligned, exclusive */
    uint8_t prot;    /* VM_READ | VM_WRITE | VM_EXEC */
    uint8_t share;   /* enum vm_share */
    uint8_t type;    /* enum vm_type */
    uint8_t maxprot; /* what mprotect may give it (VM_*): all but a shared file's VM_WRITE when the
                        file was not open for writing */
    const struct vm_region_ops *ops;
    struct vm_object *object; /* the pages it maps (one reference), or NULL: its own pages */
    uint32_t pgoff;           /* the object's page at `start` */
    struct vm_region *next;
};

struct region_set {
    struct vm_region *head; /* sorted by start */
    unsigned count;
};

/*
 * Adds [start, end) with the given attributes, mapping `object` (NULL: none) from its page
 * `pgoff` on. Returns the region, merged with a neighbour that touches it and has the same
 * attributes, no ops and no object; NULL with *err = -EEXIST when it overlaps an existing region,
 * -EINVAL for an empty or unaligned range, -ENOMEM when no node is left. On success the region
 * holds the caller's reference to `object`; on failure the caller keeps it. A VM_SHARE_SHARED
 * region must have an object (panics otherwise).
 */
/*
 * Sets the protection of [start, end) (page-aligned), splitting the regions at both ends. The range
 * must be covered by regions without a gap (-ENOMEM) whose maxprot allows `prot` (-EACCES);
 * -ENOMEM also when a split finds no memory. Nothing changes on failure. The page tables are the
 * caller's business.
 */
int region_protect(struct region_set *set, uintptr_t start, uintptr_t end, uint8_t prot);

/* Whether [start, end) is covered by regions without a gap. */
bool region_covered(const struct region_set *set, uintptr_t start, uintptr_t end);

struct vm_region *region_insert(struct region_set *set, uintptr_t start, uintptr_t end, uint8_t prot, uint8_t share,
                                uint8_t type, const struct vm_region_ops *ops, struct vm_object *object, uint32_t pgoff,
                                int *err);

/* The region containing `addr`, or NULL. */
struct vm_region *region_find(const struct region_set *set, uintptr_t addr);

/* The first region that overlaps [start, end), or NULL. */
struct vm_region *region_find_overlap(const struct region_set *set, uintptr_t start, uintptr_t end);

/*
 * Removes [start, end) from every region it overlaps, splitting a region that extends past either
 * side. `on_remove` (may be NULL) is called for each removed piece before its node is changed,
 * so the caller can unmap and free its pages. A node removed whole drops its object reference; a
 * split's new node takes one. Returns 0, or -ENOMEM if a split needed a node and none was left
 * (nothing is removed then).
 */
int region_remove(struct region_set *set, uintptr_t start, uintptr_t end,
                  void (*on_remove)(void *ctx, const struct vm_region *piece), void *ctx);

/*
 * Finds a free, page-aligned gap of `size` bytes within [lo, hi): the highest one when `top_down`,
 * else the lowest. Returns its start, or 0 when there is none.
 */
uintptr_t region_find_gap(const struct region_set *set, size_t size, uintptr_t lo, uintptr_t hi, bool top_down);

/*
 * Copies the regions of `src` that a child inherits (all but VM_SHARE_PRIVATE) into the empty
 * set `dst` (on_copy hooks are the caller's to run); each copy of a region with an object takes a
 * reference to it. Returns 0, or -ENOMEM with `dst` left empty (and the references given back).
 */
int region_set_copy(struct region_set *dst, const struct region_set *src);

/* Frees every node, dropping its object reference; the set is empty afterwards. */
void region_set_clear(struct region_set *set);

#endif
