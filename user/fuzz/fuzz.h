/*
 * The system-call fuzzer (docs/testing.md, "The system-call fuzzer"), in four parts:
 *   fuzz.c   the supervisor: configuration, batches in short-lived children, the watchdog that
 *            kills a batch that stops making progress, the sweep that leaves no process behind,
 *            the report, and the invariants checked after the fuzzing;
 *   batch.c  one batch: the live state it sets up (pipes, children, mappings, handlers) and the
 *            loop of calls, run by a child of the supervisor and by the processes it forks;
 *   calls.c  the table of calls, the filter, and making and recording one call;
 *   args.c   the arguments, biased to edge values and to the process's live state.
 *
 * Everything a batch does follows from (seed, batch number) through rng.h; results never feed
 * the random stream, so a seed replays the same calls with the same argument choices.
 */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <abi/signal.h>
#include <abi/syscall.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "rng.h"

#define PAGE 4096u
#define USER_BASE 0x00400000u /* nothing is mapped below (user/user.ld) */
#define USER_TOP 0xC0000000u  /* the kernel starts here */

/* The counters: one shared page between two PROT_NONE guard pages, at a fixed address. */
#define STATS_AREA 0x70000000u
#define STATS_AREA_SIZE (3 * PAGE)

/* The console, write-only and close-on-exec, for the trace; the filter keeps it out of reach. */
#define TRACE_FD 31

/* The scratch tree: the only place where calls may make, remove, rename and write files (the
 * filter keeps them there; /dev, read-only, is allowed too). The supervisor empties it after each
 * batch, and checks at the end that nothing outside it changed. */
#define SCRATCH_DIR "/tmp/fuzz"

#define ERRNO_SLOTS 128 /* errnos 1..127 counted one by one; slot 0 counts any other */

/* Counters every fuzzing process adds to (atomically) and the supervisor reads. */
struct fuzz_stats {
    uint32_t started;  /* calls made: about to enter the kernel */
    uint32_t returned; /* calls that came back; the others ended their process (exit, execve, a signal) */
    uint32_t ok;       /* came back with a result outside [-4095, -1] */
    uint32_t err[ERRNO_SLOTS];
    uint32_t landed;                 /* forged sigreturns that resumed at the landing pad */
    uint32_t filtered;               /* calls the filter kept from being made (calls.c) */
    uint32_t handled;                /* signals the fuzzer's handler caught */
    uint32_t by_call[SYS_COUNT + 1]; /* calls made, by number; the last slot: invalid numbers */
    uint32_t setup_steps;            /* progress of a batch's setup (the hog's above all) */
    uint32_t last_call;              /* the number of the call started last, by any process */
    uint32_t violations;             /* results the kernel must never give (calls.c, check) */
    char first_violation[192];
};

/* What every fuzzing process knows of the run: set by the supervisor before it forks a batch.
 * In .bss, inside the program image, which the filter keeps from being unmapped or replaced. */
struct fuzz_run {
    struct fuzz_stats *stats;
    pid_t supervisor; /* its pid, also its process group */
    bool trace;
    bool hog; /* each batch starts with a process that holds all the memory it can get */
    uint64_t seed;
    uint32_t batch;
};
extern struct fuzz_run fuzz_run;

#define MAX_FDS 24
#define MAX_CLOSED 8
#define MAX_CHILDREN 8
#define MAX_MAPS 8

/* What one fuzzing process knows of its live state, for arguments that name it. */
struct fuzz_proc {
    struct rng rng;
    int depth;       /* 0: the batch's first process; 1, 2: forked by the fuzzing */
    int forks;       /* fork calls it made */
    uint32_t calls;  /* calls it made */
    uint32_t budget; /* calls it may make */
    pid_t self, parent, pgid;
    pid_t zombie, stopped, live, reaped; /* the batch's first children, by what they do */
    int fds[MAX_FDS];
    int nfds;
    int closed[MAX_CLOSED]; /* descriptors it closed: a ring */
    int nclosed;
    pid_t children[MAX_CHILDREN]; /* forked by the fuzzing, not known to be reaped */
    int nchildren;
    struct {
        uint32_t addr, len;
    } maps[MAX_MAPS]; /* mappings it made and has not unmapped */
    int nmaps;
    uint32_t edge;    /* three pages: read-write, a hole (unmapped), read-only */
    bool edge_ok;     /* ... as made: no call unmapped or replaced them since */
    uint32_t brk_end; /* the heap's end, as last seen */
};
extern struct fuzz_proc proc;

