/*
 * Copy-on-write isolation when fork happens with %esp on a page that is still shared.
 *
 * The libc's fork() always writes its return address just before `int $0x80`, so the page under
 * %esp is private by then. A raw `int $0x80` fork can be made with %esp on any stack page, also
 * one still shared with an earlier child, with the forker's parent, or with both. The kernel's
 * stack fork hook copies that page for the new child at once; this test checks that no process
 * ever ends up sharing a writable frame with another: after the forks, every process writes the
 * page in turn and every other one must go on seeing what it saw before.
 *
 * Each scenario is a short script of forks (libc or raw, by which process) run in a child of
 * main; the processes it creates are numbered in order of creation (0 is the scenario's root)
 * and obey commands over pipes, so every step happens in a known order. Each scenario runs once
 * per process as the first writer, since a wrongly writable page only shows when its holder
 * writes before the others have copied it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "check.h"

#define PAGE 4096
#define WORDS (PAGE / 4)
#define MAX_PROCS 6
#define INITIAL 0x5A5A5A5Au

/* The page every scenario forks on: in main's stack frame, so it is in the stack region and
 * shared with main itself too (main never writes it after the start and checks it at the end). */
static volatile uint32_t *page;

/* fork with %esp at `sp`: nothing is pushed on the user stack by `int $0x80`. */
static pid_t fork_with_sp(volatile void *sp) {
    pid_t r;
    __asm__ volatile("mov %%esp, %%esi\n\t"
                     "mov %2, %%esp\n\t"
                     "int $0x80\n\t"
                     "mov %%esi, %%esp"
                     : "=a"(r)
                     : "a"(SYS_fork), "r"(sp)
                     : "esi", "memory");
    return r;
}

enum op_kind { LIBC_FORK, RAW_FORK };
struct op {
    int who; /* the process that forks */
    enum op_kind kind;
};

struct scenario {
    const char *name;
    int nops;
    struct op ops[MAX_PROCS - 1];
};

static const struct scenario scenarios[] = {
    {"raw fork on a page shared with the forker's parent", 1, {{0, RAW_FORK}}},
    {"raw fork on a page shared with an earlier child", 2, {{0, LIBC_FORK}, {0, RAW_FORK}}},
    {"a child raw-forks on a page shared with its parent", 2, {{0, LIBC_FORK}, {1, RAW_FORK}}},
    {"a grandchild raw-forks on a page shared with two ancestors", 3, {{0, LIBC_FORK}, {1, LIBC_FORK}, {2, RAW_FORK}}},
    {"the middle generation raw-forks between parent and child", 3, {{0, LIBC_FORK}, {1, LIBC_FORK}, {1, RAW_FORK}}},
    {"raw forks of raw forks", 3, {{0, RAW_FORK}, {1, RAW_FORK}, {0, RAW_FORK}}},
    {"raw forks in every generation", 5, {{0, LIBC_FORK}, {0, RAW_FORK}, {2, RAW_FORK}, {1, RAW_FORK}, {3, LIBC_FORK}}},
};
#define N_SCENARIOS (sizeof(scenarios) / sizeof(scenarios[0]))

/* Per scenario: one command pipe per process, one pipe back to the root for answers. */
static int go[MAX_PROCS][2];
static int answer[2];
static int me;            /* this process's number in the scenario */
static int nprocs;        /* processes created so far (valid in the root) */
static uint32_t expected; /* what this process last saw or wrote in the page */

static bool page_holds(uint32_t v) {
    for (int i = 0; i < WORDS; i++) {
        if (page[i] != v)
            return false;
    }
    return true;
}

static void page_fill(uint32_t v) {
    for (int i = 0; i < WORDS; i++)
        page[i] = v;
}

/* Commands: 'f'/'r' fork (libc/raw) with the new process's number in the next byte, 'w' write
 * this process's own value, 'c' check, 'q' reap children and exit. Answers: 0 ok, 1 failed. */
static void command_loop(int run);

/* Forks the way `kind` says; the child becomes process `number`. Returns in both. */
static void do_fork(enum op_kind kind, int number, int run) {
    /* The raw fork's %esp sits in the middle of the page, which nothing below it disturbs. */
    pid_t pid = kind == RAW_FORK ? fork_with_sp((volatile char *)page + PAGE / 2) : fork();
    if (pid < 0)
        _exit(2);
    if (pid == 0) {
        me = number;
        command_loop(run); /* never returns */
    }
}

static uint32_t own_value(int run) {
    return 0xA0000000u | (uint32_t)run << 8 | (uint32_t)(me + 1);
}

