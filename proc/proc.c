/* The process table: pids, allocation and freeing, lookup, process groups and sessions (see
 * proc/proc.h). */
#define LOG_MODULE "proc"

#include "internal.h"
#include <abi/errno.h>
#include <abi/procinfo.h>
#include <abi/wait.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <proc/proc.h>

static struct proc table[PROC_TABLE_SIZE];
static struct thread thread_table[THREAD_TABLE_SIZE];
static struct proc idle;
static struct thread idle_thread_slot;
static int max_procs = PROC_TABLE_SIZE;
static int live_procs;   /* slots not UNUSED, embryos and zombies included */
static int used_threads; /* thread slots not UNUSED */
static int other_ids;    /* threads whose id is not their process's pid (made by thread_create) */
static int next_pid = 1;
static const struct proc_resource_ops *resource_ops;

struct proc *current = &idle;
struct thread *current_thread = &idle_thread_slot;
struct proc *const idle_proc = &idle;
struct thread *const idle_thread = &idle_thread_slot;

void proc_set_max(int max) {
    max_procs = max < 1 ? 1 : max > PROC_TABLE_SIZE ? PROC_TABLE_SIZE : max;
}

int proc_get_max(void) {
    return max_procs;
}

void proc_set_resource_ops(const struct proc_resource_ops *ops) {
    resource_ops = ops;
}

int proc_resources_create(struct proc *p) {
    return resource_ops && resource_ops->create ? resource_ops->create(p) : 0;
}

int proc_resources_fork(struct proc *parent, struct proc *child) {
    return resource_ops && resource_ops->fork ? resource_ops->fork(parent, child) : 0;
}

void proc_resources_release(struct proc *p) {
    if (resource_ops && resource_ops->release)
        resource_ops->release(p);
}

/* A pid is in use while a slot (zombies too) holds it as its pid, its group or its session: a
 * group or session outlives its leader, and its number must not come to name a new process. */
static bool pid_in_use(int pid) {
    for (int i = 0; i < PROC_TABLE_SIZE; i++) {
        const struct proc *p = &table[i];
        if (p->state != PROC_UNUSED && (p->pid == pid || p->pgid == pid || p->sid == pid))
            return true;
    }
    /* Thread ids come from the same space: a tid never names a process, nor a pid a thread. A
     * first thread's id is its pid, seen above: only the others need the look (fork pays for
     * the scan only while some process has more than one thread). */
    for (int i = 0; other_ids && i < THREAD_TABLE_SIZE; i++) {
        if (thread_table[i].state != THREAD_UNUSED && thread_table[i].tid == pid)
            return true;
    }
    return false;
}

/* The next pid after the last one handed out that no slot uses (see pid_in_use). */
static int alloc_pid(void) {
    for (;;) {
        int pid = next_pid;
        next_pid = next_pid >= PID_MAX ? 2 : next_pid + 1;
        if (!pid_in_use(pid))
            return pid;
    }
}

int proc_alloc_id(void) {
    return alloc_pid();
}

void proc_debug_set_next_pid(int pid) {
    next_pid = pid;
}

/*
 * A thread slot for process `p` with id `tid`, a kernel stack and an FPU area: an EMBRYO that is
 * not yet in p's list. NULL with *err = -EAGAIN (no slot) or -ENOMEM.
 */
struct thread *thread_alloc(struct proc *p, int tid, int *err) {
    struct thread *t = NULL;

    for (int i = 0; i < THREAD_TABLE_SIZE && !t; i++) {
        if (thread_table[i].state == THREAD_UNUSED)
            t = &thread_table[i];
    }
    if (!t) {
        *err = -EAGAIN;
        return NULL;
    }
    *t = (struct thread){.state = THREAD_EMBRYO, .tid = tid, .proc = p, .slice = TIME_SLICE_TICKS};
    used_threads++;
    other_ids += tid != p->pid;
    t->kstack = kstack_alloc(tid);
    t->fpu = fpu_area_alloc();
    if (!t->kstack || !t->fpu) {
        thread_free(t);
        *err = -ENOMEM;
        return NULL;
    }
    t->frame = (struct int_frame *)((char *)t->kstack + KSTACK_SIZE) - 1;
    return t;
}

/* Adds the EMBRYO `t` to its process's list (at the end: the first thread stays first). */
void thread_link(struct thread *t) {
    struct thread **link = &t->proc->threads;

    while (*link)
        link = &(*link)->sibling;
    *link = t;
    t->sibling = NULL;
    t->proc->live_threads++;
}

