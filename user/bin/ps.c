/*
 * ps [-e | -A] [-T]: every process, one a line: its pid, its parent's, its process group, its state (R running
 * or ready, S sleeping, T stopped, Z ended but not yet waited for) and its name. Kernel threads'
 * names are in brackets. ps -T: every thread, one a line, with its id (TID) and its own state.
 * The kernel gives the table through the procinfo call (sys/procinfo.h): one entry per thread,
 * a process's entries one after another.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procinfo.h>

int main(int argc, char **argv) {
    static const char states[] = {
        [ABI_PROC_RUNNABLE] = 'R', [ABI_PROC_SLEEPING] = 'S', [ABI_PROC_STOPPED] = 'T', [ABI_PROC_ZOMBIE] = 'Z'};
    struct abi_procinfo *procs = NULL;
    int room = 0, n;

    /* -e and -A (POSIX: every process) and BSD's "ax"/"aux" change nothing: every process is
     * listed anyway (and u's user columns are not kept). -T: threads. */
    bool threads = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool bsd = a[0] != '-' && strspn(a, "aux") == strlen(a) && strchr(a, 'x');
        if (!bsd && (a[0] != '-' || !a[1] || strspn(a + 1, "eAT") != strlen(a + 1))) {
            fprintf(stderr, "ps: %s: unknown option\nusage: ps [-e | -A] [-T]\n", a);
            return 2;
        }
        threads |= !bsd && strchr(a, 'T');
    }
    /* Processes may come and go between two calls: ask until everything fitted. */
    while ((n = procinfo(procs, (unsigned)room)) > room) {
        room = n + 8;
        free(procs);
        if (!(procs = malloc((size_t)room * sizeof(*procs)))) {
            fprintf(stderr, "ps: %s\n", strerror(errno));
            return 1;
        }
    }
    if (n < 0) {
        fprintf(stderr, "ps: %s\n", strerror(errno));
        return 1;
    }
    printf(threads ? "  PID   TID  PPID  PGID S NAME\n" : "  PID  PPID  PGID S NAME\n");
    for (int i = 0; i < n; i++) {
        const struct abi_procinfo *p = &procs[i];
        if (!threads && i > 0 && procs[i - 1].pid == p->pid)
            continue; /* the process's other threads */
        uint32_t s = threads ? p->thread_state : p->state;
        char state = s < sizeof(states) && states[s] ? states[s] : '?';
        const char *open = p->flags & ABI_PROC_KTHREAD ? "[" : "", *close = *open ? "]" : "";
        if (threads)
            printf("%5d %5d %5d %5d %c %s%.*s%s\n", (int)p->pid, (int)p->tid, (int)p->ppid, (int)p->pgid, state, open,
                   ABI_PROC_NAME_MAX, p->name, close);
        else
            printf("%5d %5d %5d %c %s%.*s%s\n", (int)p->pid, (int)p->ppid, (int)p->pgid, state, open, ABI_PROC_NAME_MAX,
                   p->name, close);
    }
    free(procs);
    return 0;
}
