/*
 * Micro-benchmarks of the kernel's hot paths, run by init under QEMU. Each figure is the mean over
 * many iterations after a warm-up, in TSC ticks: under `-icount shift=0` the TSC advances by one
 * per guest instruction, so these are instruction counts, identical on every run. The same program
 * under plain TCG reports wall-clock nanoseconds from clock_gettime beside them.
 *
 * Output, one line per figure, read by bench/run_bench.py:
 *     BENCH <name> <tsc ticks per operation> <nanoseconds per operation>
 */
#include <abi/blkdev.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static inline uint64_t rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct timing {
    uint64_t tsc, ns;
};

static struct timing start(void) {
    struct timing t;
    t.ns = now_ns();
    t.tsc = rdtsc();
    return t;
}

static void report(const char *name, struct timing t0, unsigned long n) {
    uint64_t tsc = rdtsc() - t0.tsc;
    uint64_t ns = now_ns() - t0.ns;
    printf("BENCH %s %llu %llu\n", name, (unsigned long long)(tsc / n), (unsigned long long)(ns / n));
}

/*
 * The wall time of a loop of faults less that of the same loop on present pages. Under plain TCG
 * the clock is noisy, and the second loop (256 stores, well under a microsecond) can measure
 * longer than the first when the host or a tick interrupts it: the unsigned difference wrapped to
 * a garbage figure. The first loop alone is then the better estimate (what it adds to the faults
 * is below the noise). Under icount the TSC difference needs none of this: it is exact.
 */
static uint64_t minus_plain_ns(uint64_t faulting_ns, uint64_t plain_ns) {
    return faulting_ns > plain_ns ? faulting_ns - plain_ns : faulting_ns;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void bench_getpid(void) {
    enum { N = 2000 };
    for (int i = 0; i < 100; i++)
        getpid();
    struct timing t = start();
    for (int i = 0; i < N; i++)
        getpid();
    report("getpid", t, N);
}

static void bench_yield_alone(void) {
    enum { N = 2000 };
    for (int i = 0; i < 100; i++)
        sched_yield();
    struct timing t = start();
    for (int i = 0; i < N; i++)
        sched_yield();
    report("sched_yield", t, N);
}

static void bench_yield_pingpong(void) {
    enum { N = 2000 };
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        for (int i = 0; i < N + 200; i++)
            sched_yield();
        _exit(0);
    }
    for (int i = 0; i < 100; i++)
        sched_yield();
    /* Each of our yields runs the child once (it yields straight back): one round trip. */
    struct timing t = start();
    for (int i = 0; i < N; i++)
        sched_yield();
    report("yield_pingpong", t, N);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void bench_pipe_pingpong(void) {
    enum { N = 1000 };
    int there[2], back[2];
    char c = 'x';
    if (pipe(there) || pipe(back))
        die("pipe");
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        close(there[1]); /* or our own copy keeps the pipe from ever reaching end of file */
        close(back[0]);
        while (read(there[0], &c, 1) == 1)
            write(back[1], &c, 1);
        _exit(0);
    }
    for (int i = 0; i < 50; i++) {
        write(there[1], &c, 1);
        read(back[0], &c, 1);
    }
    struct timing t = start();
    for (int i = 0; i < N; i++) {
        write(there[1], &c, 1);
        read(back[0], &c, 1);
    }
    report("pipe_pingpong", t, N);
    close(there[1]);
    waitpid(pid, NULL, 0);
    close(there[0]);
    close(back[0]);
    close(back[1]);
}

static void fork_exit_wait(int n) {
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0 || waitpid(pid, NULL, 0) != pid)
            die("fork/wait");
    }
}

static void bench_fork(const char *name, size_t touched) {
    enum { N = 40 };
    char *heap = NULL;
    if (touched) {
        heap = malloc(touched);
        if (!heap)
            die("malloc");
        for (size_t off = 0; off < touched; off += 4096)
            heap[off] = 1;
    }
    fork_exit_wait(5);
    struct timing t = start();
    fork_exit_wait(N);
    report(name, t, N);
    free(heap);
}

