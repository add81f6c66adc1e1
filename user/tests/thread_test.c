/*
 * Threads through the raw calls (abi/thread.h): thread_create, thread_exit, gettid, futex,
 * tgkill, set_tls, and what the rest of the kernel does with several threads in a process:
 * per-thread masks and signals, exit and fatal signals ending every thread, fork and execve from
 * a thread, stop and continue, procinfo's entries. The pthread library is built on these calls;
 * this test does without it, so that it tests the kernel alone.
 *
 * Only the first thread uses stdio and checks; the others only touch their own words and make
 * raw calls (errno is not per-thread without libc's TLS).
 */
#include "check.h"
#include <abi/thread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/procinfo.h>
#include <sys/syscall.h>

#define STACK_SIZE 16384

struct thread {
    struct abi_thread_start start;
    volatile uint32_t alive; /* the clear_tid word: 1 until the kernel clears it at the end */
    void (*fn)(struct thread *);
    volatile long result[4]; /* what the thread reports */
    volatile int go;         /* set by the first thread to let it go on */
    long arg;                /* what it is given (set before start_thread) */
    long tid;
    uint8_t *stack;
};

static long raw_futex(volatile uint32_t *word, int op, uint32_t val, const struct timespec *timeout) {
    return syscall(SYS_futex, word, op, val, timeout);
}

static __attribute__((noreturn, used)) void thread_entry(struct thread *t) {
    t->fn(t);
    syscall(SYS_thread_exit);
    for (;;)
        ; /* never reached */
}

/* Starts fn in a new thread; its stack is malloc'd, the struct says everything about it. */
static long start_thread(struct thread *t, void (*fn)(struct thread *), uint32_t tls) {
    t->fn = fn;
    t->alive = 1;
    t->go = 0;
    for (int i = 0; i < 4; i++)
        t->result[i] = 0;
    t->stack = malloc(STACK_SIZE);
    CHECK(t->stack != NULL);
    /* thread_entry is entered as if called: its argument at esp + 4, 16-aligned (i386 ABI). */
    uint32_t top = ((uint32_t)t->stack + STACK_SIZE) & ~15u;
    ((uint32_t *)top)[-4] = (uint32_t)t; /* the argument, at top - 16 */
    ((uint32_t *)top)[-5] = 0;           /* a return address nobody uses */
    /* tls 0: the creator's thread pointer, so that the libc (errno is a TLS variable) works there. */
    if (!tls)
        __asm__ volatile("movl %%gs:0, %0" : "=r"(tls));
    t->start = (struct abi_thread_start){
        .eip = (uint32_t)thread_entry, .esp = top - 20, .tls = tls, .clear_tid = (uint32_t)&t->alive};
    t->tid = syscall(SYS_thread_create, &t->start);
    return t->tid;
}

/* Waits until the kernel has cleared the thread's word (it has ended), then frees its stack. */
static void join_thread(struct thread *t) {
    uint32_t w;
    while ((w = t->alive) != 0)
        raw_futex(&t->alive, ABI_FUTEX_WAIT, w, NULL);
    free(t->stack);
    t->stack = NULL;
}

