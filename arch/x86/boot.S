/*
 * Multiboot (v1) entry. GRUB (or QEMU -kernel) loads the image at its physical addresses and jumps
 * to _start in 32-bit protected mode with paging off, EAX = MULTIBOOT_LOADER_MAGIC and EBX = the
 * physical address of the multiboot information.
 *
 * Everything in .boot runs at its physical address. It builds a page directory that maps the first
 * BOOT_MAPPED_BYTES of physical memory twice, at 0 and at KERNEL_VBASE, with 4 MiB pages, turns
 * paging on, jumps to the higher half and calls kmain(magic, mbi_phys). The memory manager later
 * replaces this directory and drops the identity half.
 */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <arch/multiboot.h>

#define MULTIBOOT_HEADER_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

    .section .multiboot, "a"
    .p2align 2
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

    .section .boot.text, "ax"
    .code32
    .globl _start
    .type _start, @function
_start:
    cli
    cld
    mov %eax, %esi                  /* keep the multiboot magic */
    rdtsc                           /* the kernel's share of boot starts here (boot_entry_tsc) */
    mov %eax, (boot_entry_tsc - KERNEL_VBASE)
    mov %edx, (boot_entry_tsc + 4 - KERNEL_VBASE)
    mov %ebx, %edx                  /* keep the info pointer */

    /* Clear .bss (it holds the boot stack) through its physical address, a word at a time
     * (kernel.ld aligns both ends to 4 bytes): rep stosb would take one instruction per byte. */
    mov $(__bss_start - KERNEL_VBASE), %edi
    mov $(__bss_end - KERNEL_VBASE), %ecx
    sub %edi, %ecx
    shr $2, %ecx
    xor %eax, %eax
    rep stosl

    /* boot_page_directory[i] = boot_page_directory[KERNEL_PDX + i] = i * 4 MiB, 4 MiB pages. */
    mov $boot_page_directory, %ebx
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $PDX_SHIFT, %eax
    or $(PTE_P | PTE_W | PTE_PS), %eax
    mov %eax, (%ebx, %ecx, PTE_SIZE)
    mov %eax, (KERNEL_PDX * PTE_SIZE)(%ebx, %ecx, PTE_SIZE)
    inc %ecx
    cmp $(BOOT_MAPPED_BYTES / PDE_SPAN), %ecx
    jb 1b

    mov %cr4, %eax
    or $CR4_PSE, %eax               /* allow 4 MiB pages */
    mov %eax, %cr4
    mov %ebx, %cr3
    mov %cr0, %eax
    or $(CR0_PG | CR0_WP), %eax
    mov %eax, %cr0

    lea higher_half, %eax
    jmp *%eax

    .section .boot.data, "aw"
    .p2align PAGE_SHIFT
    .globl boot_page_directory
boot_page_directory:
    .fill PT_ENTRIES, PTE_SIZE, 0

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

    .data
    .p2align 3
    .globl boot_entry_tsc
boot_entry_tsc:                     /* the TSC at _start; in .data, since .bss is cleared after */
    .quad 0

    .bss
    .p2align PAGE_SHIFT
    .globl boot_stack
boot_stack:
    .skip BOOT_STACK_SIZE

/* The addresses the linker script (kernel.ld) also spells, for its checks that they agree. */
    .globl __layout_kernel_vbase, __layout_kernel_phys_load, __layout_pde_span
    .set __layout_kernel_vbase, KERNEL_VBASE
    .set __layout_kernel_phys_load, KERNEL_PHYS_LOAD
    .set __layout_pde_span, PDE_SPAN
