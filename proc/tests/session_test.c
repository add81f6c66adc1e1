/* Process groups and sessions seen from kernel threads: setsid, getsid, setpgid across sessions
 * and after execve, orphaned groups. The tests run in the ktest thread
 * (pid 1), which leads session 1. */
#include "proc/internal.h"
#include <abi/errno.h>
#include <ktest/ktest.h>
#include <proc/proc.h>

static int park(void *arg) {
    volatile bool *go = arg;
    while (!*go)
        sched_yield();
    return 0;
}

static int results[4];

/* Makes a new session, tries again as its leader, and reports what it saw. */
static int new_session(void *arg) {
    volatile bool *go = arg;
    results[0] = proc_setsid();
    results[1] = proc_setsid();
    results[2] = proc_getsid(0);
    results[3] = proc_setpgid(0, 0);
    while (!*go)
        sched_yield();
    return 0;
}

KTEST(session, setsid_and_getsid) {
    static volatile bool go;
    go = false;
    KEXPECT_EQ(proc_getsid(0), 1);
    KEXPECT_EQ(proc_getsid(31999), -ESRCH);
    KEXPECT_EQ(proc_setsid(), -EPERM); /* pid 1 leads group 1 */

    int pid = kthread_spawn("s", new_session, (void *)&go);
    KASSERT_GT(pid, 1);
    KEXPECT_EQ(proc_getsid(pid), 1); /* inherited */
    while (results[0] == 0)
        sched_yield();
    KEXPECT_EQ(results[0], pid);    /* a new session, its id the leader's pid */
    KEXPECT_EQ(results[1], -EPERM); /* a group leader now */
    KEXPECT_EQ(results[2], pid);
    KEXPECT_EQ(results[3], -EPERM); /* a session leader keeps its group */
    KEXPECT_EQ(proc_getsid(pid), pid);
    KEXPECT_EQ(proc_getpgid(pid), pid);
    KEXPECT_EQ(proc_setpgid(pid, 0), -EPERM); /* a child in another session */
    KEXPECT_EQ(proc_setpgid(pid, 1), -EPERM);

    /* A group of another session cannot be joined. */
    int other = kthread_spawn("o", park, (void *)&go);
    KEXPECT_EQ(proc_setpgid(other, pid), -EPERM);
    KEXPECT_EQ(proc_setpgid(other, 0), 0);
    KEXPECT_EQ(proc_setpgid(other, 1), 0); /* and back */
    /* A child that has called execve: EACCES. */
    proc_find(other)->execed = true;
    KEXPECT_EQ(proc_setpgid(other, 0), -EACCES);
    proc_find(other)->execed = false;
    go = true;
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    KEXPECT_EQ(proc_waitpid(other, UADDR_NULL, 0), other);
}

KTEST(session, orphaned_groups) {
    static volatile bool go;
    go = false;
    int parent = kthread_spawn("p", park, (void *)&go);
    int child = kthread_spawn("c", park, (void *)&go);
    KASSERT_GT(child, 1);
    struct proc *c = proc_find(child);
    KEXPECT_EQ(proc_setpgid(child, 0), 0);
    /* The child's parent (this thread, pid 1) is init: no link, as Linux counts. */
    KEXPECT_TRUE(proc_group_orphaned(child));
    c->parent = proc_find(parent); /* a parent in another group of the session: linked */
    KEXPECT_FALSE(proc_group_orphaned(child));
    KEXPECT_TRUE(proc_group_orphaned_without(child, proc_find(parent)));
    proc_find(parent)->pgid = child; /* in the group itself: no link */
    KEXPECT_TRUE(proc_group_orphaned(child));
    proc_find(parent)->pgid = 1;
    proc_find(parent)->sid = parent; /* in another session: no link */
    KEXPECT_TRUE(proc_group_orphaned(child));
    proc_find(parent)->sid = 1;
    KEXPECT_TRUE(proc_group_orphaned(31999)); /* nobody */
    c->parent = current;
    go = true;
    KEXPECT_EQ(proc_waitpid(parent, UADDR_NULL, 0), parent);
    KEXPECT_EQ(proc_waitpid(child, UADDR_NULL, 0), child);
}
