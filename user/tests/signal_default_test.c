/*
 * Every signal 1-31 by its <signal.h> name (Linux i386 numbers) and its POSIX default action:
 * terminate, terminate with core (WCOREDUMP in the wait status), ignore, stop, continue. SIGCHLD
 * is ignored by default. The SIGCHLD flags: SA_NOCLDSTOP (no SIGCHLD for a stop or a continue),
 * SA_NOCLDWAIT and SIG_IGN (children leave no zombie: wait fails with ECHILD once they are gone).
 * SA_NODEFER (the handler may be entered again from inside) and SA_RESETHAND (the action is
 * SIG_DFL once the handler runs).
 */
#include <signal.h>

#include "check.h"

enum { TERM, CORE, IGNORE, STOP, CONT };

static const struct {
    int sig, number, action;
} table[] = {
    {SIGHUP, 1, TERM},   {SIGINT, 2, TERM},     {SIGQUIT, 3, CORE},    {SIGILL, 4, CORE},      {SIGTRAP, 5, CORE},
    {SIGABRT, 6, CORE},  {SIGIOT, 6, CORE},     {SIGBUS, 7, CORE},     {SIGFPE, 8, CORE},      {SIGKILL, 9, TERM},
    {SIGUSR1, 10, TERM}, {SIGSEGV, 11, CORE},   {SIGUSR2, 12, TERM},   {SIGPIPE, 13, TERM},    {SIGALRM, 14, TERM},
    {SIGTERM, 15, TERM}, {16, 16, TERM},        {SIGCHLD, 17, IGNORE}, {SIGCONT, 18, CONT},    {SIGSTOP, 19, STOP},
    {SIGTSTP, 20, STOP}, {SIGTTIN, 21, STOP},   {SIGTTOU, 22, STOP},   {SIGURG, 23, IGNORE},   {SIGXCPU, 24, CORE},
    {SIGXFSZ, 25, CORE}, {SIGVTALRM, 26, TERM}, {SIGPROF, 27, TERM},   {SIGWINCH, 28, IGNORE}, {SIGIO, 29, TERM},
    {SIGPOLL, 29, TERM}, {SIGPWR, 30, TERM},    {SIGSYS, 31, CORE},
};

static void numbers(void) {
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        CHECK_EQ(table[i].sig, table[i].number);
    CHECK_EQ(NSIG, 32);
    PASS("signals 1-31 have their Linux i386 numbers");
}

/* A child sends itself `sig` and, if it survives, exits 7. */
static void default_action(int sig, int action) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        kill(getpid(), sig);
        _exit(7);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    switch (action) {
    case TERM:
    case CORE:
        CHECK_SIGNALED(status, sig);
        CHECK_EQ(WCOREDUMP(status) != 0, action == CORE);
        break;
    case IGNORE:
    case CONT:
        CHECK_EXITED(status, 7);
        break;
    case STOP:
        CHECK(WIFSTOPPED(status));
        CHECK_EQ(WSTOPSIG(status), sig);
        CHECK_EQ(kill(pid, SIGCONT), 0);
        CHECK_EQ(waitpid(pid, &status, 0), pid);
        CHECK_EXITED(status, 7);
        break;
    }
}

static void default_actions(void) {
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        default_action(table[i].sig, table[i].action);
    PASS("each signal's default action: terminate, core, ignore, stop or continue");
}

static void fault_dumps_core(void) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        *(volatile int *)0 = 1;
        _exit(7);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGSEGV);
    CHECK(WCOREDUMP(status));
    PASS("a fault's SIGSEGV ends the process with WCOREDUMP");
}

static volatile int chld_count, nested, depth, max_depth, resethand_runs;

static void on_chld(int sig) {
    (void)sig;
    chld_count++;
}

static void set_chld(sighandler_t h, int flags) {
    struct sigaction act = {.sa_handler = h, .sa_flags = flags};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(SIGCHLD, &act, NULL), 0);
}

