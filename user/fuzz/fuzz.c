/*
 * The system-call fuzzer's supervisor (fuzz.h has the map of the parts).
 *
 * For each seed it runs batches of BATCH_CALLS calls, each in a fresh child, until the seed has
 * made its share of calls. A batch may die any way it likes (a fatal signal, exit, execve); one
 * that stops making progress (a read that waits forever, a long sleep, a stopped process) is
 * killed after STALL_MS without a call started or finished. After each batch, every process but
 * init and the supervisor is killed and reaped (the sweep), so none outlives its batch. At the
 * end it checks that the system still works: fork and wait, pipes, signals, its own identity,
 * descriptors and memory.
 *
 * Settings (key=value, from /etc/fuzz.conf, then from the arguments):
 *   seeds=S1,S2,...  one run per seed (decimal or 0x hex); default: one from the clock
 *   calls=N          calls per seed (default 10000)
 *   batch=K          only batch K of each seed
 *   trace=all|K      every call (of every batch, or of batch K of each seed) on the console
 *                    before it is made, and its result
 *   hog=1            each batch runs with almost no free memory (a process holds the rest)
 *
 * It must be init's program (run=/bin/fuzz_test on the kernel command line): the sweep uses
 * kill(-1, SIGKILL), and fuzzing processes may too, which would also kill a shell that started it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "user/tests/check.h"

#define BATCH_CALLS 400
#define STALL_MS 60    /* no call started or finished for this long: the batch is stuck */
#define BATCH_MS 20000 /* and no batch takes longer than this, stuck or not */
#define SWEEP_MS 5000  /* the time processes get to die and be reaped after a batch */
#define MAX_SEEDS 16
#define CANARY_SEED 0x1badcafeull

_Static_assert(sizeof(struct fuzz_stats) <= PAGE, "the counters fit their page");

struct fuzz_run fuzz_run;
uint8_t fuzz_canary[CANARY_SIZE] __attribute__((aligned(PAGE)));

static struct {
    uint64_t seeds[MAX_SEEDS];
    int nseeds;
    uint32_t calls;
    long batch; /* -1: every batch */
    long trace; /* -2: none, -1: every batch, else one batch */
    bool hog;
    const char *from;
} config = {.calls = 10000, .batch = -1, .trace = -2, .from = "defaults"};

/* How batches ended. */
static struct {
    uint32_t batches, exited, stalled, continued;
    uint32_t stalled_in[SYS_COUNT + 1]; /* by the last call started */
    uint32_t signaled[NSIG];
} ends;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void on_sigchld(int sig) {
    (void)sig; /* only to cut the supervisor's sleeps short */
}

/* ---- Settings ---- */

static void parse_seeds(const char *s) {
    config.nseeds = 0;
    while (*s && config.nseeds < MAX_SEEDS) {
        char *end;
        config.seeds[config.nseeds++] = strtoull(s, &end, 0);
        if (end == s)
            FAIL("fuzz: bad seed list at '%s'", s);
        s = *end == ',' ? end + 1 : end;
        if (*end && *end != ',')
            FAIL("fuzz: bad seed list at '%s'", end);
    }
}

static void setting(const char *line) {
    const char *value = strchr(line, '=');

    if (!value)
        FAIL("fuzz: expected key=value, got '%s'", line);
    value++;
    if (!strncmp(line, "seeds=", 6))
        parse_seeds(value);
    else if (!strncmp(line, "calls=", 6))
        config.calls = (uint32_t)strtoul(value, NULL, 0);
    else if (!strncmp(line, "batch=", 6))
        config.batch = strtol(value, NULL, 0);
    else if (!strncmp(line, "trace=", 6))
        config.trace = !strcmp(value, "all") ? -1 : strtol(value, NULL, 0);
    else if (!strncmp(line, "hog=", 4))
        config.hog = atoi(value) != 0;
    else
        FAIL("fuzz: unknown setting '%s'", line);
}

static void read_config(const char *path) {
    static char text[1024];
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return;
    ssize_t n = read(fd, text, sizeof(text) - 1);
    close(fd);
    if (n <= 0)
        return;
    text[n] = '\0';
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        line += strspn(line, " \t");
        line[strcspn(line, " \t\r#")] = '\0';
        if (*line)
            setting(line);
    }
    config.from = path;
}

