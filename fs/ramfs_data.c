/*
 * ramfs: a regular file's bytes (see fs/ramfs.h). Invariant: every byte of a data page past the
 * file's size is zero, so growing a file (a write past the end, ftruncate) shows zeros without
 * touching its pages. Copies to and from user memory go at most to the end of a user page at a
 * time: a bad buffer then faults at the start of a run, before any of it is copied, so a write
 * that fails changes nothing and a short one changed exactly what it counts.
 */
#include "ramfs_internal.h"
#include <abi/errno.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>

static const uint8_t zeros[PAGE_SIZE]; /* what a hole holds, for exec */

/* A page for file data or an index, counted against the limit; zeroed when `zero`. */
static void *take_page(struct ramfs *fs, bool zero) {
    if (!ramfs_charge(fs, PAGE_SIZE))
        return NULL;
    void *p = zero ? kzalloc(PAGE_SIZE) : kmalloc(PAGE_SIZE);
    if (!p)
        ramfs_uncharge(fs, PAGE_SIZE);
    return p;
}

static void give_page(struct ramfs *fs, void *p) {
    kfree(p);
    ramfs_uncharge(fs, PAGE_SIZE);
}

/* An index page at *table, made (zeroed) if missing and `make`. NULL if missing. */
static void **index_page(struct ramfs *fs, void ***table, bool make) {
    if (!*table && make)
        *table = take_page(fs, true);
    return *table;
}

/*
 * Where the pointer to data page `i` of `n` is kept, making the index pages on the way when
 * `make`. NULL when an index page is missing (not made, or no memory for it).
 */
static void **page_slot(struct ramfs *fs, struct ramfs_node *n, uint32_t i, bool make) {
    if (i < RAMFS_DIRECT)
        return &n->direct[i];
    i -= RAMFS_DIRECT;
    if (i < RAMFS_PER_INDEX) {
        void **table = index_page(fs, &n->indirect, make);
        return table ? &table[i] : NULL;
    }
    i -= RAMFS_PER_INDEX;
    void ***top = (void ***)index_page(fs, (void ***)&n->dindirect, make);
    if (!top)
        return NULL;
    void **table = index_page(fs, &top[i / RAMFS_PER_INDEX], make);
    return table ? &table[i % RAMFS_PER_INDEX] : NULL;
}

/* Data page `i`, or NULL for a hole. */
static uint8_t *page_at(struct ramfs *fs, struct ramfs_node *n, uint32_t i) {
    void **slot = page_slot(fs, n, i, false);
    return slot ? *slot : NULL;
}

/* Frees the data pages from page `first` on, and the index pages that only served them. */
static void free_pages_from(struct ramfs *fs, struct ramfs_node *n, uint32_t first) {
    for (uint32_t i = first; i < RAMFS_DIRECT; i++) {
        if (n->direct[i]) {
            give_page(fs, n->direct[i]);
            n->direct[i] = NULL;
            n->data_pages--;
        }
    }
    if (n->indirect) {
        uint32_t base = RAMFS_DIRECT;
        for (uint32_t j = first > base ? first - base : 0; j < RAMFS_PER_INDEX; j++) {
            if (n->indirect[j]) {
                give_page(fs, n->indirect[j]);
                n->indirect[j] = NULL;
                n->data_pages--;
            }
        }
        if (first <= base) {
            give_page(fs, n->indirect);
            n->indirect = NULL;
        }
    }
    if (n->dindirect) {
        uint32_t top_base = RAMFS_DIRECT + RAMFS_PER_INDEX;
        for (uint32_t t = 0; t < RAMFS_PER_INDEX; t++) {
            void **table = n->dindirect[t];
            uint32_t base = top_base + t * RAMFS_PER_INDEX;
            if (!table || first >= base + RAMFS_PER_INDEX)
                continue;
            for (uint32_t j = first > base ? first - base : 0; j < RAMFS_PER_INDEX; j++) {
                if (table[j]) {
                    give_page(fs, table[j]);
                    table[j] = NULL;
                    n->data_pages--;
                }
            }
            if (first <= base) {
                give_page(fs, table);
                n->dindirect[t] = NULL;
            }
        }
        if (first <= top_base) {
            give_page(fs, n->dindirect);
            n->dindirect = NULL;
        }
    }
}

