/*
 * One batch, in a child of the supervisor. It sets up live state for the calls to name: pipes
 * with data, empty, full and without a reader; an open file, a directory and the console; a file
 * open for writing, a directory with entries and /dev/null and /dev/zero in the scratch tree;
 * now and then a descriptor table with 0-2 free slots; children that are a zombie, stopped, alive for a
 * while, and already reaped; a child that sends it SIGUSR1 every TICK_MS (so a call that waits
 * gets EINTR); a read-write page next to a hole and a read-only page; handlers; with hog=1, a
 * child that holds all the memory it can get. Then it makes its calls, on a stack of its own. A
 * process the fuzzing forks goes on here too (fuzz_forked).
 *
 * The setup's own calls are plain libc calls, not counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

struct fuzz_proc proc;
uint8_t fuzz_scratch[SCRATCH_SIZE] __attribute__((aligned(PAGE)));

/* The stack the calls are made on. The process's own stack region is left to the fuzzing: an
 * argument may point anywhere in it, unmap it, or put a signal frame there, and only dead frames
 * (main's and the supervisor's) are hit. */
static uint8_t stack[64 * 1024] __attribute__((aligned(16)));
void (*fuzz_restorer)(void);

void fuzz_handler(int sig) {
    count(&fuzz_run.stats->handled);
    /* A handler that returns from a CPU fault re-runs the faulting instruction: it would fault
     * again forever. */
    if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)
        _exit(128 + sig);
}

#define TICK_MS 20
#define OWNED_STACK (16 * PAGE) /* the top of the stack region: more than the supervisor uses */

static void sleep_ms(long ms) {
    struct timespec ts = {0, ms * 1000000};
    nanosleep(&ts, NULL);
}

extern char __data_start[]; /* user/user.ld */

/*
 * Writes once to every page the process may write, so that each copy-on-write page it shares
 * with its parent or children is copied now, while memory is plentiful: data, bss, heap and the
 * top of the stack. Then neither side needs a frame to write it later, when a hog has taken them
 * all; the supervisor above all must never die of that. Writing a byte back is harmless anywhere,
 * even on the live stack (signal frames go below the stack pointer).
 */
static void own_pages(void) {
    if (!fuzz_run.hog)
        return; /* memory is plentiful: let copy-on-write take its course */
    uint32_t heap_end = (uint32_t)sbrk(0);
    for (uint32_t p = (uint32_t)__data_start; p < heap_end; p += PAGE)
        *(volatile uint8_t *)p = *(volatile uint8_t *)p;
    for (uint32_t p = USER_TOP - OWNED_STACK; p < USER_TOP; p += PAGE)
        *(volatile uint8_t *)p = *(volatile uint8_t *)p;
}

static void add_fd(int fd) {
    if (fd >= 0 && proc.nfds < MAX_FDS)
        proc.fds[proc.nfds++] = fd;
}

enum child_kind { ZOMBIE, STOPPED, LIVE, REAPED, TICKER };

/* Takes memory until the kernel refuses more, then waits for the sweep: the batch runs with a few
 * frames left, so its calls meet out-of-memory at every step. mmap refuses writable memory once
 * fewer than MM_COMMIT_RESERVE (64) frames would be left; a mapping made before that point and
 * touched after it takes most of the rest. */
#define HOG_RESERVE 52 /* pages: leaves about a dozen */

static void hog(int done) {
    uint8_t *reserve = mmap(NULL, HOG_RESERVE * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t pages = 0;
    for (uint32_t chunk = 64 * PAGE; chunk >= PAGE; chunk /= 4) {
        for (;;) {
            uint8_t *p = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED)
                break;
            for (uint32_t i = 0; i < chunk; i += PAGE, pages++)
                p[i] = 1;
            count(&fuzz_run.stats->setup_steps); /* for the watchdog: not stuck */
        }
    }
    for (uint32_t i = 0; reserve != MAP_FAILED && i < HOG_RESERVE * PAGE; i += PAGE, pages++)
        reserve[i] = 1;
    if (fuzz_run.trace)
        trace("fuzz: %d holds %u pages\n", getpid(), pages);
    write(done, "", 1);
    for (;;)
        sleep_ms(1000);
}

