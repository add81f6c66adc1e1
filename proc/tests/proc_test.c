/* Processes seen from kernel threads: pids, the run queue, zombies and orphans, fork rollback. */
#include "proc/internal.h"
#include <abi/errno.h>
#include <abi/wait.h>
#include <arch/cpu.h>
#include <arch/timer.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <mm/pmm.h>
#include <proc/proc.h>

static int return_arg(void *arg) {
    return (int)(uintptr_t)arg;
}

static int yield_n_times(void *arg) {
    for (int i = 0; i < (int)(uintptr_t)arg; i++)
        sched_yield();
    return 0;
}

/* Kernel waitpid with the status in kernel memory: the user-copy check would refuse it, so use a
 * tiny user-space-free variant through a NULL pointer and read the zombie's status first. */
static int wait_for(int pid, int *status) {
    struct proc *p = proc_find(pid);
    if (p && status)
        *status = -1;
    for (;;) {
        p = proc_find(pid);
        if (p && p->state == PROC_ZOMBIE) {
            if (status)
                *status = p->exit_status;
            break;
        }
        if (!p)
            break;
        sched_yield();
    }
    return proc_waitpid(pid, UADDR_NULL, 0);
}

KTEST(proc, kthread_runs_and_is_reaped_with_its_status) {
    int status = 0;
    int before = proc_count();
    int pid = kthread_spawn("t", return_arg, (void *)42);

    KASSERT_GT(pid, 1);
    KEXPECT_EQ(proc_count(), before + 1);
    KEXPECT_EQ(wait_for(pid, &status), pid);
    KEXPECT_TRUE(WIFEXITED(status));
    KEXPECT_EQ(WEXITSTATUS(status), 42);
    KEXPECT_EQ(proc_count(), before);
    KEXPECT_TRUE(proc_find(pid) == NULL);
}

KTEST(proc, waitpid_errors) {
    KEXPECT_EQ(proc_waitpid(-1, UADDR_NULL, WNOHANG), -ECHILD);
    KEXPECT_EQ(proc_waitpid(12345, UADDR_NULL, 0), -ECHILD);
    KEXPECT_EQ(proc_waitpid(-1, UADDR_NULL, 0x100), -EINVAL);
    int pid = kthread_spawn("t", yield_n_times, (void *)3);
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, WNOHANG), 0); /* not done yet */
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);     /* blocks until it is */
}

KTEST(proc, zombie_keeps_its_pid_until_reaped) {
    int pid = kthread_spawn("z", return_arg, (void *)0);

    while (proc_find(pid)->state != PROC_ZOMBIE)
        sched_yield();
    KEXPECT_EQ(proc_find(pid)->state, PROC_ZOMBIE);
    KEXPECT_EQ(proc_getpgid(pid), current->pgid); /* a zombie still exists for getpgid */
    KEXPECT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    KEXPECT_EQ(proc_getpgid(pid), -ESRCH);
}

KTEST(proc, pids_are_not_reused_before_reaping) {
    int zombie = kthread_spawn("z", return_arg, (void *)0);
    while (proc_find(zombie)->state != PROC_ZOMBIE)
        sched_yield();
    /* Make the allocator come round to the zombie's pid next. */
    proc_debug_set_next_pid(zombie);
    int pid = kthread_spawn("t", return_arg, (void *)0);
    KEXPECT_NE(pid, zombie);
    KEXPECT_EQ(wait_for(pid, NULL), pid);
    KEXPECT_EQ(proc_waitpid(zombie, UADDR_NULL, 0), zombie);
    proc_debug_set_next_pid(zombie);
    pid = kthread_spawn("t", return_arg, (void *)0);
    KEXPECT_EQ(pid, zombie); /* reaped: free for reuse */
    KEXPECT_EQ(wait_for(pid, NULL), pid);
}

static int park(void *arg) {
    volatile bool *go = arg;
    while (!*go)
        sched_yield();
    return 0;
}

KTEST(proc, a_pid_is_not_reused_while_it_names_a_group) {
    static volatile bool go, stay;
    go = stay = false;
    int leader = kthread_spawn("l", park, (void *)&go);
    KASSERT_GT(leader, 1);
    KEXPECT_EQ(proc_setpgid(leader, 0), 0);
    int member = kthread_spawn("m", park, (void *)&stay);
    KEXPECT_EQ(proc_setpgid(member, leader), 0);
    go = true;
    KEXPECT_EQ(proc_waitpid(leader, UADDR_NULL, 0), leader); /* the leader is gone, its group is not */
    proc_debug_set_next_pid(leader);
    int next = kthread_spawn("n", park, (void *)&go);
    KEXPECT_NE(next, leader); /* else it would be in a group it never joined, by its number */
    KEXPECT_EQ(proc_waitpid(next, UADDR_NULL, 0), next);
    stay = true;
    KEXPECT_EQ(proc_waitpid(member, UADDR_NULL, 0), member);
    proc_debug_set_next_pid(leader);
    next = kthread_spawn("n", park, (void *)&go);
    KEXPECT_EQ(next, leader); /* the group is gone: free */
    KEXPECT_EQ(proc_waitpid(next, UADDR_NULL, 0), next);
}

