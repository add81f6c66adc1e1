/*
 * Threads seen from the kernel: a process's first thread, thread slots and ids, the end of one
 * thread and of the last, an exit that ends the others, and what procinfo says. The threads here
 * run kernel functions in kernel-thread processes; user/tests/thread_test.c does the same with
 * the system calls.
 */
#include "proc/internal.h"
#include <abi/errno.h>
#include <abi/procinfo.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <ktest/ktest.h>
#include <proc/proc.h>

static struct wait_queue never_woken;
static volatile int second_ran, second_done;

/* A second thread that ends at once (its process goes on). */
static void second_ends(void) {
    cpu_sti();
    second_ran = 1;
    thread_end();
}

/* A second thread that sleeps until its process's end interrupts it. */
static void second_sleeps(void) {
    cpu_sti();
    second_ran = 1;
    cpu_cli();
    while (sleep_on(&never_woken, true) != -EINTR)
        ;
    second_done = 1;
    cpu_sti();
    thread_end();
}

/* Adds a thread running `entry` to the current process. */
static int add_thread(void (*entry)(void)) {
    int err;
    struct thread *t = thread_alloc(current, proc_alloc_id(), &err);
    if (!t)
        return err;
    thread_link(t);
    fpu_reset(t);
    sched_prepare_stack(t, entry);
    thread_commit(t);
    return t->tid;
}

static int wait_for_zombie(int pid) {
    struct proc *p;
    while ((p = proc_find(pid)) && p->state != PROC_ZOMBIE)
        sched_yield();
    return p ? p->exit_status : -1;
}

KTEST(thread, first_thread_has_the_pid_and_a_slot) {
    int err, before = thread_count();
    struct proc *p = proc_alloc(&err);

    KASSERT_TRUE(p != NULL);
    KEXPECT_EQ(thread_count(), before + 1);
    KEXPECT_EQ(proc_main_thread(p)->tid, p->pid);
    KEXPECT_EQ(p->live_threads, 1);
    KEXPECT_TRUE(proc_main_thread(p)->proc == p);
    proc_free(p);
    KEXPECT_EQ(thread_count(), before);
}

KTEST(thread, ids_and_pids_share_one_space) {
    int err;
    struct proc *p = proc_alloc(&err);
    KASSERT_TRUE(p != NULL);
    struct thread *t = thread_alloc(p, proc_alloc_id(), &err);
    KASSERT_TRUE(t != NULL);
    thread_link(t);
    /* The next pid would be the thread's id: it is skipped. */
    proc_debug_set_next_pid(t->tid);
    struct proc *q = proc_alloc(&err);
    KASSERT_TRUE(q != NULL);
    KEXPECT_NE(q->pid, t->tid);
    KEXPECT_EQ(p->live_threads, 2);
    proc_free(q);
    proc_free(p);
}

static int ends_its_second(void *arg) {
    (void)arg;
    second_ran = 0;
    int tid = add_thread(second_ends);
    if (tid <= 0)
        return 1;
    while (!second_ran || current->live_threads != 1)
        sched_yield();
    /* Its slot is still held (the thread may have been on its stack until it switched away)... */
    struct thread *t = current->threads->sibling;
    if (!t || t->state != THREAD_DEAD || thread_find(current, tid))
        return 2;
    /* ...until the next reap. */
    thread_reap(current);
    return current->threads->sibling == NULL ? 0 : 3;
}

KTEST(thread, a_thread_ends_and_its_process_goes_on) {
    int before = thread_count();
    int pid = kthread_spawn("two", ends_its_second, NULL);

    KASSERT_GT(pid, 0);
    int status = wait_for_zombie(pid);
    KEXPECT_TRUE(WIFEXITED(status));
    KEXPECT_EQ(WEXITSTATUS(status), 0);
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    KEXPECT_EQ(thread_count(), before);
}

static int exits_with_a_sleeper(void *arg) {
    (void)arg;
    second_ran = second_done = 0;
    if (add_thread(second_sleeps) <= 0)
        return 1;
    while (!second_ran)
        sched_yield();
    return 5; /* proc_exit(5): the sleeper is woken and ends, the last one makes the zombie */
}

KTEST(thread, exit_ends_every_thread_and_the_last_makes_the_zombie) {
    int before = thread_count();
    wait_queue_init(&never_woken);
    int pid = kthread_spawn("exit", exits_with_a_sleeper, NULL);

    KASSERT_GT(pid, 0);
    int status = wait_for_zombie(pid);
    KEXPECT_TRUE(WIFEXITED(status));
    KEXPECT_EQ(WEXITSTATUS(status), 5);
    KEXPECT_EQ(second_done, 1);
    struct proc *p = proc_find(pid);
    KASSERT_TRUE(p != NULL);
    KEXPECT_EQ(p->live_threads, 0);
    for (struct thread *t = p->threads; t; t = t->sibling)
        KEXPECT_EQ(t->state, THREAD_DEAD);
    /* A zombie is one procinfo entry, under its pid. */
    struct abi_procinfo info;
    KEXPECT_EQ(proc_entries(p), 1);
    proc_describe_entry(p, 0, &info);
    KEXPECT_EQ(info.tid, pid);
    KEXPECT_EQ(info.threads, 0u);
    KEXPECT_EQ(info.state, (uint32_t)ABI_PROC_ZOMBIE);
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    KEXPECT_EQ(thread_count(), before);
}

static volatile int describe_ok;

static int describes_itself(void *arg) {
    (void)arg;
    second_ran = 0;
    int tid = add_thread(second_sleeps);
    if (tid <= 0)
        return 1;
    while (!second_ran)
        sched_yield();
    struct abi_procinfo a, b;
    describe_ok = proc_entries(current) == 2;
    proc_describe_entry(current, 0, &a);
    proc_describe_entry(current, 1, &b);
    describe_ok &= a.pid == current->pid && b.pid == current->pid && a.tid == current->pid && b.tid == tid;
    describe_ok &= a.threads == 2 && b.threads == 2;
    describe_ok &= a.thread_state == ABI_PROC_RUNNABLE && b.thread_state == ABI_PROC_SLEEPING;
    return 0;
}

KTEST(thread, procinfo_has_an_entry_per_thread) {
    int before = thread_count();
    wait_queue_init(&never_woken);
    describe_ok = 0;
    int pid = kthread_spawn("desc", describes_itself, NULL);

    KASSERT_GT(pid, 0);
    wait_for_zombie(pid);
    KEXPECT_EQ(describe_ok, 1);
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    KEXPECT_EQ(thread_count(), before);
}
