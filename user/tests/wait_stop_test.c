/*
 * Stop and continue as a parent sees them through waitpid: a stop is reported once, and only with
 * WUNTRACED; WIFSTOPPED and WSTOPSIG name the signal whichever way it came; SIGCONT resumes the
 * child where it stopped; SIGKILL ends a stopped child and other signals wait for the continue;
 * SIGCONT discards pending stop signals and a stop signal a pending SIGCONT (POSIX).
 * signal_restart_test checks what a stop does to a blocked call, and WSTOPSIG for kill().
 */
#include <signal.h>
#include <stdbool.h>
#include <sys/mman.h>

#include "check.h"

#define MS 1000000LL

static const int stop_signals[] = {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU};
#define NSTOPS (int)(sizeof(stop_signals) / sizeof(stop_signals[0]))

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * MS};
    while (nanosleep(&t, &t) == -1 && errno == EINTR)
        ;
}

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / MS;
}

/* A counter shared with children (MAP_SHARED survives fork): a spinning child counts up. */
static volatile unsigned *counter;

static pid_t spinner(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (;;) {
            (*counter)++;
            sched_yield();
        }
    }
    CHECK(pid > 0);
    return pid;
}

/* A status says stopped by `sig`, and nothing else. */
static void check_stopped(int status, int sig) {
    if (!WIFSTOPPED(status) || WSTOPSIG(status) != sig || WIFEXITED(status) || WIFSIGNALED(status))
        FAIL("want stopped by %d, got wait status 0x%x", sig, status);
}

static void kill_and_reap(pid_t pid) {
    int status;
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGKILL);
}

/* Once continued, a spinner counts again; stopped, it does not. */
static void check_counting(bool counting) {
    unsigned before = *counter;
    for (int i = 0; i < 20 && *counter == before; i++)
        sleep_ms(10);
    if ((*counter != before) != counting)
        FAIL("the child %s", counting ? "does not run after SIGCONT" : "runs while stopped");
}

