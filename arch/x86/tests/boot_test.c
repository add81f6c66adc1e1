/* Boot state: what GRUB handed over and where the kernel runs. */
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <ktest/ktest.h>

extern const char __kernel_start[], __kernel_end[];

KTEST(boot, runs_in_higher_half) {
    KEXPECT_GE((uintptr_t)__kernel_start, KERNEL_VBASE);
    KEXPECT_GE((uintptr_t)&boot_info_get, KERNEL_VBASE);
    KEXPECT_TRUE(read_cr0() & CR0_PG);
}

KTEST(boot, memory_map_has_ram) {
    const struct boot_info *bi = boot_info_get();
    uint64_t available = 0;

    KASSERT_TRUE(bi->range_count > 0);
    for (unsigned i = 0; i < bi->range_count; i++) {
        if (bi->ranges[i].type == BOOT_RANGE_AVAILABLE)
            available += bi->ranges[i].length;
    }
    /* The tests run with 128 MiB; allow for the holes the BIOS keeps. */
    KEXPECT_GT(available, 100ull << 20);
}

KTEST(boot, command_line_selects_tests) {
    KEXPECT_TRUE(strstr(boot_info_get()->cmdline, "ktest=") != NULL);
}
