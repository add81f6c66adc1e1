/* Signal numbers (Linux i386 values), sigaction and the sigset type shared by kernel and libc. */
#ifndef ABI_SIGNAL_H
#define ABI_SIGNAL_H

#include <stdint.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT SIGABRT
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPOLL SIGIO
#define SIGPWR 30
#define SIGSYS 31
#define NSIG 32 /* valid signals are 1 .. NSIG - 1 */

typedef uint32_t abi_sigset_t; /* bit (sig - 1) stands for sig */
#define ABI_SIGBIT(sig) (1u << ((sig)-1))

#define ABI_SIG_DFL 0u
#define ABI_SIG_IGN 1u

/* sa_flags */
#define SA_NOCLDSTOP 0x00000001u /* SIGCHLD: not for a child's stop or continue */
#define SA_NOCLDWAIT 0x00000002u /* SIGCHLD: children leave no zombie (nobody waits for them) */
#define SA_SIGINFO 0x00000004u   /* the handler takes (signo, siginfo_t *, ucontext_t *): abi_sigframe_info */
#define SA_RESTORER 0x04000000u
#define SA_ONSTACK                                                                                                     \
    0x08000000u /* the handler runs on the alternate stack (sigaltstack), if one is set */ /* sa_restorer is set: the  \
                                                                                              handler returns through  \
                                                                                              it */
#define SA_RESTART 0x10000000u
#define SA_NODEFER 0x40000000u   /* the signal is not blocked while its handler runs */
#define SA_RESETHAND 0x80000000u /* the action goes back to SIG_DFL as the handler is entered */

/* sigprocmask `how` */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/*
 * The argument of the sigaction call. A handler returns into sa_restorer, which must make the
 * sigreturn call; the libc sets it for every handler.
 */
struct abi_sigaction {
    uint32_t sa_handler; /* ABI_SIG_DFL, ABI_SIG_IGN or the handler's address */
    abi_sigset_t sa_mask;
    uint32_t sa_flags;
    uint32_t sa_restorer;
};
_Static_assert(sizeof(struct abi_sigaction) == 16, "struct abi_sigaction is part of the ABI");

/*
 * What a handler finds on its stack. At its first instruction %esp points at `restorer` (its
 * return address) and 4(%esp) at `signo` (its argument); (%esp + 4) is 16-aligned. The FPU/SSE
 * state is a 512-byte fxsave image at `fpu` (16-aligned, above the frame, below the interrupted
 * %esp). sigreturn reads the frame back from the same place, one word higher (the handler's `ret`
 * popped `restorer`), and trusts nothing in it: see docs/syscalls.md.
 */
struct abi_sigframe {
    uint32_t restorer;
    int32_t signo;
    abi_sigset_t mask;                                            /* the blocked set to restore */
    uint32_t fpu;                                                 /* address of the saved FPU area */
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi, eip, eflags; /* the interrupted registers */
};
_Static_assert(sizeof(struct abi_sigframe) == 56, "struct abi_sigframe is part of the ABI");

#define ABI_SIGFRAME_FPU_SIZE 512

/* si_code: where a signal came from (Linux i386 values). */
#define SI_USER 0       /* kill, raise */
#define SI_KERNEL 0x80  /* the kernel (a terminal's key, a hang-up, a broken pipe...) */
#define SI_QUEUE (-1)   /* sigqueue (not offered) */
#define SI_TIMER (-2)   /* a POSIX timer (timer_create): si_value is its sigev_value */
#define SI_MESGQ (-3)   /* a message queue's notification (mq_notify) */
#define SI_ASYNCIO (-4) /* asynchronous I/O (not offered) */
#define SI_TKILL (-6)   /* tgkill, pthread_kill (Linux's value) */
#define ILL_ILLOPC 1
#define ILL_ILLOPN 2
#define ILL_ILLADR 3
#define ILL_ILLTRP 4
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define ILL_COPROC 7
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define FPE_INTOVF 2
#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7
#define FPE_FLTSUB 8
#define SEGV_MAPERR 1 /* no mapping at the address */
#define SEGV_ACCERR 2 /* a mapping that does not allow the access */
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define BUS_OBJERR 3
#define TRAP_BRKPT 1
#define TRAP_TRACE 2
#define CLD_EXITED 1 /* si_status: the exit code */
#define CLD_KILLED 2 /* si_status: the signal */
#define CLD_DUMPED 3 /* si_status: the signal (a core-default one) */
#define CLD_TRAPPED 4
#define CLD_STOPPED 5   /* si_status: the stop signal */
#define CLD_CONTINUED 6 /* si_status: SIGCONT */
#define POLL_IN 1
#define POLL_OUT 2
#define POLL_MSG 3
#define POLL_ERR 4
#define POLL_PRI 5
#define POLL_HUP 6