static void bench_cow_fault(void) {
    enum { PAGES = 256 };
    char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fds[2];
    if (p == MAP_FAILED || pipe(fds))
        die("mmap/pipe");
    for (int i = 0; i < PAGES; i++)
        p[i * 4096] = 1;
    pid_t pid = fork();
    if (pid == 0) {
        /* Writes to shared pages: each one a copy-on-write fault. Then the same writes again,
         * to pages that are now ours: the difference is the cost of the faults. */
        struct timing t = start();
        for (int i = 0; i < PAGES; i++)
            p[i * 4096] = 2;
        uint64_t faulting = rdtsc() - t.tsc, faulting_ns = now_ns() - t.ns;
        t = start();
        for (int i = 0; i < PAGES; i++)
            p[i * 4096] = 3;
        uint64_t plain = rdtsc() - t.tsc, plain_ns = now_ns() - t.ns;
        printf("BENCH cow_fault %llu %llu\n", (unsigned long long)((faulting - plain) / PAGES),
               (unsigned long long)(minus_plain_ns(faulting_ns, plain_ns) / PAGES));
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    munmap(p, PAGES * 4096);
    close(fds[0]);
    close(fds[1]);
}

/* execve: the child passes its TSC just before execve in argv; the new program reads the TSC
 * first thing in main and reports the difference (bench_exec_target.c). */
static void bench_exec(void) {
    enum { N = 20 };
    uint64_t total = 0, total_ns = 0;
    int fds[2];
    if (pipe(fds))
        die("pipe");
    for (int i = 0; i < N + 3; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char tsc[24], ns[24];
            dup2(fds[1], 3);
            snprintf(ns, sizeof(ns), "%llu", (unsigned long long)now_ns());
            snprintf(tsc, sizeof(tsc), "%llu", (unsigned long long)rdtsc());
            char *argv[] = {"exec_target", tsc, ns, NULL};
            execve("/bin/exec_target", argv, NULL);
            _exit(1);
        }
        uint64_t got[2] = {0, 0};
        if (read(fds[0], got, sizeof(got)) != sizeof(got))
            die("exec target");
        waitpid(pid, NULL, 0);
        if (i >= 3) {
            total += got[0];
            total_ns += got[1];
        }
    }
    printf("BENCH execve %llu %llu\n", (unsigned long long)(total / N), (unsigned long long)(total_ns / N));
    close(fds[0]);
    close(fds[1]);
}

/* The TSC ticks the CPU has spent halted since boot (waiting for the disk, among others). */
static uint64_t halted(int fd) {
    struct abi_blkstat st;
    if (ioctl(fd, BLKLUNESTAT, &st) != 0)
        die("ioctl BLKLUNESTAT");
    return st.halted_tsc;
}

/* Like report(), for work that waits for the disk: the ticks the CPU spent halted meanwhile are
 * not counted. Under icount they are virtual time QEMU skips while the host's disk answers, as
 * long as the host took: the instructions executed are what stays exact. */
static void report_busy(const char *name, int fd, struct timing t0, uint64_t halted0, unsigned long n) {
    uint64_t tsc = rdtsc() - t0.tsc - (halted(fd) - halted0);
    uint64_t ns = now_ns() - t0.ns;
    printf("BENCH %s %llu %llu\n", name, (unsigned long long)(tsc / n), (unsigned long long)(ns / n));
}

/*
 * The disk (/dev/hda, a scratch disk run_bench.py attaches): 1 MiB written, then read, in 4 KiB
 * calls, sequentially through the buffer cache; instructions per KiB (a per-byte figure would be a
 * one-digit integer), the CPU's halts excluded.
 * The cache holds 512 KiB, so the read finds none of the blocks it wants cached (the end of the
 * write pushed out the start): it measures the whole road from read() to the drive and back.
 * Then 256 KiB read twice: the second time every block is a hit, which measures the cache alone.
 */
static void bench_disk(void) {
    enum { CHUNK = 4096, TOTAL = 1 << 20, HOT = 256 << 10 };
    static char buf[CHUNK];
    int fd = open("/dev/hda", O_RDWR);
    if (fd < 0)
        die("open /dev/hda");
    memset(buf, 0x5A, sizeof(buf));
    uint64_t h = halted(fd);
    struct timing t = start();
    for (int done = 0; done < TOTAL; done += CHUNK) {
        if (write(fd, buf, CHUNK) != CHUNK)
            die("write /dev/hda");
    }
    report_busy("disk_write_1mib", fd, t, h, TOTAL / 1024);
    if (lseek(fd, 0, SEEK_SET) != 0)
        die("lseek /dev/hda");
    h = halted(fd);
    t = start();
    for (int done = 0; done < TOTAL; done += CHUNK) {
        if (read(fd, buf, CHUNK) != CHUNK)
            die("read /dev/hda");
    }
    report_busy("disk_read_1mib", fd, t, h, TOTAL / 1024);
    for (int pass = 0; pass < 2; pass++) {
        if (lseek(fd, 0, SEEK_SET) != 0)
            die("lseek /dev/hda");
        h = halted(fd);
        t = start();
        for (int done = 0; done < HOT; done += CHUNK) {
            if (read(fd, buf, CHUNK) != CHUNK)
                die("read /dev/hda");
        }
    }
    report_busy("disk_read_cached", fd, t, h, HOT / 1024);
    close(fd);
}

