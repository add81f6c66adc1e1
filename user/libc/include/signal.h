/* Signals. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <abi/signal.h>
#include <sys/types.h>

typedef void (*sighandler_t)(int);
typedef abi_sigset_t sigset_t;
typedef int sig_atomic_t;

#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define SIG_HOLD ((sighandler_t)2) /* sigset only: block the signal (never a disposition) */

union sigval {
    int sival_int;
    void *sival_ptr;
};

/*
 * How a timer (timer_create) tells of its expiry: SIGEV_SIGNAL sends sigev_signo with sigev_value
 * in si_value (si_code SI_TIMER); SIGEV_NONE does nothing (timer_gettime shows it); SIGEV_THREAD
 * calls sigev_notify_function(sigev_value) in a thread of the process (one thread per timer,
 * made by timer_create with sigev_notify_attributes or the default attributes, every signal
 * blocked in it). mq_notify takes SIGEV_SIGNAL (si_code SI_MESGQ) and SIGEV_NONE. Linux i386's
 * layout (struct abi_sigevent).
 */
#define SIGEV_SIGNAL ABI_SIGEV_SIGNAL
#define SIGEV_NONE ABI_SIGEV_NONE
#define SIGEV_THREAD ABI_SIGEV_THREAD
struct sigevent {
    union sigval sigev_value;
    int sigev_signo;
    int sigev_notify;
    void (*sigev_notify_function)(union sigval);
    void *sigev_notify_attributes; /* a pthread_attr_t *, or NULL */
    int __pad[11];
};
_Static_assert(sizeof(struct sigevent) == sizeof(struct abi_sigevent), "same layout as the kernel's");

/* What sigwaitinfo and sigtimedwait tell of a signal (struct abi_siginfo's layout, Linux i386's). */
typedef struct {
    int si_signo;
    int si_errno;
    int si_code; /* SI_USER, SI_KERNEL, CLD_EXITED, SEGV_MAPERR... (abi/signal.h) */
    union {
        int __pad[29];
        struct {
            pid_t __pid;
            uid_t __uid;
            union {
                int __status;
                union sigval __value;
            } __u;
        } __proc;
        struct {
            void *__addr;
        } __fault;
        struct {
            long __band;
            int __fd;
        } __poll;
    } __fields;
} siginfo_t;
_Static_assert(sizeof(siginfo_t) == sizeof(struct abi_siginfo), "same layout as the kernel's");
#define si_pid __fields.__proc.__pid           /* the sender (kill) or the child (SIGCHLD) */
#define si_uid __fields.__proc.__uid           /* the sender's real user id; the child's for SIGCHLD */
#define si_status __fields.__proc.__u.__status /* SIGCHLD: exit code, or the signal */
#define si_value __fields.__proc.__u.__value   /* SI_TIMER: the timer's sigev_value */
#define si_addr __fields.__fault.__addr        /* SIGSEGV, SIGBUS, SIGILL, SIGFPE: where */
#define si_band __fields.__poll.__band

/* An alternate signal stack (sigaltstack; SS_ONSTACK, SS_DISABLE), also the uc_stack of a ucontext. */
typedef struct {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;
_Static_assert(sizeof(stack_t) == sizeof(struct abi_stack), "same layout as the kernel's");

/* The interrupted registers (struct abi_mcontext): gregs[REG_EIP] and the others may be changed by
 * an SA_SIGINFO handler; the segment registers, REG_TRAPNO and REG_ERR are not taken back. */
enum {
    REG_GS,
    REG_FS,
    REG_ES,
    REG_DS,
    REG_EDI,
    REG_ESI,
    REG_EBP,
    REG_ESP,
    REG_EBX,
    REG_EDX,
    REG_ECX,
    REG_EAX,
    REG_TRAPNO,
    REG_ERR,
    REG_EIP,
    REG_CS,
    REG_EFL,
    REG_UESP,
    REG_SS,
    NGREG
};
typedef int greg_t;
typedef greg_t gregset_t[NGREG];
typedef struct {
    gregset_t gregs;
    void *fpregs;
    unsigned long oldmask, cr2;
} mcontext_t;

typedef struct ucontext {
    unsigned long uc_flags;
    struct ucontext *uc_link;
    stack_t uc_stack;
    mcontext_t uc_mcontext;
    sigset_t uc_sigmask; /* the mask sigreturn restores */
} ucontext_t;
_Static_assert(sizeof(ucontext_t) == sizeof(struct abi_ucontext), "same layout as the kernel's");

struct sigaction {
    union {
        sighandler_t sa_handler;
        /* With SA_SIGINFO: the signal, what siginfo tells of it, and the ucontext_t it interrupted. */
        void (*sa_sigaction)(int, siginfo_t *, void *);
    };
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
_Static_assert(sizeof(struct sigaction) == sizeof(struct abi_sigaction), "same layout as the kernel's");

struct timespec;

int kill(pid_t pid, int sig);
/* kill(-pgrp, sig); EINVAL for a negative pgrp. */
int killpg(pid_t pgrp, int sig);
int raise(int sig);
/* Linux's (not POSIX): `sig` to thread `tid` of process `pid` alone, with kill's permission rule;
 * 0, or -1 with errno ESRCH, EPERM, EINVAL. */
int tgkill(pid_t pid, pid_t tid, int sig);
/* Waits with `mask` as the blocked set until a handler has run; then the old mask is back. Always -1/EINTR. */
int sigsuspend(const sigset_t *mask);
/* Take a pending signal of `set` (which should be blocked), waiting for one (at most `timeout`). */
int sigwait(const sigset_t *set, int *sig);
int sigwaitinfo(const sigset_t *set, siginfo_t *info);
int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout);
/* Sets (ss) and reports (old) the stack SA_ONSTACK handlers run on; EPERM while running on it. */
int sigaltstack(const stack_t *ss, stack_t *old);
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/*
 * The XSI System V calls. sighold and sigrelse block and unblock `sig`; sigignore sets it to
 * SIG_IGN; sigset sets its disposition and unblocks it, or with SIG_HOLD only blocks it, and returns
 * SIG_HOLD if `sig` was blocked before, else its previous disposition (SIG_ERR on error). A number
 * that is no signal is EINVAL; so is ignoring or catching SIGKILL or SIGSTOP.
 */
int sighold(int sig);
int sigrelse(int sig);
int sigignore(int sig);
sighandler_t sigset(int sig, sighandler_t disp);
/* Takes `sig` out of the mask and waits for a signal that runs a handler, then restores the mask:
 * always -1, with EINTR (EINVAL for a number that is no signal). */
int sigpause(int sig);

/* Writes "s: " (when s is neither NULL nor "") and strsignal(sig) with a newline to stderr. */
void psignal(int sig, const char *s);
/* The abbreviated name of signal `sig` ("SEGV" for SIGSEGV), or NULL if it has none (a GNU extension). */
const char *sigabbrev_np(int sig);

/* POSIX.1-2024's names of signals, without "SIG": sig2str writes signal `sig`'s ("SEGV") into str
 * (room for SIG2STR_MAX bytes), str2sig takes a name ("SEGV") or a decimal number of a signal
 * (0, the null signal, too) into *pnum. 0, or -1 for a number or name that is no signal. */
#define SIG2STR_MAX 32
int sig2str(int sig, char *str);
int str2sig(const char *restrict str, int *restrict pnum);

#endif