/* Gives back a thread slot that is off the CPU for good (EMBRYO or DEAD), unlinking it. */
void thread_free(struct thread *t) {
    struct proc *p = t->proc;

    ASSERT_MSG(t != current_thread, "thread_free of the running thread %d", t->tid);
    for (struct thread **link = &p->threads; *link; link = &(*link)->sibling) {
        if (*link == t) {
            *link = t->sibling;
            if (t->state != THREAD_DEAD)
                p->live_threads--; /* an embryo that never ran */
            break;
        }
    }
    if (t->kstack)
        kstack_free(t->kstack);
    kfree(t->fpu);
    t->state = THREAD_UNUSED;
    used_threads--;
    other_ids -= t->tid != p->pid;
}

void thread_reap(struct proc *p) {
    struct thread *t = p->threads;

    while (t) {
        struct thread *next = t->sibling;
        if (t->state == THREAD_DEAD && t != current_thread)
            thread_free(t);
        t = next;
    }
}

void thread_set_id(struct thread *t, int tid) {
    other_ids += (tid != t->proc->pid) - (t->tid != t->proc->pid);
    t->tid = tid;
}

int thread_count(void) {
    return used_threads;
}

struct thread *thread_find(const struct proc *p, int tid) {
    for (struct thread *t = p->threads; t; t = t->sibling) {
        if (t->tid == tid && t->state != THREAD_EMBRYO && t->state != THREAD_DEAD)
            return t;
    }
    return NULL;
}

struct proc *proc_alloc(int *err) {
    struct proc *p = NULL;

    if (live_procs >= max_procs) {
        *err = -EAGAIN;
        return NULL;
    }
    for (int i = 0; i < PROC_TABLE_SIZE; i++) {
        if (table[i].state == PROC_UNUSED) {
            p = &table[i];
            break;
        }
    }
    ASSERT(p != NULL);
    *p = (struct proc){.state = PROC_EMBRYO, .pid = alloc_pid()};
    live_procs++;

    /* Its first thread, whose id is the pid. */
    struct thread *t = thread_alloc(p, p->pid, err);
    if (!t) {
        proc_free(p);
        return NULL;
    }
    thread_link(t);
    p->pgid = p->pid;
    p->sid = p->pid; /* made from scratch: leads its own session (init's is 1) */
    return p;
}

void proc_free(struct proc *p) {
    ASSERT_MSG(p->state == PROC_EMBRYO || p->state == PROC_ZOMBIE, "proc_free of pid %d in state %d", p->pid, p->state);
    if (p->fs)
        proc_resources_release(p);
    if (p->space)
        vm_space_destroy(p->space);
    /* A zombie's threads are all DEAD (and off the CPU: a zombie never runs); an embryo's never ran. */
    while (p->threads)
        thread_free(p->threads);
    p->state = PROC_UNUSED;
    live_procs--;
}

static bool is_live(const struct proc *p) {
    return p->state != PROC_UNUSED && p->state != PROC_EMBRYO;
}

struct proc *proc_find(int pid) {
    if (pid <= 0)
        return NULL;
    for (int i = 0; i < PROC_TABLE_SIZE; i++) {
        if (table[i].pid == pid && is_live(&table[i]))
            return &table[i];
    }
    return NULL;
}

struct proc *proc_next(struct proc *p) {
    for (p = p ? p + 1 : table; p < table + PROC_TABLE_SIZE; p++) {
        if (is_live(p))
            return p;
    }
    return NULL;
}

struct proc *proc_first(void) {
    return proc_next(NULL);
}

int proc_count(void) {
    return live_procs;
}

static uint32_t thread_abi_state(const struct thread *t) {
    switch (t->state) {
    case THREAD_RUNNABLE:
        return ABI_PROC_RUNNABLE;
    case THREAD_STOPPED:
        return ABI_PROC_STOPPED;
    default:
        return ABI_PROC_SLEEPING;
    }
}

/* The process's state as ps shows it: stopped or a zombie as a whole, else running if any of its
 * threads is. */
static uint32_t proc_abi_state(const struct proc *p) {
    if (p->state == PROC_ZOMBIE)
        return ABI_PROC_ZOMBIE;
    if (p->state == PROC_STOPPED)
        return ABI_PROC_STOPPED;
    for (const struct thread *t = p->threads; t; t = t->sibling) {
        if (t->state == THREAD_RUNNABLE)
            return ABI_PROC_RUNNABLE;
    }
    return ABI_PROC_SLEEPING;
}

