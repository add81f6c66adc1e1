/*
 * User mode stays user mode: every privileged instruction, every I/O port, every kernel segment
 * and every interrupt gate but the system call's is refused by the CPU, and the kernel turns the
 * fault into SIGSEGV (general protection) or SIGILL (invalid opcode) for the program alone; the
 * system goes on. The kernel runs programs with IOPL 0 and no I/O permission bitmap (the TSS's
 * map base lies past its limit), so no port is open to them, and popf cannot change IOPL or IF.
 */
#include <signal.h>
#include <stdint.h>

#include "check.h"

#define EFLAGS_IF 0x200u
#define EFLAGS_IOPL 0x3000u

/* Selectors of the kernel's GDT (arch/x86/include/arch/gdt.h). */
#define KERNEL_CODE 0x08
#define KERNEL_DATA 0x10
#define TSS_SELECTOR 0x28
#define DOUBLE_FAULT_TSS 0x30

struct descriptor_pointer {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static struct descriptor_pointer zero_table;

#define INSN(name, ...)                                                                                                \
    static void name(void) {                                                                                           \
        __asm__ volatile(__VA_ARGS__);                                                                                 \
    }

INSN(do_cli, "cli")
INSN(do_sti, "sti")
INSN(do_hlt, "hlt")
INSN(do_lgdt, "lgdt %0" ::"m"(zero_table))
INSN(do_lidt, "lidt %0" ::"m"(zero_table))
INSN(do_lldt, "lldt %%ax" ::"a"(0))
INSN(do_ltr, "ltr %%ax" ::"a"(TSS_SELECTOR))
INSN(do_lmsw, "lmsw %%ax" ::"a"(1))
INSN(do_clts, "clts")
INSN(do_mov_to_cr0, "mov %%eax, %%cr0" ::"a"(0x80000011u))
INSN(do_mov_from_cr0, "mov %%cr0, %%eax" ::: "eax")
INSN(do_mov_to_cr3, "mov %%eax, %%cr3" ::"a"(0))
INSN(do_mov_from_cr3, "mov %%cr3, %%eax" ::: "eax")
INSN(do_mov_to_cr4, "mov %%eax, %%cr4" ::"a"(0))
INSN(do_mov_to_dr7, "mov %%eax, %%dr7" ::"a"(0x3FFu))
INSN(do_mov_from_dr0, "mov %%dr0, %%eax" ::: "eax")
INSN(do_wrmsr, "wrmsr" ::"c"(0x1B), "a"(0), "d"(0)) /* IA32_APIC_BASE */
INSN(do_rdmsr, "rdmsr" ::"c"(0x10) : "eax", "edx")  /* IA32_TIME_STAMP_COUNTER */
INSN(do_invlpg, "invlpg (%0)" ::"r"(0xC0100000u))
INSN(do_invd, "invd")
INSN(do_wbinvd, "wbinvd")
INSN(do_rdpmc, "rdpmc" ::"c"(0) : "eax", "edx") /* CR4.PCE is clear */
INSN(do_load_kernel_ds, "mov %%ax, %%ds" ::"a"(KERNEL_DATA))
INSN(do_load_kernel_ss, "mov %%ax, %%ss" ::"a"(KERNEL_DATA))
INSN(do_far_call_kernel, "lcall %0, $0xC0100000" ::"i"(KERNEL_CODE))
INSN(do_jump_to_tss, "ljmp %0, $0" ::"i"(TSS_SELECTOR))
INSN(do_jump_to_double_fault_task, "ljmp %0, $0" ::"i"(DOUBLE_FAULT_TSS))
INSN(do_int_13, "int $13")
INSN(do_int_14, "int $14")
INSN(do_int_8, "int $8")
INSN(do_int_32, "int $32")
INSN(do_int_0x81, "int $0x81")
INSN(do_ud2, "ud2")

struct privileged {
    const char *name;
    void (*run)(void);
    int signal;
};

static const struct privileged privileged[] = {
    {"cli", do_cli, SIGSEGV},
    {"sti", do_sti, SIGSEGV},
    {"hlt", do_hlt, SIGSEGV},
    {"lgdt", do_lgdt, SIGSEGV},
    {"lidt", do_lidt, SIGSEGV},
    {"lldt", do_lldt, SIGSEGV},
    {"ltr", do_ltr, SIGSEGV},
    {"lmsw", do_lmsw, SIGSEGV},
    {"clts", do_clts, SIGSEGV},
    {"mov to cr0", do_mov_to_cr0, SIGSEGV},
    {"mov from cr0", do_mov_from_cr0, SIGSEGV},
    {"mov to cr3", do_mov_to_cr3, SIGSEGV},
    {"mov from cr3", do_mov_from_cr3, SIGSEGV},
    {"mov to cr4", do_mov_to_cr4, SIGSEGV},
    {"mov to dr7", do_mov_to_dr7, SIGSEGV},
    {"mov from dr0", do_mov_from_dr0, SIGSEGV},
    {"wrmsr", do_wrmsr, SIGSEGV},
    {"rdmsr", do_rdmsr, SIGSEGV},
    {"invlpg", do_invlpg, SIGSEGV},
    {"invd", do_invd, SIGSEGV},
    {"wbinvd", do_wbinvd, SIGSEGV},
    {"rdpmc", do_rdpmc, SIGSEGV},
    {"load the kernel data segment into ds", do_load_kernel_ds, SIGSEGV},
    {"load the kernel data segment into ss", do_load_kernel_ss, SIGSEGV},
    {"far call to the kernel code segment", do_far_call_kernel, SIGSEGV},
    {"jump to the kernel's TSS", do_jump_to_tss, SIGSEGV},
    {"jump to the double-fault task", do_jump_to_double_fault_task, SIGSEGV},
    {"int $13 (general protection)", do_int_13, SIGSEGV},
    {"int $14 (page fault)", do_int_14, SIGSEGV},
    {"int $8 (double fault, a task gate)", do_int_8, SIGSEGV},
    {"int $32 (the timer's IRQ)", do_int_32, SIGSEGV},
    {"int $0x81 (no gate)", do_int_0x81, SIGSEGV},
    {"ud2", do_ud2, SIGILL},
};
#define N_PRIVILEGED (sizeof(privileged) / sizeof(privileged[0]))

/* --- I/O ports ------------------------------------------------------------------------------- */

static volatile uint16_t port; /* the port the next child tries */

static void in_byte(void) {
    uint8_t v;
    __asm__ volatile("inb %%dx, %%al" : "=a"(v) : "d"(port));
}

static void in_word(void) {
    uint16_t v;
    __asm__ volatile("inw %%dx, %%ax" : "=a"(v) : "d"(port));
}

static void in_long(void) {
    uint32_t v;
    __asm__ volatile("inl %%dx, %%eax" : "=a"(v) : "d"(port));
}

static void in_string(void) {
    static uint8_t buf[4];
    void *dst = buf;
    __asm__ volatile("insb" : "+D"(dst) : "d"(port) : "memory");
}

/* Writes only 0 and only to ports where a write that got through would do no harm (in case the
 * kernel broke: a write of 0xFE to 0x64 would reset the machine, one to 0xF4 end QEMU). */
static void out_byte(void) {
    __asm__ volatile("outb %%al, %%dx" ::"a"(0), "d"(port));
}

static void out_long(void) {
    __asm__ volatile("outl %%eax, %%dx" ::"a"(0), "d"(port));
}

static void out_string(void) {
    static const uint8_t zero[4];
    const void *src = zero;
    __asm__ volatile("outsb" : "+S"(src) : "d"(port));
}

/* The port in the instruction itself. */
INSN(in_immediate_0x60, "inb $0x60, %%al" ::: "eax")
INSN(in_immediate_0xf4, "inb $0xF4, %%al" ::: "eax")
INSN(out_immediate_0x80, "outb %%al, $0x80" ::"a"(0))

static const uint16_t ports_read[] = {0x20, 0x21,  0x40,  0x60,  0x64,  0x70,  0x71,  0x80,
                                      0xF4, 0x1F0, 0x3F8, 0x3FD, 0xCF8, 0xCFC, 0xFFFF};
static const uint16_t ports_written[] = {0x80, 0x3F8, 0xCF8, 0xFFFF};

static void expect_signal(const char *what, unsigned arg, void (*fn)(void), int sig) {
    int status = run_in_child(fn);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
        FAIL("%s (0x%x): wait status 0x%x, want killed by signal %d", what, arg, status, sig);
}

static uint32_t eflags(void) {
    uint32_t f;
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(f));
    return f;
}

