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
/*
 * size_t arch_copy_user(void *dst, const void *src, size_t n)
 * Words first, then the 0-3 bytes left: one instruction per iteration under QEMU's count, so
 * `rep movsl` copies 4 bytes for what `rep movsb` copies 1 (pipe bandwidth, read, write).
 */
    .globl arch_copy_user
arch_copy_user:
    push %esi
    push %edi
    mov 12(%esp), %edi              /* the arguments, above two saved registers and the return address */
    mov 16(%esp), %esi
    mov 20(%esp), %edx
    mov %edx, %ecx
    shr $2, %ecx
1:  rep movsl
    and $3, %edx
    mov %edx, %ecx
8:  rep movsb
2:  mov %ecx, %eax                  /* bytes left: 0 unless a fault cut the copy short */
    pop %edi
    pop %esi
    ret
9:  shl $2, %ecx                    /* a fault among the words: the words left and the tail */
    and $3, %edx
    add %edx, %ecx
    jmp 2b
    extable 1b, 9b
    extable 8b, 2b

/* size_t arch_clear_user(void *dst, size_t n) */
    .globl arch_clear_user
arch_clear_user:                    /* words, then bytes, as arch_copy_user */
    push %edi
    mov 8(%esp), %edi               /* the arguments, above one saved register and the return address */
    mov 12(%esp), %edx
    mov %edx, %ecx
    shr $2, %ecx
    xor %eax, %eax
3:  rep stosl
    and $3, %edx
    mov %edx, %ecx
10: rep stosb
4:  mov %ecx, %eax
    pop %edi
    ret
11: shl $2, %ecx
    and $3, %edx
    add %edx, %ecx
    jmp 4b
    extable 3b, 11b
    extable 10b, 4b

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