static void reported_once(void) {
    pid_t pid = spinner();
    int status;
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    check_stopped(status, SIGSTOP);
    /* Reported: not again, with or without WNOHANG... */
    CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
    CHECK_EQ(waitpid(-1, &status, WUNTRACED | WNOHANG), 0);
    CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
    check_counting(false);
    /* ...but a new stop is a new report. */
    CHECK_EQ(kill(pid, SIGCONT), 0);
    check_counting(true);
    CHECK_EQ(kill(pid, SIGTSTP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    check_stopped(status, SIGTSTP);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
    /* Sending a stop signal to a stopped child reports nothing new. */
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
    kill_and_reap(pid);
    PASS("a stop is reported once by waitpid(WUNTRACED), and each new stop again");
}

/* The child stops itself and, continued, goes on to exit with `code`. */
static void stop_self(int sig, int code) {
    raise(sig);
    _exit(code);
}

static void self_stop_resumes_where_it_stopped(void) {
    for (int i = 0; i < NSTOPS; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            stop_self(stop_signals[i], 10 + i);
        int status;
        CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
        check_stopped(status, stop_signals[i]);
        CHECK_EQ(kill(pid, SIGCONT), 0);
        CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
        CHECK_EXITED(status, 10 + i);
    }
    PASS("raise of SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: WIFSTOPPED, WSTOPSIG; SIGCONT resumes after raise");
}

static void sigcont_resumes(void) {
    pid_t pid = spinner();
    int status;
    for (int i = 0; i < NSTOPS; i++) {
        CHECK_EQ(kill(pid, stop_signals[i]), 0);
        CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
        check_stopped(status, stop_signals[i]);
        check_counting(false);
        CHECK_EQ(kill(pid, SIGCONT), 0);
        check_counting(true);
    }
    /* SIGCONT to a child that is not stopped changes nothing. */
    CHECK_EQ(kill(pid, SIGCONT), 0);
    check_counting(true);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
    kill_and_reap(pid);
    PASS("a stopped child does not run; SIGCONT resumes it, and is harmless to a running one");
}

static void sigkill_ends_a_stopped_child(void) {
    /* Stopped and reported. */
    pid_t pid = spinner();
    int status;
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    kill_and_reap(pid);
    /* Stopped, not reported: the report is the kill. */
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        stop_self(SIGTSTP, 0);
    sleep_ms(50);
    CHECK_EQ(kill(pid, SIGKILL), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK_SIGNALED(status, SIGKILL);
    /* Any other signal waits for the continue: the child stays stopped, then dies of it. */
    pid = spinner();
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK_EQ(kill(pid, SIGTERM), 0);
    sleep_ms(50);
    CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
    check_counting(false);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_SIGNALED(status, SIGTERM);
    PASS("SIGKILL ends a stopped child at once; SIGTERM takes effect once it is continued");
}

static void parent_waiting_without_wuntraced(void) {
    /* A stopped child is a child: WNOHANG gives 0, not ECHILD, and a blocking wait sleeps through
     * the stop until the child exits. */
    fflush(stdout);
    pid_t child = fork();
    if (child == 0)
        stop_self(SIGSTOP, 7);
    int status;
    CHECK_EQ(waitpid(child, &status, WUNTRACED), child);
    check_stopped(status, SIGSTOP);
    CHECK_EQ(waitpid(child, &status, WNOHANG), 0);
    CHECK_EQ(waitpid(-1, &status, WNOHANG), 0);
    pid_t waker = fork();
    if (waker == 0) {
        sleep_ms(200);
        _exit(kill(child, SIGCONT) == 0 ? 0 : 1);
    }
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 7);
    CHECK_EQ(waitpid(waker, &status, 0), waker);
    CHECK_EXITED(status, 0);

    /* A child that stops while the parent already waits without WUNTRACED: the stop wakes the
     * parent's wait but does not end it. */
    fflush(stdout);
    child = fork();
    if (child == 0) {
        sleep_ms(100);
        stop_self(SIGTTIN, 8);
    }
    waker = fork();
    if (waker == 0) {
        sleep_ms(400);
        _exit(kill(child, SIGCONT) == 0 ? 0 : 1);
    }
    long long start = now_ms();
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 8);
    if (now_ms() - start < 300)
        FAIL("waitpid without WUNTRACED returned at the stop, after %lld ms", now_ms() - start);
    CHECK_EQ(waitpid(waker, &status, 0), waker);
    CHECK_EXITED(status, 0);
    PASS("without WUNTRACED a stop is not reported: WNOHANG gives 0, a blocking wait waits for the exit");
}

static void wnohang_and_any_child(void) {
    pid_t running = spinner(), stopped = spinner();
    int status;
    /* WNOHANG | WUNTRACED reports an unreported stop like a blocking wait would. */
    CHECK_EQ(waitpid(-1, &status, WUNTRACED | WNOHANG), 0);
    CHECK_EQ(kill(stopped, SIGTTOU), 0);
    pid_t got = 0;
    for (int i = 0; i < 100 && got == 0; i++) {
        got = waitpid(stopped, &status, WUNTRACED | WNOHANG);
        if (got == 0)
            sleep_ms(10);
    }
    CHECK_EQ(got, stopped);
    check_stopped(status, SIGTTOU);
    /* waitpid(-1, WUNTRACED) picks the stopped child, not the running one. */
    CHECK_EQ(kill(stopped, SIGCONT), 0);
    CHECK_EQ(kill(stopped, SIGSTOP), 0);
    CHECK_EQ(waitpid(-1, &status, WUNTRACED), stopped);
    check_stopped(status, SIGSTOP);
    CHECK_EQ(waitpid(-1, &status, WUNTRACED | WNOHANG), 0);
    kill_and_reap(running);
    kill_and_reap(stopped);
    PASS("WNOHANG | WUNTRACED reports a stop at once; waitpid(-1, WUNTRACED) picks the stopped child");
}

static volatile sig_atomic_t sigchlds;
static void on_sigchld(int sig) {
    (void)sig;
    sigchlds++;
}

static void wait_for_sigchld(int n) {
    for (int i = 0; i < 200 && sigchlds < n; i++)
        sleep_ms(10);
    CHECK_EQ(sigchlds, n);
}

static void stop_raises_sigchld(void) {
    struct sigaction sa = {0};
    sa.sa_handler = on_sigchld; /* no SA_RESTART */
    CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
    sigchlds = 0;
    /* The stop a wait is waiting for also sends SIGCHLD: the wait reports it all the same (Linux). */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(30);
        stop_self(SIGTSTP, 0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    check_stopped(status, SIGTSTP);
    CHECK_EQ(sigchlds, 1);
    kill_and_reap(pid);
    wait_for_sigchld(2);
    /* A stop continued before the parent looked leaves no stop to report. */
    sigchlds = 0;
    pid = spinner();
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    wait_for_sigchld(1);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);
    kill_and_reap(pid);
    wait_for_sigchld(3); /* the stop's, the continue's (XSI: CLD_CONTINUED) and the exit's */
    /* SA_NOCLDSTOP: SIGCHLD for the exit only. */
    sa.sa_flags = SA_NOCLDSTOP;
    CHECK_EQ(sigaction(SIGCHLD, &sa, NULL), 0);
    sigchlds = 0;
    pid = spinner();
    CHECK_EQ(kill(pid, SIGSTOP), 0);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    sleep_ms(50);
    CHECK_EQ(sigchlds, 0);
    kill_and_reap(pid);
    wait_for_sigchld(1);
    signal(SIGCHLD, SIG_DFL);
    PASS("a stop raises SIGCHLD (not with SA_NOCLDSTOP) and a wait reports it with a handler installed; a stop "
         "continued before the wait is not reported");
}

static volatile sig_atomic_t handled;
static void on_signal(int sig) {
    handled = sig;
}

static void handled_ignored_blocked_stops(void) {
    int ready[2];
    char c;
    int status;
    CHECK_EQ(pipe(ready), 0);
    /* A handler for SIGTSTP runs instead of the stop; SIG_IGN drops SIGTTIN; a blocked SIGTTOU
     * waits, and stops the child once unblocked. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTSTP, on_signal);
        raise(SIGTSTP);
        if (handled != SIGTSTP)
            _exit(1);
        signal(SIGTTIN, SIG_IGN);
        raise(SIGTTIN);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGTTOU);
        sigprocmask(SIG_BLOCK, &set, NULL);
        raise(SIGTTOU);
        write(ready[1], "r", 1); /* still running */
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        _exit(2);
    }
    CHECK_EQ(read(ready[0], &c, 1), 1);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    check_stopped(status, SIGTTOU);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 2);
    /* SIGSTOP cannot be blocked: sigprocmask leaves it out. */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGSTOP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        raise(SIGSTOP);
        _exit(3);
    }
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    check_stopped(status, SIGSTOP);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 3);
    close(ready[0]);
    close(ready[1]);
    PASS("a handled SIGTSTP runs its handler, an ignored SIGTTIN nothing; a blocked SIGTTOU stops once "
         "unblocked; SIGSTOP cannot be blocked");
}