static void sleep_ms(long ms) {
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

/* --- create, gettid, join ------------------------------------------------------------------ */

static void report_ids(struct thread *t) {
    t->result[0] = syscall(SYS_gettid);
    t->result[1] = syscall(SYS_getpid);
}

static void test_create_and_join(void) {
    struct thread t;

    CHECK_EQ(syscall(SYS_gettid), getpid());
    PASS("the first thread's id is the pid");

    long tid = start_thread(&t, report_ids, 0);
    CHECK(tid > 0);
    CHECK(tid != getpid());
    join_thread(&t);
    CHECK_EQ(t.result[0], tid);
    CHECK_EQ(t.result[1], getpid());
    PASS("a new thread runs in the same process with its own id; its end clears and wakes clear_tid");

    CHECK_ERR(syscall(SYS_thread_create, NULL), EFAULT);
    CHECK_ERR(syscall(SYS_thread_create, (void *)0xC0000000u), EFAULT);
    PASS("thread_create: EFAULT for an unreadable start");
}

/* --- futex --------------------------------------------------------------------------------- */

static volatile uint32_t futex_word;

static void futex_sleeper(struct thread *t) {
    t->result[0] = raw_futex(&futex_word, ABI_FUTEX_WAIT, 0, NULL);
}

static void test_futex(void) {
    static uint32_t words[2];
    struct timespec short_wait = {.tv_sec = 0, .tv_nsec = 30 * 1000000};
    struct timespec bad = {.tv_sec = 0, .tv_nsec = 1000000000};

    words[0] = 5;
    CHECK_ERR(raw_futex(&words[0], ABI_FUTEX_WAIT, 4, NULL), EAGAIN);
    CHECK_ERR(raw_futex(&words[0], ABI_FUTEX_WAIT, 5, &short_wait), ETIMEDOUT);
    CHECK_ERR(raw_futex((uint32_t *)((char *)words + 1), ABI_FUTEX_WAIT, 5, NULL), EINVAL);
    CHECK_ERR(raw_futex(&words[0], 7, 5, NULL), EINVAL);
    CHECK_ERR(raw_futex(&words[0], ABI_FUTEX_WAIT, 5, &bad), EINVAL);
    CHECK_ERR(raw_futex(&words[0], ABI_FUTEX_WAIT, 5, (struct timespec *)0xC0000000u), EFAULT);
    CHECK_ERR(raw_futex(NULL, ABI_FUTEX_WAIT, 0, NULL), EFAULT);
    CHECK_ERR(raw_futex((uint32_t *)0xC0000000u, ABI_FUTEX_WAKE, 1, NULL), EFAULT);
    CHECK_EQ(raw_futex(&words[0], ABI_FUTEX_WAKE, 10, NULL), 0);
    PASS("futex: EAGAIN, ETIMEDOUT, EINVAL (unaligned, op, timeout), EFAULT; a wake with no sleeper wakes 0");

    struct thread t[3];
    futex_word = 0;
    for (int i = 0; i < 3; i++)
        CHECK(start_thread(&t[i], futex_sleeper, 0) > 0);
    sleep_ms(100); /* all three are asleep on the word by now */
    CHECK_EQ(raw_futex(&futex_word, ABI_FUTEX_WAKE, 2, NULL), 2);
    sleep_ms(50);
    CHECK_EQ(raw_futex(&futex_word, ABI_FUTEX_WAKE, 5, NULL), 1);
    for (int i = 0; i < 3; i++) {
        join_thread(&t[i]);
        CHECK_EQ(t[i].result[0], 0);
    }
    PASS("futex: WAKE wakes at most val sleepers and says how many; each woken WAIT returns 0");
}

/* A word in MAP_SHARED memory is one futex in every process that maps it (a named semaphore,
 * a process-shared mutex): its key is the mapping's object and offset, not the address space. */
static void test_shared_futex(void) {
    volatile uint32_t *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(word != MAP_FAILED);
    *word = 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        while (*word == 0)
            raw_futex(word, ABI_FUTEX_WAIT, 0, NULL);
        _exit(*word == 1 ? 0 : 1);
    }
    long woken = 0;
    for (int tries = 0; tries < 100 && woken == 0; tries++) {
        sleep_ms(10); /* until the child sleeps on the word */
        struct abi_procinfo info[64];
        int n = procinfo(info, 64);
        for (int i = 0; i < n && i < 64; i++) {
            if (info[i].pid == pid && info[i].thread_state == ABI_PROC_SLEEPING) {
                *word = 1;
                woken = raw_futex(word, ABI_FUTEX_WAKE, 1, NULL);
            }
        }
    }
    CHECK_EQ(woken, 1);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(munmap((void *)word, 4096), 0);
    PASS("futex: a word in MAP_SHARED memory is woken across fork (the key is the object, not the space)");

    /* Private memory after fork: two words, one key each; a wake in the parent reaches nobody. */
    static uint32_t private_word;
    private_word = 0;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct timespec wait = {.tv_sec = 0, .tv_nsec = 200 * 1000000};
        _exit(raw_futex(&private_word, ABI_FUTEX_WAIT, 0, &wait) == -1 && errno == ETIMEDOUT ? 0 : 1);
    }
    sleep_ms(50);
    CHECK_EQ(raw_futex(&private_word, ABI_FUTEX_WAKE, 1, NULL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("futex: private memory after fork is a word of each process's own");
}

/* A mutex of three states (0 free, 1 taken, 2 taken with sleepers), the classic futex design. */
static volatile uint32_t lock_word;
static volatile long counter;

static void lock(void) {
    uint32_t c = __sync_val_compare_and_swap(&lock_word, 0, 1);
    if (c == 0)
        return;
    if (c != 2)
        c = __sync_lock_test_and_set(&lock_word, 2);
    while (c != 0) {
        raw_futex(&lock_word, ABI_FUTEX_WAIT, 2, NULL);
        c = __sync_lock_test_and_set(&lock_word, 2);
    }
}

static void unlock(void) {
    if (__sync_fetch_and_sub(&lock_word, 1) != 1) {
        lock_word = 0;
        raw_futex(&lock_word, ABI_FUTEX_WAKE, 1, NULL);
    }
}

#define ROUNDS 20000

static void count_under_lock(struct thread *t) {
    (void)t;
    for (int i = 0; i < ROUNDS; i++) {
        lock();
        long v = counter;
        if ((i & 255) == 0)
            syscall(SYS_sched_yield); /* hold the lock across a switch: the others must sleep */
        counter = v + 1;
        unlock();
    }
}

static void test_contended_counter(void) {
    struct thread t[4];

    counter = 0;
    lock_word = 0;
    for (int i = 0; i < 4; i++)
        CHECK(start_thread(&t[i], count_under_lock, 0) > 0);
    for (int i = 0; i < 4; i++)
        join_thread(&t[i]);
    CHECK_EQ(counter, 4 * ROUNDS);
    PASS("four threads count under a futex mutex: no increment is lost");
}

/* --- TLS ----------------------------------------------------------------------------------- */

static uint32_t read_gs0(void) {
    uint32_t v;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(v));
    return v;
}

