/*
 * SA_SIGINFO handlers (POSIX): the handler gets the signal, a siginfo_t (si_signo, si_code,
 * si_pid for kill, si_addr and SEGV_MAPERR/SEGV_ACCERR for a fault, FPE_INTDIV, ILL_ILLOPN,
 * CLD_EXITED/CLD_STOPPED/CLD_CONTINUED with si_status for SIGCHLD) and the interrupted ucontext_t,
 * which it may change: the registers and the mask it returns to are the ucontext's. A forged
 * ucontext gets no further than sigreturn's rules (user segments, user flags, SIGKILL and SIGSTOP
 * never blocked); one it cannot read kills with SIGSEGV.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <ucontext.h>

#include "check.h"

static volatile int runs, seen_sig, seen_code, seen_pid, seen_status;
static void *volatile seen_addr;
static volatile uint32_t resume_eip, seen_eip;
static volatile uintptr_t seen_info, seen_uc;
static volatile int set_eax = -1;
static sigset_t add_to_mask;

static void on_info(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    runs++;
    seen_sig = si->si_signo == sig ? sig : -1;
    seen_code = si->si_code;
    seen_pid = si->si_pid;
    seen_addr = si->si_addr;
    seen_status = si->si_status;
    seen_eip = (uint32_t)uc->uc_mcontext.gregs[REG_EIP];
    seen_info = (uintptr_t)si;
    seen_uc = (uintptr_t)uc;
    if (resume_eip)
        uc->uc_mcontext.gregs[REG_EIP] = (greg_t)resume_eip;
    if (set_eax >= 0)
        uc->uc_mcontext.gregs[REG_EAX] = set_eax;
    uc->uc_sigmask |= add_to_mask;
}

static void handle_info(int sig, int flags) {
    struct sigaction act = {.sa_sigaction = on_info, .sa_flags = SA_SIGINFO | flags};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(sig, &act, NULL), 0);
    runs = 0;
    resume_eip = 0;
    set_eax = -1;
    add_to_mask = 0;
}

static sigset_t current_mask(void) {
    sigset_t m;
    CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &m), 0);
    return m;
}

static void from_kill(void) {
    handle_info(SIGUSR1, 0);
    CHECK_EQ(kill(getpid(), SIGUSR1), 0);
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_sig, SIGUSR1);
    CHECK_EQ(seen_code, SI_USER);
    CHECK_EQ(seen_pid, getpid());
    struct sigaction now;
    CHECK_EQ(sigaction(SIGUSR1, NULL, &now), 0);
    CHECK(now.sa_sigaction == on_info);
    CHECK(now.sa_flags & SA_SIGINFO);
    PASS("SA_SIGINFO: kill gives si_signo, si_code SI_USER and si_pid; sigaction reports sa_sigaction");
}

static void changed_context(void) {
    /* The handler changes kill's return value (%eax) and adds SIGUSR2 to the mask it returns to. */
    handle_info(SIGUSR1, 0);
    set_eax = 42;
    sigemptyset(&add_to_mask);
    sigaddset(&add_to_mask, SIGUSR2);
    sigaddset(&add_to_mask, SIGKILL);
    sigaddset(&add_to_mask, SIGSTOP);
    sigset_t before = current_mask();
    CHECK_EQ(raise(SIGUSR1), 42);
    sigset_t want = before;
    sigaddset(&want, SIGUSR2);
    CHECK_EQ(current_mask(), want); /* not SIGKILL, not SIGSTOP */
    CHECK_EQ(sigprocmask(SIG_SETMASK, &before, NULL), 0);
    PASS("the handler's changes to the ucontext (a register, the mask) are what resumes; SIGKILL/SIGSTOP stay "
         "unblocked");
}

/* Loads from `addr` with %eax = 5; the handler resumes after the load. Returns %eax. */
static uint32_t load_resumed(uintptr_t addr) {
    uint32_t out;
    __asm__ volatile("movl $1f, %[re]\n\t"
                     "movl $5, %%eax\n\t"
                     "movl (%[addr]), %%eax\n\t"
                     "1:\n\t"
                     "movl %%eax, %[out]"
                     : [re] "=m"(resume_eip), [out] "=r"(out)
                     : [addr] "r"(addr)
                     : "eax", "memory");
    return out;
}

static void store_resumed(uintptr_t addr) {
    __asm__ volatile("movl $1f, %[re]\n\t"
                     "movl $7, (%[addr])\n\t"
                     "1:"
                     : [re] "=m"(resume_eip)
                     : [addr] "r"(addr)
                     : "memory");
}