/*
 * What sigtimedwait (and an SA_SIGINFO handler) learns of a signal: Linux i386's siginfo_t, 128
 * bytes. `pid` is si_pid (or si_addr of a fault: the same place), `uid` si_uid, `status` si_status
 * (SIGCHLD). The kernel writes every byte (the rest is zero).
 */
struct abi_siginfo {
    int32_t signo, err, code;
    uint32_t pid; /* si_pid, or si_addr for SIGSEGV, SIGBUS, SIGILL, SIGFPE */
    uint32_t uid;
    int32_t status;
    uint32_t pad[26];
};
_Static_assert(sizeof(struct abi_siginfo) == 128, "struct abi_siginfo is part of the ABI");

/*
 * How a timer or a message queue tells of an event (struct sigevent, Linux i386's layout and
 * values): a signal (sigev_signo, with sigev_value in si_value and si_code SI_TIMER or SI_MESGQ),
 * nothing, or a thread. The kernel reads sigev_value, sigev_signo and sigev_notify; for a timer's
 * SIGEV_THREAD it only counts the expirations, which the libc's thread for the timer collects
 * (timer_wait) before calling the function the rest of the struct names; mq_notify refuses
 * SIGEV_THREAD (EINVAL).
 */
#define ABI_SIGEV_SIGNAL 0
#define ABI_SIGEV_NONE 1
#define ABI_SIGEV_THREAD 2
struct abi_sigevent {
    uint32_t sigev_value; /* union sigval */
    int32_t sigev_signo;
    int32_t sigev_notify;
    uint32_t rest[13]; /* the libc's (SIGEV_THREAD's function and attributes) */
};
_Static_assert(sizeof(struct abi_sigevent) == 64, "struct abi_sigevent is part of the ABI");

/* ss_flags of sigaltstack (Linux i386 values) and its sizes. */
#define SS_ONSTACK 1 /* reported: the process is running on it (it cannot be changed then) */
#define SS_DISABLE 2 /* no alternate stack */
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

/* A signal stack (stack_t): where it starts, SS_* flags, its size. */
struct abi_stack {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
};
_Static_assert(sizeof(struct abi_stack) == 12, "struct abi_stack is part of the ABI");

/*
 * The interrupted registers in a ucontext (mcontext_t, Linux i386's order: gregs[REG_EIP] is
 * `eip`). sigreturn takes back only what a program may set: the general registers, %eip, %esp
 * (`uesp`; `esp` is ignored) and the user-changeable flags; the segments and `trapno`, `err`,
 * `cr2` are the kernel's report and are never read back.
 */
struct abi_mcontext {
    uint32_t gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax, trapno, err, eip, cs, eflags, uesp, ss;
    uint32_t fpregs; /* address of the saved FPU area (512 bytes, 16-aligned) */
    uint32_t oldmask;
    uint32_t cr2;
};
_Static_assert(sizeof(struct abi_mcontext) == 88, "struct abi_mcontext is part of the ABI");

struct abi_ucontext {
    uint32_t uc_flags; /* 0 */
    uint32_t uc_link;  /* 0: returning from the handler resumes the interrupted code */
    struct abi_stack uc_stack;
    struct abi_mcontext uc_mcontext;
    abi_sigset_t uc_sigmask; /* the blocked set sigreturn restores */
};
_Static_assert(sizeof(struct abi_ucontext) == 112, "struct abi_ucontext is part of the ABI");

/*
 * The frame of an SA_SIGINFO handler. At its first instruction %esp points at `restorer` (which
 * makes the sigreturn_info call), 4(%esp) at `signo`, 8(%esp) at `info` (the address of
 * `siginfo`), 12(%esp) at `uc` (the address of `ucontext`); (%esp + 4) is 16-aligned. The handler
 * may change `ucontext`: sigreturn_info resumes what it says, through the same checks as
 * sigreturn (see docs/syscalls.md).
 */
struct abi_sigframe_info {
    uint32_t restorer;
    int32_t signo;
    uint32_t info;
    uint32_t uc;
    struct abi_siginfo siginfo;
    struct abi_ucontext ucontext;
};
_Static_assert(sizeof(struct abi_sigframe_info) == 256, "struct abi_sigframe_info is part of the ABI");

#endif