static uint32_t read_gs_selector(void) {
    uint32_t v = 0;
    __asm__ volatile("mov %%gs, %0" : "=r"(v));
    return v & 0xFFFF;
}

static uint32_t tls_blocks[2][4];
static volatile uint32_t gs_in_handler;

static void note_gs(int sig) {
    (void)sig;
    gs_in_handler = read_gs0();
}

static void tls_reader(struct thread *t) {
    t->result[0] = read_gs_selector();
    t->result[1] = read_gs0(); /* the block's first word: its own address */
    syscall(SYS_getppid);      /* across a system call */
    syscall(SYS_sched_yield);  /* and a switch to another thread */
    t->result[2] = read_gs0();
    syscall(SYS_set_tls, (uint32_t)tls_blocks[1]);
    t->result[3] = read_gs0();
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1); /* the handler sees its TLS too */
}

static void test_tls(void) {
    struct thread t;

    tls_blocks[0][0] = (uint32_t)tls_blocks[0];
    tls_blocks[1][0] = (uint32_t)tls_blocks[1];
    signal(SIGUSR1, note_gs);
    CHECK(start_thread(&t, tls_reader, (uint32_t)tls_blocks[0]) > 0);
    join_thread(&t);
    signal(SIGUSR1, SIG_DFL);
    CHECK_EQ(t.result[0], ABI_TLS_SELECTOR);
    CHECK_EQ(t.result[1], (uint32_t)tls_blocks[0]);
    CHECK_EQ(t.result[2], (uint32_t)tls_blocks[0]);
    CHECK_EQ(t.result[3], (uint32_t)tls_blocks[1]);
    CHECK_EQ(gs_in_handler, (uint32_t)tls_blocks[1]);
    PASS("TLS: %gs is the thread's segment from its start, kept across calls, switches and handlers; set_tls moves it");
}

/* --- signals and threads ------------------------------------------------------------------- */

static volatile long handled_by;

static void note_tid(int sig) {
    (void)sig;
    handled_by = syscall(SYS_gettid);
}

static void wait_for_go(struct thread *t) {
    while (!t->go)
        syscall(SYS_sched_yield);
}

static void blocks_usr1(struct thread *t) {
    uint32_t set = 1u << (SIGUSR1 - 1), now = 0; /* the kernel's sigset: one bit a signal */
    syscall(SYS_sigprocmask, SIG_BLOCK, &set, NULL);
    syscall(SYS_sigprocmask, SIG_BLOCK, NULL, &now);
    t->result[0] = (now >> (SIGUSR1 - 1)) & 1;
    t->result[1] = 1; /* ready */
    wait_for_go(t);
}

/* Sleeps in futex WAIT until a handler interrupts it (EINTR). */
static void sleeps_until_a_handler(struct thread *t) {
    static volatile uint32_t never;
    t->result[1] = 1;
    t->result[0] = raw_futex(&never, ABI_FUTEX_WAIT, 0, NULL) == -1 ? 1 : 0;
}

