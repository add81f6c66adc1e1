/* Region bookkeeping; see mm/region.h. */
#include <abi/errno.h>
#include <arch/layout.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <mm/region.h>

/* Whether a new range may grow the neighbour `a` instead of taking a node. Never a region of an
 * object: one node has one object and one offset. */
static bool same_kind(const struct vm_region *a, uint8_t prot, uint8_t share, uint8_t type,
                      const struct vm_region_ops *ops, const struct vm_object *object) {
    return a->prot == prot && a->share == share && a->type == type && a->ops == ops && !ops && !a->object && !object;
}

struct vm_region *region_find(const struct region_set *set, uintptr_t addr) {
    for (struct vm_region *r = set->head; r && r->start <= addr; r = r->next) {
        if (addr < r->end)
            return r;
    }
    return NULL;
}

struct vm_region *region_find_overlap(const struct region_set *set, uintptr_t start, uintptr_t end) {
    for (struct vm_region *r = set->head; r && r->start < end; r = r->next) {
        if (r->end > start)
            return r;
    }
    return NULL;
}

struct vm_region *region_insert(struct region_set *set, uintptr_t start, uintptr_t end, uint8_t prot, uint8_t share,
                                uint8_t type, const struct vm_region_ops *ops, struct vm_object *object, uint32_t pgoff,
                                int *err) {
    /* Write-shared memory without an object would be shared only where fork found a page. */
    ASSERT_MSG(share != VM_SHARE_SHARED || object, "a VM_SHARE_SHARED region without an object");
    if (start >= end || (start & (PAGE_SIZE - 1)) || (end & (PAGE_SIZE - 1))) {
        *err = -EINVAL;
        return NULL;
    }
    if (region_find_overlap(set, start, end)) {
        *err = -EEXIST;
        return NULL;
    }
    struct vm_region *prev = NULL, *next = set->head;
    while (next && next->start < start) {
        prev = next;
        next = next->next;
    }

    /* Grow a neighbour instead of adding a node (brk and stack growth hit this every time). */
    if (prev && prev->end == start && same_kind(prev, prot, share, type, ops, object)) {
        prev->end = end;
        if (next && next->start == end && same_kind(next, prot, share, type, ops, object)) {
            prev->end = next->end;
            prev->next = next->next;
            set->count--;
            kfree(next);
        }
        return prev;
    }
    if (next && next->start == end && same_kind(next, prot, share, type, ops, object)) {
        next->start = start;
        return next;
    }

    struct vm_region *r = kmalloc(sizeof(*r));
    if (!r) {
        *err = -ENOMEM;
        return NULL;
    }
    *r = (struct vm_region){.start = start,
                            .end = end,
                            .prot = prot,
                            .share = share,
                            .type = type,
                            .maxprot = VM_READ | VM_WRITE | VM_EXEC,
                            .ops = ops,
                            .object = object,
                            .pgoff = pgoff,
                            .next = next};
    if (prev)
        prev->next = r;
    else
        set->head = r;
    set->count++;
    return r;
}

int region_remove(struct region_set *set, uintptr_t start, uintptr_t end,
                  void (*on_remove)(void *ctx, const struct vm_region *piece), void *ctx) {
    /* At most one region needs a new node: the one that sticks out on both sides. Get it first,
     * so that a failure leaves everything as it was. */
    struct vm_region *spare = NULL;
    for (struct vm_region *r = set->head; r && r->start < end; r = r->next) {
        if (r->start < start && r->end > end) {
            spare = kmalloc(sizeof(*spare));
            if (!spare)
                return -ENOMEM;
            break;
        }
    }

    struct vm_region **link = &set->head;
    while (*link && (*link)->start < end) {
        struct vm_region *r = *link;
        if (r->end <= start) {
            link = &r->next;
            continue;
        }
        struct vm_region piece = *r;
        piece.start = r->start > start ? r->start : start;
        piece.end = r->end < end ? r->end : end;
        piece.pgoff = r->pgoff + (uint32_t)((piece.start - r->start) / PAGE_SIZE);
        if (on_remove)
            on_remove(ctx, &piece);

        if (r->start >= start && r->end <= end) { /* wholly inside: drop it */
            *link = r->next;
            set->count--;
            if (r->object)
                vm_object_put(r->object);
            kfree(r);
            continue;
        }
        if (r->start < start && r->end > end) { /* sticks out on both sides: split */
            *spare = *r;
            spare->start = end;
            spare->pgoff = r->pgoff + (uint32_t)((end - r->start) / PAGE_SIZE);
            if (spare->object)
                vm_object_ref(spare->object); /* both halves map it */
            r->end = start;
            r->next = spare;
            set->count++;
            spare = NULL;
            break;
        }
        if (r->start < start) { /* sticks out on the left: keep the left part */
            r->end = start;
        } else { /* on the right: its first page is now further into the object */
            r->pgoff += (uint32_t)((end - r->start) / PAGE_SIZE);
            r->start = end;
        }
        link = &r->next;
    }
    kfree(spare);
    return 0;
}

