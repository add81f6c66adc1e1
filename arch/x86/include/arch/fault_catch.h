/*
 * Catching an expected kernel-mode exception, for tests that provoke one on purpose
 * (KEXPECT_FAULT in testing/ktest). Not for production paths: user copies use the fixup table.
 *
 *     struct fault_catcher c;
 *     if (fault_catch_begin(&c, EXC_PF) == 0) {
 *         *(volatile int *)0 = 1;    // faults: control continues below with a nonzero result
 *         fault_catch_end();         // not reached
 *     } else { c.vector, c.error, c.cr2 describe the fault }
 *
 * Included by assembly too (kjmp.S): the offsets into struct kjmp_buf come first.
 */
#ifndef ARCH_FAULT_CATCH_H
#define ARCH_FAULT_CATCH_H

#define KJMP_EBX 0
#define KJMP_ESI 4
#define KJMP_EDI 8
#define KJMP_EBP 12
#define KJMP_ESP 16
#define KJMP_EIP 20
#define KJMP_EFLAGS 24

#ifndef __ASSEMBLER__

#include <lib/compiler.h>
#include <stdint.h>

/* Callee-saved registers, stack and resume point of kjmp_set's caller. */
struct kjmp_buf {
    uint32_t ebx, esi, edi, ebp, esp, eip, eflags;
};
_Static_assert(__builtin_offsetof(struct kjmp_buf, ebx) == KJMP_EBX, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, esi) == KJMP_ESI, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, edi) == KJMP_EDI, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, ebp) == KJMP_EBP, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, esp) == KJMP_ESP, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, eip) == KJMP_EIP, "kjmp.S");
_Static_assert(__builtin_offsetof(struct kjmp_buf, eflags) == KJMP_EFLAGS, "kjmp.S");

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

#endif /* __ASSEMBLER__ */

#endif