KTEST(proc, table_limit_gives_eagain) {
    int max = proc_get_max();
    int pids[8], n = 0, err;

    proc_set_max(proc_count() + 3);
    for (; n < 8; n++) {
        pids[n] = kthread_spawn("t", yield_n_times, (void *)1);
        if (pids[n] < 0)
            break;
    }
    KEXPECT_EQ(n, 3);
    KEXPECT_EQ(pids[n], -EAGAIN);
    KEXPECT_TRUE(proc_alloc(&err) == NULL);
    KEXPECT_EQ(err, -EAGAIN);
    for (int i = 0; i < n; i++)
        KEXPECT_EQ(proc_waitpid(pids[i], UADDR_NULL, 0), pids[i]);
    proc_set_max(max);
}

static int counter;
static int count_and_yield(void *arg) {
    for (int i = 0; i < 5; i++) {
        counter += (int)(uintptr_t)arg;
        sched_yield();
    }
    return 0;
}

KTEST(sched, round_robin_interleaves) {
    counter = 0;
    int a = kthread_spawn("a", count_and_yield, (void *)1);
    int b = kthread_spawn("b", count_and_yield, (void *)100);
    KEXPECT_EQ(sched_queue_length(), 2);
    sched_yield(); /* a runs once, then b, then we are back */
    KEXPECT_EQ(counter, 101);
    KEXPECT_EQ(proc_waitpid(a, UADDR_NULL, 0), a);
    KEXPECT_EQ(proc_waitpid(b, UADDR_NULL, 0), b);
    KEXPECT_EQ(counter, 505);
    KEXPECT_EQ(sched_queue_length(), 0);
}

KTEST(sched, sleep_waits_for_the_timer) {
    uint64_t t0 = timer_ticks();
    KEXPECT_EQ(sleep_ns(50 * 1000 * 1000, NULL), 0); /* 50 ms = 5 ticks */
    KEXPECT_GE(timer_ticks() - t0, 5);
    KEXPECT_LE(timer_ticks() - t0, 7);
}

static struct wait_queue wq;
static volatile int woken;
static int sleeper(void *arg) {
    (void)arg;
    cpu_cli();
    while (!woken)
        sleep_on(&wq, false);
    cpu_sti();
    return 7;
}

KTEST(sched, wait_queue_blocks_without_polling) {
    wait_queue_init(&wq);
    woken = 0;
    int pid = kthread_spawn("s", sleeper, NULL);
    sched_yield();
    KEXPECT_EQ(proc_main_thread(proc_find(pid))->state, THREAD_SLEEPING);
    KEXPECT_EQ(sched_queue_length(), 0); /* asleep: not on the run queue */
    woken = 1;
    wake_all(&wq);
    KEXPECT_EQ(proc_main_thread(proc_find(pid))->state, THREAD_RUNNABLE);
    int status;
    KEXPECT_EQ(wait_for(pid, &status), pid);
    KEXPECT_EQ(WEXITSTATUS(status), 7);
}

static int wake_queue(void *arg) {
    (void)arg;
    sched_yield();
    wake_all(&wq);
    return 0;
}

KTEST(sched, sleep_on_until_ends_at_the_deadline_or_a_wake_up) {
    wait_queue_init(&wq);
    bool irq = irq_save();
    uint64_t t0 = timer_ticks();
    KEXPECT_EQ(sleep_on_until(&wq, t0 + 3), 0); /* nobody wakes it: the deadline does */
    KEXPECT_GE(timer_ticks(), t0 + 3);
    KEXPECT_LE(timer_ticks(), t0 + 5);
    KEXPECT_EQ(sleep_on_until(&wq, t0), 0); /* a deadline passed: at once */
    int pid = kthread_spawn("w", wake_queue, NULL);
    t0 = timer_ticks();
    KEXPECT_EQ(sleep_on_until(&wq, t0 + 100), 0); /* woken long before it */
    KEXPECT_LT(timer_ticks(), t0 + 50);
    irq_restore(irq);
    KEXPECT_EQ(wait_for(pid, NULL), pid);
    KEXPECT_TRUE(wq.head == NULL);
}

static int spawn_grandchild_and_exit(void *arg) {
    int *grandchild = arg;
    *grandchild = kthread_spawn("g", yield_n_times, (void *)20);
    return 0;
}

KTEST(proc, orphans_go_to_init) {
    /* The test thread is pid 1 here, so it plays init. */
    KASSERT_EQ(current->pid, 1);
    int grandchild = 0;
    int child = kthread_spawn("c", spawn_grandchild_and_exit, &grandchild);
    KEXPECT_EQ(wait_for(child, NULL), child);
    KASSERT_GT(grandchild, 0);
    struct proc *g = proc_find(grandchild);
    KASSERT_TRUE(g != NULL);
    KEXPECT_EQ(g->parent, current);
    KEXPECT_EQ(proc_waitpid(grandchild, UADDR_NULL, 0), grandchild);
}

