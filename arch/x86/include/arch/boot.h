/*
 * What the boot loader told us, copied out of the multiboot information into kernel memory so
 * that the memory manager may reuse the pages GRUB left it in.
 */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOT_MAX_RANGES 32
#define BOOT_MAX_MODULES 8
#define BOOT_CMDLINE_MAX 256
#define BOOT_MODULE_NAME_MAX 64

#define BOOT_RANGE_AVAILABLE 1

struct boot_mem_range {
    uint64_t base;
    uint64_t length;
    uint32_t type; /* BOOT_RANGE_AVAILABLE, or one of the reserved kinds */
};

struct boot_module {
    uint32_t start; /* physical, inclusive */
    uint32_t end;   /* physical, exclusive */
    char name[BOOT_MODULE_NAME_MAX];
};

struct boot_info {
    char cmdline[BOOT_CMDLINE_MAX];
    uint32_t mem_lower_kib;
    uint32_t mem_upper_kib;
    unsigned range_count;
    struct boot_mem_range ranges[BOOT_MAX_RANGES];
    unsigned module_count;
    struct boot_module modules[BOOT_MAX_MODULES];
};

/*
 * Parses the multiboot information at physical address `mbi_phys` (still mapped by the boot page
 * directory). Returns 0, or -EINVAL when `magic` shows the loader is not multiboot-compliant.
 */
int boot_info_parse(uint32_t magic, uint32_t mbi_phys);

const struct boot_info *boot_info_get(void);

/* The TSC when the kernel's first instruction ran (boot.S), for the kernel's share of boot. */
extern uint64_t boot_entry_tsc;

#endif
