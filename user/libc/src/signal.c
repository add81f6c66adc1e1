/* sigaction and friends: every handler returns through __sigreturn (abi/signal.h). */
#include <errno.h>
#include <signal.h>

#include "internal.h"

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    struct sigaction k;

    if (act) {
        k = *act;
        if (k.sa_handler != SIG_DFL && k.sa_handler != SIG_IGN) {
            k.sa_flags |= SA_RESTORER;
            k.sa_restorer = __sigreturn;
        }
        act = &k;
    }
    return (int)__result(__sys_sigaction(sig, act, old));
}

/* BSD semantics, like glibc's: calls a handler interrupts are restarted. */
sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

static int valid(int sig) {
    if (sig <= 0 || sig >= NSIG) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int sigemptyset(sigset_t *set) {
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set) {
    *set = ~(sigset_t)0;
    return 0;
}

int sigaddset(sigset_t *set, int sig) {
    if (!valid(sig))
        return -1;
    *set |= ABI_SIGBIT(sig);
    return 0;
}

int sigdelset(sigset_t *set, int sig) {
    if (!valid(sig))
        return -1;
    *set &= ~ABI_SIGBIT(sig);
    return 0;
}

int sigismember(const sigset_t *set, int sig) {
    if (!valid(sig))
        return -1;
    return (*set & ABI_SIGBIT(sig)) != 0;
}

const char *sigabbrev_np(int sig) {
    static const char *const names[NSIG] = {
        [SIGHUP] = "HUP",       [SIGINT] = "INT",   [SIGQUIT] = "QUIT",   [SIGILL] = "ILL",   [SIGTRAP] = "TRAP",
        [SIGABRT] = "ABRT",     [SIGBUS] = "BUS",   [SIGFPE] = "FPE",     [SIGKILL] = "KILL", [SIGUSR1] = "USR1",
        [SIGSEGV] = "SEGV",     [SIGUSR2] = "USR2", [SIGPIPE] = "PIPE",   [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
        [16] = "STKFLT",        [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",   [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
        [SIGTTIN] = "TTIN",     [SIGTTOU] = "TTOU", [SIGURG] = "URG",     [SIGXCPU] = "XCPU", [SIGXFSZ] = "XFSZ",
        [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH", [SIGIO] = "IO",     [SIGPWR] = "PWR",
        [SIGSYS] = "SYS",
    };

    return sig > 0 && sig < NSIG ? names[sig] : NULL;
}