/* A fault's handler: notes who runs it, and ends that thread there (it cannot return to the fault). */
static void segv_ends_thread(int sig) {
    (void)sig;
    handled_by = syscall(SYS_gettid);
    syscall(SYS_thread_exit);
}

static void faults(struct thread *t) {
    t->result[1] = 1;
    *(volatile int *)16 = 1;
}

static void reports_mask(struct thread *t) {
    uint32_t now = 0;
    syscall(SYS_sigprocmask, SIG_BLOCK, NULL, &now);
    t->result[0] = now;
    t->result[1] = syscall(SYS_sigpending, &now) == 0 ? (long)now : -1;
}

static void unblocked_waiter(struct thread *t) {
    t->result[1] = 1;
    while (!t->go && handled_by == 0)
        syscall(SYS_sched_yield);
    wait_for_go(t);
}

static void test_signals(void) {
    struct thread t;
    sigset_t set, old;

    signal(SIGUSR1, note_tid);
    signal(SIGUSR2, note_tid);

    /* A new thread has its creator's mask and nothing pending (a signal pending for the creator
     * alone stays the creator's). */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    CHECK_EQ(syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2), 0);
    CHECK(start_thread(&t, reports_mask, 0) > 0);
    join_thread(&t);
    CHECK_EQ(t.result[0], 1u << (SIGUSR2 - 1));
    CHECK_EQ(t.result[1], 0);
    handled_by = 0;
    sigprocmask(SIG_SETMASK, &old, NULL); /* the creator's own SIGUSR2 is taken here */
    CHECK_EQ(handled_by, getpid());
    PASS("a new thread starts with its creator's mask and nothing pending");

    /* sigprocmask is the calling thread's. */
    CHECK(start_thread(&t, blocks_usr1, 0) > 0);
    while (!t.result[1])
        sched_yield();
    sigprocmask(SIG_BLOCK, NULL, &old);
    CHECK(!sigismember(&old, SIGUSR1));
    CHECK_EQ(t.result[0], 1);
    /* A process-directed signal goes to a thread that does not block it: here the first. */
    handled_by = 0;
    CHECK_EQ(kill(getpid(), SIGUSR1), 0);
    CHECK_EQ(handled_by, getpid());
    t.go = 1;
    join_thread(&t);
    PASS("sigprocmask sets the calling thread's mask; kill goes to a thread that does not block the signal");

    /* The first blocks it (once the other has started: a new thread gets its creator's mask):
     * the other thread takes it. */
    handled_by = 0;
    CHECK(start_thread(&t, unblocked_waiter, 0) > 0);
    while (!t.result[1])
        sched_yield();
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    while (handled_by == 0)
        sched_yield();
    CHECK_EQ(handled_by, t.tid);
    t.go = 1;
    join_thread(&t);
    sigprocmask(SIG_SETMASK, &old, NULL);
    PASS("a process-directed signal blocked by one thread is taken by another");

    /* The one thread that does not block it sleeps: the signal wakes that one, not the sender.
     * Its handler has no SA_RESTART (signal() gives one): after such a handler the WAIT would be
     * made again rather than fail with EINTR. */
    struct sigaction no_restart = {.sa_handler = note_tid};
    CHECK_EQ(sigaction(SIGUSR2, &no_restart, NULL), 0);
    handled_by = 0;
    CHECK(start_thread(&t, sleeps_until_a_handler, 0) > 0);
    while (!t.result[1])
        sched_yield();
    sleep_ms(20); /* asleep in futex by now */
    sigprocmask(SIG_BLOCK, &set, &old);
    CHECK_EQ(kill(getpid(), SIGUSR2), 0);
    for (int tries = 0; tries < 100 && handled_by == 0; tries++)
        sleep_ms(10);
    CHECK_EQ(handled_by, t.tid);
    join_thread(&t);
    CHECK_EQ(t.result[0], 1); /* its WAIT ended with EINTR */
    sigprocmask(SIG_SETMASK, &old, NULL);
    PASS("a signal to the process wakes a sleeping thread that does not block it (futex WAIT: EINTR)");

    /* tgkill: one thread alone. */
    handled_by = 0;
    CHECK(start_thread(&t, unblocked_waiter, 0) > 0);
    while (!t.result[1])
        sched_yield();
    CHECK_EQ(syscall(SYS_tgkill, getpid(), t.tid, 0), 0);
    CHECK_EQ(syscall(SYS_tgkill, getpid(), t.tid, SIGUSR1), 0);
    while (handled_by == 0)
        sched_yield();
    CHECK_EQ(handled_by, t.tid);
    t.go = 1;
    join_thread(&t);
    CHECK_ERR(syscall(SYS_tgkill, getpid(), t.tid, 0), ESRCH); /* it has ended */
    CHECK_ERR(syscall(SYS_tgkill, getpid(), getpid(), 99), EINVAL);
    CHECK_ERR(syscall(SYS_tgkill, getppid(), getpid(), 0), ESRCH); /* not a thread of that process */
    CHECK_ERR(syscall(SYS_tgkill, 0x7fffffff, 1, 0), ESRCH);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    PASS("tgkill: to one thread (sig 0 checks only); ESRCH, EINVAL");

    /* A fault is the faulting thread's, even while another thread is running too. */
    handled_by = 0;
    signal(SIGSEGV, segv_ends_thread);
    CHECK(start_thread(&t, faults, 0) > 0);
    join_thread(&t);
    signal(SIGSEGV, SIG_DFL);
    CHECK_EQ(handled_by, t.tid);
    PASS("a fault's signal goes to the thread that faulted");
}