static pid_t spawn(enum child_kind kind) {
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    for (int fd = 0; fd <= TRACE_FD; fd++)
        close(fd);
    switch (kind) {
    case STOPPED:
        kill(getpid(), SIGSTOP);
        break;
    case LIVE: /* long enough to be named by most of the batch; a wait for it ends */
        for (int i = 0; i < 10; i++)
            sleep_ms(10);
        break;
    case TICKER: /* SIGUSR1 to the batch now and then: a call that waits gets EINTR (or restarts) */
        for (int i = 0; i < 200 && kill(proc.self, SIGUSR1) == 0; i++)
            sleep_ms(TICK_MS);
        break;
    case ZOMBIE:
    case REAPED:
        break;
    }
    _exit(7);
}

static void setup_descriptors(void) {
    int fds[2];

    /* The console for the trace at TRACE_FD; nothing else open. */
    int console = open("/dev/console", O_WRONLY | O_CLOEXEC);
    dup2(console, TRACE_FD);
    for (int fd = 0; fd < TRACE_FD; fd++)
        close(fd);
    if (pipe(fds) == 0) { /* with data to read */
        write(fds[1], "fuzz", 4);
        add_fd(fds[0]);
        add_fd(fds[1]);
    }
    if (pipe(fds) == 0) { /* empty */
        add_fd(fds[0]);
        add_fd(fds[1]);
    }
    if (pipe(fds) == 0) { /* no reader left: EPIPE and SIGPIPE */
        close(fds[0]);
        proc.closed[proc.nclosed++] = fds[0];
        add_fd(fds[1]);
    }
    if (rng_chance(&proc.rng, 50) && pipe(fds) == 0) { /* full: a write waits */
        write(fds[1], fuzz_scratch, 4096);
        add_fd(fds[0]);
        add_fd(fds[1]);
    }
    add_fd(open("/bin/echo", O_RDONLY));
    add_fd(open("/", O_RDONLY));
    add_fd(open("/dev/console", O_RDONLY | O_NONBLOCK));
    /* The scratch tree, empty now: a file with bytes, a directory with entries. */
    int file = open(SCRATCH_DIR "/file", O_RDWR | O_CREAT, 0644);
    write(file, fuzz_scratch, 100 + rng_below(&proc.rng, 3 * PAGE));
    add_fd(file);
    mkdir(SCRATCH_DIR "/dir", 0755);
    mkdir(SCRATCH_DIR "/dir/sub", 0755);
    close(open(SCRATCH_DIR "/dir/f", O_WRONLY | O_CREAT, 0644));
    add_fd(open(SCRATCH_DIR "/dir", O_RDONLY | O_DIRECTORY));
    add_fd(open("/dev/null", O_RDWR));
    add_fd(open("/dev/zero", O_RDONLY));
    /* Now and then a table with 0, 1 or 2 slots left, so that calls meet EMFILE, pipe() with
     * room for one end among them. */
    if (proc.nfds && rng_chance(&proc.rng, 25)) {
        int dups[32], n = 0, left = (int)rng_below(&proc.rng, 3);
        while (n < 32 && (dups[n] = dup(proc.fds[0])) >= 0)
            n++;
        while (left-- > 0 && n > 0)
            close(dups[--n]);
    }
}

