/*
 * Arguments, biased to the values where kernels go wrong: 0, -1, INT_MIN, INT_MAX, lengths that
 * end exactly at or one byte past the kernel's start or wrap around 2^32, addresses of kernel
 * memory, of the page under the kernel, of unmapped, read-only and copy-on-write pages, and the
 * process's own live state (its descriptors, children, mappings).
 */
#include <abi/signal.h>
#include <abi/thread.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "fuzz.h"

extern char _end[]; /* user/user.ld: the end of the program's data */

static struct rng *rng(void) {
    return &proc.rng;
}

static uint32_t pick(uint32_t n) {
    return rng_below(rng(), n);
}

/* Where the structures of the current call go: the second half of the scratch memory. */
static uint32_t arena_used;

static void *arena_alloc(uint32_t size) {
    uint32_t at = (arena_used + 15) & ~15u;
    if (at + size > SCRATCH_SIZE - ARENA) {
        arena_used = 0;
        at = 0;
    }
    arena_used = at + size;
    return fuzz_scratch + ARENA + at;
}

/* Addresses no user pointer may safely name, and a few that end just under the kernel. */
static const uint32_t bad_addresses[] = {
    0,          1,          0xFFF,      0x1000,     0x3FFFFF,               /* below the program: never mapped */
    0xBF7FF000, 0xBF7FFFFF,                                                 /* the gap page under the stack region */
    0xBFFFF000, 0xBFFFFF00, 0xBFFFFFF0, 0xBFFFFFF8, 0xBFFFFFFC, 0xBFFFFFFF, /* the last user page */
    0xC0000000, 0xC0000001, 0xC0001000, 0xC0100000, 0xC0400000, 0xE0000000, /* the kernel's linear map */
    0xF0000000, 0xF0002000, 0xF0004000,                                     /* kernel stacks */
    0xFFFFF000, 0xFFFFFFF0, 0xFFFFFFFC, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000,
};

/* 32 random bits, drawn again while they point into the program's image (its stack is there too)
 * or the counters: a random write there would only confuse the fuzzer, not test the kernel. */
uint32_t arg_any(void) {
    for (;;) {
        uint32_t v = rng_u32(rng());
        bool image = v >= USER_BASE && v < (uint32_t)_end;
        bool stats = v >= STATS_AREA && v < STATS_AREA + STATS_AREA_SIZE;
        if (!image && !stats)
            return v;
    }
}

/* Somewhere in the stack region (8 MiB under the kernel), mapped on first touch. The fuzzing
 * runs on a stack of its own (batch.c), so nothing alive is here. */
static uint32_t stack_region(void) {
    return USER_TOP - (1 + pick(2048)) * PAGE;
}

static uint32_t small_or_edge_int(void) {
    static const uint32_t edges[] = {
        0,          1,          2,          3,          4,          7,          8,          0x7F,    0x80,
        0xFF,       0x100,      0xFFF,      0x1000,     0x7FFF,     0x8000,     0xFFFF,     0x10000, 0x7FFFFFFF,
        0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFF80, 0xFFFFF000, 0xC0000000,
    };
    switch (pick(4)) {
    case 0:
        return pick(64);
    case 1:
        return rng_u32(rng());
    default:
        return RNG_PICK(rng(), edges);
    }
}

static const char read_only[] = "read-only";

