/*
 * context_switch(uint32_t *save_esp, uint32_t load_esp): the whole of a switch between two kernel
 * stacks. Everything else a process needs when it runs again is already saved: its user registers
 * in the interrupt frame at the top of its stack, the caller-saved registers by the C code that
 * called us. So: push the four callee-saved registers, swap stack pointers, pop, return on the
 * other stack.
 *
 * A new process's stack is prepared (sched_prepare_stack) to look like one that called
 * context_switch from `entry`: a struct switch_frame (proc/internal.h) of zero registers and the
 * address to return to.
 */
    .text
    .globl context_switch
context_switch:
    mov 4(%esp), %eax               /* save_esp */
    mov 8(%esp), %edx               /* load_esp */
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov %esp, (%eax)
    mov %edx, %esp
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret

/* A new user process starts here, with %esp at its user frame: pop it and iret (arch/x86/isr.S). */
    .globl proc_start_user
proc_start_user:
    jmp interrupt_exit

/*
 * Where the very first user process (init) starts: records when the boot reached user mode,
 * in TSC ticks (instructions under QEMU icount) and in nanoseconds, then starts it like any other.
 */
    .globl proc_start_first_user
proc_start_first_user:
    rdtsc
    mov %eax, boot_user_tsc
    mov %edx, boot_user_tsc + 4
    call clock_ns
    mov %eax, boot_user_ns
    mov %edx, boot_user_ns + 4
    jmp interrupt_exit

    .bss
    .p2align 3
    .globl boot_user_tsc, boot_user_ns
boot_user_tsc:
    .quad 0
boot_user_ns:
    .quad 0
