/*
 * FPU/SSE state, and the one rule for it, kept in this file alone. The kernel never uses the FPU
 * (it is built without x87/SSE code), so the registers always hold the state of `owner`, the last
 * user thread that ran; every other thread's state is in its area (t->fpu). A switch to a user
 * thread that is not the owner saves the owner's state (fxsave) and loads the new one's
 * (fxrstor): two instructions, cheaper here than lazy switching with CR0.TS, which costs a #NM
 * trap whenever a thread that uses the FPU runs again (docs/performance.md has the figures).
 * Whoever reads or replaces a thread's FPU state goes through the functions below, which know
 * whether it is in the registers or in the area.
 *
 * Two rules keep the areas safe to show and to load:
 *  - An area holds only what the CPU defines; every other byte is zero. Areas start zeroed
 *    (fpu_area_alloc), fxsave leaves the bytes it does not define alone, and an image from user
 *    space keeps only the defined fields (fpu_set_from_user). So a signal frame, which copies the
 *    area, can show no kernel memory.
 *  - What fxrstor may load is checked against the CPU's own MXCSR_MASK, read once here at boot
 *    from a kernel fxsave, never against anything a user wrote: a reserved MXCSR bit would make
 *    the kernel's fxrstor raise #GP.
 */
#include "internal.h"
#include <arch/cpu.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <proc/proc.h>

#define CPUID_FXSR (1u << 24)
#define CPUID_SSE (1u << 25)

_Static_assert(FPU_AREA_SIZE == FXSAVE_SIZE && FPU_AREA_SIZE == ABI_SIGFRAME_FPU_SIZE, "one size of FPU area");

struct thread *fpu_owner; /* whose state the registers hold (NULL: nobody's) */
static uint8_t initial_state[FPU_AREA_SIZE] __aligned(FXSAVE_ALIGN); /* zero (bss) but what fxsave wrote */
static uint32_t mxcsr_mask;                                          /* the MXCSR bits this CPU allows */

/* The fields of an fxsave image the CPU defines, apart from the x87 register slots. */
static const struct {
    uint16_t at, len;
} defined_fields[] = {
    {FXSAVE_FCW, 5},                                 /* FCW, FSW, abridged FTW */
    {FXSAVE_FOP, 8},                                 /* FOP, FPU IP, FPU CS */
    {FXSAVE_FDP, 6},                                 /* FPU DP, FPU DS */
    {FXSAVE_MXCSR, 8},                               /* MXCSR, MXCSR_MASK */
    {FXSAVE_XMM0, FXSAVE_DEFINED_END - FXSAVE_XMM0}, /* XMM0-7 */
};

void fpu_init(void *idle_area) {
    uint32_t a, b, c, d;

    cpuid(1, &a, &b, &c, &d);
    ASSERT_MSG(d & CPUID_FXSR, "the CPU lacks fxsave/fxrstor");
    write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
    write_cr4(read_cr4() | CR4_OSFXSR | ((d & CPUID_SSE) ? CR4_OSXMMEXCPT : 0));
    fninit();
    fxsave(initial_state);
    memcpy(&mxcsr_mask, initial_state + FXSAVE_MXCSR_MASK, sizeof(mxcsr_mask));
    if (mxcsr_mask == 0)
        mxcsr_mask = MXCSR_MASK_DEFAULT;
    memcpy(idle_area, initial_state, FPU_AREA_SIZE);
}

void *fpu_area_alloc(void) {
    void *area = kmalloc_aligned(FPU_AREA_SIZE, FXSAVE_ALIGN);

    if (area)
        memset(area, 0, FPU_AREA_SIZE);
    return area;
}

void fpu_save(struct thread *t) {
    if (fpu_owner == t)
        fxsave(t->fpu);
}

void fpu_fork(struct thread *parent, struct thread *child) {
    /* The parent's state is live in the registers when it owns the FPU. */
    if (fpu_owner == parent)
        fxsave(child->fpu);
    else
        memcpy(child->fpu, parent->fpu, FPU_AREA_SIZE);
}

void fpu_reset(struct thread *t) {
    memcpy(t->fpu, initial_state, FPU_AREA_SIZE);
    if (fpu_owner == t)
        fxrstor(t->fpu);
}

void fpu_release(struct thread *t) {
    if (fpu_owner == t)
        fpu_owner = NULL;
}

void fpu_set_from_user(void *area, const void *image) {
    uint8_t *dst = area;
    const uint8_t *src = image;
    uint32_t mxcsr;

    memset(dst, 0, FPU_AREA_SIZE);
    for (size_t i = 0; i < sizeof(defined_fields) / sizeof(defined_fields[0]); i++)
        memcpy(dst + defined_fields[i].at, src + defined_fields[i].at, defined_fields[i].len);
    for (int i = 0; i < 8; i++)
        memcpy(dst + FXSAVE_ST0 + i * FXSAVE_ST_SLOT, src + FXSAVE_ST0 + i * FXSAVE_ST_SLOT, FXSAVE_ST_BYTES);
    /* The mask is the CPU's, whatever the image says; fxrstor ignores the field itself. */
    memcpy(&mxcsr, src + FXSAVE_MXCSR, sizeof(mxcsr));
    mxcsr &= mxcsr_mask;
    memcpy(dst + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
    memcpy(dst + FXSAVE_MXCSR_MASK, initial_state + FXSAVE_MXCSR_MASK, sizeof(uint32_t));
}

void fpu_restore_from_user(struct thread *t, const void *image) {
    fpu_set_from_user(t->fpu, image);
    if (fpu_owner == t)
        fxrstor(t->fpu);
}

uint32_t fpu_mxcsr_mask(void) {
    return mxcsr_mask;
}
