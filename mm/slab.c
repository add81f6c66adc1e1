/*
 * Slab allocator core behind kmalloc (see mm/kmalloc.h). Pure logic: pages come from the backend,
 * so the host tests run this file unchanged.
 *
 * A slab is one 4 KiB page: objects of one class from offset 0, and a header at the end (16 bytes
 * on i386).
 * Each class keeps a doubly linked list of slabs that have a free object. A slab whose last
 * object is freed goes back to the backend unless it is the class's only partial slab (one warm
 * slab per class avoids thrashing on alloc/free pairs).
 */
#include <lib/compiler.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/kmalloc.h>
#include <stdbool.h>

#define PAGE 4096u
#define CLASS_COUNT 8 /* 16, 32, ..., 2048 */
#define POISON_BYTE 0x6B

struct slab {
    struct slab *next, *prev; /* partial list of the class */
    void *free;               /* first free object; each holds the next */
    uint16_t used;
    uint8_t cls;
    uint8_t magic;
};
#define HEADER_SIZE ALIGN_UP(sizeof(struct slab), 16)

#define SLAB_MAGIC 0xA5

static const struct kheap_backend *backend;
static struct slab *partial[CLASS_COUNT];
static struct kheap_stats stats;

static size_t class_size(unsigned cls) {
    return (size_t)KMALLOC_MIN << cls;
}

static unsigned class_of(size_t size) {
    unsigned cls = 0;

    while (class_size(cls) < size)
        cls++;
    return cls;
}

static unsigned objects_per_slab(unsigned cls) {
    return (PAGE - HEADER_SIZE) / (unsigned)class_size(cls);
}

static struct slab *slab_of(const void *p) {
    return (struct slab *)(((uintptr_t)p & ~(uintptr_t)(PAGE - 1)) + PAGE - HEADER_SIZE);
}

static void *slab_page(struct slab *s) {
    return (char *)s + HEADER_SIZE - PAGE;
}

void kheap_init(const struct kheap_backend *b) {
    backend = b;
    memset(partial, 0, sizeof(partial));
    memset(&stats, 0, sizeof(stats));
}

static void list_remove(struct slab *s) {
    if (s->prev)
        s->prev->next = s->next;
    else
        partial[s->cls] = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static void list_push(struct slab *s) {
    s->prev = NULL;
    s->next = partial[s->cls];
    if (s->next)
        s->next->prev = s;
    partial[s->cls] = s;
}

/* A fresh slab for `cls` with every object on its free list, or NULL. */
static struct slab *slab_new(unsigned cls) {
    char *page = backend->page_alloc(0);

    if (!page)
        return NULL;
    struct slab *s = slab_of(page);
    size_t size = class_size(cls);
    unsigned n = objects_per_slab(cls);

    *s = (struct slab){.cls = (uint8_t)cls, .magic = SLAB_MAGIC};
    for (unsigned i = n; i-- > 0;) {
        void **obj = (void **)(page + i * size);
        *obj = s->free;
        s->free = obj;
    }
    stats.slabs++;
    return s;
}

void *kmalloc(size_t size) {
    if (!backend || size > KMALLOC_MAX)
        return NULL;
    if (size > KMALLOC_MAX_SLAB) {
        void *page = backend->page_alloc(1);
        if (page)
            stats.whole_pages++;
        return page;
    }
    unsigned cls = class_of(size ? size : 1);
    struct slab *s = partial[cls];
    if (!s) {
        s = slab_new(cls);
        if (!s)
            return NULL;
        list_push(s);
    }
    void **obj = s->free;
    s->free = *obj;
    s->used++;
    if (!s->free)
        list_remove(s);
    stats.objects++;
    return obj;
}

void *kzalloc(size_t size) {
    void *p = kmalloc(size);

    if (p)
        memset(p, 0, size);
    return p;
}

void *kmalloc_aligned(size_t size, size_t align) {
    /* Class-c blocks are c-aligned, so asking for at least `align` bytes is enough. */
    return kmalloc(size < align ? align : size);
}

size_t kmalloc_usable_size(const void *p) {
    if (backend->page_is_whole(p))
        return PAGE;
    return class_size(slab_of(p)->cls);
}

void kfree(void *p) {
    if (!p)
        return;
    if (backend->page_is_whole(p)) {
        ASSERT_MSG(((uintptr_t)p & (PAGE - 1)) == 0, "kfree(%p): not the start of a page allocation", p);
        stats.whole_pages--;
        backend->page_free(p);
        return;
    }
    struct slab *s = slab_of(p);
    size_t size = class_size(s->cls);
    ASSERT_MSG(s->magic == SLAB_MAGIC && s->cls < CLASS_COUNT, "kfree(%p): not a kmalloc block", p);
    ASSERT_MSG((((uintptr_t)p & (PAGE - 1)) % size) == 0, "kfree(%p): not the start of a block", p);
    ASSERT_MSG(s->used > 0, "kfree(%p): slab has no live objects (double free?)", p);
    if (MM_DEBUG) {
        for (void **q = s->free; q; q = *q)
            ASSERT_MSG(q != p, "kfree(%p): double free", p);
        memset(p, POISON_BYTE, size);
    }
    bool was_full = s->free == NULL;
    *(void **)p = s->free;
    s->free = p;
    s->used--;
    stats.objects--;
    if (was_full)
        list_push(s);
    if (s->used == 0 && (s->next || s->prev)) {
        /* Empty, and the class has another partial slab: give the page back. */
        list_remove(s);
        stats.slabs--;
        backend->page_free(slab_page(s));
    }
}

void kheap_stats(struct kheap_stats *out) {
    *out = stats;
}

void kheap_trim(void) {
    for (unsigned cls = 0; cls < CLASS_COUNT; cls++) {
        struct slab *s = partial[cls];
        while (s) {
            struct slab *next = s->next;
            if (s->used == 0) {
                list_remove(s);
                stats.slabs--;
                backend->page_free(slab_page(s));
            }
            s = next;
        }
    }
}
