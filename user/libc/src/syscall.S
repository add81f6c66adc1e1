/*
 * long __syscall(long nr, long a, long b, long c, long d, long e, long f)
 * The one way into the kernel: `int $0x80` with the number in %eax and the arguments in
 * %ebx %ecx %edx %esi %edi %ebp (abi/syscall.h). Returns %eax as the kernel left it:
 * -4095..-1 is -errno.
 */
#include <abi/syscall.h>

    .text
    .globl __syscall
__syscall:
    push %ebp
    push %edi
    push %esi
    push %ebx
    mov 20(%esp), %eax
    mov 24(%esp), %ebx
    mov 28(%esp), %ecx
    mov 32(%esp), %edx
    mov 36(%esp), %esi
    mov 40(%esp), %edi
    mov 44(%esp), %ebp
    int $0x80
    pop %ebx
    pop %esi
    pop %edi
    pop %ebp
    ret

/* The return address of every signal handler (sa_restorer): back into the kernel. */
    .globl __sigreturn
__sigreturn:
    mov $SYS_sigreturn, %eax
    int $0x80
    hlt

/* The same for an SA_SIGINFO handler, whose frame is struct abi_sigframe_info. */
    .globl __sigreturn_info
__sigreturn_info:
    mov $SYS_sigreturn_info, %eax
    int $0x80
    hlt
