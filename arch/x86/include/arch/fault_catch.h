/*
 * Catching an expected kernel-mode exception, for tests that provoke one on purpose
 * (KEXPECT_FAULT in testing/ktest). Not for production paths: user copies use the fixup table.
 *
 *     struct fault_catcher c;
 *     if (fault_catch_begin(&c, EXC_PF) == 0) {
 *         *(volatile int *)0 = 1;    // faults: control continues below with a nonzero result
 *         fault_catch_end();         // not reached
 *     } else { c.vector, c.error, c.cr2 describe the fault }
 */
#ifndef ARCH_FAULT_CATCH_H
#define ARCH_FAULT_CATCH_H

#include <lib/compiler.h>
#include <stdint.h>

/* Callee-saved registers, stack and resume point of kjmp_set's caller. */
struct kjmp_buf {
    uint32_t ebx, esi, edi, ebp, esp, eip, eflags;
};

/* Returns 0 when called, and `value` (nonzero) when resumed by kjmp_long. */
int kjmp_set(struct kjmp_buf *buf) __attribute__((returns_twice));
__noreturn void kjmp_long(struct kjmp_buf *buf, int value);

struct fault_catcher {
    struct kjmp_buf jmp;
    int want_vector; /* -1: any exception */
    /* Filled in when a fault is caught. */
    uint32_t vector, error, cr2, eip;
};

/* Arms `c` as the (only) active catcher and returns 0; returns 1 when the fault arrives. */
#define fault_catch_begin(c, vector) (fault_catch_arm((c), (vector)), kjmp_set(&(c)->jmp))

void fault_catch_arm(struct fault_catcher *c, int vector);
void fault_catch_end(void);

#endif
