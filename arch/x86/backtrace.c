/* Backtraces and kernel symbol lookup; see arch/backtrace.h. */
#include <arch/backtrace.h>
#include <arch/interrupt.h>
#include <arch/layout.h>
#include <lib/ksyms.h>
#include <lib/log.h>

#define MAX_FRAMES 32

extern const char __ksyms_start[], __ksyms_end[];
extern const char __text_start[], __text_end[];

const char *ksym_name(uint32_t addr, uint32_t *offset) {
    if (addr < (uint32_t)__text_start || addr >= (uint32_t)__text_end)
        return NULL;
    return ksyms_lookup(__ksyms_start, (size_t)(__ksyms_end - __ksyms_start), addr, offset);
}

static void print_entry(unsigned n, uint32_t addr) {
    uint32_t offset = 0;
    const char *name = ksym_name(addr, &offset);

    if (name)
        kprintf("  #%-2u 0x%08x %s+0x%x\n", n, addr, name, offset);
    else
        kprintf("  #%-2u 0x%08x ?\n", n, addr);
}

void backtrace_print(uint32_t eip, uint32_t ebp) {
    unsigned n = 0;

    kprintf("backtrace:\n");
    print_entry(n++, eip);
    /*
     * Each frame: [ebp] = the caller's ebp, [ebp + 4] = the return address. Frames lie at rising
     * addresses on one kernel stack; anything else means the chain ended or is corrupt.
     */
    while (ebp >= KERNEL_VBASE && (ebp & 3) == 0 && n < MAX_FRAMES) {
        const uint32_t *fp = (const uint32_t *)ebp;
        uint32_t ret = fp[1];
        if (ret < KERNEL_VBASE)
            break;
        /* A return address points after the call; show the call itself. */
        print_entry(n++, ret - 1);
        if (fp[0] <= ebp)
            break;
        ebp = fp[0];
    }
}