/* A pointer to memory: mostly valid, often not. `size` is how much the kernel will touch. */
static uint32_t pointer(uint32_t size) {
    uint32_t scratch = (uint32_t)fuzz_scratch, edge = proc.edge;

    switch (pick(12)) {
    case 0:
    case 1:
    case 2:
        return scratch + pick(ARENA);
    case 3: /* ending exactly at the end of the scratch data, or crossing it by a little */
        return scratch + ARENA - size + pick(2) * pick(8);
    case 4: /* copy-on-write: shared with the supervisor, which checks it has not changed */
        return (uint32_t)fuzz_canary + pick(CANARY_SIZE);
    case 5: /* the read-write page, ending at or running into the hole, the hole, the read-only page */
        switch (pick(4)) {
        case 0:
            return edge + pick(PAGE);
        case 1:
            return edge + PAGE - size + pick(2) * pick(8);
        case 2:
            return edge + PAGE + pick(PAGE);
        default:
            return edge + 2 * PAGE + pick(PAGE);
        }
    case 6:
        return stack_region() + (pick(PAGE) & ~3u);
    case 7:
        if (proc.nmaps) {
            int i = (int)pick((uint32_t)proc.nmaps);
            return proc.maps[i].addr + pick(proc.maps[i].len + 16);
        }
        return scratch;
    case 8: /* the program's code and read-only data */
        return pick(2) ? (uint32_t)fuzz_one + pick(64) : (uint32_t)read_only + pick(8);
    case 9:
    case 10:
        return RNG_PICK(rng(), bad_addresses);
    default:
        return arg_any();
    }
}

/* A length for the buffer at `p`: small, edge, or placed against the end of memory. */
static uint32_t length(uint32_t p) {
    static const uint32_t edges[] = {
        0, 1, 4095, 4096, 4097, 8192, 65536, 0x7FFFFFFF, 0x80000000, 0x40000000, 0xFFFFFFFF, 0xFFFFFFFE,
    };
    switch (pick(10)) {
    case 0:
    case 1:
        return pick(17);
    case 2:
    case 3:
        return pick(PAGE + 1);
    case 4:
    case 5:
        return RNG_PICK(rng(), edges);
    case 6: /* up to the kernel exactly, or one byte into it */
        return USER_TOP - p + pick(2);
    case 7: /* to 2^32 exactly, or wrapping around */
        return 0u - p + pick(2);
    case 8: /* to the end of the scratch data */
        return (uint32_t)fuzz_scratch + ARENA - p + pick(2);
    default:
        return rng_u32(rng());
    }
}

static pid_t a_child(void) {
    return proc.nchildren ? proc.children[pick((uint32_t)proc.nchildren)] : proc.live;
}

static uint32_t pid(void) {
    switch (pick(22)) {
    case 0:
        return 0;
    case 1:
        return (uint32_t)-1;
    case 2:
        return 1; /* init */
    case 3:
        return (uint32_t)proc.self;
    case 4:
        return (uint32_t)proc.parent;
    case 5:
        return (uint32_t)-proc.pgid;
    case 6:
        return (uint32_t)proc.zombie;
    case 7:
        return (uint32_t)proc.stopped;
    case 8:
        return (uint32_t)proc.live;
    case 9:
        return (uint32_t)proc.reaped; /* reaped: the pid is free, or used again */
    case 10:
    case 11:
        return (uint32_t)a_child();
    case 12:
        return (uint32_t)-a_child();
    case 13:
        return (uint32_t)fuzz_run.supervisor;
    case 14:
        return (uint32_t)-fuzz_run.supervisor;
    case 15:
        return (uint32_t)INT_MIN;
    case 16:
        return (uint32_t)INT_MAX;
    case 17:
        return (uint32_t)-INT_MAX;
    case 18:
        return 2 + pick(140); /* around the process table's 128 slots */
    case 19:
        return 0u - (2 + pick(140));
    default:
        return rng_u32(rng());
    }
}

static uint32_t fd(void) {
    static const int edges[] = {0, 1, 2, 30, 31, 32, 33, 64, 255, 256, 1024, -1, -2, INT_MIN, INT_MAX};
    uint32_t r = pick(10);
    if (r < 6 && proc.nfds)
        return (uint32_t)proc.fds[pick((uint32_t)proc.nfds)];
    if (r < 8 && proc.nclosed)
        return (uint32_t)proc.closed[pick((uint32_t)(proc.nclosed < MAX_CLOSED ? proc.nclosed : MAX_CLOSED))];
    if (r < 9)
        return (uint32_t)RNG_PICK(rng(), edges);
    return rng_u32(rng());
}

