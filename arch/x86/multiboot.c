/* Multiboot v1 information parsing; see arch/boot.h. */
#include <abi/errno.h>
#include <arch/boot.h>
#include <arch/layout.h>
#include <arch/multiboot.h>
#include <lib/string.h>

struct mb_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));
_Static_assert(sizeof(struct mb_info) == 52, "multiboot info prefix we read");

struct mb_module {
    uint32_t start, end, string, reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct mb_module) == 16, "multiboot module entry");

/* A memory map entry; `size` does not count itself, so entries may be longer than this struct. */
struct mb_mmap_entry {
    uint32_t size;
    uint64_t base;
    uint64_t length;
    uint32_t type;
} __attribute__((packed));
_Static_assert(sizeof(struct mb_mmap_entry) == 24, "multiboot memory map entry");

static struct boot_info info;

int boot_info_parse(uint32_t magic, uint32_t mbi_phys) {
    if (magic != MULTIBOOT_LOADER_MAGIC)
        return -EINVAL;
    const struct mb_info *mbi = phys_to_virt(mbi_phys);

    if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
        info.mem_lower_kib = mbi->mem_lower;
        info.mem_upper_kib = mbi->mem_upper;
    }
    if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline)
        strlcpy(info.cmdline, phys_to_virt(mbi->cmdline), sizeof(info.cmdline));
    if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
        uint32_t off = 0;
        while (off + sizeof(struct mb_mmap_entry) <= mbi->mmap_length && info.range_count < BOOT_MAX_RANGES) {
            const struct mb_mmap_entry *e = phys_to_virt(mbi->mmap_addr + off);
            info.ranges[info.range_count++] = (struct boot_mem_range){e->base, e->length, e->type};
            off += e->size + sizeof(e->size);
        }
    } else if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
        /* No map: fall back to the two classic ranges. */
        info.ranges[0] = (struct boot_mem_range){0, (uint64_t)mbi->mem_lower * 1024, BOOT_RANGE_AVAILABLE};
        info.ranges[1] =
            (struct boot_mem_range){MULTIBOOT_UPPER_MEMORY, (uint64_t)mbi->mem_upper * 1024, BOOT_RANGE_AVAILABLE};
        info.range_count = 2;
    }
    if (mbi->flags & MULTIBOOT_INFO_MODS) {
        const struct mb_module *mods = phys_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count && info.module_count < BOOT_MAX_MODULES; i++) {
            struct boot_module *m = &info.modules[info.module_count++];
            m->start = mods[i].start;
            m->end = mods[i].end;
            if (mods[i].string)
                strlcpy(m->name, phys_to_virt(mods[i].string), sizeof(m->name));
        }
    }
    return 0;
}

const struct boot_info *boot_info_get(void) {
    return &info;
}