/* --- the process's end, fork and exec from a thread ---------------------------------------- */

static void exits_seven(struct thread *t) {
    (void)t;
    sleep_ms(20);
    _exit(7);
}

static void child_thread_exits(void) {
    struct thread t;
    start_thread(&t, exits_seven, 0);
    sleep_ms(10000); /* ended by the thread's exit long before this */
    _exit(1);
}

static void spins(struct thread *t) {
    t->result[1] = 1;
    for (;;)
        syscall(SYS_sched_yield);
}

static void sleeps_in_read(struct thread *t) {
    char c;
    t->result[1] = 1;
    t->result[0] = read((int)t->arg, &c, 1);
}

static void test_exit_and_signals_end_all(void) {
    int status;

    CHECK_EXITED(run_in_child(child_thread_exits), 7);
    PASS("exit in a thread ends the whole process with its status");

    int fds[2], ready[2];
    CHECK_EQ(pipe(fds), 0);
    CHECK_EQ(pipe(ready), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct thread a, b;
        b.arg = fds[0]; /* nobody writes there: it sleeps until the end */
        start_thread(&a, spins, 0);
        start_thread(&b, sleeps_in_read, 0);
        write(ready[1], "r", 1); /* tells the parent the threads exist */
        for (;;)
            pause();
    }
    char c;
    CHECK_EQ(read(ready[0], &c, 1), 1);
    sleep_ms(50);
    CHECK_EQ(kill(pid, SIGTERM), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
    close(fds[0]);
    close(fds[1]);
    close(ready[0]);
    close(ready[1]);
    PASS("a fatal signal ends every thread (one spinning, one asleep in read)");
}

static void last_thread_child(void) {
    struct thread t;
    start_thread(&t, exits_seven, 0);
    syscall(SYS_thread_exit); /* the first thread ends; the other one's exit(7) ends the process */
    _exit(1);
}

static void sleeps_then_ends(struct thread *t) {
    (void)t;
    sleep_ms(30);
}

static void last_thread_exit_child(void) {
    struct thread t;
    start_thread(&t, sleeps_then_ends, 0);
    syscall(SYS_thread_exit); /* and then the other ends by thread_exit: status 0 */
    _exit(1);
}

static void forks(struct thread *t) {
    pid_t pid = fork();
    if (pid == 0) {
        struct abi_procinfo info[64];
        int n = procinfo(info, 64), mine = 0;
        for (int i = 0; i < n && i < 64; i++)
            mine += info[i].pid == getpid();
        _exit(syscall(SYS_gettid) == getpid() && mine == 1 ? 3 : 4);
    }
    int status = 0;
    t->result[0] = waitpid(pid, &status, 0) == pid;
    t->result[1] = status;
}

static void execs(struct thread *t) {
    (void)t;
    char *argv[] = {"ps", "-T", NULL};
    execve("/bin/ps", argv, NULL);
    _exit(9);
}

/* Its output (through a pipe on descriptor 1) is ps -T's: the new program sees one thread. */
static int exec_out[2];

static void exec_from_thread_child(void) {
    struct thread a, b;
    dup2(exec_out[1], 1);
    close(exec_out[0]);
    close(exec_out[1]);
    start_thread(&a, spins, 0);
    start_thread(&b, execs, 0);
    for (;;)
        pause(); /* the exec ends this thread too */
}

static void test_fork_exec_last(void) {
    struct thread t;

    CHECK_EXITED(run_in_child(last_thread_child), 7);
    CHECK_EXITED(run_in_child(last_thread_exit_child), 0);
    PASS("the process lives on after its first thread's thread_exit; the last thread_exit ends it with 0");

    CHECK(start_thread(&t, forks, 0) > 0);
    join_thread(&t);
    CHECK_EQ(t.result[0], 1);
    CHECK_EXITED(t.result[1], 3);
    PASS("fork in a thread: the child has one thread, the caller's copy, whose id is the child's pid");

    CHECK_EQ(pipe(exec_out), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        exec_from_thread_child();
    close(exec_out[1]);
    static char out[4096];
    int len = 0, n;
    while (len < (int)sizeof(out) - 1 && (n = read(exec_out[0], out + len, sizeof(out) - 1 - len)) > 0)
        len += n;
    out[len] = 0;
    close(exec_out[0]);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    char line_start[16], its_thread[32];
    snprintf(line_start, sizeof(line_start), "\n%5d ", (int)pid);
    snprintf(its_thread, sizeof(its_thread), "\n%5d %5d ", (int)pid, (int)pid); /* the pid as tid */
    int lines = 0;
    for (const char *at = out; (at = strstr(at, line_start)) != NULL; at++)
        lines++;
    CHECK_EQ(lines, 1);
    CHECK(strstr(out, its_thread) != NULL);
    PASS("execve in a thread ends the other threads: the new program (ps -T) is the process's one thread, with the pid "
         "as its id");
}

/* --- blocking, stop and continue, procinfo, many threads ------------------------------------ */

static void test_blocking_and_procinfo(void) {
    struct thread t;
    int fds[2];

    CHECK_EQ(pipe(fds), 0);
    t.arg = fds[0];
    CHECK(start_thread(&t, sleeps_in_read, 0) > 0);
    while (!t.result[1])
        sched_yield();
    sleep_ms(20); /* it sleeps in read; this thread runs on */

    struct abi_procinfo info[64];
    int n = procinfo(info, 64), mine = 0, mine_sleeping = 0;
    CHECK(n > 0 && n <= 64);
    for (int i = 0; i < n; i++) {
        if (info[i].pid != getpid())
            continue;
        mine++;
        CHECK_EQ(info[i].threads, 2);
        if (info[i].tid == t.tid) {
            CHECK_EQ(info[i].thread_state, ABI_PROC_SLEEPING);
            mine_sleeping++;
        }
    }
    CHECK_EQ(mine, 2);
    CHECK_EQ(mine_sleeping, 1);
    CHECK_EQ(write(fds[1], "x", 1), 1);
    join_thread(&t);
    CHECK_EQ(t.result[0], 1);
    close(fds[0]);
    close(fds[1]);
    PASS("a thread asleep in read leaves the others running; procinfo has an entry per thread");

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct thread a;
        start_thread(&a, spins, 0);
        for (;;)
            syscall(SYS_sched_yield);
    }
    int status;
    sleep_ms(30);
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    sleep_ms(30);
    n = procinfo(info, 64);
    mine = 0;
    for (int i = 0; i < n && i < 64; i++) {
        if (info[i].pid == pid) {
            mine++;
            CHECK_EQ(info[i].state, ABI_PROC_STOPPED);
            CHECK_EQ(info[i].thread_state, ABI_PROC_STOPPED);
        }
    }
    CHECK_EQ(mine, 2);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    PASS("a stop stops every thread of the process, SIGCONT and SIGKILL end it");
}

static void nothing(struct thread *t) {
    (void)t;
}

static void test_many(void) {
    struct thread t;

    for (int i = 0; i < 1000; i++) {
        CHECK(start_thread(&t, nothing, 0) > 0);
        join_thread(&t);
    }
    PASS("1000 threads created and joined one after another (the leak check at power-off counts threads)");
}

int main(void) {
    test_create_and_join();
    test_futex();
    test_shared_futex();
    test_contended_counter();
    test_tls();
    test_signals();
    test_exit_and_signals_end_all();
    test_fork_exec_last();
    test_blocking_and_procinfo();
    test_many();
    return done_testing();
}