static uint32_t signal_number(void) {
    static const int edges[] = {-1, -SIGKILL, INT_MIN, INT_MAX, 128, 256 + SIGKILL, 65, 255};
    return pick(8) ? pick(65) : (uint32_t)RNG_PICK(rng(), edges);
}

/* Paths the kernel can look up. None names a program that would harm the run if executed
 * (execve takes exec_paths below): opening or stat'ing /bin/init is fine. */
static const char *const paths[] = {
    "/",
    "/bin",
    "/bin/",
    "/bin/echo",
    "/bin/hello",
    "/bin/cat",
    "/bin/sh",
    "/bin/init",
    "/bin/not-elf",
    "/dev",
    "/dev/console",
    "/dev/console/",
    "/dev/tty",
    "/etc",
    "/etc/fuzz.conf",
    "/nonexistent",
    "/bin/nonexistent",
    "/bin/echo/",
    "/bin/echo/x",
    "/bin/echo/..",
    "",
    ".",
    "..",
    "../..",
    "./bin",
    "bin",
    "bin/echo",
    "echo",
    "//bin//echo",
    "/./bin/../bin/./echo",
    "/../../..",
    "/bin/../../../..",
    "\x01\x7f\xff",
    SCRATCH_DIR "/dir",
    SCRATCH_DIR "/dir/sub",
    SCRATCH_DIR "/file",
    "/dev/zero",
};

/* Paths in the scratch tree (batch.c makes file, dir, dir/f, dir/sub), where names may change,
 * and in /dev (read-only): for the calls that change names, which the filter keeps there. */
static const char *const scratch_paths[] = {
    SCRATCH_DIR,
    SCRATCH_DIR "/",
    SCRATCH_DIR "/file",
    SCRATCH_DIR "/file/",
    SCRATCH_DIR "/file/x",
    SCRATCH_DIR "/dir",
    SCRATCH_DIR "/dir/",
    SCRATCH_DIR "/dir/f",
    SCRATCH_DIR "/dir/sub",
    SCRATCH_DIR "/dir/sub/",
    SCRATCH_DIR "/dir/sub/..",
    SCRATCH_DIR "/dir/sub/new",
    SCRATCH_DIR "/dir/./sub/.",
    SCRATCH_DIR "/dir/sub/../f",
    SCRATCH_DIR "/new",
    SCRATCH_DIR "/new/",
    SCRATCH_DIR "/new/deeper",
    SCRATCH_DIR "/other",
    SCRATCH_DIR "/.",
    SCRATCH_DIR "/..",
    "tmp/fuzz/dir",
    "tmp/fuzz/new",
    "dir",
    "new",
    "sub",
    "f",
    "..",
    ".",
    "/dev/null",
    "/dev/zero",
    "/dev/new",
    "/dev/null/",
    "/dev/..",
};

/* What execve may run: programs that end by themselves, and names that fail each way. */
static const char *const exec_paths[] = {
    "/bin/echo",    "/bin/hello",     "/bin/cat", "/bin/sh",      "/bin/not-elf", "/bin",     "/",
    "/dev/console", "/etc",           "",         "/nonexistent", "/bin/echo/",   "bin/echo", "echo",
    "../bin/hello", "/etc/fuzz.conf",
};

/* A path of `n` characters (`n` > 0), "/bin/" repeated, terminated or not. */
static uint32_t long_path(uint32_t n, bool terminated) {
    char *s = arena_alloc(n + 1);
    for (uint32_t i = 0; i < n; i++)
        s[i] = "/bin"[i % 4];
    s[n] = terminated ? '\0' : 'x';
    return (uint32_t)s;
}