/* Runs one command in this process; returns false when the check failed. */
static bool obey(char cmd, int run) {
    switch (cmd) {
    case 'w':
        page_fill(own_value(run));
        expected = own_value(run);
        return true;
    case 'c':
        return page_holds(expected);
    default:
        return false;
    }
}

/* Waits for every child of this process; false if any did not exit with 0. */
static bool reap_children(void) {
    bool ok = true;
    int status;
    pid_t pid;

    while ((pid = wait(&status)) > 0 || (pid < 0 && errno == EINTR)) {
        if (pid > 0)
            ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return ok;
}

static void command_loop(int run) {
    for (;;) {
        char cmd, arg;
        if (read(go[me][0], &cmd, 1) != 1)
            _exit(3);
        if (cmd == 'q')
            _exit(reap_children() ? 0 : 1);
        if (cmd == 'f' || cmd == 'r') {
            if (read(go[me][0], &arg, 1) != 1)
                _exit(3);
            do_fork(cmd == 'r' ? RAW_FORK : LIBC_FORK, arg, run);
            cmd = 0;
        } else {
            cmd = obey(cmd, run) ? 0 : 1;
        }
        if (write(answer[1], &cmd, 1) != 1)
            _exit(3);
    }
}

/* In the root: has process `who` run `cmd` (with `arg` for forks); returns its answer. */
static bool ask(int who, char cmd, char arg, int run) {
    if (who == 0) {
        if (cmd == 'f' || cmd == 'r') {
            do_fork(cmd == 'r' ? RAW_FORK : LIBC_FORK, arg, run);
            return true;
        }
        return obey(cmd, run);
    }
    char msg[2] = {cmd, arg}, reply;
    if (write(go[who][1], msg, (cmd == 'f' || cmd == 'r') ? 2 : 1) < 1 || read(answer[0], &reply, 1) != 1)
        _exit(3);
    return reply == 0;
}

/*
 * The root of one run of scenario `s` with `first` as the first writer. Exit status: 0 when
 * every process kept its own view of the page, 1 when one saw another's write.
 */
static void scenario_root(const struct scenario *s, int first, int run) {
    bool ok = true;

    me = 0;
    nprocs = 1;
    expected = INITIAL;
    for (int i = 0; i < s->nops; i++) {
        const struct op *o = &s->ops[i];
        ask(o->who, o->kind == RAW_FORK ? 'r' : 'f', (char)nprocs, run);
        nprocs++;
    }
    /* The first writer writes; nobody else may see it. */
    ok &= ask(first, 'w', 0, run);
    for (int p = 0; p < nprocs; p++)
        ok &= ask(p, 'c', 0, run);
    /* Then everyone writes in turn, and each must see only its own value. */
    for (int p = 0; p < nprocs; p++) {
        ok &= ask(p, 'w', 0, run);
        for (int q = 0; q < nprocs; q++)
            ok &= ask(q, 'c', 0, run);
    }
    /* Children learn to quit after their own children (who have higher numbers). */
    for (int p = nprocs - 1; p > 0; p--) {
        char q = 'q';
        if (write(go[p][1], &q, 1) != 1)
            _exit(3);
    }
    ok &= reap_children();
    _exit(ok ? 0 : 1);
}

int main(void) {
    /* Two pages and a spare for alignment, all present before any fork. */
    volatile uint32_t area[3 * WORDS];
    page = (volatile uint32_t *)(((uintptr_t)area + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
    page_fill(INITIAL);

    int run = 0;
    for (unsigned s = 0; s < N_SCENARIOS; s++) {
        const struct scenario *sc = &scenarios[s];
        for (int first = 0; first <= sc->nops; first++, run++) {
            CHECK_EQ(pipe(answer), 0);
            for (int p = 0; p <= sc->nops; p++)
                CHECK_EQ(pipe(go[p]), 0);
            fflush(stdout);
            pid_t root = fork();
            CHECK(root >= 0);
            if (root == 0)
                scenario_root(sc, first, run);
            int status;
            CHECK_EQ(waitpid(root, &status, 0), root);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
                FAIL("%s, process %d writing first: wait status 0x%x (1: a process saw another's write)", sc->name,
                     first, status);
            /* main shares the page with every scenario's root and never wrote it. */
            if (!page_holds(INITIAL))
                FAIL("%s, process %d writing first: main sees 0x%x in its own page", sc->name, first, page[0]);
            close(answer[0]);
            close(answer[1]);
            for (int p = 0; p <= sc->nops; p++) {
                close(go[p][0]);
                close(go[p][1]);
            }
        }
        PASS(sc->name);
    }
    return done_testing();
}
