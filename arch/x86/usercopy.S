/*
 * Copies to and from user memory that may fault (arch/usercopy.h). Each instruction that touches
 * user memory has an .extable entry naming where to continue if it faults; exception_fixup()
 * (usercopy_fixup.c) looks it up.
 */
#include <abi/errno.h>

.macro extable fault, fixup
    .pushsection .extable, "a"
    .p2align 2
    .long \fault, \fixup
    .popsection
.endm

    .text
/* size_t arch_copy_user(void *dst, const void *src, size_t n) */
    .globl arch_copy_user
arch_copy_user:
    push %esi
    push %edi
    mov 12(%esp), %edi              /* the arguments, above two saved registers and the return address */
    mov 16(%esp), %esi
    mov 20(%esp), %ecx
1:  rep movsb
2:  mov %ecx, %eax                  /* bytes left: 0 unless a fault cut the copy short */
    pop %edi
    pop %esi
    ret
    extable 1b, 2b

/* size_t arch_clear_user(void *dst, size_t n) */
    .globl arch_clear_user
arch_clear_user:
    push %edi
    mov 8(%esp), %edi               /* the arguments, above one saved register and the return address */
    mov 12(%esp), %ecx
    xor %eax, %eax
3:  rep stosb
4:  mov %ecx, %eax
    pop %edi
    ret
    extable 3b, 4b

/* long arch_copy_user_string(char *dst, const char *src, size_t max) */
    .globl arch_copy_user_string
arch_copy_user_string:
    push %esi
    push %edi
    mov 12(%esp), %edi
    mov 16(%esp), %esi
    xor %eax, %eax                  /* bytes copied */
    mov 20(%esp), %ecx
    test %ecx, %ecx
    jz 7f
5:  movb (%esi, %eax), %dl
    movb %dl, (%edi, %eax)
    test %dl, %dl
    jz 7f
    inc %eax
    cmp %ecx, %eax
    jb 5b
7:  pop %edi
    pop %esi
    ret
6:  mov $-EFAULT, %eax
    jmp 7b
    extable 5b, 6b