static uint32_t path_value(const char *const *pool, uint32_t count) {
    switch (pick(12)) {
    case 0: { /* around PATH_MAX (256 with the NUL) */
        static const uint16_t lengths[] = {254, 255, 256, 257, 1000};
        return long_path(RNG_PICK(rng(), lengths), true);
    }
    case 1: /* a string that runs into the hole after the read-write page */
        return proc.edge + PAGE - 1 - pick(16);
    case 2: /* a string in the last bytes under the kernel, with no NUL before it */
        return 0xBFFFFFF8 + pick(8);
    case 3:
        return pointer(1);
    default:
        return (uint32_t)pool[pick(count)];
    }
}

/* A NULL-terminated array of strings for execve, or not quite. */
static uint32_t argv_value(void) {
    static const char *const words[] = {"echo", "fuzz", "", "-n", "/bin/echo", "\xff\xfe"};
    uint32_t n;
    uint32_t *v;

    switch (pick(9)) {
    case 0:
        return 0;
    case 1:
        return RNG_PICK(rng(), bad_addresses);
    case 2: /* too many strings, or too many bytes (E2BIG) */
        n = pick(2) ? 40 + pick(100) : 5 + pick(10);
        v = arena_alloc((n + 1) * 4);
        uint32_t big = long_path(800 + pick(400), true);
        for (uint32_t i = 0; i < n; i++)
            v[i] = pick(2) ? big : (uint32_t)RNG_PICK(rng(), words);
        v[n] = 0;
        return (uint32_t)v;
    case 3: /* no terminator before the hole */
        if (!proc.edge_ok)
            return 0;
        v = (uint32_t *)(proc.edge + PAGE - 4 * (1 + pick(4)));
        for (uint32_t *w = v; (uint32_t)w < proc.edge + PAGE; w++)
            *w = (uint32_t)RNG_PICK(rng(), words);
        return (uint32_t)v;
    case 4: /* the last words under the kernel */
        return 0xBFFFFFF8 + 4 * pick(2);
    default:
        n = pick(5);
        v = arena_alloc((n + 1) * 4);
        for (uint32_t i = 0; i < n; i++)
            v[i] = pick(6) ? (uint32_t)RNG_PICK(rng(), words) : pointer(1);
        v[n] = pick(10) ? 0 : pointer(4);
        return (uint32_t)v;
    }
}

static uint32_t handler_value(void) {
    static const uint32_t edges[] = {ABI_SIG_DFL, ABI_SIG_IGN, 2, USER_TOP - 1, USER_TOP, 0xFFFFFFFF};
    switch (pick(6)) {
    case 0:
    case 1:
        return (uint32_t)fuzz_handler;
    case 2:
        return pick(2) ? ABI_SIG_DFL : ABI_SIG_IGN;
    case 3:
        return RNG_PICK(rng(), edges);
    case 4:
        return pointer(4);
    default:
        return arg_any();
    }
}

static uint32_t restorer_value(void) {
    switch (pick(6)) {
    case 0:
    case 1:
    case 2:
        return (uint32_t)fuzz_restorer; /* the libc's: makes the sigreturn call */
    case 3:
        return (uint32_t)fuzz_landing;
    case 4:
        return RNG_PICK(rng(), bad_addresses);
    default:
        return arg_any();
    }
}

static uint32_t mask_value(void) {
    static const uint32_t masks[] = {
        0, 0xFFFFFFFF, 1u << (SIGCHLD - 1), 1u << (SIGKILL - 1), 1u << (SIGUSR1 - 1), 0x80000000};
    return pick(2) ? RNG_PICK(rng(), masks) : rng_u32(rng());
}

static uint32_t sigaction_value(void) {
    if (!pick(6))
        return pointer(16);
    struct abi_sigaction *act = arena_alloc(sizeof(*act));
    static const uint32_t flags[] = {SA_NOCLDSTOP, SA_RESTART, SA_NODEFER, SA_RESETHAND};
    act->sa_handler = handler_value();
    act->sa_mask = mask_value();
    act->sa_flags = pick(8) ? SA_RESTORER : 0;
    for (int i = pick(3); i > 0; i--)
        act->sa_flags |= RNG_PICK(rng(), flags);
    if (!pick(10))
        act->sa_flags |= rng_u32(rng());
    act->sa_restorer = restorer_value();
    return (uint32_t)act;
}