static void faults(void) {
    handle_info(SIGSEGV, 0);
    CHECK_EQ(load_resumed(0x10), 5);
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_sig, SIGSEGV);
    CHECK_EQ(seen_code, SEGV_MAPERR);
    CHECK(seen_addr == (void *)0x10);
    CHECK(seen_eip != 0 && seen_eip < resume_eip && resume_eip - seen_eip <= 8);
    PASS("a fault: SEGV_MAPERR with si_addr; the handler resumes it elsewhere by changing REG_EIP");

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(ro != MAP_FAILED);
    runs = 0;
    CHECK_EQ(load_resumed((uintptr_t)ro), 0); /* readable: no signal */
    CHECK_EQ(runs, 0);
    store_resumed((uintptr_t)ro + 12);
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_code, SEGV_ACCERR);
    CHECK(seen_addr == ro + 12);
    CHECK_EQ(munmap(ro, 4096), 0);
    PASS("a write to a read-only page: SEGV_ACCERR with si_addr");

    handle_info(SIGFPE, 0);
    uint32_t q;
    __asm__ volatile("movl $1f, %[re]\n\t"
                     "xorl %%edx, %%edx\n\t"
                     "movl $10, %%eax\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "divl %%ecx\n\t"
                     "1:\n\t"
                     "movl %%eax, %[q]"
                     : [re] "=m"(resume_eip), [q] "=r"(q)
                     :
                     : "eax", "ecx", "edx", "memory");
    CHECK_EQ(q, 10);
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_code, FPE_INTDIV);
    CHECK(seen_addr == (void *)seen_eip);
    PASS("a division by zero: FPE_INTDIV, si_addr the instruction");

    handle_info(SIGILL, 0);
    __asm__ volatile("movl $1f, %[re]\n\t"
                     "ud2\n\t"
                     "1:"
                     : [re] "=m"(resume_eip)
                     :
                     : "memory");
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_code, ILL_ILLOPN);
    CHECK(seen_addr == (void *)seen_eip);
    PASS("an invalid opcode: ILL_ILLOPN, si_addr the instruction");
    signal(SIGSEGV, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
    signal(SIGILL, SIG_DFL);
}

static void frame_layout(void) {
    handle_info(SIGUSR2, 0);
    CHECK_EQ(raise(SIGUSR2), 0);
    CHECK_EQ(runs, 1);
    /* The siginfo and the ucontext are on the stack, below where the handler was called from. */
    int here;
    CHECK(seen_info < (uintptr_t)&here && seen_uc < (uintptr_t)&here);
    CHECK(seen_info + sizeof(siginfo_t) <= seen_uc);
    PASS("the siginfo and ucontext the handler gets are on its stack");
}

static void sigchld_info(void) {
    handle_info(SIGCHLD, 0);
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        raise(SIGSTOP);
        _exit(9);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    CHECK_EQ(runs, 1);
    CHECK_EQ(seen_code, CLD_STOPPED);
    CHECK_EQ(seen_pid, pid);
    CHECK_EQ(seen_status, SIGSTOP);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(runs, 2);
    CHECK_EQ(seen_code, CLD_CONTINUED);
    CHECK_EQ(seen_status, SIGCONT);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 9);
    CHECK_EQ(runs, 3);
    CHECK_EQ(seen_code, CLD_EXITED);
    CHECK_EQ(seen_pid, pid);
    CHECK_EQ(seen_status, 9);

    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        *(volatile int *)0 = 1;
        _exit(1);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
    CHECK_EQ(seen_code, CLD_DUMPED);
    CHECK_EQ(seen_status, SIGSEGV);
    signal(SIGCHLD, SIG_DFL);
    PASS("SIGCHLD's siginfo: CLD_STOPPED, CLD_CONTINUED, CLD_EXITED, CLD_DUMPED with si_pid and si_status");
}

/* A handler that forges its ucontext: kernel segments, IOPL 3, an unreadable FPU image... */
static volatile int forge_how;

static void on_forge(int sig, siginfo_t *si, void *ctx) {
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    runs++;
    uc->uc_mcontext.gregs[REG_CS] = 0x08; /* the kernel's code segment */
    uc->uc_mcontext.gregs[REG_SS] = 0x10; /* the kernel's data segment */
    uc->uc_mcontext.gregs[REG_DS] = 0x10;
    uc->uc_mcontext.gregs[REG_EFL] |= 0x3000 | 0x20000; /* IOPL 3, VM */
    if (forge_how == 1)
        uc->uc_mcontext.fpregs = (void *)0xC0000000u;
}

static void forged_context(void) {
    struct sigaction act = {.sa_sigaction = on_forge, .sa_flags = SA_SIGINFO};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(SIGUSR1, &act, NULL), 0);
    runs = 0;
    forge_how = 0;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(runs, 1);
    uint32_t cs, eflags;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    __asm__ volatile("pushfl; popl %0" : "=r"(eflags));
    CHECK_EQ(cs & 3, 3);
    CHECK_EQ(eflags & 0x3000, 0);
    CHECK_EQ(eflags & 0x20000, 0);
    PASS("a forged ucontext: the process resumes with user segments and without IOPL or VM");

    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        forge_how = 1;
        raise(SIGUSR1);
        _exit(1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
    signal(SIGUSR1, SIG_DFL);
    PASS("a ucontext whose FPU image is in the kernel kills with SIGSEGV");
}

int main(void) {
    from_kill();
    changed_context();
    faults();
    frame_layout();
    sigchld_info();
    forged_context();
    return done_testing();
}
