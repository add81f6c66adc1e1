/*
 * Objects of pages shared by the regions that map them (see mm/vm.h).
 *
 * The frames are kept in a two-level table: the object's root has a leaf for every LEAF_PAGES
 * pages, allocated when the first page in its range is made and sized to the pages it covers.
 * A one-page object then costs a 16-byte leaf beside its header, and the largest user mapping
 * (3 GiB, 767 leaves) a root of about 3 KiB, still one kmalloc.
 */
#include <abi/errno.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>

#define LEAF_PAGES (PAGE_SIZE / sizeof(paddr_t)) /* 1024: a full leaf is one page */

struct vm_object {
    unsigned refs;
    size_t npages;                /* anonymous objects */
    const struct vm_pager *pager; /* NULL: anonymous, its frames in the leaves; else none */
    void *pager_ctx;
    paddr_t *leaves[]; /* leaf i holds the frames of pages i * LEAF_PAGES ..; NULL until one is made */
};

static size_t leaf_count(size_t npages) {
    return (npages + LEAF_PAGES - 1) / LEAF_PAGES;
}

_Static_assert(sizeof(struct vm_object) + ((VM_OBJECT_MAX_PAGES + LEAF_PAGES - 1) / LEAF_PAGES) * sizeof(paddr_t *) <=
                   KMALLOC_MAX,
               "the root of the largest object is one kmalloc");

struct vm_object *vm_object_create(size_t npages) {
    if (npages == 0 || npages > VM_OBJECT_MAX_PAGES)
        return NULL;
    struct vm_object *obj = kzalloc(sizeof(*obj) + leaf_count(npages) * sizeof(paddr_t *));
    if (!obj)
        return NULL;
    obj->refs = 1;
    obj->npages = npages;
    return obj;
}

struct vm_object *vm_object_create_paged(const struct vm_pager *pager, void *ctx) {
    struct vm_object *obj = kzalloc(sizeof(*obj));

    if (!obj)
        return NULL;
    obj->refs = 1;
    obj->pager = pager;
    obj->pager_ctx = ctx;
    return obj;
}

bool vm_object_wants_stores(const struct vm_object *obj) {
    return obj->pager && obj->pager->stored;
}

void vm_object_stored(struct vm_object *obj) {
    if (vm_object_wants_stores(obj))
        obj->pager->stored(obj->pager_ctx);
}

void vm_object_ref(struct vm_object *obj) {
    ASSERT(obj->refs > 0);
    obj->refs++;
}

void vm_object_put(struct vm_object *obj) {
    ASSERT_MSG(obj->refs > 0, "vm_object_put of an object with no reference");
    if (--obj->refs)
        return;
    if (obj->pager) {
        obj->pager->release(obj->pager_ctx);
        kfree(obj);
        return;
    }
    for (size_t i = 0, n = leaf_count(obj->npages); i < n; i++) {
        paddr_t *leaf = obj->leaves[i];
        if (!leaf)
            continue;
        for (size_t j = 0; j < LEAF_PAGES && i * LEAF_PAGES + j < obj->npages; j++) {
            if (leaf[j])
                pmm_unref(leaf[j]);
        }
        kfree(leaf);
    }
    kfree(obj);
}

paddr_t vm_object_page(struct vm_object *obj, size_t n, int owner) {
    ASSERT_MSG(!obj->pager, "vm_object_page of a paged object");
    ASSERT_MSG(n < obj->npages, "page %u of a %u-page object", (unsigned)n, (unsigned)obj->npages);
    paddr_t **leaf = &obj->leaves[n / LEAF_PAGES];
    bool new_leaf = !*leaf;

    if (new_leaf) {
        size_t first = n - n % LEAF_PAGES;
        size_t pages = obj->npages - first < LEAF_PAGES ? obj->npages - first : LEAF_PAGES;
        *leaf = kzalloc(pages * sizeof(paddr_t));
        if (!*leaf)
            return 0;
    }
    paddr_t *frame = &(*leaf)[n % LEAF_PAGES];
    if (*frame)
        return *frame;
    paddr_t pa = pmm_alloc_zeroed(owner, PG_USER);
    if (!pa) {
        if (new_leaf) { /* give back what this call took */
            kfree(*leaf);
            *leaf = NULL;
        }
        return 0;
    }
    *frame = pa;
    return pa;
}

int vm_object_get(struct vm_object *obj, size_t n, int owner, paddr_t *pa) {
    if (obj->pager)
        return obj->pager->page(obj->pager_ctx, n, pa);
    if (n >= obj->npages)
        return -EFAULT;
    *pa = vm_object_page(obj, n, owner);
    if (!*pa)
        return -ENOMEM;
    pmm_ref(*pa); /* the caller's (a page-table entry's); the object keeps its own */
    return 0;
}
