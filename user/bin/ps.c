/*
 * ps: every process, one a line: its pid, its parent's, its process group, its state (R running
 * or ready, S sleeping, T stopped, Z ended but not yet waited for) and its name. Kernel threads'
 * names are in brackets. The kernel gives the table through the procinfo call (sys/procinfo.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procinfo.h>

int main(int argc, char **argv) {
    static const char states[] = {
        [ABI_PROC_RUNNABLE] = 'R', [ABI_PROC_SLEEPING] = 'S', [ABI_PROC_STOPPED] = 'T', [ABI_PROC_ZOMBIE] = 'Z'};
    struct abi_procinfo *procs = NULL;
    int room = 0, n;

    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: ps\n");
        return 2;
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
    printf("  PID  PPID  PGID S NAME\n");
    for (int i = 0; i < n; i++) {
        const struct abi_procinfo *p = &procs[i];
        char state = p->state < sizeof(states) && states[p->state] ? states[p->state] : '?';
        const char *open = p->flags & ABI_PROC_KTHREAD ? "[" : "", *close = *open ? "]" : "";
        printf("%5d %5d %5d %c %s%.*s%s\n", (int)p->pid, (int)p->ppid, (int)p->pgid, state, open, ABI_PROC_NAME_MAX,
               p->name, close);
    }
    free(procs);
    return 0;
}
