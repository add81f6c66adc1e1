/*
 * The kernel's own symbol table, built by //tools:mksyms from the linked image and linked into the
 * .ksyms section of the final image (see docs/build.md). Format, all little-endian 32-bit words:
 *
 *     header:  magic "KSYM", count, strings_offset (from the header's start)
 *     entries: count x { address, name_offset (into the strings) }, sorted by address
 *     strings: NUL-terminated names
 */
#ifndef LIB_KSYMS_H
#define LIB_KSYMS_H

#include <stddef.h>
#include <stdint.h>

#define KSYMS_MAGIC 0x4D59534Bu /* "KSYM" */

struct ksyms_header {
    uint32_t magic;
    uint32_t count;
    uint32_t strings_offset;
};

struct ksyms_entry {
    uint32_t address;
    uint32_t name_offset;
};

/*
 * Finds the symbol containing `addr` (the last one at or below it) in the table at `table` of
 * `size` bytes. Returns its name and sets *offset to addr minus its address, or returns NULL when
 * the table is empty or malformed or addr precedes every symbol.
 */
const char *ksyms_lookup(const void *table, size_t size, uint32_t addr, uint32_t *offset);

#endif
