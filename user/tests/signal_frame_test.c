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
#include <abi/thread.h>
#include <signal.h>
#include <stdbool.h>
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

/* EFLAGS bits. */
#define FL_IF 0x00000200u
#define FL_IOPL 0x00003000u
#define FL_NT 0x00004000u
#define FL_RF 0x00010000u
#define FL_VM 0x00020000u
#define FL_AC 0x00040000u
#define FL_VIF 0x00080000u
#define FL_VIP 0x00100000u

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

static uint32_t get_eflags(void) {
    uint32_t v;
    __asm__ volatile("pushfl; popl %0" : "=r"(v));
    return v;
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

static void privileged_flags(struct abi_sigframe *f) {
    f->eflags |= FL_IOPL | FL_NT | FL_VM | FL_RF | FL_VIF | FL_VIP;
    f->eflags &= ~FL_IF;
}

static void user_flags(struct abi_sigframe *f) {
    f->eflags |= FL_AC | 0x8D5u; /* AC and the arithmetic flags: what popf may set in user mode */
}

static void iopl_then_cli(void) {
    install_forger(privileged_flags);
    raw_kill_self(SIGUSR1, NULL);
    __asm__ volatile("cli");
}

static void iopl_then_port_io(void) {
    install_forger(privileged_flags);
    raw_kill_self(SIGUSR1, NULL);
    __asm__ volatile("outb %%al, $0x80" : : "a"(0));
}

static void forged_eflags(void) {
    uint32_t fl = 0;
    install_forger(privileged_flags);
    CHECK_EQ(raw_kill_self(SIGUSR1, &fl), 0);
    CHECK_EQ(handled, 1);
    if (fl & (FL_IOPL | FL_NT | FL_VM | FL_VIF | FL_VIP) || !(fl & FL_IF))
        FAIL("EFLAGS 0x%08x after a sigreturn that asked for IOPL 3, NT, VM, VIF, VIP and no IF", fl);
    CHECK((get_eflags() & (FL_IOPL | FL_NT)) == 0);
    /* IOPL did not take effect: port I/O and cli still fault. */
    CHECK_SIGNALED(run_in_child(iopl_then_cli), SIGSEGV);
    CHECK_SIGNALED(run_in_child(iopl_then_port_io), SIGSEGV);

    /* What the process could set with popf anyway comes back as asked. */
    install_forger(user_flags);
    CHECK_EQ(raw_kill_self(SIGUSR1, &fl), 0);
    __asm__ volatile("pushfl; andl %0, (%%esp); popfl" : : "i"(~FL_AC) : "cc", "memory");
    CHECK_EQ(fl & (FL_AC | 0x8D5u), FL_AC | 0x8D5u);
    PASS("sigreturn keeps IOPL, NT, VM, VIF, VIP out of user mode and IF on");
}

static void block_everything(struct abi_sigframe *f) {
    f->mask = 0xFFFFFFFFu;
}

static void forged_mask(void) {
    sigset_t set, none;
    install_forger(block_everything);
    CHECK_EQ(raw_kill_self(SIGUSR1, NULL), 0);
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &set), 0);
    CHECK_EQ(sigismember(&set, SIGKILL), 0);
    CHECK_EQ(sigismember(&set, SIGSTOP), 0);
    CHECK_EQ(sigismember(&set, SIGUSR2), 1);
    sigemptyset(&none);
    CHECK_EQ(sigprocmask(SIG_SETMASK, &none, NULL), 0);
    PASS("a forged mask cannot block SIGKILL or SIGSTOP");
}

/* Each runs in a child that must die of SIGSEGV (with or without a SIGSEGV handler). */
static uint32_t forged_value;
static void eip_to(struct abi_sigframe *f) {
    f->eip = forged_value;
}
static void esp_to(struct abi_sigframe *f) {
    f->esp = forged_value;
}
static void fpu_to(struct abi_sigframe *f) {
    f->fpu = forged_value;
}

static void (*segv_forge)(struct abi_sigframe *);
static void segv_ignore(int sig) {
    (void)sig;
}

static void run_forged(void) {
    install_forger(segv_forge);
    raw_kill_self(SIGUSR1, NULL);
    _exit(0); /* the forged frame left us running */
}

static void run_forged_with_segv_handler(void) {
    signal(SIGSEGV, segv_ignore);
    run_forged();
}

/*
 * With `with_handler`, a SIGSEGV handler is installed too: it cannot help (no frame for it fits a
 * kernel stack pointer; a bad frame kills at once). Not for a forged eip, which a returning
 * handler would only fault on again and again.
 */
static void expect_segv(void (*fn)(struct abi_sigframe *), uint32_t value, bool with_handler, const char *what) {
    segv_forge = fn;
    forged_value = value;
    int status = run_in_child(run_forged);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
        FAIL("%s 0x%08x: want SIGSEGV, got wait status 0x%x", what, value, status);
    if (!with_handler)
        return;
    status = run_in_child(run_forged_with_segv_handler);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
        FAIL("%s 0x%08x with a SIGSEGV handler: want SIGSEGV, got wait status 0x%x", what, value, status);
}

