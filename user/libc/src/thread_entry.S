/*
 * Where a thread pthread_create starts (thread_create's eip): the kernel gives it the stack
 * pthread_create chose (16-byte aligned), %gs on its TLS segment and every other register 0.
 * %gs:0 is its struct __pthread (the thread pointer points at itself).
 */
    .text
    .globl __thread_entry
__thread_entry:
    xor %ebp, %ebp                  /* the outermost frame, for debuggers */
    mov %gs:0, %eax
    sub $12, %esp                   /* 16-byte aligned at the call, as the ABI wants */
    push %eax
    call __pthread_start
    hlt                             /* not reached: __pthread_start ends the thread */
