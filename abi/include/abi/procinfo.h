/* What the procinfo call reports about each thread of each process (for ps and ps -T). */
#ifndef ABI_PROCINFO_H
#define ABI_PROCINFO_H

#include <stdint.h>

/* state */
#define ABI_PROC_RUNNABLE 1 /* running, or ready to */
#define ABI_PROC_SLEEPING 2 /* waiting for something: input, a child, the time */
#define ABI_PROC_STOPPED 3  /* by SIGSTOP, SIGTSTP, SIGTTIN or SIGTTOU, until SIGCONT */
#define ABI_PROC_ZOMBIE 4   /* ended, its parent has not yet waited for it */

/* flags */
#define ABI_PROC_KTHREAD 1u /* a kernel thread: no user program */

#define ABI_PROC_NAME_MAX 16

struct abi_procinfo {
    int32_t pid;
    int32_t ppid; /* 0 for init and kernel threads */
    int32_t pgid;
    uint32_t state; /* ABI_PROC_* */
    uint32_t flags;
    char name[ABI_PROC_NAME_MAX]; /* the program's name, NUL-terminated */
    int32_t tid;                  /* the thread this entry is about (a zombie: its pid) */
    uint32_t thread_state;        /* ABI_PROC_*: that thread's own (state is the process's) */
    uint32_t threads;             /* how many threads the process has (a zombie: 0) */
};
_Static_assert(sizeof(struct abi_procinfo) == 48, "struct abi_procinfo is part of the ABI");

#endif