static uint32_t sigset_value(void) {
    if (!pick(6))
        return pointer(4);
    uint32_t *set = arena_alloc(4);
    *set = mask_value();
    return (uint32_t)set;
}

/* A time to sleep: mostly short or invalid; a long one is rare, and ends with the watchdog. */
static uint32_t timespec_value(void) {
    static const struct abi_timespec times[] = {
        {0, 0},        {0, 1},       {0, 999999999},       {0, 1000000000}, {-1, 0},
        {0, -1},       {INT_MIN, 0}, {0, INT_MIN},         {0, 1000000},    {0, 5000000},
        {0, 20000000}, {1, 0},       {INT_MAX, 999999999},
    };
    if (!pick(6))
        return pointer(8);
    struct abi_timespec *ts = arena_alloc(sizeof(*ts));
    *ts = times[pick(pick(20) ? 11 : 13)];
    return (uint32_t)ts;
}

static uint32_t open_flags(void) {
    static const uint32_t bits[] = {O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK, O_DIRECTORY, O_CLOEXEC};
    uint32_t flags = pick(4);
    for (int i = pick(4); i > 0; i--)
        flags |= RNG_PICK(rng(), bits);
    return pick(10) ? flags : flags | rng_u32(rng());
}

static uint32_t address(void) {
    static const uint32_t fixed[] = {
        0x1000,     0x3FF000,   USER_BASE,  0x10000000, 0x40000000, 0x80000000, 0xBF7FE000,
        0xBF7FF000, 0xBF800000, 0xBFFFF000, USER_TOP,   0xC0001000, 0xFFFFF000, STATS_AREA + PAGE,
    };
    switch (pick(9)) {
    case 0:
        return 0;
    case 1:
    case 2:
        if (proc.nmaps) {
            static const uint32_t offsets[] = {0, 0, PAGE, 1, 2 * PAGE};
            return proc.maps[pick((uint32_t)proc.nmaps)].addr + RNG_PICK(rng(), offsets);
        }
        return 0;
    case 3:
        return proc.edge + pick(3) * PAGE;
    case 4:
        return RNG_PICK(rng(), fixed);
    case 5:
        return proc.brk_end + (pick(5) - 2) * PAGE + (pick(4) ? 0 : pick(PAGE));
    case 6:
        return arg_any() & ~(PAGE - 1);
    case 7:
        return stack_region();
    default:
        return arg_any();
    }
}

static uint32_t map_length(void) {
    static const uint32_t lengths[] = {
        0,         1,          4095,       PAGE,       4097,       2 * PAGE, 16 * PAGE,  1u << 20,
        64u << 20, 0x40000000, 0x7FFFF000, 0xBF400000, 0xBFC00000, USER_TOP, 0xFFFFF000, 0xFFFFFFFF,
    };
    switch (pick(4)) {
    case 0:
        return (1 + pick(8)) * PAGE;
    case 1:
        return rng_u32(rng());
    default:
        return RNG_PICK(rng(), lengths);
    }
}

static uint32_t map_flags(void) {
    static const uint32_t sharing[] = {MAP_PRIVATE, MAP_PRIVATE, MAP_SHARED, MAP_SHARED | MAP_PRIVATE, 0};
    uint32_t flags = RNG_PICK(rng(), sharing);
    if (pick(8))
        flags |= MAP_ANONYMOUS;
    if (!pick(3))
        flags |= MAP_FIXED;
    return pick(12) ? flags : flags | rng_u32(rng());
}