/* The program's own scratch memory, the only part of its image an argument may point into:
 * the first half holds bytes for the kernel to read or overwrite, the second the structures an
 * argument needs (paths, argv arrays, sigactions...), rebuilt for each call. */
#define SCRATCH_SIZE (4 * PAGE)
#define ARENA (SCRATCH_SIZE / 2)
extern uint8_t fuzz_scratch[SCRATCH_SIZE];

/* Memory of the supervisor's that a batch shares copy-on-write: arguments point into it, so the
 * kernel writes into it, and the supervisor checks at the end that its own copy never changed. */
#define CANARY_SIZE (16 * PAGE)
extern uint8_t fuzz_canary[CANARY_SIZE];

/* What an argument is, so that its value can be chosen among the values that matter. */
enum arg_kind {
    ARG_RANDOM, /* any 32 bits (the registers a call does not read) */
    ARG_INT,
    ARG_FD,
    ARG_PID,
    ARG_SIG,
    ARG_IN,  /* a buffer the kernel reads */
    ARG_OUT, /* a buffer the kernel writes */
    ARG_LEN, /* the length of the buffer in the argument before */
    ARG_PATH,
    ARG_NEW_PATH, /* a path for a call that changes names: mostly in the scratch tree */
    ARG_EXEC_PATH,
    ARG_ARGV,
    ARG_OPEN_FLAGS,
    ARG_WAIT_OPTIONS,
    ARG_SIGACTION,
    ARG_SIGSET,
    ARG_TIMESPEC,
    ARG_ADDR, /* for mmap, munmap and brk */
    ARG_MAP_LEN,
    ARG_PROT,
    ARG_MAP_FLAGS,
    ARG_OFFSET,
    ARG_HOW,
    ARG_WHENCE,
    ARG_CLOCK,
    ARG_TRUNC_LEN, /* a file length for ftruncate */
    ARG_ACCESS_MODE,
    ARG_FCNTL_CMD,
    ARG_IOCTL_REQUEST,
    ARG_TLS_BASE, /* the thread pointer the batch has now (set_tls must not move libc's TLS) */
};

/* args.c */
uint32_t arg_value(enum arg_kind kind, uint32_t previous);
uint32_t arg_any(void); /* 32 random bits that do not point into the program's own memory */
void arg_sigreturn_frame(struct abi_sigframe *frame);

/* calls.c */
void fuzz_one(void);
void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* a line on TRACE_FD */
const char *call_name(uint32_t nr);
bool calls_complete(void);

/* batch.c */
__attribute__((noreturn)) void batch_main(uint32_t budget);
void fuzz_handler(int sig);
void fuzz_forked(void); /* in a child just forked by the fuzzing: what it does next */
extern void (*fuzz_restorer)(void);

/* landing.S; fuzz_landed (calls.c) is where it goes back to C */
void fuzz_landed(void);
__attribute__((noreturn)) void fuzz_sigreturn(const struct abi_sigframe *frame);
__attribute__((noreturn)) void fuzz_sigreturn_info(const struct abi_sigframe_info *frame);
/* The SA_SIGINFO frame of the same registers, with random segments, siginfo and the rest. */
void arg_sigreturn_info_frame(const struct abi_sigframe *classic, struct abi_sigframe_info *frame);
__attribute__((noreturn)) void fuzz_run_on(void *stack_top, void (*fn)(void));
void fuzz_landing(void);
extern uint8_t fuzz_landing_stack_top[];

static inline void count(uint32_t *counter) {
    __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

#endif
