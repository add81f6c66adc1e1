/* waitpid options and the encoding of the status it reports (the traditional Unix layout). */
#ifndef ABI_WAIT_H
#define ABI_WAIT_H

#define WNOHANG 1
#define WUNTRACED 2

/* Exited with code c: (c & 0xff) << 8.  Killed by signal s: s (and 0x80 if it dumped core). */
#define ABI_W_EXITCODE(code) (((code)&0xff) << 8)
#define ABI_W_TERMSIG(sig) ((sig)&0x7f)

#define WIFEXITED(s) (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s)&0x7f) != 0 && ((s)&0x7f) != 0x7f)
#define WTERMSIG(s) ((s)&0x7f)
#define WIFSTOPPED(s) (((s)&0xff) == 0x7f)
#define WSTOPSIG(s) WEXITSTATUS(s)

#endif
