/* Deliberate exceptions in kernel mode, caught by KEXPECT_FAULT; and the symbol table. */
#include <arch/backtrace.h>
#include <arch/interrupt.h>
#include <ktest/ktest.h>

#define UNMAPPED 0xFEED0000u /* kernel half, above the linear map and the stacks: never mapped */

/* The CPU's divide instruction itself: in C a division by zero is undefined behaviour, which the
 * debug kernel's UBSan would stop before the CPU ever saw it. */
static __attribute__((noinline)) uint32_t divide(uint32_t a, uint32_t b) {
    uint32_t quotient, remainder;

    __asm__ volatile("divl %[divisor]" : "=a"(quotient), "=d"(remainder) : "a"(a), "d"(0), [divisor] "rm"(b));
    return quotient;
}

KTEST(exception, divide_error_is_caught) {
    volatile uint32_t zero = 0, hundred = 100;
    volatile int result = 0;

    KEXPECT_FAULT(EXC_DE, result = divide(hundred, zero));
    KEXPECT_EQ(ktest_fault.vector, EXC_DE);
    uint32_t off;
    const char *fn = ksym_name(ktest_fault.eip, &off);
    KEXPECT_STREQ(fn, "divide");
    (void)result;
}

KTEST(exception, page_fault_reports_address_and_cause) {
    KEXPECT_FAULT(EXC_PF, *(volatile uint32_t *)UNMAPPED = 1);
    KEXPECT_EQ(ktest_fault.cr2, UNMAPPED);
    KEXPECT_TRUE(ktest_fault.error & PF_WRITE);
    KEXPECT_FALSE(ktest_fault.error & PF_PRESENT);
    KEXPECT_FALSE(ktest_fault.error & PF_USER);

    KEXPECT_FAULT(EXC_PF, (void)*(volatile uint32_t *)(UNMAPPED + 8));
    KEXPECT_EQ(ktest_fault.cr2, UNMAPPED + 8);
    KEXPECT_FALSE(ktest_fault.error & PF_WRITE);
}

KTEST(exception, invalid_opcode_is_caught) {
    KEXPECT_FAULT(EXC_UD, __builtin_trap());
}

KTEST(exception, kernel_goes_on_after_caught_faults) {
    /* The same fault twice in a row: the catcher is re-armed each time and the stack is intact. */
    for (int i = 0; i < 3; i++)
        KEXPECT_FAULT(EXC_PF, *(volatile uint32_t *)UNMAPPED = (uint32_t)i);
    KEXPECT_TRUE(1);
}

KTEST(ksyms, names_kernel_functions) {
    uint32_t off = 123;

    KEXPECT_STREQ(ksym_name((uint32_t)&idt_init, &off), "idt_init");
    KEXPECT_EQ(off, 0);
    KEXPECT_STREQ(ksym_name((uint32_t)&idt_init + 3, &off), "idt_init");
    KEXPECT_EQ(off, 3);
    KEXPECT_TRUE(ksym_name(0x1000, &off) == NULL);
}