/* POSIX: generating SIGCONT discards pending stop signals, and generating a stop signal discards
 * a pending SIGCONT. The children block them so that they stay pending. */
static pid_t blocking_child(int ready[2], int go[2], bool stop_then_continue) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        signal(SIGCONT, on_signal);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGCONT);
        sigaddset(&set, SIGTSTP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        write(ready[1], "r", 1);
        read(go[0], &c, 1);
        if (stop_then_continue) {
            /* The parent sent SIGTSTP, then SIGCONT: unblocking SIGTSTP must not stop us. */
            sigemptyset(&set);
            sigaddset(&set, SIGTSTP);
            sigprocmask(SIG_UNBLOCK, &set, NULL);
            _exit(0);
        }
        /* The parent sent SIGCONT, then SIGTSTP: no SIGCONT is pending for the handler. */
        signal(SIGTSTP, SIG_IGN); /* drops the pending SIGTSTP */
        handled = 0;
        sigemptyset(&set);
        sigprocmask(SIG_SETMASK, &set, NULL);
        _exit(handled == 0 ? 0 : 1);
    }
    CHECK(pid > 0);
    return pid;
}

static void pending_stop_and_continue_discard_each_other(void) {
    int ready[2], go[2], status;
    char c;
    CHECK_EQ(pipe(ready), 0);
    CHECK_EQ(pipe(go), 0);
    pid_t pid = blocking_child(ready, go, true);
    CHECK_EQ(read(ready[0], &c, 1), 1);
    CHECK_EQ(kill(pid, SIGTSTP), 0);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK_EXITED(status, 0); /* not stopped */
    pid = blocking_child(ready, go, false);
    CHECK_EQ(read(ready[0], &c, 1), 1);
    CHECK_EQ(kill(pid, SIGCONT), 0);
    CHECK_EQ(kill(pid, SIGTSTP), 0);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
    CHECK_EXITED(status, 0); /* the SIGCONT handler did not run */
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
    PASS("SIGCONT discards a pending stop signal, and a stop signal a pending SIGCONT");
}

int main(void) {
    counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(counter != MAP_FAILED);
    *counter = 0; /* present before any fork: fork shares the pages a MAP_SHARED mapping has */
    reported_once();
    self_stop_resumes_where_it_stopped();
    sigcont_resumes();
    sigkill_ends_a_stopped_child();
    parent_waiting_without_wuntraced();
    wnohang_and_any_child();
    stop_raises_sigchld();
    handled_ignored_blocked_stops();
    pending_stop_and_continue_discard_each_other();
    return done_testing();
}
