/*
 * The signal frame as a hostile program sees it (struct abi_sigframe, abi/signal.h).
 *
 * What the kernel writes there: no byte of kernel memory, and the bytes of the FPU image the CPU
 * does not define are zero (once they held kernel stack: return addresses, stack addresses, the
 * path an earlier call had copied).
 *
 * What sigreturn takes back: forged flags, registers, masks, frame and FPU pointers and FPU
 * images. The kernel must not fault, privileged state (IOPL, NT, VM, reserved MXCSR bits, a
 * blocked SIGKILL) must not reach user mode, and a frame it cannot read kills with SIGSEGV.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "check.h"

#define KERNEL_BASE 0xC0000000u

/* The 32-bit fxsave image (Intel SDM vol. 1, 10.5.1): what a test may rely on. */
#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_ST0 32      /* 8 slots of 16 bytes: an 80-bit register, then 6 reserved bytes */
#define FX_DEFINED 288 /* 288..511: reserved outside 64-bit mode, or left to software */
#define MXCSR_DEFAULT 0x1F80u

/* The frame of the running handler: the handler's return address is the frame's first word. */
#define HANDLER_FRAME() ((struct abi_sigframe *)((char *)__builtin_frame_address(0) + 4))

static int sse;

static int cpu_has_sse(void) {
    uint32_t a = 1, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (d >> 25) & 1;
}

