/* waitpid options and the encoding of the status it reports (the traditional Unix layout). */
#ifndef ABI_WAIT_H
#define ABI_WAIT_H

#define WNOHANG 1
#define WUNTRACED 2

/*
 * Exited with code c: (c & 0xff) << 8.  Killed by signal s: s (and 0x80 if it dumped core).
 * Stopped by signal s (reported with WUNTRACED): (s << 8) | ABI_W_STOPPED.
 */
#define ABI_W_STOPPED 0x7f
#define ABI_W_EXITCODE(code) (((code)&0xff) << 8)
#define ABI_W_TERMSIG(sig) ((sig)&0x7f)
#define ABI_W_STOPCODE(sig) ((((sig)&0xff) << 8) | ABI_W_STOPPED)

#define WIFEXITED(s) (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != ABI_W_STOPPED)
#define WTERMSIG(s) ((s)&0x7f)
#define WIFSTOPPED(s) (((s)&0xff) == ABI_W_STOPPED)
#define WSTOPSIG(s) WEXITSTATUS(s)

#endif