static uint32_t truncate_length(void) {
    static const uint32_t lengths[] = {0,        1,          4095,       4096,      4097, 3 * PAGE + 1,
                                       1u << 20, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
    return pick(6) ? RNG_PICK(rng(), lengths) : pick(3 * PAGE);
}

static uint32_t fcntl_command(void) {
    static const uint32_t cmds[] = {F_DUPFD, F_GETFD, F_SETFD,  F_GETFL, F_SETFL,     F_DUPFD_CLOEXEC,
                                    F_GETLK, F_SETLK, F_SETLKW, 1031,    (uint32_t)-1};
    return pick(10) ? RNG_PICK(rng(), cmds) : rng_u32(rng());
}

/* The calling thread's TLS base: i386 TLS (variant II) keeps the thread pointer itself at %gs:0;
 * 0 while %gs is not the TLS segment (no TLS set up: the flat base). Read once, before any
 * set_tls of the fuzzer's, which then only ever passes this same base. */
static uint32_t tls_base_now(void) {
    static bool known;
    static uint32_t base;
    uint16_t gs;

    if (!known) {
        __asm__ volatile("mov %%gs, %0" : "=r"(gs));
        if (gs == ABI_TLS_SELECTOR)
            __asm__ volatile("movl %%gs:0, %0" : "=r"(base));
        known = true;
    }
    return base;
}

uint32_t arg_value(enum arg_kind kind, uint32_t previous) {
    static const uint32_t wait_options[] = {WNOHANG, WNOHANG, WNOHANG | WUNTRACED, 0, WUNTRACED, 4, 0x80000000};
    static const uint32_t hows[] = {SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, 3, (uint32_t)-1, 0x80000000};
    static const uint32_t whences[] = {SEEK_SET, SEEK_CUR, SEEK_END, 3, (uint32_t)-1};
    static const uint32_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, 2, 3, (uint32_t)-1};
    static const uint32_t offsets[] = {0, 0, 1, PAGE - 1, PAGE, 0xFFFFF000};
    static const uint32_t ioctl_requests[] = {TCGETS,    TCSETS,    TCSETSW,   TCSETSF,    TCFLSH,
                                              TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ, TIOCSWINSZ,
                                              FIONREAD,  TIOCGSID,  0,         0x5400,     0x5401 + 0x10000};

    switch (kind) {
    case ARG_RANDOM:
        return rng_u32(rng());
    case ARG_TLS_BASE:
        return tls_base_now();
    case ARG_INT:
        return small_or_edge_int();
    case ARG_FD:
        return fd();
    case ARG_PID:
        return pid();
    case ARG_SIG:
        return signal_number();
    case ARG_IN:
    case ARG_OUT:
        return pointer(pick(2) ? 8 : 64);
    case ARG_LEN:
        return length(previous);
    case ARG_PATH:
        return path_value(paths, sizeof(paths) / sizeof(paths[0]));
    case ARG_EXEC_PATH:
        return path_value(exec_paths, sizeof(exec_paths) / sizeof(exec_paths[0]));
    case ARG_NEW_PATH:
        if (pick(4))
            return path_value(scratch_paths, sizeof(scratch_paths) / sizeof(scratch_paths[0]));
        return path_value(paths, sizeof(paths) / sizeof(paths[0]));
    case ARG_ARGV:
        return argv_value();
    case ARG_OPEN_FLAGS:
        return open_flags();
    case ARG_WAIT_OPTIONS:
        return pick(8) ? RNG_PICK(rng(), wait_options) : rng_u32(rng());
    case ARG_SIGACTION:
        return sigaction_value();
    case ARG_SIGSET:
        return sigset_value();
    case ARG_TIMESPEC:
        return timespec_value();
    case ARG_ADDR:
        return address();
    case ARG_MAP_LEN:
        return map_length();
    case ARG_PROT:
        return pick(10) ? pick(8) : rng_u32(rng());
    case ARG_MAP_FLAGS:
        return map_flags();
    case ARG_OFFSET:
        return pick(6) ? RNG_PICK(rng(), offsets) : rng_u32(rng());
    case ARG_HOW:
        return RNG_PICK(rng(), hows);
    case ARG_WHENCE:
        return pick(8) ? RNG_PICK(rng(), whences) : rng_u32(rng());
    case ARG_CLOCK:
        return pick(8) ? RNG_PICK(rng(), clocks) : rng_u32(rng());
    case ARG_TRUNC_LEN:
        return truncate_length();
    case ARG_ACCESS_MODE:
        return pick(8) ? pick(8) : small_or_edge_int();
    case ARG_FCNTL_CMD:
        return fcntl_command();
    case ARG_IOCTL_REQUEST:
        return pick(8) ? RNG_PICK(rng(), ioctl_requests) : rng_u32(rng());
    }
    return rng_u32(rng());
}

