/*
 * Physical frame allocator: a table of struct page, one per frame below the managed limit, and a
 * LIFO free list threaded through the table (the `owner` field of a free frame holds the next
 * free frame's index + 1). Allocation and free are O(1).
 */
#define LOG_MODULE "pmm"

#include <arch/backtrace.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/config.h>
#include <mm/pmm.h>

struct page *pmm_table;    /* the frame table */
uint32_t pmm_table_frames; /* frames covered by the table (from 0) */
static uint32_t free_head; /* 1 + index of the first free frame, or 0 */
static size_t free_frames;
static size_t managed_frames;

extern const char __kernel_end[];

#define PAGE_POISON_BYTE 0x5A
#define PAGE_POISON_WORD 0x5A5A5A5Au

static uint32_t frame_of(paddr_t pa) {
    return (uint32_t)(pa >> PAGE_SHIFT);
}

/* Marks the frames of [start, end) (clipped to the table) with `flags`. */
static void mark(uint64_t start, uint64_t end, uint16_t flags) {
    uint64_t first = start >> PAGE_SHIFT, last = (end + PAGE_SIZE - 1) >> PAGE_SHIFT;

    if (last > pmm_table_frames)
        last = pmm_table_frames;
    /* A 32-bit index: the loop runs over every frame at boot, and 64-bit arithmetic doubles it. */
    struct page *table = pmm_table; /* a local: the stores below cannot change it */
#pragma clang loop unroll_count(8)  /* the loop's own instructions, 3 a frame, would be most of it */
    for (uint32_t f = (uint32_t)first, n = (uint32_t)last; first < last && f < n; f++)
        table[f].flags = flags;
}

/* Like mark(), but only frames wholly inside [start, end): partial frames at the edges of an
 * available range are not RAM we can use. */
static void mark_inside(uint64_t start, uint64_t end, uint16_t flags) {
    mark(ALIGN_UP(start, PAGE_SIZE), ALIGN_DOWN(end, PAGE_SIZE), flags);
}

static void push_free(uint32_t f) {
    pmm_table[f].flags = PG_FREE;
    pmm_table[f].refs = 0;
    pmm_table[f].owner = (int32_t)free_head;
    free_head = f + 1;
    free_frames++;
}

void pmm_init(const struct boot_info *bi) {
    uint64_t top = 0;

    for (unsigned i = 0; i < bi->range_count; i++) {
        const struct boot_mem_range *r = &bi->ranges[i];
        if (r->type == BOOT_RANGE_AVAILABLE && r->base + r->length > top)
            top = r->base + r->length;
    }
    if (top > MM_LINEAR_LIMIT) {
        log_warn("ignoring %llu MiB of RAM above the %u MiB the kernel maps", (top - MM_LINEAR_LIMIT) >> 20,
                 MM_LINEAR_LIMIT >> 20);
        top = MM_LINEAR_LIMIT;
    }
    pmm_table_frames = (uint32_t)(top >> PAGE_SHIFT);

    /* The table goes right after the kernel image, or after the modules if they follow it. */
    paddr_t table = ALIGN_UP(virt_to_phys(__kernel_end), PAGE_SIZE);
    for (unsigned i = 0; i < bi->module_count; i++) {
        if (bi->modules[i].end > table)
            table = ALIGN_UP((paddr_t)bi->modules[i].end, PAGE_SIZE);
    }
    paddr_t table_end = ALIGN_UP(table + pmm_table_frames * sizeof(struct page), PAGE_SIZE);
    ASSERT_MSG(table_end <= BOOT_MAPPED_BYTES, "frame table at 0x%x beyond the boot mapping", table_end);
    pmm_table = phys_to_virt(table);

    /* Everything starts reserved. Then: frames inside available ranges become candidates
     * (PG_FREE, not yet listed), reserved ranges win over available ones, and so do frame 0 (the
     * allocator's "no memory"), the kernel image with this table, and the boot modules. */
#pragma clang loop unroll_count(8)
    for (struct page *p = pmm_table, *end = p + pmm_table_frames; p < end; p++)
        *p = (struct page){.refs = 1, .flags = PG_RESERVED, .owner = PMM_OWNER_KERNEL};
    for (unsigned i = 0; i < bi->range_count; i++) {
        const struct boot_mem_range *r = &bi->ranges[i];
        if (r->type == BOOT_RANGE_AVAILABLE)
            mark_inside(r->base, r->base + r->length, PG_FREE);
    }
    for (unsigned i = 0; i < bi->range_count; i++) {
        const struct boot_mem_range *r = &bi->ranges[i];
        if (r->type != BOOT_RANGE_AVAILABLE)
            mark(r->base, r->base + r->length, PG_RESERVED);
    }
    mark(0, PAGE_SIZE, PG_RESERVED);
    mark(KERNEL_PHYS_LOAD, table_end, PG_RESERVED);
    for (unsigned i = 0; i < bi->module_count; i++)
        mark(bi->modules[i].start, bi->modules[i].end, PG_RESERVED);

    /* List the candidates from the top down, so the lowest frames are handed out first (what
     * push_free does, with the list's head and count kept in registers: boot's share of the
     * frame table is 32,768 frames for 128 MiB). */
    uint32_t head = 0;
    size_t listed = 0;
    struct page *frames = pmm_table;
    for (uint32_t f = pmm_table_frames; f-- > 0;) {
        struct page *p = &frames[f];
        if (p->flags == PG_FREE) {
            p->refs = 0;
            p->owner = (int32_t)head;
            head = f + 1;
            listed++;
        }
    }
    free_head = head;
    free_frames = managed_frames = listed;
    log_info("%zu frames (%zu KiB) free of %u below 0x%08llx; frame table at 0x%08x", free_frames, free_frames * 4,
             pmm_table_frames, top, table);
}

