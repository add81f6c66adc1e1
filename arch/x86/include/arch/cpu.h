/*
 * The x86 registers' bits, and privileged and special instructions, one inline wrapper each. This
 * header is the only place in C code where inline assembly appears; everything else calls these.
 * Assembly includes it too (boot.S): the bits come first, as plain numbers (Intel SDM vol. 3, 2.5).
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

/* CR0 */
#define CR0_PE 0x00000001 /* protected mode */
#define CR0_MP 0x00000002 /* wait/fwait honour TS */
#define CR0_EM 0x00000004 /* no x87: FPU instructions raise #NM */
#define CR0_TS 0x00000008 /* task switched: the next FPU instruction raises #NM */
#define CR0_NE 0x00000020 /* x87 errors raise #MF, not an external interrupt */
#define CR0_WP 0x00010000 /* read-only pages bind the kernel too */
#define CR0_PG 0x80000000 /* paging */

/* CR4 */
#define CR4_PSE 0x00000010        /* 4 MiB pages */
#define CR4_PGE 0x00000080        /* global pages */
#define CR4_OSFXSR 0x00000200     /* fxsave/fxrstor and SSE */
#define CR4_OSXMMEXCPT 0x00000400 /* SIMD floating-point errors raise #XM */

/* EFLAGS */
#define EFLAGS_CF 0x00000001
#define EFLAGS_ALWAYS1 0x00000002 /* reserved, always reads as one */
#define EFLAGS_PF 0x00000004
#define EFLAGS_AF 0x00000010
#define EFLAGS_ZF 0x00000040
#define EFLAGS_SF 0x00000080
#define EFLAGS_TF 0x00000100 /* single-step: #DB after each instruction */
#define EFLAGS_IF 0x00000200 /* interrupts enabled */
#define EFLAGS_DF 0x00000400
#define EFLAGS_OF 0x00000800
#define EFLAGS_IOPL 0x00003000 /* I/O privilege level: 0 keeps every port from user mode */
#define EFLAGS_AC 0x00040000   /* alignment check (with CR0.AM) */

/*
 * The 512-byte, 16-aligned fxsave/fxrstor image outside 64-bit mode (Intel SDM vol. 1, 10.5.1).
 * The CPU defines FCW FSW FTW (bytes 0-4), FOP FIP FCS (6-13), FDP FDS (16-21), MXCSR and
 * MXCSR_MASK (24-31), 10 bytes of each x87 register slot and XMM0-7 (160-287). fxsave leaves the
 * other bytes as they were (QEMU even the 6 padding bytes of each x87 slot); fxrstor ignores them.
 */
#define FXSAVE_SIZE 512
#define FXSAVE_ALIGN 16
#define FXSAVE_FCW 0  /* FCW, FSW, abridged FTW: 5 bytes */
#define FXSAVE_FOP 6  /* FOP, FPU IP, FPU CS: 8 bytes */
#define FXSAVE_FDP 16 /* FPU DP, FPU DS: 6 bytes */
#define FXSAVE_MXCSR 24
#define FXSAVE_MXCSR_MASK 28
#define FXSAVE_ST0 32 /* 8 slots of 16 bytes */
#define FXSAVE_ST_SLOT 16
#define FXSAVE_ST_BYTES 10
#define FXSAVE_XMM0 160
#define FXSAVE_DEFINED_END 288
/* A CPU whose fxsave reports MXCSR_MASK 0 allows these MXCSR bits (Intel SDM vol. 1, 11.6.6). */
#define MXCSR_MASK_DEFAULT 0x0000FFBF

#ifndef __ASSEMBLER__

#include <lib/compiler.h>
#include <stdbool.h>
#include <stdint.h>

static inline uint8_t inb(uint16_t port) {
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v) {
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v) {
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* `count` 16-bit words from `port` into `buf`, and back (an ATA drive's data register). */
static inline void insw(uint16_t port, void *buf, uint32_t count) {
    __asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void outsw(uint16_t port, const void *buf, uint32_t count) {
    __asm__ volatile("cld; rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline uint32_t read_cr0(void) {
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uint32_t v) {
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr2(void) {
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_cr3(void) {
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

static inline void write_cr3(uint32_t v) {
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void) {
    uint32_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr4(uint32_t v) {
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void invlpg(uintptr_t va) {
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline uint32_t read_eflags(void) {
    uint32_t v;
    __asm__ volatile("pushfl; popl %0" : "=r"(v));
    return v;
}

static inline uint32_t read_ebp(void) {
    uint32_t v;
    __asm__ volatile("mov %%ebp, %0" : "=r"(v));
    return v;
}

static inline void cpu_cli(void) {
    __asm__ volatile("cli" : : : "memory");
}

static inline void cpu_sti(void) {
    __asm__ volatile("sti" : : : "memory");
}

/* Enables interrupts and halts until the next one, with no window for a wake-up to be lost. */
static inline void cpu_sti_hlt(void) {
    __asm__ volatile("sti; hlt" : : : "memory");
}

static inline void cpu_hlt(void) {
    __asm__ volatile("hlt" : : : "memory");
}

static inline void cpu_pause(void) {
    __asm__ volatile("pause");
}

static inline bool irqs_enabled(void) {
    return (read_eflags() & EFLAGS_IF) != 0;
}

/* Disables interrupts and returns whether they were enabled, for irq_restore(). */
static inline bool irq_save(void) {
    bool was = irqs_enabled();
    cpu_cli();
    return was;
}

static inline void irq_restore(bool was_enabled) {
    if (was_enabled)
        cpu_sti();
}

struct descriptor_pointer {
    uint16_t limit;
    uint32_t base;
} __packed;
_Static_assert(sizeof(struct descriptor_pointer) == 6, "lgdt/lidt operand is 6 bytes");

static inline void lgdt(const struct descriptor_pointer *p) {
    __asm__ volatile("lgdt (%0)" : : "r"(p) : "memory");
}

static inline void lidt(const struct descriptor_pointer *p) {
    __asm__ volatile("lidt (%0)" : : "r"(p) : "memory");
}

static inline void sgdt(struct descriptor_pointer *p) {
    __asm__ volatile("sgdt (%0)" : : "r"(p) : "memory");
}

static inline void sidt(struct descriptor_pointer *p) {
    __asm__ volatile("sidt (%0)" : : "r"(p) : "memory");
}

static inline void ltr(uint16_t selector) {
    __asm__ volatile("ltr %0" : : "r"(selector));
}

static inline uint16_t str(void) {
    uint16_t v;
    __asm__ volatile("str %0" : "=r"(v));
    return v;
}

/* Reloads CS with `code` and the data segment registers with `data` after a new GDT. */
static inline void load_segments(uint16_t code, uint16_t data) {
    __asm__ volatile("pushl %0\n\t"
                     "pushl $1f\n\t"
                     "lret\n"
                     "1:\n\t"
                     "mov %1, %%ds\n\t"
                     "mov %1, %%es\n\t"
                     "mov %1, %%fs\n\t"
                     "mov %1, %%gs\n\t"
                     "mov %1, %%ss"
                     :
                     : "r"((uint32_t)code), "r"(data)
                     : "memory");
}

static inline void fxsave(void *area) {
    __asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
}

/* Raises #GP, in whatever mode it runs, when the image's MXCSR has a bit outside MXCSR_MASK. */
static inline void fxrstor(const void *area) {
    __asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
}

static inline void fninit(void) {
    __asm__ volatile("fninit");
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d) {
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

#endif /* __ASSEMBLER__ */

#endif
