/*
 * The switch itself is inline (context_switch, proc/internal.h): push the frame pointer and the
 * address to resume at, swap stack pointers, `ret` to the other stack's resume address, pop its
 * frame pointer. A new thread's stack is prepared (sched_prepare_stack) to look like one that
 * switched away: a struct switch_frame whose resume address is switch_start, which pops the
 * (zero) frame pointer and returns to the thread's entry.
 */
    .text
    .globl switch_start
switch_start:
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
