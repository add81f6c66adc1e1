/* waitpid options and the encoding of the status it reports (the traditional Unix layout). */
#ifndef ABI_WAIT_H
#define ABI_WAIT_H

#define WNOHANG 1
#define WUNTRACED 2

/*
 * Exited with code c: (c & 0xff) << 8.  Killed by signal s: s (and 0x80 if it dumped core).
 * Stopped by signal s (reported with WUNTRACED): (s << 8) | ABI_W_STOPPED.
 */
#define ABI_W_SIGNAL_MASK 0x7f /* bits 6..0: the signal that ended it, 0 for an exit */
#define ABI_W_COREDUMP 0x80    /* with a signal: its default action was "terminate with core" */
#define ABI_W_STOPPED 0x7f     /* bits 7..0 of the status of a stopped process */
#define ABI_W_SHIFT 8          /* bits 15..8: the exit code, or the stop signal */
#define ABI_W_BYTE 0xff

#define ABI_W_EXITCODE(code) (((code)&ABI_W_BYTE) << ABI_W_SHIFT)
#define ABI_W_TERMSIG(sig) ((sig)&ABI_W_SIGNAL_MASK)
#define ABI_W_STOPCODE(sig) ((((sig)&ABI_W_BYTE) << ABI_W_SHIFT) | ABI_W_STOPPED)

#define WIFEXITED(s) (((s)&ABI_W_SIGNAL_MASK) == 0)
#define WEXITSTATUS(s) (((s) >> ABI_W_SHIFT) & ABI_W_BYTE)
#define WIFSIGNALED(s) (((s)&ABI_W_SIGNAL_MASK) != 0 && ((s)&ABI_W_SIGNAL_MASK) != ABI_W_STOPPED)
#define WTERMSIG(s) ((s)&ABI_W_SIGNAL_MASK)
#define WCOREDUMP(s) (WIFSIGNALED(s) && ((s)&ABI_W_COREDUMP) != 0)
#define WIFSTOPPED(s) (((s)&ABI_W_BYTE) == ABI_W_STOPPED)
#define WSTOPSIG(s) WEXITSTATUS(s)

#endif
