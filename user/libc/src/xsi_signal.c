/*
 * The XSI System V signal functions (sigset, sighold, sigrelse, sigignore, sigpause), written on
 * sigaction, sigprocmask and sigsuspend. Each checks `sig` first, so a bad number is EINVAL and changes nothing.
 */
#include <errno.h>
#include <signal.h>

static int one_signal(int sig, sigset_t *set) {
    sigemptyset(set);
    return sigaddset(set, sig); /* -1 with EINVAL for a number that is no signal */
}

int sighold(int sig) {
    sigset_t set;

    if (one_signal(sig, &set) < 0)
        return -1;
    return sigprocmask(SIG_BLOCK, &set, NULL);
}

int sigrelse(int sig) {
    sigset_t set;

    if (one_signal(sig, &set) < 0)
        return -1;
    return sigprocmask(SIG_UNBLOCK, &set, NULL);
}

int sigignore(int sig) {
    struct sigaction act = {.sa_handler = SIG_IGN};

    return sigaction(sig, &act, NULL); /* the kernel refuses SIGKILL and SIGSTOP: EINVAL */
}

/*
 * SIG_HOLD blocks `sig` and leaves its disposition alone; any other `disp` becomes the disposition
 * (a handler runs with `sig` blocked, as sigaction without SA_NODEFER does) and then `sig` is
 * unblocked. Either way the result is SIG_HOLD if `sig` was blocked before, else the disposition it
 * had.
 */
sighandler_t sigset(int sig, sighandler_t disp) {
    struct sigaction act = {.sa_handler = disp}, old;
    sigset_t set, was_blocked;

    if (one_signal(sig, &set) < 0)
        return SIG_ERR;
    if (disp == SIG_HOLD) {
        if (sigaction(sig, NULL, &old) < 0 || sigprocmask(SIG_BLOCK, &set, &was_blocked) < 0)
            return SIG_ERR;
    } else {
        if (sigaction(sig, &act, &old) < 0 || sigprocmask(SIG_UNBLOCK, &set, &was_blocked) < 0)
            return SIG_ERR;
    }
    return sigismember(&was_blocked, sig) ? SIG_HOLD : old.sa_handler;
}

/* The mask without `sig`, swapped in and waited on in one step (sigsuspend): a signal that comes
 * between the two cannot be missed, as it could be between a sigprocmask and a pause. */
int sigpause(int sig) {
    sigset_t mask, unused;

    if (one_signal(sig, &unused) < 0 || sigprocmask(SIG_BLOCK, NULL, &mask) < 0)
        return -1;
    sigdelset(&mask, sig);
    return sigsuspend(&mask);
}
