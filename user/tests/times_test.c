/* times(): the process's processor time (user and system), its reaped children's, and the ticks since
 * boot, in sysconf(_SC_CLK_TCK) units. */
#include <fcntl.h>
#include <sys/times.h>

#include "check.h"

/* Spins `ticks` of real time mostly in user mode: a system call only every few thousand
 * iterations (under QEMU a call costs as much as many instructions). */
static void spin_user_ticks(clock_t ticks) {
    struct tms t;
    clock_t start = times(&t);
    do {
        for (volatile int i = 0; i < 20000; i++)
            ;
    } while (times(&t) - start < ticks);
}

static void ticks_follow_the_monotonic_clock(void) {
    long hz = sysconf(_SC_CLK_TCK);
    CHECK_EQ(hz, 100);
    struct tms t;
    struct timespec ts;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
    clock_t r = times(&t);
    CHECK(r != (clock_t)-1);
    clock_t expect = (clock_t)ts.tv_sec * hz + (clock_t)(ts.tv_nsec / (1000000000 / hz));
    CHECK(r >= expect && r <= expect + 2);
    /* 100 ms of sleep is 10 ticks of the return value, and almost none of processor time. */
    struct tms before, after;
    clock_t t0 = times(&before);
    struct timespec sleep = {0, 100 * 1000 * 1000};
    CHECK_EQ(nanosleep(&sleep, NULL), 0);
    clock_t t1 = times(&after);
    CHECK(t1 - t0 >= 10 && t1 - t0 < 30);
    CHECK(after.tms_utime - before.tms_utime <= 2);
    PASS("the return value counts sysconf(_SC_CLK_TCK) ticks a second, as CLOCK_MONOTONIC");
}

static clock_t cpu_clock_ticks(void) {
    struct timespec cpu;
    CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu), 0);
    return (clock_t)cpu.tv_sec * 100 + (clock_t)(cpu.tv_nsec / 10000000);
}

static void utime_is_user_time(void) {
    struct tms before, after;
    times(&before);
    spin_user_ticks(20);
    times(&after);
    /* Alone on the processor, spinning 200 ms is about 20 ticks of processor time, nearly all of
     * it in user mode (times() itself is a system call: a tick may find it in the kernel). */
    CHECK(after.tms_utime - before.tms_utime >= 10);
    CHECK(after.tms_utime - before.tms_utime <= 25);
    CHECK(after.tms_stime - before.tms_stime <= 10);
    clock_t cpu = cpu_clock_ticks();
    CHECK(cpu >= after.tms_utime + after.tms_stime && cpu <= after.tms_utime + after.tms_stime + 1);
    PASS("tms_utime counts user mode; tms_utime + tms_stime is CLOCK_PROCESS_CPUTIME_ID in ticks");
}

static void stime_is_time_in_the_kernel(void) {
    static char buf[64 * 1024];
    struct tms before, after;
    int fd = open("/dev/zero", O_RDONLY);
    CHECK(fd >= 0);
    clock_t start = times(&before), now;
    do {
        CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
        now = times(&after);
    } while (now - start < 20);
    CHECK_EQ(close(fd), 0);
    /* Reading /dev/zero is the kernel filling the buffer: most ticks find the process there. */
    CHECK(after.tms_stime - before.tms_stime >= 5);
    PASS("tms_stime counts the ticks that found the process in the kernel");
}

static void children_start_at_zero(void) {
    struct tms t;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        times(&t);
        /* A new process starts with no processor time of its own, nor of children. */
        _exit(t.tms_utime + t.tms_stime <= 1 && t.tms_cutime == 0 && t.tms_cstime == 0 ? 0 : 1);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("a child starts with zero times of its own and of its children");
}

/* The processor time (user + system, in ticks) a child spent: it spins `ticks`, reports its
 * times through `fd`, and waits for a byte on `go` (if not -1) before exiting. */
static void child_spins(clock_t ticks, int fd, int go) {
    struct tms t;
    spin_user_ticks(ticks);
    times(&t);
    clock_t total[2] = {t.tms_utime, t.tms_stime};
    if (write(fd, total, sizeof(total)) != sizeof(total))
        _exit(2);
    char c;
    if (go >= 0 && read(go, &c, 1) != 1)
        _exit(3);
    _exit(0);
}

static void waited_children_add_up(void) {
    int report[2], go[2], status;
    struct tms before, mid, after;
    CHECK_EQ(pipe(report), 0);
    CHECK_EQ(pipe(go), 0);
    CHECK(times(&before) != (clock_t)-1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        child_spins(15, report[1], go[0]);
    clock_t child[2];
    CHECK_EQ(read(report[0], child, sizeof(child)), (long)sizeof(child));
    CHECK(child[0] >= 8);
    /* Alive, or a zombie not yet waited for: not the parent's children's time yet. */
    times(&mid);
    CHECK_EQ(mid.tms_cutime, before.tms_cutime);
    CHECK_EQ(mid.tms_cstime, before.tms_cstime);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    times(&after);
    /* Reaped: its user and system times, as it last saw them, plus what it spent since (its
     * read, its exit: a tick at most). */
    clock_t cu = after.tms_cutime - before.tms_cutime, cs = after.tms_cstime - before.tms_cstime;
    CHECK(cu >= child[0] && cs >= child[1]);
    CHECK(cu + cs <= child[0] + child[1] + 2);
    /* The parent's own time is not its child's. */
    CHECK(after.tms_utime - before.tms_utime <= 5);

    /* A second child adds its own, once: a reap is counted once. */
    pid = fork();
    if (pid == 0)
        child_spins(10, report[1], -1);
    CHECK_EQ(read(report[0], child, sizeof(child)), (long)sizeof(child));
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    struct tms last;
    times(&last);
    clock_t cu2 = last.tms_cutime - after.tms_cutime, cs2 = last.tms_cstime - after.tms_cstime;
    CHECK(cu2 >= child[0] && cs2 >= child[1] && cu2 + cs2 <= child[0] + child[1] + 2);
    CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
    times(&after);
    CHECK_EQ(after.tms_cutime, last.tms_cutime);
    CHECK_EQ(after.tms_cstime, last.tms_cstime);
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(close(report[i]), 0);
        CHECK_EQ(close(go[i]), 0);
    }
    PASS("a child's times become tms_cutime/tms_cstime when it is waited for, once");
}

static void grandchildren_count_through_their_parent(void) {
    struct tms before, after;
    int status;
    times(&before);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            spin_user_ticks(15);
            _exit(0);
        }
        int s;
        if (waitpid(grandchild, &s, 0) != grandchild || !WIFEXITED(s) || WEXITSTATUS(s) != 0)
            _exit(1);
        struct tms t;
        times(&t);
        /* The grandchild's time is the child's children's time, not the child's own. */
        _exit(t.tms_cutime + t.tms_cstime >= 10 && t.tms_utime + t.tms_stime <= 3 ? 0 : 2);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    times(&after);
    clock_t children = (after.tms_cutime + after.tms_cstime) - (before.tms_cutime + before.tms_cstime);
    CHECK(children >= 10 && children <= 25);
    PASS("a waited-for child brings the times of the children it waited for");
}

int main(void) {
    ticks_follow_the_monotonic_clock();
    utime_is_user_time();
    stime_is_time_in_the_kernel();
    children_start_at_zero();
    waited_children_add_up();
    grandchildren_count_through_their_parent();
    return done_testing();
}