/*
 * A child that stops itself, is continued, then exits 0: how many SIGCHLD the parent had after
 * each step, as three decimal digits. Each is delivered before the call that observed the step
 * returns: waitpid's (the sleep it ends) and kill's (the SIGCONT sends SIGCHLD to the caller then).
 */
static int chld_for_stop_continue_exit(int flags) {
    set_chld(on_chld, flags);
    chld_count = 0;
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        raise(SIGSTOP);
        _exit(0);
    }
    int status, counts;
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK(WIFSTOPPED(status));
    counts = chld_count * 100;
    CHECK_EQ(kill(pid, SIGCONT), 0);
    counts += chld_count * 10;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    counts += chld_count;
    set_chld(SIG_DFL, 0);
    return counts;
}

static void nocldstop(void) {
    CHECK_EQ(chld_for_stop_continue_exit(0), 123);
    PASS("SIGCHLD comes for a child's stop, continue and exit");
    CHECK_EQ(chld_for_stop_continue_exit(SA_NOCLDSTOP), 1);
    PASS("with SA_NOCLDSTOP, SIGCHLD comes only for the exit");
}

static void no_zombies(sighandler_t h, int flags) {
    set_chld(h, flags);
    for (int i = 0; i < 3; i++) {
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0)
            _exit(i);
    }
    /* wait blocks until the children are gone, then fails: none was left to wait for. */
    int status;
    CHECK_ERR(wait(&status), ECHILD);
    CHECK_ERR(waitpid(-1, &status, WNOHANG), ECHILD);
    set_chld(SIG_DFL, 0);
}

static void nocldwait(void) {
    no_zombies(SIG_IGN, 0);
    PASS("with SIGCHLD at SIG_IGN, children leave no zombie (wait: ECHILD)");
    no_zombies(on_chld, SA_NOCLDWAIT);
    PASS("with SA_NOCLDWAIT, children leave no zombie (wait: ECHILD)");

    /* SIG_DFL (ignored too) still leaves zombies to wait for. */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(3);
    int status;
    CHECK_EQ(wait(&status), pid);
    CHECK_EXITED(status, 3);
    PASS("with SIGCHLD at SIG_DFL, a child is waited for as before");
}

static void on_usr1(int sig) {
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (!nested) {
        nested = 1;
        raise(sig); /* with SA_NODEFER delivered at once, inside this handler */
    }
    depth--;
}

static int usr1_max_depth(int flags) {
    struct sigaction act = {.sa_handler = on_usr1, .sa_flags = flags};
    sigemptyset(&act.sa_mask);
    CHECK_EQ(sigaction(SIGUSR1, &act, NULL), 0);
    nested = depth = max_depth = 0;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(nested, 1);
    return max_depth;
}

static void nodefer(void) {
    CHECK_EQ(usr1_max_depth(0), 1);
    PASS("without SA_NODEFER a handler is not entered again from inside");
    CHECK_EQ(usr1_max_depth(SA_NODEFER), 2);
    PASS("with SA_NODEFER the handler is entered again from inside");
    signal(SIGUSR1, SIG_DFL);
}

static void on_usr2(int sig) {
    (void)sig;
    resethand_runs++;
}

static void resethand(void) {
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct sigaction act = {.sa_handler = on_usr2, .sa_flags = SA_RESETHAND}, now;
        sigemptyset(&act.sa_mask);
        if (sigaction(SIGUSR2, &act, NULL) != 0 || raise(SIGUSR2) != 0 || resethand_runs != 1)
            _exit(1);
        if (sigaction(SIGUSR2, NULL, &now) != 0 || now.sa_handler != SIG_DFL)
            _exit(2);
        raise(SIGUSR2); /* the default action now: the end */
        _exit(3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGUSR2);
    PASS("SA_RESETHAND: the handler runs once, then the action is SIG_DFL");
}

int main(void) {
    numbers();
    default_actions();
    fault_dumps_core();
    nocldstop();
    nocldwait();
    nodefer();
    resethand();
    return done_testing();
}