static bool thread_is_live(const struct thread *t) {
    return t->state != THREAD_EMBRYO && t->state != THREAD_DEAD && t->state != THREAD_UNUSED;
}

int proc_entries(const struct proc *p) {
    int live = 0;

    for (const struct thread *t = p->threads; t; t = t->sibling)
        live += thread_is_live(t);
    return live ? live : 1; /* a zombie (no live thread) is one entry still, under its pid */
}

void proc_describe_entry(const struct proc *p, int k, struct abi_procinfo *info) {
    const struct thread *t = p->threads;
    int live = proc_entries(p);

    for (int i = 0; t; t = t->sibling) {
        if (thread_is_live(t) && i++ == k)
            break;
    }
    memset(info, 0, sizeof(*info)); /* every byte defined: it goes to user space */
    info->pid = p->pid;
    info->ppid = p->parent ? p->parent->pid : 0;
    info->pgid = p->pgid;
    info->state = proc_abi_state(p);
    info->flags = p->kthread_fn ? ABI_PROC_KTHREAD : 0;
    strlcpy(info->name, p->name, sizeof(info->name));
    info->tid = t ? t->tid : p->pid;
    info->thread_state = t ? thread_abi_state(t) : info->state;
    info->threads = t ? (uint32_t)live : 0;
}

void proc_describe(const struct proc *p, struct abi_procinfo *info) {
    proc_describe_entry(p, 0, info);
}

bool proc_group_in_session(int pgid, int sid) {
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->pgid == pgid && p->sid == sid && p->state != PROC_ZOMBIE)
            return true;
    }
    return false;
}

/*
 * The checks in POSIX's order (Linux's too): the target must be the caller or its child (ESRCH),
 * a child in the caller's session that has not exec'd (EPERM, EACCES), not a session leader
 * (EPERM), and the group it joins one of the caller's session (EPERM).
 */
int proc_setpgid(int pid, int pgid) {
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = pid == 0 ? current : proc_find(pid);
    if (!p || p->state == PROC_ZOMBIE || (p != current && p->parent != current))
        return -ESRCH;
    if (p != current && p->sid != current->sid)
        return -EPERM;
    if (p != current && p->execed)
        return -EACCES;
    if (p->sid == p->pid)
        return -EPERM; /* a session leader stays the leader of its group */
    if (pgid == 0)
        pgid = p->pid;
    if (pgid == p->pgid)
        return 0; /* already there: fine (the seed refused this) */
    if (pgid != p->pid && !proc_group_in_session(pgid, current->sid))
        return -EPERM;
    p->pgid = pgid;
    return 0;
}

int proc_getpgid(int pid) {
    struct proc *p = pid == 0 ? current : proc_find(pid);

    return p ? p->pgid : -ESRCH;
}

int proc_setsid(void) {
    struct proc *p = current;

    /* A group leader cannot leave its group behind in the old session; and no group may bear
     * the number the new one takes (pid_in_use keeps one from being made; this is the rule). */
    for (struct proc *q = proc_first(); q; q = proc_next(q)) {
        if (q->pgid == p->pid)
            return -EPERM;
    }
    p->sid = p->pgid = p->pid;
    return p->sid;
}

int proc_getsid(int pid) {
    struct proc *p = pid == 0 ? current : proc_find(pid);

    return p ? p->sid : -ESRCH;
}

bool proc_group_orphaned_without(int pgid, const struct proc *gone) {
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->pgid != pgid || p->state == PROC_ZOMBIE || p == gone)
            continue;
        struct proc *parent = p->parent;
        if (parent && parent != gone && parent->pid != 1 && parent->pgid != pgid && parent->sid == p->sid)
            return false;
    }
    return true;
}

bool proc_group_orphaned(int pgid) {
    return proc_group_orphaned_without(pgid, NULL);
}

void proc_init(void) {
    idle.state = PROC_RUNNABLE;
    strlcpy(idle.name, "idle", sizeof(idle.name));
    idle.threads = &idle_thread_slot;
    idle.live_threads = 1;
    idle_thread_slot.state = THREAD_RUNNABLE;
    idle_thread_slot.proc = &idle;
    idle_thread_slot.fpu = fpu_area_alloc();
    ASSERT_MSG(idle_thread_slot.fpu, "no memory for the idle FPU area");
    fpu_init(idle_thread_slot.fpu);
    log_info("process table: %d slots, time slice %d ticks", PROC_TABLE_SIZE, TIME_SLICE_TICKS);
}
