/* sigaction and friends: every handler returns through __sigreturn (abi/signal.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    struct sigaction k;

    if (act) {
        k = *act;
        if (k.sa_handler != SIG_DFL && k.sa_handler != SIG_IGN) {
            k.sa_flags |= SA_RESTORER;
            k.sa_restorer = (k.sa_flags & SA_SIGINFO) ? __sigreturn_info : __sigreturn;
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

int killpg(pid_t pgrp, int sig) {
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info) {
    return sigtimedwait(set, info, NULL);
}

/* POSIX: returns an error number, never EINTR (a handler that interrupts it just runs). */
int sigwait(const sigset_t *set, int *sig) {
    for (;;) {
        int r = sigtimedwait(set, NULL, NULL);
        if (r > 0) {
            *sig = r;
            return 0;
        }
        if (errno != EINTR)
            return errno;
    }
}

int pause(void) {
    sigset_t mask;

    sigprocmask(SIG_BLOCK, NULL, &mask);
    return sigsuspend(&mask);
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

/* Every signal of abi/signal.h: its abbreviation and glibc's description, for sigabbrev_np and
 * strsignal. */
static const struct {
    const char *abbrev, *description;
} signals[NSIG] = {
    [SIGHUP] = {"HUP", "Hangup"},
    [SIGINT] = {"INT", "Interrupt"},
    [SIGQUIT] = {"QUIT", "Quit"},
    [SIGILL] = {"ILL", "Illegal instruction"},
    [SIGTRAP] = {"TRAP", "Trace/breakpoint trap"},
    [SIGABRT] = {"ABRT", "Aborted"},
    [SIGBUS] = {"BUS", "Bus error"},
    [SIGFPE] = {"FPE", "Floating point exception"},
    [SIGKILL] = {"KILL", "Killed"},
    [SIGUSR1] = {"USR1", "User defined signal 1"},
    [SIGSEGV] = {"SEGV", "Segmentation fault"},
    [SIGUSR2] = {"USR2", "User defined signal 2"},
    [SIGPIPE] = {"PIPE", "Broken pipe"},
    [SIGALRM] = {"ALRM", "Alarm clock"},
    [SIGTERM] = {"TERM", "Terminated"},
    [16] = {"STKFLT", "Stack fault"},
    [SIGCHLD] = {"CHLD", "Child exited"},
    [SIGCONT] = {"CONT", "Continued"},
    [SIGSTOP] = {"STOP", "Stopped (signal)"},
    [SIGTSTP] = {"TSTP", "Stopped"},
    [SIGTTIN] = {"TTIN", "Stopped (tty input)"},
    [SIGTTOU] = {"TTOU", "Stopped (tty output)"},
    [SIGURG] = {"URG", "Urgent I/O condition"},
    [SIGXCPU] = {"XCPU", "CPU time limit exceeded"},
    [SIGXFSZ] = {"XFSZ", "File size limit exceeded"},
    [SIGVTALRM] = {"VTALRM", "Virtual timer expired"},
    [SIGPROF] = {"PROF", "Profiling timer expired"},
    [SIGWINCH] = {"WINCH", "Window changed"},
    [SIGIO] = {"IO", "I/O possible"},
    [SIGPWR] = {"PWR", "Power failure"},
    [SIGSYS] = {"SYS", "Bad system call"},
};

const char *sigabbrev_np(int sig) {
    return sig > 0 && sig < NSIG ? signals[sig].abbrev : NULL;
}

int sig2str(int sig, char *str) {
    const char *name = sigabbrev_np(sig);
    if (!name)
        return -1;
    strcpy(str, name);
    return 0;
}

int str2sig(const char *restrict str, int *restrict pnum) {
    if (*str >= '0' && *str <= '9') {
        int n = 0;
        for (const char *p = str; *p; p++) {
            if (*p < '0' || *p > '9' || (n = n * 10 + (*p - '0')) >= NSIG)
                return -1;
        }
        *pnum = n;
        return 0;
    }
    for (int sig = 1; sig < NSIG; sig++) {
        if (signals[sig].abbrev && strcmp(signals[sig].abbrev, str) == 0) {
            *pnum = sig;
            return 0;
        }
    }
    return -1;
}

char *strsignal(int sig) {
    static char unknown[32];

    if (sig > 0 && sig < NSIG)
        return (char *)signals[sig].description;
    snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
    return unknown;
}
