/*
 * Multiboot (v1) entry. GRUB (or QEMU -kernel) loads the image at its physical addresses and jumps
 * to _start in 32-bit protected mode with paging off, EAX = 0x2BADB002 and EBX = the physical
 * address of the multiboot information.
 *
 * Everything in .boot runs at its physical address. It builds a page directory that maps the first
 * BOOT_MAPPED_BYTES of physical memory twice, at 0 and at KERNEL_VBASE, with 4 MiB pages, turns
 * paging on, jumps to the higher half and calls kmain(magic, mbi_phys). The memory manager later
 * replaces this directory and drops the identity half.
 */
#include <arch/layout.h>

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003 /* bit 0: page-align modules; bit 1: provide the memory map */

#define PDE_PRESENT 0x001
#define PDE_WRITE 0x002
#define PDE_4M 0x080

    .section .multiboot, "a"
    .p2align 2
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .section .boot.text, "ax"
    .code32
    .globl _start
    .type _start, @function
_start:
    cli
    cld
    mov %eax, %esi                  /* keep the multiboot magic */
    mov %ebx, %edx                  /* and the info pointer */

    /* Clear .bss (it holds the boot stack) through its physical address. */
    mov $(__bss_start - KERNEL_VBASE), %edi
    mov $(__bss_end - KERNEL_VBASE), %ecx
    sub %edi, %ecx
    xor %eax, %eax
    rep stosb

    /* boot_page_directory[i] = boot_page_directory[768 + i] = i * 4 MiB, 4 MiB pages. */
    mov $boot_page_directory, %ebx
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $22, %eax
    or $(PDE_PRESENT | PDE_WRITE | PDE_4M), %eax
    mov %eax, (%ebx, %ecx, 4)
    mov %eax, ((KERNEL_VBASE >> 22) * 4)(%ebx, %ecx, 4)
    inc %ecx
    cmp $(BOOT_MAPPED_BYTES >> 22), %ecx
    jb 1b

    mov %cr4, %eax
    or $0x10, %eax                  /* CR4.PSE: allow 4 MiB pages */
    mov %eax, %cr4
    mov %ebx, %cr3
    mov %cr0, %eax
    or $0x80010000, %eax            /* CR0.PG | CR0.WP */
    mov %eax, %cr0

    lea higher_half, %eax
    jmp *%eax

    .section .boot.data, "aw"
    .p2align 12
    .globl boot_page_directory
boot_page_directory:
    .fill 1024, 4, 0

    .text
higher_half:
    mov $(boot_stack + BOOT_STACK_SIZE), %esp
    xor %ebp, %ebp                  /* ends the backtrace walk */
    push %edx                       /* mbi_phys */
    push %esi                       /* magic */
    call kmain
2:  cli
    hlt
    jmp 2b

    .bss
    .p2align 12
    .globl boot_stack
boot_stack:
    .skip BOOT_STACK_SIZE