/* Pipe bandwidth: 64 KiB writes read back by a child in 64 KiB reads; per transfer. */
static void bench_pipe_bandwidth(void) {
    enum { N = 40, CHUNK = 64 * 1024 };
    static char buf[CHUNK];
    int fds[2], done[2];
    if (pipe(fds) || pipe(done))
        die("pipe");
    memset(buf, 'b', sizeof(buf));
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        close(fds[1]);
        long total = 0, n;
        while ((n = read(fds[0], buf, sizeof(buf))) > 0)
            total += n;
        write(done[1], &total, sizeof(total));
        _exit(0);
    }
    close(fds[0]);
    for (int i = 0; i < 3; i++)
        write(fds[1], buf, sizeof(buf));
    struct timing t = start();
    for (int i = 0; i < N; i++) {
        if (write(fds[1], buf, sizeof(buf)) != CHUNK)
            die("pipe write");
    }
    report("pipe_64k", t, N);
    close(fds[1]);
    long total = 0;
    if (read(done[0], &total, sizeof(total)) != sizeof(total) || total != (long)(N + 3) * CHUNK)
        die("pipe bandwidth: bytes lost");
    waitpid(pid, NULL, 0);
    close(done[0]);
    close(done[1]);
}

/* A first touch of anonymous memory: the fault minus the same write to a present page. */
static void bench_demand_zero(void) {
    enum { PAGES = 256 };
    char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    struct timing t = start();
    for (int i = 0; i < PAGES; i++)
        p[i * 4096] = 1;
    uint64_t faulting = rdtsc() - t.tsc, faulting_ns = now_ns() - t.ns;
    t = start();
    for (int i = 0; i < PAGES; i++)
        p[i * 4096] = 2;
    uint64_t plain = rdtsc() - t.tsc, plain_ns = now_ns() - t.ns;
    printf("BENCH demand_zero_fault %llu %llu\n", (unsigned long long)((faulting - plain) / PAGES),
           (unsigned long long)(minus_plain_ns(faulting_ns, plain_ns) / PAGES));
    munmap(p, PAGES * 4096);
}

/* fork + execve + wait of `argv`, as a shell runs a command. */
static void spawn_wait(char *const argv[]) {
    pid_t pid = fork();
    if (pid == 0) {
        execve(argv[0], argv, NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("fork/execve/wait");
}

static void bench_spawn(const char *name, char *const argv[]) {
    enum { N = 20 };
    for (int i = 0; i < 3; i++)
        spawn_wait(argv);
    struct timing t = start();
    for (int i = 0; i < N; i++)
        spawn_wait(argv);
    report(name, t, N);
}

static volatile int signals_taken;

static void on_signal(int sig) {
    (void)sig;
    signals_taken++;
}

/* Installing a handler, then a signal to ourselves: kill, delivery, the handler, sigreturn. */
static void bench_signal(void) {
    enum { N = 1000 };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    for (int i = 0; i < 50; i++) {
        sigaction(SIGUSR1, &sa, NULL);
        kill(getpid(), SIGUSR1);
    }
    struct timing t = start();
    for (int i = 0; i < N; i++) {
        sigaction(SIGUSR1, &sa, NULL);
        kill(getpid(), SIGUSR1);
    }
    report("signal_roundtrip", t, N);
    if (signals_taken != N + 50)
        die("signals lost");
    signal(SIGUSR1, SIG_DFL);
}

/* mmap of 1 MiB of anonymous memory, a write to each page, munmap. */
static void mmap_touch_unmap(void) {
    enum { SIZE = 1 << 20 };
    char *p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    for (int off = 0; off < SIZE; off += 4096)
        p[off] = 1;
    munmap(p, SIZE);
}

static void bench_mmap_touch(void) {
    enum { N = 20 };
    for (int i = 0; i < 2; i++)
        mmap_touch_unmap();
    struct timing t = start();
    for (int i = 0; i < N; i++)
        mmap_touch_unmap();
    report("mmap_touch_1mib", t, N);
}

static void bench_open_close(void) {
    enum { N = 500 };
    for (int i = 0; i < 20; i++)
        close(open("/bin/exec_target", O_RDONLY));
    struct timing t = start();
    for (int i = 0; i < N; i++) {
        int fd = open("/bin/exec_target", O_RDONLY);
        if (fd < 0)
            die("open");
        close(fd);
    }
    report("open_close", t, N);
}

/*
 * ext2 on /dev/hdb (an empty image run_bench.py attaches): an empty file created and removed,
 * per pair, the CPU's halts excluded (report_busy): what the kernel executes for the two calls
 * and the blocks they write through the cache (about a dozen).
 */
static void bench_ext2_create_unlink(void) {
    enum { N = 40, WARM = 4 };
    if (mkdir("/mnt", 0755) || mount("/dev/hdb", "/mnt", "ext2", 0, NULL))
        die("mount /dev/hdb");
    int dev = open("/dev/hdb", O_RDONLY);
    if (dev < 0)
        die("open /dev/hdb");
    uint64_t h = 0;
    struct timing t0 = start();
    for (int i = 0; i < N + WARM; i++) {
        if (i == WARM) {
            h = halted(dev);
            t0 = start();
        }
        int fd = open("/mnt/f", O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0 || close(fd) || unlink("/mnt/f"))
            die("create/unlink");
    }
    report_busy("ext2_create_unlink", dev, t0, h, N);
    close(dev);
    if (umount("/mnt"))
        die("umount");
}

static void *nothing(void *arg) {
    return arg;
}

static void bench_thread_create_join(void) {
    enum { N = 200 };
    pthread_t t;
    for (int i = 0; i < 10; i++) {
        if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
            die("pthread_create");
    }
    struct timing t0 = start();
    for (int i = 0; i < N; i++) {
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
    report("thread_create_join", t0, N);
}

static void bench_mutex_uncontended(void) {
    enum { N = 5000 };
    static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&m);
        pthread_mutex_unlock(&m);
    }
    struct timing t = start();
    for (int i = 0; i < N; i++) {
        pthread_mutex_lock(&m);
        pthread_mutex_unlock(&m);
    }
    report("mutex_uncontended", t, N);
}

/*
 * A contended hand-off: each of two threads takes the mutex, yields while holding it (so the
 * other blocks on it in the kernel), releases it (waking the other) and yields again (so the
 * woken one takes it before the releaser can come back for it). They alternate strictly; each
 * round trip is two hand-offs, each of: an unlock that wakes, a switch, a futex wait ended.
 */
enum { HANDOFF_ROUNDS = 500 };
static pthread_mutex_t handoff_m = PTHREAD_MUTEX_INITIALIZER;

static void handoff_loop(int n) {
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&handoff_m);
        sched_yield();
        pthread_mutex_unlock(&handoff_m);
        sched_yield();
    }
}

