/*
 * A kernel bug on purpose: an unexpected page fault in kernel mode. The kernel must print the
 * register report and a symbolized backtrace naming crash_write_unmapped, then end QEMU with the
 * failure status at once. //arch/x86:crash_ktest checks exactly that.
 */
#include <ktest/ktest.h>

__attribute__((noinline)) void crash_write_unmapped(volatile uint32_t *p) {
    *p = 0xbad;
}

__attribute__((noinline)) void crash_caller(void) {
    crash_write_unmapped((volatile uint32_t *)0xFEED0000u);
}

KTEST(crash, unexpected_kernel_page_fault) {
    crash_caller();
}