bool region_covered(const struct region_set *set, uintptr_t start, uintptr_t end) {
    uintptr_t at = start;

    for (const struct vm_region *r = set->head; r && at < end; r = r->next) {
        if (r->end <= at)
            continue;
        if (r->start > at)
            return false;
        at = r->end;
    }
    return at >= end;
}

/* Splits `r` at `at` (inside it) with the node `n`: r keeps the left part. */
static void split_at(struct region_set *set, struct vm_region *r, uintptr_t at, struct vm_region *n) {
    *n = *r;
    n->start = at;
    n->pgoff = r->pgoff + (uint32_t)((at - r->start) / PAGE_SIZE);
    if (n->object)
        vm_object_ref(n->object); /* both halves map it */
    r->end = at;
    r->next = n;
    set->count++;
}

int region_protect(struct region_set *set, uintptr_t start, uintptr_t end, uint8_t prot) {
    if (!region_covered(set, start, end))
        return -ENOMEM;
    struct vm_region *first = set->head;
    while (first->end <= start)
        first = first->next;
    for (const struct vm_region *r = first; r && r->start < end; r = r->next) {
        if (prot & ~r->maxprot)
            return -EACCES;
    }
    /* At most two splits; their nodes first, so that a failure changes nothing. */
    struct vm_region *spare[2] = {kmalloc(sizeof(struct vm_region)), kmalloc(sizeof(struct vm_region))};
    if (!spare[0] || !spare[1]) {
        kfree(spare[0]);
        kfree(spare[1]);
        return -ENOMEM;
    }
    unsigned used = 0;
    if (first->start < start) {
        split_at(set, first, start, spare[used++]);
        first = first->next;
    }
    for (struct vm_region *r = first; r && r->start < end; r = r->next) {
        if (r->end > end)
            split_at(set, r, end, spare[used++]);
        r->prot = prot;
    }
    while (used < 2)
        kfree(spare[used++]);
    return 0;
}

uintptr_t region_find_gap(const struct region_set *set, size_t size, uintptr_t lo, uintptr_t hi, bool top_down) {
    uintptr_t best = 0;
    uintptr_t gap_start = lo;

    if (size == 0 || hi < lo || hi - lo < size)
        return 0;
    for (const struct vm_region *r = set->head;; r = r->next) {
        uintptr_t gap_end = r ? (r->start < hi ? r->start : hi) : hi;
        if (gap_end > gap_start && gap_end - gap_start >= size) {
            if (!top_down)
                return gap_start;
            best = gap_end - size;
        }
        if (!r || r->start >= hi)
            break;
        if (r->end > gap_start)
            gap_start = r->end;
    }
    return best;
}

int region_set_copy(struct region_set *dst, const struct region_set *src) {
    struct vm_region **tail = &dst->head;

    for (const struct vm_region *r = src->head; r; r = r->next) {
        if (r->share == VM_SHARE_PRIVATE)
            continue;
        struct vm_region *c = kmalloc(sizeof(*c));
        if (!c) {
            region_set_clear(dst);
            return -ENOMEM;
        }
        *c = *r;
        c->next = NULL;
        if (c->object)
            vm_object_ref(c->object); /* the child maps the same pages */
        *tail = c;
        tail = &c->next;
        dst->count++;
    }
    return 0;
}

void region_set_clear(struct region_set *set) {
    struct vm_region *r = set->head;

    while (r) {
        struct vm_region *next = r->next;
        if (r->object)
            vm_object_put(r->object);
        kfree(r);
        r = next;
    }
    set->head = NULL;
    set->count = 0;
}
