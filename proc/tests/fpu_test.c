/* FPU areas: what an image from user space may leave in them (see proc/fpu.c). */
#include "proc/internal.h"
#include <arch/cpu.h>
#include <ktest/ktest.h>
#include <lib/string.h>
#include <stdint.h>

static uint32_t word_at(const uint8_t *area, int at) {
    uint32_t v;
    memcpy(&v, area + at, sizeof(v));
    return v;
}

KTEST(fpu, mxcsr_mask_is_the_cpus) {
    static uint8_t area[FXSAVE_SIZE] __aligned(16);
    memset(area, 0, sizeof(area));
    fxsave(area);
    uint32_t reported = word_at(area, FXSAVE_MXCSR_MASK);
    KEXPECT_EQ(fpu_mxcsr_mask(), reported ? reported : MXCSR_MASK_DEFAULT);
}

/*
 * A user image of all ones, twice over (the second from the first's result with its MXCSR and
 * MXCSR_MASK forged again, as two sigreturns would): the kernel's fxrstor of the result must not
 * fault on a real CPU, i.e. MXCSR has no bit outside the CPU's mask, and the mask field is the CPU's.
 */
KTEST(fpu, user_image_is_sanitized) {
    static uint8_t image[FXSAVE_SIZE] __aligned(16), area[FXSAVE_SIZE] __aligned(16),
        kernel_state[FXSAVE_SIZE] __aligned(16);
    memset(image, 0xFF, sizeof(image));
    fpu_set_from_user(area, image);
    memcpy(image, area, sizeof(image));
    memset(image + FXSAVE_MXCSR, 0xFF, 8);
    fpu_set_from_user(area, image);

    KEXPECT_EQ(word_at(area, FXSAVE_MXCSR) & ~fpu_mxcsr_mask(), 0);
    KEXPECT_EQ(word_at(area, FXSAVE_MXCSR), 0xFFFFFFFFu & fpu_mxcsr_mask());
    for (int at = FXSAVE_DEFINED_END; at < FXSAVE_SIZE; at++)
        KEXPECT_EQ(area[at], 0);
    for (int i = 0; i < 8; i++) {
        for (int b = FXSAVE_ST_BYTES; b < FXSAVE_ST_SLOT; b++)
            KEXPECT_EQ(area[FXSAVE_ST0 + i * FXSAVE_ST_SLOT + b], 0);
    }
    /* And the CPU takes it (TCG would not fault on reserved MXCSR bits; the checks above are the test). */
    fxsave(kernel_state);
    fxrstor(area);
    fxrstor(kernel_state);
}
