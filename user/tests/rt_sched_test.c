/*
 * Real-time scheduling (SCHED_FIFO, SCHED_RR) on the one processor: a ready real-time process runs
 * before every SCHED_OTHER one, a higher priority first; a FIFO process keeps the processor until
 * it blocks or yields, RR ones take turns; a higher priority that wakes up preempts; sched_yield
 * passes to an equal; the policy is inherited by fork; a spinning real-time process is throttled,
 * so that SCHED_OTHER processes still run. The test runs as root (init's user); the children record
 * the order they ran in on a shared page.
 */
#include <signal.h>
#include <sys/mman.h>

#include "check.h"

#define MS 1000000LL

static volatile char *order; /* a MAP_SHARED page: the tags, in the order they were written */
static volatile int *order_len;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void spin_ms(long long ms) {
    for (long long start = now_ns(); now_ns() - start < ms * MS;)
        ;
}

static void tag(char c) {
    order[(*order_len)++] = c;
}

static void set_policy(pid_t pid, int policy, int priority) {
    struct sched_param p = {priority};
    CHECK(sched_setscheduler(pid, policy, &p) >= 0);
}

/* A child that writes `first`, spins `ms`, writes `last` (if not 0) and exits. It inherits the
 * caller's policy and priority; the caller gives it its own before it can run. */
static pid_t child(char first, long long ms, char last, int policy, int priority) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        tag(first);
        spin_ms(ms);
        if (last)
            tag(last);
        _exit(0);
    }
    set_policy(pid, policy, priority);
    return pid;
}

static void reap(pid_t pid) {
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

static void reset(void) {
    *order_len = 0;
    memset((void *)order, 0, 64);
}

/* The parent sets the scene at the highest priority, so that no child runs before it waits. */
static void above_all(void) {
    set_policy(0, SCHED_FIFO, 90);
}

static void back_to_other(void) {
    set_policy(0, SCHED_OTHER, 0);
}

static void real_time_runs_first(void) {
    above_all();
    reset();
    pid_t o = child('O', 0, 0, SCHED_OTHER, 0);
    pid_t r = child('R', 50, 'r', SCHED_FIFO, 10);
    reap(r);
    reap(o);
    CHECK_EQ(strcmp((const char *)order, "RrO"), 0);
    PASS("a ready SCHED_FIFO process runs before a SCHED_OTHER one that was ready first");

    reset();
    pid_t l = child('L', 0, 0, SCHED_RR, 10);
    pid_t m = child('M', 0, 0, SCHED_FIFO, 20);
    pid_t h = child('H', 0, 0, SCHED_RR, 30);
    reap(l);
    reap(m);
    reap(h);
    CHECK_EQ(strcmp((const char *)order, "HML"), 0);
    PASS("among real-time processes the higher priority runs first, whatever the policy");
    back_to_other();
}

static void fifo_keeps_rr_takes_turns(void) {
    above_all();
    reset();
    pid_t a = child('A', 100, 'a', SCHED_FIFO, 10);
    pid_t b = child('B', 100, 'b', SCHED_FIFO, 10);
    reap(a);
    reap(b);
    CHECK_EQ(strcmp((const char *)order, "AaBb"), 0);
    PASS("SCHED_FIFO: an equal waits until the running process blocks or ends");

    reset();
    a = child('A', 100, 'a', SCHED_RR, 10);
    b = child('B', 100, 'b', SCHED_RR, 10);
    reap(a);
    reap(b);
    /* Each slice is 20 ms: B starts long before A has spun its 100 ms. */
    CHECK(order[0] == 'A' && order[1] == 'B');
    CHECK_EQ(*order_len, 4);
    PASS("SCHED_RR: equals take turns, a slice each");
    back_to_other();
}

static void higher_priority_preempts(void) {
    /* A FIFO 10 child spins 300 ms; the parent, FIFO 50, sleeps 50 ms meanwhile: its wake-up
     * takes the processor at once, not when the child is done. */
    above_all();
    reset();
    pid_t low = child('L', 300, 'l', SCHED_FIFO, 10);
    set_policy(0, SCHED_FIFO, 50);
    long long start = now_ns();
    struct timespec nap = {0, 50 * MS};
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    long long slept = now_ns() - start;
    tag('P');
    reap(low);
    CHECK(slept >= 50 * MS && slept < 100 * MS);
    CHECK_EQ(strcmp((const char *)order, "LPl"), 0);
    PASS("a higher priority that wakes up preempts a running FIFO process");

    /* The preempted FIFO process resumes before its equal that was waiting (POSIX: the head of
     * its list). */
    above_all();
    reset();
    pid_t a = child('A', 150, 'a', SCHED_FIFO, 10);
    pid_t b = child('B', 0, 0, SCHED_FIFO, 10);
    set_policy(0, SCHED_FIFO, 50);
    CHECK_EQ(nanosleep(&nap, NULL), 0);
    tag('P');
    reap(a);
    reap(b);
    CHECK_EQ(strcmp((const char *)order, "APaB"), 0);
    PASS("a preempted FIFO process goes back to the head of its priority");
    back_to_other();
}

static void yield_passes_to_an_equal(void) {
    above_all();
    reset();
    fflush(stdout);
    pid_t a = fork();
    if (a == 0) {
        for (int i = 0; i < 3; i++) {
            tag('a');
            sched_yield();
        }
        _exit(0);
    }
    set_policy(a, SCHED_FIFO, 10);
    pid_t b = fork();
    if (b == 0) {
        for (int i = 0; i < 3; i++) {
            tag('b');
            sched_yield();
        }
        _exit(0);
    }
    set_policy(b, SCHED_FIFO, 10);
    reap(a);
    reap(b);
    CHECK_EQ(strcmp((const char *)order, "ababab"), 0);
    PASS("sched_yield: a FIFO process passes to its equal and goes to the back");
    back_to_other();
}

static void inherited_by_fork(void) {
    set_policy(0, SCHED_RR, 33);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct sched_param p;
        _exit(sched_getscheduler(0) == SCHED_RR && sched_getparam(0, &p) == 0 && p.sched_priority == 33 ? 0 : 1);
    }
    reap(pid);
    back_to_other();
    CHECK_EQ(sched_getscheduler(0), SCHED_OTHER);
    PASS("fork: the child has its parent's policy and priority");
}

