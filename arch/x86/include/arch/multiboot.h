/*
 * The numbers of the Multiboot specification, version 0.6.96 (what GRUB and QEMU's -kernel
 * load): the header the kernel carries (boot.S) and the information the loader hands it
 * (multiboot.c). Included by assembly too, so only #defines here.
 */
#ifndef ARCH_MULTIBOOT_H
#define ARCH_MULTIBOOT_H

/* The header, in the first 8 KiB of the image: magic, flags, checksum (the three sum to 0). */
#define MULTIBOOT_HEADER_MAGIC 0x1BADB002
#define MULTIBOOT_PAGE_ALIGN 0x00000001  /* load modules page-aligned */
#define MULTIBOOT_MEMORY_INFO 0x00000002 /* provide the memory fields and map */

/* In EAX at the entry point, from a compliant loader; EBX holds the information's address. */
#define MULTIBOOT_LOADER_MAGIC 0x2BADB002

/* Which fields of the information are valid (its `flags`). */
#define MULTIBOOT_INFO_MEMORY 0x00000001 /* mem_lower, mem_upper (KiB from 0 and from 1 MiB) */
#define MULTIBOOT_INFO_CMDLINE 0x00000004
#define MULTIBOOT_INFO_MODS 0x00000008
#define MULTIBOOT_INFO_MEM_MAP 0x00000040

/* Where the memory mem_upper counts starts. */
#define MULTIBOOT_UPPER_MEMORY 0x00100000

#endif