static uint32_t get_mxcsr(void) {
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(uint32_t v) {
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

/* The MXCSR bits this CPU allows, from its own fxsave (0 there means the default 0xFFBF). */
static uint32_t cpu_mxcsr_mask(void) {
    static uint8_t area[512] __attribute__((aligned(16)));
    uint32_t mask;

    memset(area, 0, sizeof(area));
    __asm__ volatile("fxsave %0" : "=m"(area));
    memcpy(&mask, area + FX_MXCSR_MASK, 4);
    return mask ? mask : 0xFFBFu;
}

/*
 * kill(getpid(), sig) by hand, so that every register the frame saves but %esp, %ebp and %eip is
 * known; returns %eax as the kernel left it and, in *flags, EFLAGS right after the call.
 */
static long raw_kill_self(int sig, uint32_t *flags) {
    long r = SYS_kill;
    uint32_t fl = 0;
    int pid = getpid();
    __asm__ volatile("int $0x80\n\t"
                     "pushfl\n\t"
                     "popl %%edx"
                     : "+a"(r), "+d"(fl)
                     : "b"(pid), "c"(sig), "S"(0), "D"(0)
                     : "memory", "cc");
    if (flags)
        *flags = fl;
    return r;
}

/* Zero in every x87 and SSE register, so that no word of the image comes from earlier work. */
static void fpu_known_state(void) {
    __asm__ volatile("fninit; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz; fninit" : : : "memory");
    if (sse)
        __asm__ volatile("xorps %%xmm0, %%xmm0; xorps %%xmm1, %%xmm1; xorps %%xmm2, %%xmm2; xorps %%xmm3, %%xmm3\n\t"
                         "xorps %%xmm4, %%xmm4; xorps %%xmm5, %%xmm5; xorps %%xmm6, %%xmm6; xorps %%xmm7, %%xmm7"
                         :
                         :
                         : "memory");
}

/* --- what the kernel writes ------------------------------------------------------------------ */

static struct abi_sigframe seen;
static uint8_t seen_fpu[ABI_SIGFRAME_FPU_SIZE];

static void record_frame(int sig) {
    struct abi_sigframe *f = HANDLER_FRAME();
    (void)sig;
    seen = *f;
    memcpy(seen_fpu, (const void *)f->fpu, sizeof(seen_fpu));
}

/* Raises SIGUSR1 into record_frame and checks everything the kernel wrote. */
static void check_fresh_frame(const char *what) {
    struct sigaction sa = {.sa_handler = record_frame};
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    memset(&seen, 0, sizeof(seen));
    fpu_known_state();
    CHECK_EQ(raw_kill_self(SIGUSR1, NULL), 0);

    if (seen.signo != SIGUSR1)
        FAIL("%s: the handler's frame has signo %d", what, (int)seen.signo);
    CHECK_EQ(seen.eax, 0); /* kill's result: the signal came on its way back */
    CHECK_EQ(seen.ecx, SIGUSR1);
    CHECK_EQ(seen.edx, 0);
    CHECK_EQ(seen.esi, 0);
    CHECK_EQ(seen.edi, 0);
    CHECK(seen.fpu % 16 == 0 && seen.fpu > seen.esp - 4096 && seen.fpu + sizeof(seen_fpu) <= seen.esp);
    /* Bytes the CPU does not define: the 6 after each x87 register, everything from 288 on. */
    for (int i = 0; i < 8; i++) {
        for (int b = 10; b < 16; b++) {
            if (seen_fpu[FX_ST0 + 16 * i + b])
                FAIL("%s: FPU byte %d (padding of ST%d) is 0x%02x", what, FX_ST0 + 16 * i + b, i,
                     seen_fpu[FX_ST0 + 16 * i + b]);
        }
    }
    for (int b = FX_DEFINED; b < (int)sizeof(seen_fpu); b++) {
        if (seen_fpu[b])
            FAIL("%s: FPU byte %d (reserved) is 0x%02x", what, b, seen_fpu[b]);
    }
    /* No word the kernel wrote may look like a kernel address. */
    for (unsigned i = 0; i < sizeof(seen) / 4; i++) {
        uint32_t w = ((const uint32_t *)&seen)[i];
        if (w >= KERNEL_BASE)
            FAIL("%s: frame word %u is 0x%08x", what, i, w);
    }
    for (unsigned i = 0; i < sizeof(seen_fpu) / 4; i++) {
        uint32_t w;
        memcpy(&w, seen_fpu + 4 * i, 4);
        if (w >= KERNEL_BASE)
            FAIL("%s: FPU word %u (byte %u) is 0x%08x", what, i, 4 * i, w);
    }
    signal(SIGUSR1, SIG_DFL);
}

/* A failing call that copies a long path onto the kernel stack first. */
static void fill_kernel_stack(void) {
    char path[250];
    struct stat st;
    path[0] = '/';
    memset(path + 1, 0xC1, sizeof(path) - 2);
    path[sizeof(path) - 1] = '\0';
    CHECK(stat(path, &st) == -1); /* ENAMETOOLONG: a component is too long, after the copy */
}

static void child_frame(void) {
    fill_kernel_stack();
    check_fresh_frame("in a forked child");
}

static void frame_holds_no_kernel_memory(void) {
    check_fresh_frame("first signal");
    fill_kernel_stack();
    check_fresh_frame("after a path on the kernel stack");
    /* Children get FPU areas that earlier processes' areas and other objects have used. */
    for (int i = 0; i < 8; i++)
        CHECK_EXITED(run_in_child(child_frame), 0);
    PASS("the signal frame holds no kernel memory; undefined FPU bytes are zero");
}

/* --- what sigreturn takes back --------------------------------------------------------------- */

static void (*forge)(struct abi_sigframe *f);
static volatile int handled;

static void forging_handler(int sig) {
    struct abi_sigframe *f = HANDLER_FRAME();
    (void)sig;
    handled++;
    if (forge)
        forge(f);
}

static void install_forger(void (*fn)(struct abi_sigframe *)) {
    struct sigaction sa = {.sa_handler = forging_handler};
    forge = fn;
    handled = 0;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
}

static void all_ones_mxcsr(struct abi_sigframe *f) {
    uint32_t all = 0xFFFFFFFFu;
    memcpy((uint8_t *)f->fpu + FX_MXCSR, &all, 4);
    memcpy((uint8_t *)f->fpu + FX_MXCSR_MASK, &all, 4);
}

static void garbage_in_reserved(struct abi_sigframe *f) {
    memset((uint8_t *)f->fpu + FX_DEFINED, 0xC5, ABI_SIGFRAME_FPU_SIZE - FX_DEFINED);
    for (int i = 0; i < 8; i++)
        memset((uint8_t *)f->fpu + FX_ST0 + 16 * i + 10, 0xC5, 6);
}

/*
 * An MXCSR with reserved bits makes fxrstor raise #GP, in the kernel when the kernel loads it. TCG
 * does not check those bits, so what is tested is the value that reaches the process: after two
 * forged sigreturns (the first once forged the MXCSR_MASK the second was checked against) the
 * process must see only bits its CPU allows.
 */
static void forged_mxcsr(void) {
    if (!sse) {
        PASS("MXCSR # SKIP the CPU has no SSE");
        return;
    }
    uint32_t mask = cpu_mxcsr_mask();
    install_forger(all_ones_mxcsr);
    CHECK_EQ(raw_kill_self(SIGUSR1, NULL), 0);
    CHECK_EQ(raw_kill_self(SIGUSR1, NULL), 0);
    CHECK_EQ(handled, 2);
    uint32_t mxcsr = get_mxcsr();
    set_mxcsr(MXCSR_DEFAULT);
    if (mxcsr & ~mask)
        FAIL("MXCSR 0x%08x after two forged sigreturns: bits 0x%08x are reserved (mask 0x%08x)", mxcsr, mxcsr & ~mask,
             mask);
    CHECK_EQ(mxcsr & 0xFFFFu & mask, 0xFFFFu & mask); /* the allowed bits did come back */

    /* What sigreturn stored is the CPU's: reserved bytes the user filled read back as zero. */
    install_forger(garbage_in_reserved);
    CHECK_EQ(raw_kill_self(SIGUSR1, NULL), 0);
    check_fresh_frame("after a sigreturn with garbage in the reserved FPU bytes");
    PASS("sigreturn loads only the MXCSR bits the CPU allows, and no reserved FPU bytes");
}

int main(void) {
    sse = cpu_has_sse();
    frame_holds_no_kernel_memory();
    forged_mxcsr();
    return done_testing();
}