/*
 * A frame for a forged sigreturn (struct abi_sigframe). Every field is fair game, but the resumed
 * %eip is never a random address in the program: running its code from an arbitrary point could
 * make a child act as the supervisor.
 */
void arg_sigreturn_frame(struct abi_sigframe *f) {
    static const uint32_t eflags[] = {
        0x202, 0x246, 0x0, 0xFFFFFFFF, 0x00044ED7, 0x00003202 /* IOPL 3 */, 0x00024202 /* VM */, 0x00004202 /* NT */};
    static const uint32_t eips[] = {0, USER_TOP, 0xC0100000, 0xFFFFFFFF};
    uint32_t *fpu = arena_alloc(ABI_SIGFRAME_FPU_SIZE + 16);
    fpu = (uint32_t *)(((uint32_t)fpu + 15) & ~15u);

    for (int i = 0; i < ABI_SIGFRAME_FPU_SIZE / 4; i++)
        fpu[i] = pick(2) ? 0 : rng_u32(rng());
    fpu[6] = pick(2) ? 0x1F80 : rng_u32(rng()); /* MXCSR: the reserved bits must never reach the CPU */
    f->restorer = rng_u32(rng());
    f->signo = (int32_t)signal_number();
    f->mask = mask_value();
    f->fpu = pick(5) ? (uint32_t)fpu : pointer(ABI_SIGFRAME_FPU_SIZE);
    f->eax = pick(4) ? small_or_edge_int() : (uint32_t)-4; /* -EINTR: must not make a restart */
    f->ecx = small_or_edge_int();
    f->edx = small_or_edge_int();
    f->ebx = small_or_edge_int();
    f->esp = pick(4) ? (uint32_t)fuzz_landing_stack_top - 64 : pointer(4);
    f->ebp = small_or_edge_int();
    f->esi = small_or_edge_int();
    f->edi = small_or_edge_int();
    switch (pick(10)) {
    case 0:
        f->eip = RNG_PICK(rng(), eips);
        break;
    case 1:
        f->eip = proc.edge + pick(3) * PAGE; /* executes zeroes, or faults */
        break;
    default:
        f->eip = (uint32_t)fuzz_landing;
        break;
    }
    f->eflags = pick(3) ? 0x202 | (rng_u32(rng()) & 0xCD5) : RNG_PICK(rng(), eflags);
}

void arg_sigreturn_info_frame(const struct abi_sigframe *c, struct abi_sigframe_info *f) {
    uint32_t *words = (uint32_t *)f;
    for (size_t i = 0; i < sizeof(*f) / 4; i++)
        words[i] = pick(2) ? small_or_edge_int() : rng_u32(rng()); /* segments, trapno, siginfo... */
    struct abi_mcontext *mc = &f->ucontext.uc_mcontext;
    f->restorer = c->restorer;
    f->signo = c->signo;
    mc->eax = c->eax, mc->ecx = c->ecx, mc->edx = c->edx, mc->ebx = c->ebx, mc->ebp = c->ebp;
    mc->esi = c->esi, mc->edi = c->edi, mc->eip = c->eip, mc->eflags = c->eflags, mc->uesp = c->esp;
    mc->fpregs = c->fpu;
    f->ucontext.uc_sigmask = c->mask;
}