void ramfs_free_data(struct ramfs_node *n) {
    free_pages_from(ramfs_of(&n->v), n, 0);
    n->initrd = NULL;
}

/*
 * Moves a file still in the initrd into pages of its own, its first `keep` bytes (the rest is
 * about to be cut). -ENOSPC, and the file as it was, when memory runs out.
 */
static int leave_initrd(struct ramfs_node *n, uint32_t keep) {
    struct ramfs *fs = ramfs_of(&n->v);

    for (uint32_t off = 0; off < keep; off += PAGE_SIZE) {
        uint32_t run = keep - off < PAGE_SIZE ? keep - off : PAGE_SIZE;
        void **slot = page_slot(fs, n, off / PAGE_SIZE, true);
        uint8_t *page = slot ? take_page(fs, run < PAGE_SIZE) : NULL;
        if (!page) {
            free_pages_from(fs, n, 0);
            return -ENOSPC;
        }
        memcpy(page, n->initrd + off, run);
        *slot = page;
        n->data_pages++;
    }
    n->initrd = NULL;
    return 0;
}

/*
 * A mapping may store past the end of the file in its last page (POSIX: those bytes are not the
 * file's). They become zeros again, as the invariant above says, before the file grows over them
 * and when the last mapping goes (the next mapping shows a zero-filled partial page).
 */
static void clear_tail(struct ramfs_node *node) {
    uint32_t size = node->v.size;
    uint8_t *last = size % PAGE_SIZE ? page_at(ramfs_of(&node->v), node, size / PAGE_SIZE) : NULL;

    if (last)
        memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
}

static void clear_mapped_tail(struct ramfs_node *node) {
    if (node->object)
        clear_tail(node);
}

long ramfs_read(struct vnode *v, struct uaddr buf, size_t n, uint32_t off) {
    struct ramfs_node *node = ramfs_node_of(v);
    struct ramfs *fs = ramfs_of(v);
    size_t done = 0;

    if (off >= v->size)
        return 0;
    if (n > v->size - off)
        n = v->size - off;
    while (done < n) {
        uint32_t pos = off + (uint32_t)done;
        struct uaddr to = user_offset(buf, done);
        size_t run = n - done;
        if (run > PAGE_SIZE - pos % PAGE_SIZE)
            run = PAGE_SIZE - pos % PAGE_SIZE;
        if (run > user_page_left(to))
            run = user_page_left(to);
        const uint8_t *src = node->initrd ? node->initrd + pos : page_at(fs, node, pos / PAGE_SIZE);
        if (src && !node->initrd)
            src += pos % PAGE_SIZE;
        if (src ? copy_to_user(to, src, run) : clear_user(to, run))
            return done ? (long)done : -EFAULT;
        done += run;
    }
    return (long)done;
}

long ramfs_write(struct vnode *v, struct uaddr buf, size_t n, uint32_t off) {
    struct ramfs_node *node = ramfs_node_of(v);
    struct ramfs *fs = ramfs_of(v);
    size_t done = 0;
    long err = 0;

    if (node->initrd) {
        err = leave_initrd(node, v->size);
        if (err)
            return err;
    }
    if ((uint64_t)off + n > v->size)
        clear_mapped_tail(node);
    while (done < n) {
        uint32_t pos = off + (uint32_t)done, in = pos % PAGE_SIZE;
        struct uaddr from = user_offset(buf, done);
        size_t run = n - done;
        if (run > PAGE_SIZE - in)
            run = PAGE_SIZE - in;
        if (run > user_page_left(from))
            run = user_page_left(from);
        void **slot = page_slot(fs, node, pos / PAGE_SIZE, true);
        uint8_t *page = slot ? *slot : NULL;
        bool fresh = slot && !page;
        if (fresh) {
            /* A new page is zeros but what this run writes (the invariant above). */
            page = take_page(fs, run < PAGE_SIZE);
        }
        if (!page) {
            /* Index pages made for this page hold nothing: they go (none serves a page before
             * the end, as every data page lies before it). */
            free_pages_from(fs, node, (uint32_t)(ALIGN_UP((uint64_t)v->size, PAGE_SIZE) / PAGE_SIZE));
            err = -ENOSPC;
            break;
        }
        if (copy_from_user(page + in, from, run)) {
            if (fresh)
                give_page(fs, page); /* the hole stays a hole */
            err = -EFAULT;
            break;
        }
        if (fresh && *slot) {
            /* The copy faulted in a mapping of this very page, and the fault made it (the
             * pager): the mapping has that page, so the bytes go there and ours goes. */
            memcpy((uint8_t *)*slot + in, page + in, run);
            give_page(fs, page);
        } else if (fresh) {
            *slot = page;
            node->data_pages++;
        }
        done += run;
        if (pos + run > v->size)
            v->size = pos + (uint32_t)run;
    }
    if (done)
        ramfs_modified(node);
    return done ? (long)done : err;
}