static void configure(int argc, char **argv) {
    read_config("/etc/fuzz.conf");
    for (int i = 1; i < argc; i++) {
        setting(argv[i]);
        config.from = "the command line";
    }
    if (config.nseeds == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        struct rng r = rng_derive((uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec);
        config.seeds[config.nseeds++] = rng_u32(&r);
    }
}

static void seed_list(char *buf, size_t size) {
    size_t at = 0;
    buf[0] = '\0';
    for (int i = 0; i < config.nseeds && at < size; i++)
        at += (size_t)snprintf(buf + at, size - at, "%s%llu", i ? "," : "", (unsigned long long)config.seeds[i]);
}

/* ---- Canaries: memory of the supervisor's that nothing may change ---- */

static void canary_fill(uint8_t *p, size_t n, uint64_t tag) {
    struct rng r = rng_derive(CANARY_SEED, tag);
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = rng_next(&r);
        memcpy(p + i, &v, 8);
    }
}

static bool canary_intact(const uint8_t *p, size_t n, uint64_t tag) {
    struct rng r = rng_derive(CANARY_SEED, tag);
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = rng_next(&r);
        if (memcmp(p + i, &v, 8))
            return false;
    }
    return true;
}

/* ---- Batches ---- */

static uint32_t progress(void) {
    const struct fuzz_stats *st = fuzz_run.stats;
    return st->started + st->returned + st->filtered + st->setup_steps;
}

/* Waits for the batch `pid`, killing it once it is stuck. True if it had to be killed. */
static bool watch(pid_t pid, int *status) {
    const struct timespec tick = {0, 5000000};
    uint64_t start = now_ns(), since = start;
    uint32_t seen = progress();
    bool killed = false;

    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG | WUNTRACED);
        if (r == pid && WIFSTOPPED(*status)) {
            /* Stopped by a stop signal of its own: carry on. */
            kill(-pid, SIGCONT);
            kill(pid, SIGCONT);
            ends.continued++;
            continue;
        }
        if (r == pid)
            return killed;
        if (r < 0 && errno != EINTR)
            FAIL("waitpid(batch %d): %s", pid, strerror(errno));
        uint64_t t = now_ns();
        uint32_t p = progress();
        if (p != seen) {
            seen = p;
            since = t;
        }
        if (!killed && t - start > BATCH_MS * 1000000ull)
            printf("# fuzz: batch %u of seed %llu still busy after %d ms: killed\n", fuzz_run.batch,
                   (unsigned long long)fuzz_run.seed, BATCH_MS);
        if (!killed && (t - since > STALL_MS * 1000000ull || t - start > BATCH_MS * 1000000ull)) {
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            killed = true;
            ends.stalled_in[fuzz_run.stats->last_call]++;
        }
        nanosleep(&tick, NULL); /* a child's end cuts it short (SIGCHLD) */
    }
}

/* ---- The scratch tree ---- */

/* The first entry of the working directory but "." and "..", into name; false if none. */
static bool first_entry(char name[64]) {
    static char buf[512] __attribute__((aligned(8)));
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    ssize_t n;
    bool found = false;

    if (fd < 0)
        FAIL("cannot open a directory of the scratch tree: %s", strerror(errno));
    while (!found && (n = getdents64(fd, buf, sizeof(buf))) > 0) {
        for (ssize_t pos = 0; pos < n && !found; pos += ((struct abi_dirent64 *)(buf + pos))->d_reclen) {
            const char *d = ((struct abi_dirent64 *)(buf + pos))->d_name;
            if (strcmp(d, ".") != 0 && strcmp(d, "..") != 0) {
                snprintf(name, 64, "%s", d);
                found = true;
            }
        }
    }
    close(fd);
    return found;
}

/* Removes everything in the working directory, depth first, by names relative to it (so no
 * path grows too long, however deep a batch made the tree). */
static void empty_here(int depth) {
    char name[64];

    while (first_entry(name)) {
        if (unlink(name) == 0)
            continue;
        if (errno != EISDIR || depth > 64 || chdir(name) != 0)
            FAIL("cannot remove %s from the scratch tree: %s", name, strerror(errno));
        empty_here(depth + 1);
        if (chdir("..") != 0 || rmdir(name) != 0)
            FAIL("cannot remove directory %s from the scratch tree: %s", name, strerror(errno));
    }
}

