/*
 * Limits: C's (CHAR_BIT, INT_MAX...) from clang's own <limits.h>, and POSIX's, each the value the
 * kernel or this libc really enforces (docs/libc.md says where each comes from). A limit that can
 * change while the system runs is left out, as POSIX asks: sysconf reports it (CHILD_MAX, which the
 * kernel's maxproc= lowers).
 */
#ifndef _LIMITS_H_LUNE
#define _LIMITS_H_LUNE

#include_next <limits.h>

/* The kernel's limits (proc/exec.h, fs/file.h, fs/vfs.h, arch/x86 layout.h). */
#define ARG_MAX 4096  /* bytes of execve's argument and environment strings, NULs included */
#define OPEN_MAX 32   /* descriptors of one process */
#define PAGESIZE 4096 /* bytes of a page */
#define PAGE_SIZE PAGESIZE
#define PATH_MAX 256  /* bytes of a path given to a call, its NUL included */
#define NAME_MAX 59   /* bytes of one path component; a longer one is ENAMETOOLONG */
#define PIPE_BUF 4096 /* a write of at most this many bytes to a pipe is atomic */
#define NGROUPS_MAX 0 /* no supplementary groups (no user or group ids at all) */
#define SSIZE_MAX INT_MAX

/* The libc's limits. */
#define ATEXIT_MAX 32             /* functions atexit registers */
#define STREAM_MAX 32             /* stdio streams: each holds a descriptor */
#define TIMER_MAX 32              /* POSIX timers of one process (the kernel's PTIMER_MAX) */
#define DELAYTIMER_MAX 2147483647 /* timer_getoverrun's largest count (ABI_DELAYTIMER_MAX) */
#define LINE_MAX 2048             /* POSIX's least; the shell and the utilities read lines of any length */

/* XSI */
#define LONG_BIT 32
#define WORD_BIT 32
#define NZERO 20

/* POSIX's least values for the limits above, whatever this system allows. */
#define _POSIX_ARG_MAX 4096
#define _POSIX_CHILD_MAX 25
#define _POSIX_HOST_NAME_MAX 255
#define _POSIX_LINK_MAX 8
#define _POSIX_LOGIN_NAME_MAX 9
#define _POSIX_MAX_CANON 255
#define _POSIX_MAX_INPUT 255
#define _POSIX_NAME_MAX 14
#define _POSIX_NGROUPS_MAX 8
#define _POSIX_OPEN_MAX 20
#define _POSIX_PATH_MAX 256
#define _POSIX_PIPE_BUF 512
#define _POSIX_RE_DUP_MAX 255
#define _POSIX_SSIZE_MAX 32767
#define _POSIX_STREAM_MAX 8
#define _POSIX_SYMLINK_MAX 255
#define _POSIX_SYMLOOP_MAX 8
#define _POSIX_TTY_NAME_MAX 9
#define _POSIX_TZNAME_MAX 6
#define _POSIX_CLOCKRES_MIN 20000000
#define _POSIX_SIGQUEUE_MAX 32
#define _POSIX_RTSIG_MAX 8
#define _POSIX_TIMER_MAX 32
#define _POSIX_DELAYTIMER_MAX 32
#define _POSIX_AIO_LISTIO_MAX 2
#define _POSIX_AIO_MAX 1
#define _POSIX_MQ_OPEN_MAX 8
#define _POSIX_MQ_PRIO_MAX 32
#define _POSIX_SEM_NSEMS_MAX 256
#define _POSIX_SEM_VALUE_MAX 32767
#define _POSIX_THREAD_DESTRUCTOR_ITERATIONS 4
#define _POSIX_THREAD_KEYS_MAX 128
#define _POSIX_THREAD_THREADS_MAX 64
#define _POSIX2_BC_BASE_MAX 99
#define _POSIX2_BC_DIM_MAX 2048
#define _POSIX2_BC_SCALE_MAX 99
#define _POSIX2_BC_STRING_MAX 1000
#define _POSIX2_CHARCLASS_NAME_MAX 14
#define _POSIX2_COLL_WEIGHTS_MAX 2
#define _POSIX2_EXPR_NEST_MAX 32
#define _POSIX2_LINE_MAX 2048
#define _POSIX2_RE_DUP_MAX 255
#define _XOPEN_IOV_MAX 16
#define _XOPEN_NAME_MAX 255
#define _XOPEN_PATH_MAX 1024

#endif