/*
 * Debug kernel: frame `f`, poisoned by pmm_release, must still hold the poison, apart from its
 * first word where pmm_release left the address it was freed from (which must still be one).
 */
static void check_poison(uint32_t f) {
    paddr_t pa = (paddr_t)f << PAGE_SHIFT;
    const uint32_t *words = phys_to_virt(pa);
    uint32_t site = words[0], offset = 0;
    const char *freer = ksym_name(site, &offset);

    if (!freer)
        panic("write after free to frame 0x%08x: its first word, where the freeing code's address is kept, is 0x%08x",
              pa, site);
    for (unsigned i = 1; i < PAGE_SIZE / sizeof(uint32_t); i++) {
        if (words[i] == PAGE_POISON_WORD)
            continue;
        const uint8_t *bytes = (const uint8_t *)&words[i];
        unsigned b = 0;
        while (bytes[b] == PAGE_POISON_BYTE)
            b++;
        panic("write after free to frame 0x%08x (freed by %s+0x%x): byte %u is 0x%02x, not the poison 0x%02x", pa,
              freer, offset, i * 4 + b, bytes[b], PAGE_POISON_BYTE);
    }
}

paddr_t pmm_alloc(int owner, uint16_t flags) {
    if (!free_head)
        return 0;
    uint32_t f = free_head - 1;
    struct page *p = &pmm_table[f];

    ASSERT_MSG((p->flags & ~PG_POISONED) == PG_FREE, "frame %u on the free list with flags 0x%x", f, p->flags);
    if (MM_CHECK_POISON && (p->flags & PG_POISONED))
        check_poison(f);
    free_head = (uint32_t)p->owner;
    free_frames--;
    p->refs = 1;
    p->flags = flags;
    p->owner = owner;
    return (paddr_t)f << PAGE_SHIFT;
}

paddr_t pmm_alloc_zeroed(int owner, uint16_t flags) {
    paddr_t pa = pmm_alloc(owner, flags);

    if (pa)
        page_zero(phys_to_virt(pa));
    return pa;
}

struct page *pmm_page(paddr_t pa) {
    uint32_t f = frame_of(pa);

    return f < pmm_table_frames ? &pmm_table[f] : NULL;
}

void pmm_misuse(paddr_t pa, const char *what) {
    const struct page *p = pmm_page(pa);

    if (!p)
        panic("%s of frame 0x%08x outside the frame table", what, pa);
    panic("%s of %s frame 0x%08x", what,
          (p->flags & PG_FREE)       ? "free"
          : (p->flags & PG_RESERVED) ? "reserved"
                                     : "a",
          pa);
}

/*
 * The last reference is being dropped (pmm_unref, inlined into its caller, so our return address
 * is in the code that freed the frame).
 */
void pmm_release(paddr_t pa) {
    struct page *p = &pmm_table[frame_of(pa)];
    uint32_t *page = phys_to_virt(ALIGN_DOWN(pa, PAGE_SIZE));

    if (p->flags & PG_LOCKED)
        panic("unref of locked frame 0x%08x", pa);
    if (p->refs == 0)
        pmm_misuse(pa, "unref of an unreferenced");
    p->refs = 0;
    if (MM_DEBUG)
        memset(page, PAGE_POISON_BYTE, PAGE_SIZE);
    push_free(frame_of(pa));
    if (MM_CHECK_POISON) {
        page[0] = (uint32_t)__builtin_return_address(0);
        p->flags |= PG_POISONED;
    }
}

unsigned pmm_refcount(paddr_t pa) {
    struct page *p = pmm_page(pa);

    return p && !(p->flags & PG_FREE) ? p->refs : 0;
}

size_t pmm_free_count(void) {
    return free_frames;
}

size_t pmm_total_count(void) {
    return managed_frames;
}

size_t pmm_count_owned(int owner, uint16_t flags) {
    size_t n = 0;

    for (uint32_t f = 0; f < pmm_table_frames; f++) {
        const struct page *p = &pmm_table[f];
        if (!(p->flags & (PG_FREE | PG_RESERVED)) && p->owner == owner && (p->flags & flags) == flags)
            n++;
    }
    return n;
}