KTEST(proc, process_groups) {
    int a = kthread_spawn("a", yield_n_times, (void *)50);
    int b = kthread_spawn("b", yield_n_times, (void *)50);

    KEXPECT_EQ(proc_getpgid(a), current->pgid); /* children start in our group */
    KEXPECT_EQ(proc_setpgid(a, 0), 0);          /* a leads its own group */
    KEXPECT_EQ(proc_getpgid(a), a);
    KEXPECT_EQ(proc_setpgid(a, a), 0); /* joining the group it is in: fine */
    KEXPECT_EQ(proc_setpgid(b, a), 0); /* b joins a's group */
    KEXPECT_EQ(proc_getpgid(b), a);
    KEXPECT_EQ(proc_setpgid(b, -1), -EINVAL);
    KEXPECT_EQ(proc_setpgid(b, 31000), -EPERM); /* no such group */
    KEXPECT_EQ(proc_setpgid(31000, 0), -ESRCH); /* no such process */
    KEXPECT_EQ(proc_getpgid(31000), -ESRCH);
    KEXPECT_EQ(proc_waitpid(-a, UADDR_NULL, 0) > 0, 1); /* waits by group */
    KEXPECT_EQ(proc_waitpid(-a, UADDR_NULL, 0) > 0, 1);
    KEXPECT_EQ(proc_waitpid(-a, UADDR_NULL, WNOHANG), -ECHILD);
}

KTEST(proc, no_frames_left_behind) {
    size_t free0 = pmm_free_count();

    for (int i = 0; i < 200; i++) {
        int pid = kthread_spawn("t", return_arg, (void *)0);
        KASSERT_GT(pid, 0);
        KASSERT_EQ(proc_waitpid(pid, UADDR_NULL, 0), pid);
    }
    KEXPECT_EQ(pmm_free_count(), free0);
}

KTEST(proc, fork_out_of_memory_at_every_step_leaves_nothing) {
    int err;
    struct proc *parent = proc_alloc(&err);
    KASSERT_TRUE(parent != NULL);
    parent->space = vm_space_create(parent->pid);
    KASSERT_TRUE(parent->space != NULL);
    uintptr_t addr = USER_BASE;
    KASSERT_EQ(vm_map(parent->space, &addr, 8 * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED), 0);
    KASSERT_EQ(vm_copy_in(parent->space, USER_BASE, "data", 5), 0);
    KASSERT_EQ(vm_map_stack(parent->space), 0);
    KASSERT_EQ(vm_copy_in(parent->space, USER_TOP - 16, "stack", 6), 0);
    proc_main_thread(parent)->frame->user_esp = USER_TOP - 16;

    int failures = 0, procs0 = proc_count();
    for (size_t budget = 0; budget < 64; budget++) {
        hold_all_but(budget);
        size_t before = pmm_free_count();
        int pid = proc_fork(parent, proc_main_thread(parent)->frame);
        release_pressure();
        if (pid > 0) {
            /* Take the child back before it runs (its frame is not a real program). */
            struct proc *child = proc_find(pid);
            sched_detach(proc_main_thread(child));
            proc_main_thread(child)->state = THREAD_DEAD;
            child->state = PROC_ZOMBIE;
            KEXPECT_EQ(proc_main_thread(child)->frame->eax, 0);
            /* One frame in one page table, which both directories point at (vm_space_fork). */
            KEXPECT_EQ(vm_translate(child->space, USER_BASE), vm_translate(parent->space, USER_BASE));
            KEXPECT_EQ(PTE_ADDR(child->space->pgdir[PDX(USER_BASE)]), PTE_ADDR(parent->space->pgdir[PDX(USER_BASE)]));
            proc_free(child);
            break;
        }
        KEXPECT_EQ(pid, -ENOMEM);
        KEXPECT_EQ(proc_count(), procs0);
        hold_all_but(before); /* the same pressure again, to compare */
        KEXPECT_EQ(pmm_free_count(), before);
        release_pressure();
        failures++;
    }
    KEXPECT_GT(failures, 3);

    /* With memory to spare, the stack hook gives the child its own copy of the top stack page. */
    int pid = proc_fork(parent, proc_main_thread(parent)->frame);
    KASSERT_GT(pid, 0);
    struct proc *child = proc_find(pid);
    sched_detach(proc_main_thread(child));
    proc_main_thread(child)->state = THREAD_DEAD;
    child->state = PROC_ZOMBIE;
    KEXPECT_NE(vm_translate(child->space, USER_TOP - 16), vm_translate(parent->space, USER_TOP - 16));
    KEXPECT_EQ(vm_translate(child->space, USER_BASE), vm_translate(parent->space, USER_BASE));
    KEXPECT_TRUE(*vm_pte(parent->space, USER_TOP - 16) & PTE_W); /* the parent may write at once */
    proc_free(child);
    proc_free(parent);
}