/* popf with new bits: at CPL 3 and IOPL 0 the CPU keeps IOPL and IF as they were. */
static void popf_with(uint32_t set, uint32_t clear) {
    __asm__ volatile("pushfl\n\t"
                     "orl %0, (%%esp)\n\t"
                     "andl %1, (%%esp)\n\t"
                     "popfl" ::"r"(set),
                     "r"(~clear)
                     : "cc", "memory");
}

int main(void) {
    for (unsigned i = 0; i < N_PRIVILEGED; i++)
        expect_signal(privileged[i].name, 0, privileged[i].run, privileged[i].signal);
    PASS("privileged instructions, kernel segments and interrupt gates: SIGSEGV (ud2: SIGILL)");

    uint32_t f = eflags();
    CHECK_EQ(f & EFLAGS_IOPL, 0);
    CHECK(f & EFLAGS_IF);
    popf_with(EFLAGS_IOPL, EFLAGS_IF); /* ask for IOPL 3 and interrupts off */
    f = eflags();
    CHECK_EQ(f & EFLAGS_IOPL, 0);
    CHECK(f & EFLAGS_IF);
    PASS("programs run with IOPL 0 and interrupts on; popf changes neither");

    static void (*const readers[])(void) = {in_byte, in_word, in_long, in_string};
    static void (*const writers[])(void) = {out_byte, out_long, out_string};
    for (unsigned i = 0; i < sizeof(ports_read) / sizeof(ports_read[0]); i++) {
        port = ports_read[i];
        for (unsigned r = 0; r < sizeof(readers) / sizeof(readers[0]); r++)
            expect_signal("in from port", port, readers[r], SIGSEGV);
    }
    for (unsigned i = 0; i < sizeof(ports_written) / sizeof(ports_written[0]); i++) {
        port = ports_written[i];
        for (unsigned w = 0; w < sizeof(writers) / sizeof(writers[0]); w++)
            expect_signal("out to port", port, writers[w], SIGSEGV);
    }
    expect_signal("inb $0x60", 0x60, in_immediate_0x60, SIGSEGV);
    expect_signal("inb $0xF4", 0xF4, in_immediate_0xf4, SIGSEGV);
    expect_signal("outb $0x80", 0x80, out_immediate_0x80, SIGSEGV);
    /* After trying to raise IOPL, in a child: still refused. */
    port = 0x80;
    pid_t pid = fork();
    if (pid == 0) {
        popf_with(EFLAGS_IOPL, 0);
        in_byte();
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
    PASS("no I/O port is open to a program");

    /* The system goes on: this process, fork and the clock work as before. */
    struct timespec a, b, nap = {0, 20 * 1000 * 1000};
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
    CHECK((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) >= 20 * 1000 * 1000);
    pid = fork();
    if (pid == 0)
        _exit(3);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 3);
    PASS("the system goes on: timer interrupts, sleeping and fork");
    return done_testing();
}
