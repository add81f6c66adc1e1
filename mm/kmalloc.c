/*
 * kmalloc and kfree: a slab allocator (see mm/kmalloc.h). Pure logic: pages come from the backend
 * (kmalloc_frames.c in the kernel), so the host tests run this file unchanged.
 *
 * A slab is one 4 KiB page: objects of one class from offset 0, and a header at the end (16 bytes
 * on i386).
 * Each class keeps a doubly linked list of slabs that have a free object. A slab whose last
 * object is freed goes back to the backend unless it is the class's only partial slab (one warm
 * slab per class avoids thrashing on alloc/free pairs).
 *
 * A free object holds the next free object's address in its first word. With MM_DEBUG the rest is
 * poison; the debug kernel (MM_CHECK_POISON) also keeps in the second word the address kfree was
 * called from, and checks both words and the poison when it hands the object out again.
 */
#include <arch/layout.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/kmalloc.h>
#include <stdarg.h>
#include <stdbool.h>

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
    return (PAGE_SIZE - HEADER_SIZE) / (unsigned)class_size(cls);
}

static struct slab *slab_of(const void *p) {
    return (struct slab *)(((uintptr_t)p & ~(uintptr_t)(PAGE_SIZE - 1)) + PAGE_SIZE - HEADER_SIZE);
}

static void *slab_page(struct slab *s) {
    return (char *)s + HEADER_SIZE - PAGE_SIZE;
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
    char *page = backend->page_alloc(false);

    if (!page)
        return NULL;
    struct slab *s = slab_of(page);
    size_t size = class_size(cls);
    unsigned n = objects_per_slab(cls);

    *s = (struct slab){.cls = (uint8_t)cls, .magic = SLAB_MAGIC};
    if (MM_CHECK_POISON)
        memset(page, POISON_BYTE, n * size); /* never allocated: poison, and a free site of 0 */
    for (unsigned i = n; i-- > 0;) {
        void **obj = (void **)(page + i * size);
        obj[0] = s->free;
        if (MM_CHECK_POISON)
            obj[1] = NULL;
        s->free = obj;
    }
    stats.slabs++;
    return s;
}

/* Debug kernel: reports a write to free object `obj`, with where it was freed from. */
__noreturn __printf_like(4, 5) static void write_after_free(const void *obj, size_t size, uintptr_t site,
                                                            const char *fmt, ...);

static void write_after_free(const void *obj, size_t size, uintptr_t site, const char *fmt, ...) {
    char what[64], freer[128];
    const char *name = NULL;
    uint32_t offset = 0;
    va_list ap;

    va_start(ap, fmt);
    format_vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (site && backend->site_name)
        name = backend->site_name(site, &offset);
    if (!site)
        format_snprintf(freer, sizeof(freer), "never allocated");
    else if (name)
        format_snprintf(freer, sizeof(freer), "freed by %s+0x%x", name, offset);
    else
        format_snprintf(freer, sizeof(freer), "freed at 0x%08lx", (unsigned long)site);
    panic("kmalloc: write after free to %p (%zu-byte object, %s): %s", obj, size, freer, what);
}

/*
 * Debug kernel: free object `obj` of slab `s` must be as kfree (or slab_new) left it: a link to
 * another free object of the slab (or NULL), the address kfree was called from (or NULL), poison.
 */
static void check_free_object(const struct slab *s, void *const *obj) {
    size_t size = class_size(s->cls);
    const uint8_t *bytes = (const uint8_t *)obj;
    uintptr_t next = (uintptr_t)obj[0], site = (uintptr_t)obj[1];
    uintptr_t next_offset = next & (PAGE_SIZE - 1);
    uint32_t offset;

    if (next && (slab_of((void *)next) != s || next_offset % size || next_offset >= objects_per_slab(s->cls) * size))
        write_after_free(obj, size, site, "its free-list link is %p", (void *)next);
    if (site && backend->site_name && !backend->site_name(site, &offset))
        write_after_free(obj, size, site, "the word where kfree's caller is kept no longer points at code");
    for (size_t i = 2 * sizeof(void *); i < size; i++) {
        if (bytes[i] != POISON_BYTE)
            write_after_free(obj, size, site, "byte %zu is 0x%02x, not the poison 0x%02x", i, bytes[i], POISON_BYTE);
    }
}

void *kmalloc(size_t size) {
    if (!backend || size > KMALLOC_MAX)
        return NULL;
    if (size > KMALLOC_MAX_SLAB) {
        void *page = backend->page_alloc(true);
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
    if (MM_CHECK_POISON)
        check_free_object(s, obj);
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
        return PAGE_SIZE;
    return class_size(slab_of(p)->cls);
}

void kfree(void *p) {
    if (!p)
        return;
    if (backend->page_is_whole(p)) {
        ASSERT_MSG(((uintptr_t)p & (PAGE_SIZE - 1)) == 0, "kfree(%p): not the start of a page allocation", p);
        stats.whole_pages--;
        backend->page_free(p);
        return;
    }
    struct slab *s = slab_of(p);
    size_t size = class_size(s->cls);
    ASSERT_MSG(s->magic == SLAB_MAGIC && s->cls < CLASS_COUNT, "kfree(%p): not a kmalloc block", p);
    ASSERT_MSG((((uintptr_t)p & (PAGE_SIZE - 1)) % size) == 0, "kfree(%p): not the start of a block", p);
    ASSERT_MSG(s->used > 0, "kfree(%p): slab has no live objects (double free?)", p);
    if (MM_DEBUG) {
        for (void **q = s->free; q; q = *q)
            ASSERT_MSG(q != p, "kfree(%p): double free", p);
        memset(p, POISON_BYTE, size);
    }
    if (MM_CHECK_POISON)
        ((void **)p)[1] = __builtin_return_address(0);
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
