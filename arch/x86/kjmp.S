/* kjmp_set / kjmp_long: setjmp and longjmp for the kernel (arch/fault_catch.h). */

/* int kjmp_set(struct kjmp_buf *buf) */
    .text
    .globl kjmp_set
kjmp_set:
    mov 4(%esp), %eax
    mov %ebx, 0(%eax)
    mov %esi, 4(%eax)
    mov %edi, 8(%eax)
    mov %ebp, 12(%eax)
    lea 4(%esp), %ecx               /* the caller's esp once we have returned */
    mov %ecx, 16(%eax)
    mov (%esp), %ecx                /* the return address */
    mov %ecx, 20(%eax)
    pushf
    pop 24(%eax)
    xor %eax, %eax
    ret

/* __noreturn void kjmp_long(struct kjmp_buf *buf, int value) */
    .globl kjmp_long
kjmp_long:
    mov 4(%esp), %edx
    mov 8(%esp), %eax
    mov 0(%edx), %ebx
    mov 4(%edx), %esi
    mov 8(%edx), %edi
    mov 12(%edx), %ebp
    mov 16(%edx), %esp
    push 24(%edx)
    popf
    jmp *20(%edx)