static void setup_memory(void) {
    for (uint32_t i = 0; i < SCRATCH_SIZE; i += 8) {
        uint64_t v = rng_next(&proc.rng);
        memcpy(fuzz_scratch + i, &v, 8);
    }
    /* Three pages: read-write, a hole, read-only. The read-write page ends in a string with no
     * NUL, so a path there runs into the hole. */
    uint8_t *e = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (e != MAP_FAILED) {
        munmap(e + PAGE, PAGE);
        mmap(e + 2 * PAGE, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        memset(e + PAGE - 64, 'A', 64);
        proc.edge = (uint32_t)e;
        proc.edge_ok = true;
    } else {
        proc.edge = (uint32_t)fuzz_scratch;
    }
    /* The last bytes under the kernel: a string (and argv) with no end before 0xC0000000. */
    memset((void *)(USER_TOP - 8), 'B', 8);
    proc.brk_end = (uint32_t)sbrk(0);
}

static void setup_children(void) {
    proc.zombie = spawn(ZOMBIE);
    proc.stopped = spawn(STOPPED);
    proc.live = spawn(LIVE);
    proc.reaped = spawn(REAPED);
    if (proc.reaped > 0)
        waitpid(proc.reaped, NULL, 0);
    spawn(TICKER);
    own_pages(); /* again: the children share them now */
    int go[2], done[2];
    if (fuzz_run.hog && pipe(go) == 0 && pipe(done) == 0) {
        char c;
        if (fork() == 0) {
            close(go[1]);
            close(done[0]);
            read(go[0], &c, 1);
            hog(done[1]);
        }
        close(go[0]);
        close(done[1]);
        own_pages(); /* before the hog starts: now it shares them too */
        write(go[1], "", 1);
        /* Until it has all it can get, or died; the ticker's signals interrupt the read. */
        while (read(done[0], &c, 1) < 0 && errno == EINTR)
            ;
        close(go[1]);
        close(done[0]);
    }
}

static void setup_signals(void) {
    struct sigaction sa = {.sa_handler = fuzz_handler};
    sigset_t none = 0;

    for (int sig = 1; sig < NSIG; sig++)
        signal(sig, SIG_DFL);
    /* A batch is a background group of the console's session: its reads of the console (and a
     * TCFLSH) would stop it with SIGTTIN (SIGTTOU), again each time the supervisor continues it,
     * until it is killed as stalled. Ignored, they fail with EIO (or go on) instead. */
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    sigprocmask(SIG_SETMASK, &none, NULL);
    sa.sa_flags = rng_chance(&proc.rng, 25) ? SA_RESTART : 0; /* then a wait outlives the ticks */
    sigaction(SIGUSR1, &sa, NULL);
    if (rng_chance(&proc.rng, 50)) /* then children's ends interrupt waits */
        sigaction(SIGCHLD, &sa, NULL);
    struct sigaction old;
    if (sigaction(SIGUSR1, NULL, &old) == 0)
        fuzz_restorer = old.sa_restorer;
}

static void run(void) {
    while (proc.calls < proc.budget)
        fuzz_one();
    _exit(0);
}

void batch_main(uint32_t budget) {
    own_pages(); /* the supervisor's pages are its own again */
    memset(&proc, 0, sizeof(proc));
    proc.rng = rng_derive(fuzz_run.seed, fuzz_run.batch);
    setpgid(0, 0);
    proc.self = getpid();
    proc.parent = getppid();
    proc.pgid = proc.self;
    setup_signals();
    setup_descriptors();
    if (fuzz_run.trace)
        trace("fuzz: %d is batch %u of seed %llu\n", proc.self, fuzz_run.batch, (unsigned long long)fuzz_run.seed);
    setup_memory();
    setup_children();
    proc.budget = budget;
    fuzz_run_on(stack + sizeof(stack), run);
}

/* In a process the fuzzing just forked: one of a few fates, most often a few calls of its own. */
void fuzz_forked(void) {
    proc.rng = rng_derive(proc.rng.state, 1);
    proc.depth++;
    proc.forks = 0;
    proc.calls = 0;
    proc.nchildren = 0;
    proc.parent = proc.self;
    proc.self = getpid();
    uint32_t fate = rng_below(&proc.rng, 10);
    if (fuzz_run.trace)
        trace("fuzz: %d forked by %d, fate %u\n", proc.self, proc.parent, fate);
    switch (fate) {
    case 0:
    case 1:
    case 2: /* a zombie until its parent waits */
        _exit((int)rng_below(&proc.rng, 256));
    case 3: /* stopped until a SIGCONT or the sweep */
        kill(proc.self, SIGSTOP);
        _exit(0);
    case 4:
        sleep_ms(20);
        _exit(0);
    default:
        proc.budget = 20 + rng_below(&proc.rng, 40);
    }
}