static void spinning_real_time_is_throttled(void) {
    /* A FIFO child that never blocks. Without throttling, this SCHED_OTHER parent would never
     * run again; with it, it gets the processor within two periods and ends the child. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            ;
    }
    long long start = now_ns();
    set_policy(pid, SCHED_FIFO, 1);
    /* From here the child has the processor; the parent goes on only when throttling lets it. */
    long long back = now_ns() - start;
    CHECK_EQ(kill(pid, SIGKILL), 0);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
    CHECK(back < 2500 * MS); /* throttled within the period after the one it started in */
    PASS("a spinning real-time process leaves SCHED_OTHER processes some time (throttling)");
}

static void permissions(void) {
    set_policy(0, SCHED_RR, 50);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (setuid(1000) != 0)
            _exit(10);
        struct sched_param p = {40};
        if (sched_setscheduler(0, SCHED_RR, &p) != SCHED_RR) /* lower: allowed */
            _exit(11);
        p.sched_priority = 45;
        if (sched_setparam(0, &p) != -1 || errno != EPERM) /* higher: not */
            _exit(12);
        if (sched_setscheduler(0, SCHED_FIFO, &p) != -1 || errno != EPERM)
            _exit(13);
        p.sched_priority = 0;
        if (sched_setscheduler(0, SCHED_OTHER, &p) != SCHED_RR)
            _exit(14);
        p.sched_priority = 1;
        if (sched_setscheduler(0, SCHED_FIFO, &p) != -1 || errno != EPERM) /* out of OTHER: not */
            _exit(15);
        p.sched_priority = 0;
        if (sched_setscheduler(1, SCHED_OTHER, &p) != -1 || errno != EPERM) /* root's init */
            _exit(16);
        if (sched_getscheduler(1) != SCHED_OTHER) /* reading is for anyone */
            _exit(17);
        _exit(0);
    }
    reap(pid);
    back_to_other();
    PASS("without privilege: only lowering, only one's own processes; EPERM otherwise");
}

int main(void) {
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(page != MAP_FAILED);
    order_len = page;
    order = (volatile char *)page + 64;
    real_time_runs_first();
    fifo_keeps_rr_takes_turns();
    higher_priority_preempts();
    yield_passes_to_an_equal();
    inherited_by_fork();
    spinning_real_time_is_throttled();
    permissions();
    return done_testing();
}