/* Empties the scratch tree after a batch (every process of it is gone). */
static void scratch_empty(void) {
    if (chdir(SCRATCH_DIR) != 0)
        FAIL("the scratch tree is gone: %s", strerror(errno));
    empty_here(0);
    CHECK_EQ(chdir("/"), 0);
}

/* The tree outside the scratch tree, as stat sees it: the calls may change none of it. */
#define TREE_MAX 96
struct tree_entry {
    char path[64];
    uint32_t mode, size, ino, nlink, dev;
};
struct tree {
    int n;
    struct tree_entry e[TREE_MAX];
};

static void tree_read(const char *path, struct tree *t, int depth) {
    char buf[512] __attribute__((aligned(8)));
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    ssize_t n;

    CHECK(fd >= 0 && depth < 8);
    while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
        for (ssize_t pos = 0; pos < n; pos += ((struct abi_dirent64 *)(buf + pos))->d_reclen) {
            const char *d = ((struct abi_dirent64 *)(buf + pos))->d_name;
            struct stat st;
            CHECK(t->n < TREE_MAX);
            struct tree_entry *e = &t->e[t->n];
            snprintf(e->path, sizeof(e->path), "%s/%s", strcmp(path, "/") ? path : "", d);
            if (!strcmp(d, ".") || !strcmp(d, "..") || !strcmp(e->path, SCRATCH_DIR))
                continue;
            CHECK_EQ(stat(e->path, &st), 0);
            e->mode = st.st_mode;
            e->size = (uint32_t)st.st_size;
            e->ino = st.st_ino;
            e->nlink = st.st_nlink;
            e->dev = st.st_dev;
            t->n++;
            if (S_ISDIR(st.st_mode))
                tree_read(e->path, t, depth + 1);
        }
    }
    CHECK_EQ(n, 0);
    close(fd);
}

static struct tree tree_before, tree_after;

/* Fails, naming the batch, when the tree outside the scratch tree is not as it was. */
static void tree_check(void) {
    const struct tree *a = &tree_before, *b = &tree_after;

    tree_after.n = 0;
    tree_read("/", &tree_after, 0);
    for (int i = 0; i < a->n || i < b->n; i++) {
        const struct tree_entry *x = i < a->n ? &a->e[i] : NULL, *y = i < b->n ? &b->e[i] : NULL;
        if (!x || !y || memcmp(x, y, sizeof(*x)) != 0)
            FAIL("batch %u of seed %llu changed the tree outside the scratch tree: %s (mode 0%o size %u ino %u "
                 "links %u) is now %s (mode 0%o size %u ino %u links %u)",
                 fuzz_run.batch, (unsigned long long)fuzz_run.seed, x ? x->path : "nothing", x ? x->mode : 0,
                 x ? x->size : 0, x ? x->ino : 0, x ? x->nlink : 0, y ? y->path : "nothing", y ? y->mode : 0,
                 y ? y->size : 0, y ? y->ino : 0, y ? y->nlink : 0);
    }
}

/* Kills and reaps every process but init and the supervisor; init reaps the orphans. */
static void sweep(void) {
    const struct timespec tick = {0, 10000000};
    uint64_t deadline = now_ns() + SWEEP_MS * 1000000ull;

    for (int round = 0;; round++) {
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        errno = 0;
        if (kill(-1, 0) < 0 && errno == ESRCH)
            return;
        if (getpid() != fuzz_run.supervisor)
            _exit(99); /* a child that resumed here by a forged frame must not sweep */
        kill(-1, SIGKILL);
        if (now_ns() > deadline)
            FAIL("processes still there %d ms after batch %u of seed %llu", SWEEP_MS, fuzz_run.batch,
                 (unsigned long long)fuzz_run.seed);
        if (round < 3)
            sched_yield();
        else
            nanosleep(&tick, NULL);
    }
}

static void run_batch(uint64_t seed, uint32_t batch) {
    int status = 0;

    fuzz_run.seed = seed;
    fuzz_run.batch = batch;
    fuzz_run.trace = config.trace == -1 || config.trace == (long)batch;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        batch_main(BATCH_CALLS);
    if (pid < 0)
        FAIL("fork of batch %u: %s", batch, strerror(errno));
    bool stalled = watch(pid, &status);
    ends.batches++;
    if (stalled)
        ends.stalled++;
    else if (WIFEXITED(status))
        ends.exited++;
    else if (WIFSIGNALED(status) && WTERMSIG(status) < NSIG)
        ends.signaled[WTERMSIG(status)]++;
    sweep();
    scratch_empty();
    tree_check();
}

