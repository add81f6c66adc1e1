/*
 * procinfo, the call behind ps: one struct abi_procinfo per process, at most `count`, and the
 * number of processes. Every field of the caller and of children in each state; a buffer too
 * small; every byte written defined; a bad buffer fails with EFAULT before anything is written.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/procinfo.h>

#include "check.h"

#define MAX 64

static struct abi_procinfo procs[MAX];

/* The entry of `pid` in a fresh listing, or NULL. */
static struct abi_procinfo *find(pid_t pid) {
    int n = procinfo(procs, MAX);
    CHECK(n > 0 && n <= MAX);
    for (int i = 0; i < n; i++) {
        if (procs[i].pid == pid)
            return &procs[i];
    }
    return NULL;
}

static void test_self(void) {
    struct abi_procinfo *me = find(getpid());
    CHECK(me != NULL);
    CHECK_EQ(me->ppid, getppid());
    CHECK_EQ(me->pgid, getpgrp());
    CHECK_EQ(me->state, ABI_PROC_RUNNABLE);
    CHECK_EQ(me->flags, 0);
    CHECK_EQ(strcmp(me->name, "procinfo_test"), 0);
    /* init sleeps in waitpid once it has started this program, but this program may run first. */
    struct abi_procinfo *init = find(1);
    for (int tries = 0; init && init->state != ABI_PROC_SLEEPING && tries < 500; tries++) {
        usleep(10000);
        init = find(1);
    }
    CHECK(init != NULL);
    CHECK_EQ(init->ppid, 0);
    CHECK_EQ(init->state, ABI_PROC_SLEEPING);
    CHECK_EQ(strcmp(init->name, "init"), 0);
    PASS("the caller (running) and init (sleeping in wait): pid, ppid, pgid, state, name");
}

static void test_states(void) {
    pid_t sleeping = fork();
    if (sleeping == 0) {
        setpgid(0, 0);
        sleep(1000);
        _exit(0);
    }
    setpgid(sleeping, sleeping);
    pid_t stopped = fork();
    if (stopped == 0) {
        raise(SIGSTOP);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(stopped, &status, WUNTRACED), stopped);
    pid_t zombie = fork();
    if (zombie == 0)
        _exit(3);
    struct abi_procinfo *p;
    while (!(p = find(zombie)) || p->state != ABI_PROC_ZOMBIE)
        sched_yield();
    CHECK_EQ(p->ppid, getpid());
    while (!(p = find(sleeping)) || p->state != ABI_PROC_SLEEPING)
        sched_yield();
    CHECK_EQ(p->pgid, sleeping);
    CHECK_EQ(p->ppid, getpid());
    p = find(stopped);
    CHECK(p != NULL);
    CHECK_EQ(p->state, ABI_PROC_STOPPED);
    CHECK_EQ(p->pgid, getpgrp());
    PASS("children: sleeping (in its own group), stopped, zombie");

    CHECK_EQ(waitpid(zombie, &status, 0), zombie);
    CHECK_EXITED(status, 3);
    CHECK(find(zombie) == NULL);
    CHECK_EQ(kill(sleeping, SIGKILL), 0);
    CHECK_EQ(kill(stopped, SIGKILL), 0);
    CHECK_EQ(waitpid(sleeping, &status, 0), sleeping);
    CHECK_EQ(waitpid(stopped, &status, 0), stopped);
    CHECK(find(sleeping) == NULL && find(stopped) == NULL);
    PASS("a reaped process is gone from the listing");
}

static void test_counts(void) {
    int n = procinfo(NULL, 0);
    CHECK(n >= 2); /* init and the caller */
    CHECK_EQ(procinfo(procs, MAX), n);
    pid_t child = fork();
    if (child == 0) {
        sleep(1000);
        _exit(0);
    }
    CHECK_EQ(procinfo(NULL, 0), n + 1);

    /* Room for one: one entry written, the next untouched, and the count of all. */
    memset(procs, 0xAB, sizeof(procs));
    CHECK_EQ(procinfo(procs, 1), n + 1);
    CHECK(procs[0].pid > 0);
    unsigned char *after = (unsigned char *)&procs[1];
    for (size_t i = 0; i < sizeof(procs[1]); i++)
        CHECK_EQ(after[i], 0xAB);
    PASS("count 0 asks how many; a short buffer gets `count` entries and the number of all");

    /* Every byte of an entry is defined: the name is padded with zeros, nothing else is left. */
    memset(procs, 0xAB, sizeof(procs));
    int all = procinfo(procs, MAX);
    for (int i = 0; i < all; i++) {
        size_t len = strnlen(procs[i].name, sizeof(procs[i].name));
        CHECK(len < sizeof(procs[i].name));
        for (size_t j = len; j < sizeof(procs[i].name); j++)
            CHECK_EQ(procs[i].name[j], 0);
        CHECK(procs[i].state >= ABI_PROC_RUNNABLE && procs[i].state <= ABI_PROC_ZOMBIE);
        CHECK_EQ(procs[i].flags & ~ABI_PROC_KTHREAD, 0);
    }
    PASS("every byte written is defined: names end in zeros, states and flags are known values");

    int status;
    CHECK_EQ(kill(child, SIGKILL), 0);
    CHECK_EQ(waitpid(child, &status, 0), child);
}

static void test_faults(void) {
    CHECK_ERR(procinfo((struct abi_procinfo *)8, 4), EFAULT);
    CHECK_ERR(procinfo((struct abi_procinfo *)0xC0000000u, 4), EFAULT);
    /* The first entry fits in the last mapped page, the second does not: nothing is written. */
    char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED);
    CHECK_EQ(munmap(page + 4096, 4096), 0); /* the page after it is unmapped */
    char *end = page + 4096 - sizeof(struct abi_procinfo);
    memset(page, 0x5A, 4096);
    CHECK_ERR(procinfo((struct abi_procinfo *)end, 2), EFAULT);
    for (int i = 0; i < 4096; i++)
        CHECK_EQ((unsigned char)page[i], 0x5A);
    CHECK_EQ(procinfo((struct abi_procinfo *)end, 1) >= 2, 1);
    CHECK_EQ(munmap(page, 4096), 0);
    char *readonly = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(readonly != MAP_FAILED);
    CHECK_ERR(procinfo((struct abi_procinfo *)readonly, 1), EFAULT);
    CHECK_EQ(munmap(readonly, 4096), 0);
    PASS("EFAULT: a null page, the kernel's addresses, a buffer running off its page (nothing written), read-only");
}

int main(void) {
    test_self();
    test_states();
    test_counts();
    test_faults();
    return done_testing();
}
