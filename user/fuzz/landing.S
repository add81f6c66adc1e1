/*
 * Forged sigreturns and where they land (calls.c makes them; args.c builds the frames).
 */
#include <abi/syscall.h>

    .bss
    .balign 16
    .skip 8192
    .globl fuzz_landing_stack_top
fuzz_landing_stack_top:

    .text

/*
 * void fuzz_run_on(void *stack_top, void (*fn)(void))
 * Calls fn on another stack, for good.
 */
    .globl fuzz_run_on
fuzz_run_on:
    mov 8(%esp), %eax
    mov 4(%esp), %esp
    xor %ebp, %ebp
    call *%eax
    ud2

/*
 * void fuzz_sigreturn(const struct abi_sigframe *frame)
 * Makes the SYS_sigreturn call with %esp just past the frame's first word, where it is after a
 * handler's `ret` popped the restorer: the kernel reads the frame at %esp - 4 (abi/signal.h).
 * Never returns here: the kernel kills the process or resumes it where the frame says.
 */
    .globl fuzz_sigreturn
fuzz_sigreturn:
    mov 4(%esp), %eax
    lea 4(%eax), %esp
    mov $SYS_sigreturn, %eax
    int $0x80
    ud2

/* void fuzz_sigreturn_info(const struct abi_sigframe_info *frame): the same for sigreturn_info. */
    .globl fuzz_sigreturn_info
fuzz_sigreturn_info:
    mov 4(%esp), %eax
    lea 4(%eax), %esp
    mov $SYS_sigreturn_info, %eax
    int $0x80
    ud2

/*
 * Where a forged frame resumes the process. The frame chose every register: clear the direction
 * flag and the FPU state (the forged image may unmask x87 exceptions), take a stack of our own,
 * and go back to the fuzzing loop (fuzz_landed longjmps).
 */
    .globl fuzz_landing
fuzz_landing:
    cld
    fninit
    mov $fuzz_landing_stack_top, %esp
    call fuzz_landed
    ud2