static void run_seed(uint64_t seed) {
    struct fuzz_stats *st = fuzz_run.stats;
    uint32_t before = st->started, batches = 0;
    uint64_t start = now_ns();

    printf("# fuzz: seed %llu\n", (unsigned long long)seed);
    if (config.batch >= 0) {
        run_batch(seed, (uint32_t)config.batch);
        batches = 1;
    } else {
        for (uint32_t b = 0; st->started - before < config.calls; b++, batches++)
            run_batch(seed, b);
    }
    uint32_t made = st->started - before;
    uint64_t ms = (now_ns() - start) / 1000000u;
    if (st->violations)
        FAIL("seed %llu: %u violations, the first: %s", (unsigned long long)seed, st->violations, st->first_violation);
    if (st->returned > st->started)
        FAIL("seed %llu: %u calls returned of %u made: the fuzzer lost track", (unsigned long long)seed, st->returned,
             st->started);
    if (!canary_intact(fuzz_canary, CANARY_SIZE, 0))
        FAIL("seed %llu: the supervisor's copy-on-write canary changed", (unsigned long long)seed);
    char what[96];
    snprintf(what, sizeof(what), "seed %llu: %u calls in %u batches, %llu.%01llu s", (unsigned long long)seed, made,
             batches, ms / 1000, ms % 1000 / 100);
    PASS(what);
}

/* ---- The report ---- */

static void report(uint64_t ms) {
    const struct fuzz_stats *st = fuzz_run.stats;
    char seeds[160];

    seed_list(seeds, sizeof(seeds));
    printf("fuzz: %u calls, seeds %s: ok %u", st->started, seeds, st->ok);
    for (int e = 1; e < ERRNO_SLOTS; e++) {
        if (st->err[e])
            printf(", %s %u", strerrorname_np(e) ? strerrorname_np(e) : "E?", st->err[e]);
    }
    if (st->err[0])
        printf(", other errors %u", st->err[0]);
    printf(", sigreturn landed %u, unfinished %u; filtered %u; batches %u: exited %u, stalled %u", st->landed,
           st->started - st->returned, st->filtered, ends.batches, ends.exited, ends.stalled);
    for (int sig = 1; sig < NSIG; sig++) {
        if (ends.signaled[sig])
            printf(", SIG%s %u", sigabbrev_np(sig), ends.signaled[sig]);
    }
    printf("\n# fuzz: %llu.%01llu s, %llu calls/s; signals caught by handlers %u\n# fuzz: by call:", ms / 1000,
           ms % 1000 / 100, ms ? (unsigned long long)st->started * 1000 / ms : 0, st->handled);
    for (uint32_t nr = 0; nr <= SYS_COUNT; nr++)
        printf(" %s %u", call_name(nr), st->by_call[nr]);
    printf("\n# fuzz: batches stopped and continued %u; stalled after:", ends.continued);
    for (uint32_t nr = 0; nr <= SYS_COUNT; nr++) {
        if (ends.stalled_in[nr])
            printf(" %s %u", call_name(nr), ends.stalled_in[nr]);
    }
    printf("\n");
}

/* ---- After the fuzzing: does the system still work? ---- */

static volatile sig_atomic_t caught;

static void on_usr1(int sig) {
    caught = sig;
}