static void forged_pointers(void) {
    /* (An %esp of exactly 0xC0000000 is the top of the user stack, not a kernel address.) */
    static const uint32_t kernel[] = {KERNEL_BASE + 0x1000, 0xC0100000u, 0xFFFFFFF0u};
    for (unsigned i = 0; i < sizeof(kernel) / sizeof(kernel[0]); i++) {
        expect_segv(eip_to, kernel[i], false, "eip");
        expect_segv(esp_to, kernel[i], true, "esp");
        expect_segv(fpu_to, kernel[i], true, "fpu image at");
    }
    expect_segv(eip_to, KERNEL_BASE, false, "eip");
    expect_segv(fpu_to, KERNEL_BASE, true, "fpu image at");
    expect_segv(fpu_to, KERNEL_BASE - 256, true, "fpu image straddling the kernel at");
    expect_segv(fpu_to, 0x10000000u, true, "fpu image unmapped at");
    expect_segv(fpu_to, 0, true, "fpu image at");
    PASS("kernel or unmapped eip, esp and FPU pointers in a frame end in SIGSEGV");
}

/* sigreturn with no frame at all, the stack pointer wherever a hostile program likes. */
static uint32_t raw_esp;
static void raw_sigreturn(void) {
    __asm__ volatile("mov %0, %%esp\n\t"
                     "int $0x80"
                     :
                     : "r"(raw_esp), "a"(SYS_sigreturn)
                     : "memory");
}

static void forged_frame_address(void) {
    static const uint32_t at[] = {KERNEL_BASE, KERNEL_BASE + 4, KERNEL_BASE - 8, 0xC0100000u, 0, 4, 0x10000000u};
    for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
        raw_esp = at[i];
        int status = run_in_child(raw_sigreturn);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
            FAIL("sigreturn with %%esp 0x%08x: want SIGSEGV, got wait status 0x%x", at[i], status);
    }
    PASS("sigreturn with the frame in kernel memory, unmapped or wrapping ends in SIGSEGV");
}

/*
 * A handler runs with the user's data segments, whatever the interrupted code had loaded: with a
 * null %ds every access of the handler's would raise #GP on a real CPU. (TCG does not check data
 * segments, hence the look at the selectors themselves.)
 */
static uint16_t handler_segments[4];
static void record_segments(struct abi_sigframe *f) {
    (void)f;
    __asm__ volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
                     : "=m"(handler_segments[0]), "=m"(handler_segments[1]), "=m"(handler_segments[2]),
                       "=m"(handler_segments[3]));
}

static void null_segments_at_delivery(void) {
    static const uint16_t null_selector = 0;
    static uint16_t cs, ss, ds;
    install_forger(record_segments);
    long r = SYS_kill;
    /* Until the pops, no memory is touched through %ds but the stack (%ss) and the stores below,
     * which come after sigreturn reloaded the user data segment. */
    __asm__ volatile("push %%ds; push %%es; push %%fs; push %%gs\n\t"
                     "mov %4, %%ds; mov %4, %%es; mov %4, %%fs; mov %4, %%gs\n\t"
                     "int $0x80\n\t"
                     "mov %%cs, %1; mov %%ss, %2; mov %%ds, %3\n\t"
                     "pop %%gs; pop %%fs; pop %%es; pop %%ds"
                     : "+a"(r), "=m"(cs), "=m"(ss), "=m"(ds)
                     : "m"(null_selector), "b"(getpid()), "c"(SIGUSR1)
                     : "memory");
    CHECK_EQ(r, 0);
    CHECK_EQ(handled, 1);
    CHECK_EQ(cs & 3, 3);
    CHECK_EQ(ss & 3, 3);
    CHECK_EQ(ds, ss); /* sigreturn's user data segment */
    static const char *const names[] = {"ds", "es", "fs", "gs"};
    for (int i = 0; i < 3; i++) {
        if (handler_segments[i] != ss)
            FAIL("the handler ran with %%%s 0x%x, not the user data segment 0x%x", names[i], handler_segments[i], ss);
    }
    /* %gs is the thread's TLS segment (the libc's errno and __thread variables are behind it). */
    if (handler_segments[3] != ABI_TLS_SELECTOR)
        FAIL("the handler ran with %%gs 0x%x, not the TLS segment 0x%x", handler_segments[3], ABI_TLS_SELECTOR);
    _exit(0);
}

static void forged_segments(void) {
    CHECK_EXITED(run_in_child(null_segments_at_delivery), 0);
    PASS("a handler gets user segments even when the interrupted code had null ones");
}

int main(void) {
    sse = cpu_has_sse();
    frame_holds_no_kernel_memory();
    forged_mxcsr();
    forged_eflags();
    forged_mask();
    forged_pointers();
    forged_frame_address();
    forged_segments();
    return done_testing();
}
