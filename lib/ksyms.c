/* Symbol lookup in a .ksyms table; see lib/ksyms.h. */
#include <lib/ksyms.h>

const char *ksyms_lookup(const void *table, size_t size, uint32_t addr, uint32_t *offset) {
    const struct ksyms_header *h = table;

    if (size < sizeof(*h) || h->magic != KSYMS_MAGIC || h->count == 0)
        return NULL;
    if (h->count > (size - sizeof(*h)) / sizeof(struct ksyms_entry) || h->strings_offset >= size)
        return NULL;
    const struct ksyms_entry *e = (const struct ksyms_entry *)(h + 1);
    if (addr < e[0].address)
        return NULL;

    /* The last entry with address <= addr. */
    uint32_t lo = 0, hi = h->count;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (e[mid].address <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (h->strings_offset + e[lo].name_offset >= size)
        return NULL;
    *offset = addr - e[lo].address;
    return (const char *)table + h->strings_offset + e[lo].name_offset;
}