static void check_invariants(pid_t self, const uint8_t *stack_canary, const uint8_t *heap_canary, void *brk_end) {
    int status, fds[2];
    char buf[8];
    struct stat st;

    signal(SIGCHLD, SIG_DFL); /* the supervisor's handler would cut waits short */
    CHECK_ERR(kill(-1, 0), ESRCH);
    CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
    PASS("after fuzzing: no process left but init and the supervisor");

    CHECK_EQ(getpid(), self);
    CHECK_EQ(getppid(), 1);
    CHECK_EQ(getpgid(0), self);
    PASS("after fuzzing: pid, parent and group unchanged");

    CHECK(canary_intact(fuzz_canary, CANARY_SIZE, 0));
    CHECK(canary_intact(stack_canary, PAGE, 1));
    CHECK(canary_intact(heap_canary, PAGE, 2));
    CHECK(sbrk(0) == brk_end);
    PASS("after fuzzing: the supervisor's memory unchanged (data, stack, heap, break)");

    for (int fd = 0; fd < 3; fd++)
        CHECK_EQ(fstat(fd, &st), 0);
    for (int fd = 3; fd < 32; fd++)
        CHECK_ERR(fstat(fd, &st), EBADF);
    PASS("after fuzzing: descriptors 0-2 open, no other");

    tree_check();
    CHECK_EQ(rmdir(SCRATCH_DIR), 0);
    PASS("after fuzzing: the tree outside the scratch directory unchanged, the scratch directory empty");

    pid_t pid = fork();
    if (pid == 0)
        _exit(42);
    CHECK(pid > 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 42);
    PASS("after fuzzing: fork and wait");

    CHECK_EQ(pipe(fds), 0);
    pid = fork();
    if (pid == 0) {
        write(fds[1], "pong", 4);
        _exit(0);
    }
    CHECK(pid > 0);
    close(fds[1]);
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), 4);
    CHECK(!memcmp(buf, "pong", 4));
    CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
    close(fds[0]);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("after fuzzing: a pipe between two processes");

    struct sigaction sa = {.sa_handler = on_usr1}, old;
    CHECK_EQ(sigaction(SIGUSR1, &sa, &old), 0);
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(caught, SIGUSR1);
    CHECK_EQ(sigaction(SIGUSR1, &old, NULL), 0);
    PASS("after fuzzing: a signal handler runs");
}

/* The supervisor takes no signal but SIGKILL and SIGSTOP (which the filter keeps from it). */
static void protect_supervisor(void) {
    struct sigaction chld = {.sa_handler = on_sigchld}; /* no SA_RESTART: it ends sleeps */

    for (int sig = 1; sig < NSIG; sig++) {
        if (sig != SIGKILL && sig != SIGSTOP && sig != SIGCHLD && sig != SIGCONT)
            signal(sig, SIG_IGN);
    }
    CHECK_EQ(sigaction(SIGCHLD, &chld, NULL), 0);
}

static void map_counters(void) {
    void *area = mmap((void *)STATS_AREA, STATS_AREA_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    void *page =
        mmap((void *)(STATS_AREA + PAGE), PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(area == (void *)STATS_AREA);
    CHECK(page == (void *)(STATS_AREA + PAGE));
    fuzz_run.stats = page;
}

/* Touches the stack the supervisor will use, so that it never needs a new page during a batch,
 * when a hog may have taken them all (batch.c, own_pages, owns the rest). */
static void grow_stack(void) {
    volatile uint8_t pages[12 * PAGE];
    for (uint32_t i = 0; i < sizeof(pages); i += PAGE)
        pages[i] = 0;
}

int main(int argc, char **argv) {
    uint8_t stack_canary[PAGE];
    char seeds[160];

    grow_stack();
    configure(argc, argv);
    seed_list(seeds, sizeof(seeds));
    printf("# fuzz: seeds %s, %u calls each%s%s%s (settings from %s)\n", seeds, config.calls,
           config.batch >= 0 ? ", one batch" : "", config.trace > -2 ? ", traced" : "",
           config.hog ? ", short of memory" : "", config.from);
    if (getppid() != 1)
        FAIL("fuzz: run me as init's program (run=%s): my children may kill(-1, ...) all but init and me", argv[0]);
    CHECK(calls_complete());

    pid_t self = getpid();
    setpgid(0, 0);
    CHECK_EQ(getpgid(0), self);
    fuzz_run.supervisor = self;
    fuzz_run.hog = config.hog;
    protect_supervisor();
    map_counters();
    uint8_t *heap_canary = malloc(PAGE);
    CHECK(heap_canary);
    canary_fill(fuzz_canary, CANARY_SIZE, 0);
    canary_fill(stack_canary, PAGE, 1);
    canary_fill(heap_canary, PAGE, 2);
    void *brk_end = sbrk(0);
    if (mkdir("/tmp", 0755) != 0)
        CHECK_EQ(errno, EEXIST);
    CHECK_EQ(mkdir(SCRATCH_DIR, 0755), 0);
    tree_read("/", &tree_before, 0);
    PASS("the supervisor is ready");

    uint64_t start = now_ns();
    for (int i = 0; i < config.nseeds; i++)
        run_seed(config.seeds[i]);
    report((now_ns() - start) / 1000000u);
    check_invariants(self, stack_canary, heap_canary, brk_end);
    return done_testing();
}
