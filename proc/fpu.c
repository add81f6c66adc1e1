/*
 * FPU/SSE state. The kernel never uses the FPU (it is built without x87/SSE code), so the
 * registers always hold the state of `fpu_owner`, the last user process that ran. A switch to a
 * user process that is not the owner saves the owner's state (fxsave) and loads the new one's
 * (fxrstor): two instructions, cheaper here than lazy switching with CR0.TS, which costs a #NM
 * trap whenever a process that uses the FPU runs again (docs/performance.md has the figures).
 */
#define LOG_MODULE "fpu"

#include "internal.h"
#include <arch/cpu.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <proc/proc.h>

#define CPUID_FXSR (1u << 24)
#define CPUID_SSE (1u << 25)

struct proc *fpu_owner;
static uint8_t initial_state[FPU_AREA_SIZE] __aligned(16);

void fpu_init(void *idle_area) {
    uint32_t a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    ASSERT_MSG(d & CPUID_FXSR, "the CPU lacks fxsave/fxrstor");
    write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
    write_cr4(read_cr4() | CR4_OSFXSR | ((d & CPUID_SSE) ? CR4_OSXMMEXCPT : 0));
    fninit();
    fxsave(initial_state);
    memcpy(idle_area, initial_state, FPU_AREA_SIZE);
}

void fpu_copy_initial(void *area) {
    memcpy(area, initial_state, FPU_AREA_SIZE);
}