int ramfs_truncate(struct vnode *v, uint32_t size) {
    struct ramfs_node *node = ramfs_node_of(v);
    struct ramfs *fs = ramfs_of(v);

    if (node->initrd) {
        int err = leave_initrd(node, size < v->size ? size : v->size);
        if (err)
            return err;
    }
    if (size > v->size)
        clear_mapped_tail(node);
    uint32_t keep = (uint32_t)(ALIGN_UP((uint64_t)size, PAGE_SIZE) / PAGE_SIZE);
    if (node->object && size < v->size)
        vm_object_unmap_from(node->object, keep); /* no mapping keeps a page that is going */
    free_pages_from(fs, node, keep);
    if (size < v->size) {
        uint8_t *last = size % PAGE_SIZE ? page_at(fs, node, size / PAGE_SIZE) : NULL;
        if (last)
            memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    }
    v->size = size;
    ramfs_modified(node);
    return 0;
}

const void *ramfs_span(struct vnode *v, uint32_t off, uint32_t *len) {
    struct ramfs_node *node = ramfs_node_of(v);

    if (node->initrd) {
        *len = v->size - off;
        return node->initrd + off;
    }
    uint32_t in = off % PAGE_SIZE;
    const uint8_t *page = page_at(ramfs_of(v), node, off / PAGE_SIZE);
    *len = PAGE_SIZE - in < v->size - off ? PAGE_SIZE - in : v->size - off;
    return (page ? page : zeros) + in;
}

/*
 * mmap: the object's page n is the file's data page n, made (zero) if it is a hole, so that every
 * mapping and read and write see the same bytes. The object holds a reference to the vnode: an
 * unlinked file's pages live while they are mapped.
 */
static int pager_page(void *ctx, size_t i, paddr_t *pa) {
    struct ramfs_node *node = ctx;
    struct ramfs *fs = ramfs_of(&node->v);

    if ((uint64_t)i * PAGE_SIZE >= node->v.size)
        return -EFAULT;
    if (node->initrd && leave_initrd(node, node->v.size))
        return -ENOMEM;
    void **slot = page_slot(fs, node, (uint32_t)i, true);
    if (slot && !*slot) {
        *slot = take_page(fs, true);
        if (*slot)
            node->data_pages++;
    }
    /* Out of memory: index pages made on the way stay (the file frees them). The fault may come
     * from a write() to this file copying from the mapping, which holds a slot in them. */
    if (!slot || !*slot)
        return -ENOMEM;
    *pa = virt_to_phys(*slot);
    pmm_ref(*pa);
    return 0;
}

static void pager_release(void *ctx) {
    struct ramfs_node *node = ctx;

    node->object = NULL;
    clear_tail(node); /* no mapping is left that stored past the end */
    vnode_put(&node->v);
}

/* Stores through a shared mapping changed the file (seen at msync, munmap or exit). */
static void pager_stored(void *ctx) {
    ramfs_modified(ctx);
}

static const struct vm_pager ramfs_pager = {.page = pager_page, .release = pager_release, .stored = pager_stored};

int ramfs_mmap_object(struct vnode *v, struct vm_object **out) {
    struct ramfs_node *node = ramfs_node_of(v);

    if (node->object) {
        vm_object_ref(node->object);
    } else {
        node->object = vm_object_create_paged(&ramfs_pager, node);
        if (!node->object)
            return -ENOMEM;
        vnode_ref(v);
    }
    *out = node->object;
    return 0;
}
