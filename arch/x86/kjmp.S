/* kjmp_set / kjmp_long: setjmp and longjmp for the kernel (arch/fault_catch.h). */
#include <arch/fault_catch.h>

/* int kjmp_set(struct kjmp_buf *buf) */
    .text
    .globl kjmp_set
kjmp_set:
    mov 4(%esp), %eax
    mov %ebx, KJMP_EBX(%eax)
    mov %esi, KJMP_ESI(%eax)
    mov %edi, KJMP_EDI(%eax)
    mov %ebp, KJMP_EBP(%eax)
    lea 4(%esp), %ecx               /* the caller's esp once we have returned */
    mov %ecx, KJMP_ESP(%eax)
    mov (%esp), %ecx                /* the return address */
    mov %ecx, KJMP_EIP(%eax)
    pushf
    pop KJMP_EFLAGS(%eax)
    xor %eax, %eax
    ret

/* __noreturn void kjmp_long(struct kjmp_buf *buf, int value) */
    .globl kjmp_long
kjmp_long:
    mov 4(%esp), %edx
    mov 8(%esp), %eax
    mov KJMP_EBX(%edx), %ebx
    mov KJMP_ESI(%edx), %esi
    mov KJMP_EDI(%edx), %edi
    mov KJMP_EBP(%edx), %ebp
    mov KJMP_ESP(%edx), %esp
    push KJMP_EFLAGS(%edx)
    popf
    jmp *KJMP_EIP(%edx)