static void *handoff_partner(void *arg) {
    (void)arg;
    handoff_loop(HANDOFF_ROUNDS + 50);
    return NULL;
}

static void bench_mutex_handoff(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, handoff_partner, NULL))
        die("pthread_create");
    handoff_loop(50);
    struct timing t0 = start();
    handoff_loop(HANDOFF_ROUNDS);
    report("mutex_handoff", t0, 2 * HANDOFF_ROUNDS);
    pthread_join(t, NULL);
}

/* yield_pingpong between two threads of one process: the switch keeps the address space. */
enum { SWITCH_ROUNDS = 2000 };
static volatile int switch_stop;

static void *yielder(void *arg) {
    (void)arg;
    while (!switch_stop)
        sched_yield();
    return NULL;
}

static void bench_thread_switch(void) {
    pthread_t t;
    if (pthread_create(&t, NULL, yielder, NULL))
        die("pthread_create");
    for (int i = 0; i < 100; i++)
        sched_yield();
    struct timing t0 = start();
    for (int i = 0; i < SWITCH_ROUNDS; i++)
        sched_yield();
    report("thread_switch", t0, SWITCH_ROUNDS);
    switch_stop = 1;
    pthread_join(t, NULL);
}

int main(void) {
    bench_getpid();
    bench_yield_alone();
    bench_yield_pingpong();
    bench_pipe_pingpong();
    bench_fork("fork_exit_wait", 0);
    bench_fork("fork_exit_wait_1mib", 1u << 20);
    bench_fork("fork_exit_wait_4mib", 4u << 20);
    bench_fork("fork_exit_wait_16mib", 16u << 20);
    bench_cow_fault();
    bench_exec();
    bench_disk();
    bench_pipe_bandwidth();
    bench_demand_zero();
    char *true_argv[] = {"/bin/true", NULL};
    bench_spawn("fork_exec_wait", true_argv);
    char *sh_argv[] = {"/bin/sh", "-c", "true", NULL};
    bench_spawn("sh_c_true", sh_argv);
    bench_signal();
    bench_mmap_touch();
    bench_open_close();
    bench_ext2_create_unlink();
    bench_thread_create_join();
    bench_mutex_uncontended();
    bench_mutex_handoff();
    bench_thread_switch();
    printf("BENCH done 0 0\n");
    return 0;
}
