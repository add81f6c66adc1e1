/*
 * Jobs. Every pipeline the shell starts is a job: its processes, each one's wait status, and the
 * command as typed. An interactive shell controls jobs (POSIX "job control"): each job runs in
 * its own process group, whose number is its first process's pid, so a key the terminal turns
 * into a signal (Ctrl-C, Ctrl-Z) reaches the foreground job's processes and not the shell or a
 * background job. The shell hands the terminal to the foreground job (tcsetpgrp) and takes it
 * back when that job ends or stops; a stopped job is resumed with fg or bg (SIGCONT to its
 * group). A shell running a script or `-c` has no job control: its jobs stay in its own group.
 *
 * Whatever ends or stops is collected by waitpid(WUNTRACED), whoever waits (a foreground job, the
 * check before each prompt, `wait`), and recorded in its job; a background job's change is
 * reported before the next prompt ("[1]+ Done  sleep 1").
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

bool job_control;
pid_t shell_pgid;
pid_t last_background;

static struct job *jobs;  /* in the order they started */
static unsigned long seq; /* counts the times a job became the current one (%+) */

int status_value(int st) {
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSTOPPED(st))
        return 128 + WSTOPSIG(st);
    return 128 + WTERMSIG(st);
}

/*
 * The terminal goes to the foreground job and comes back to the shell. Only a process of the
 * terminal's foreground group may call tcsetpgrp freely: the shell calls it while it has the
 * terminal (giving it away) and when the job has ended or stopped (taking it back; SIGTTOU, which
 * a background caller would get, is ignored by the shell).
 */
static void give_terminal(pid_t pgid) {
    if (job_control)
        tcsetpgrp(STDIN_FILENO, pgid);
}

/*
 * A new job takes the terminal itself (child_setup, before its program runs); the shell hands it
 * over too, in case it runs first, but only while it still has it: a job that ran first may have
 * given it to a group of its own already (a program that runs its own jobs), which a late call
 * here would take back.
 */
static void give_terminal_to_new_job(pid_t pgid) {
    if (job_control && tcgetpgrp(STDIN_FILENO) == shell_pgid)
        tcsetpgrp(STDIN_FILENO, pgid);
}

static void take_terminal(void) {
    if (job_control)
        tcsetpgrp(STDIN_FILENO, shell_pgid);
}

static void on_interrupt(int sig) {
    (void)sig;
    interrupted = 1;
    edit_wake();
}

void jobs_init(bool interactive_shell) {
    shell_pgid = getpgrp();
    if (!interactive_shell)
        return;
    /* Started in the background (`sh &`): wait to be brought to the foreground, as job control
     * shells do, rather than fight over the terminal. */
    for (pid_t fg; (fg = tcgetpgrp(STDIN_FILENO)) >= 0 && fg != shell_pgid;)
        kill(-shell_pgid, SIGTTIN);
    /*
     * The shell ignores the keys' signals, which are for its jobs; Ctrl-C at the prompt only
     * interrupts the line being typed (or a `wait`), through a handler without SA_RESTART so
     * that the read or the wait returns EINTR.
     */
    struct sigaction sa = {.sa_handler = on_interrupt};
    sigaction(SIGINT, &sa, NULL);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    /* Its own group, holding the terminal. */
    if (setpgid(0, 0) == 0)
        shell_pgid = getpid();
    job_control = true;
    take_terminal();
}

struct job *jobs_first(void) {
    return jobs;
}

static struct job *alloc_job(int count) {
    struct job *j = calloc(1, sizeof(*j));
    if (!j)
        return NULL;
    j->count = count;
    j->pids = calloc((size_t)count, sizeof(*j->pids));
    j->status = calloc((size_t)count, sizeof(*j->status));
    j->done = calloc((size_t)count, sizeof(*j->done));
    j->stopped = calloc((size_t)count, sizeof(*j->stopped));
    if (!j->pids || !j->status || !j->done || !j->stopped) {
        job_free(j);
        return NULL;
    }
    return j;
}

static void make_current(struct job *j) {
    j->recency = ++seq;
}

struct job *job_new(const char *text, int count) {
    int id = 1;
    for (struct job *j = jobs; j; j = j->next) {
        if (j->id >= id)
            id = j->id + 1;
    }
    struct job *j = alloc_job(count);
    if (!j || !(j->text = strdup(text))) {
        job_free(j);
        sh_error("out of memory");
        return NULL;
    }
    j->id = id;
    struct job **last = &jobs;
    while (*last)
        last = &(*last)->next;
    *last = j;
    make_current(j);
    return j;
}

void job_free(struct job *j) {
    if (!j)
        return;
    for (struct job **link = &jobs; *link; link = &(*link)->next) {
        if (*link == j) {
            *link = j->next;
            break;
        }
    }
    free(j->pids);
    free(j->status);
    free(j->done);
    free(j->stopped);
    free(j->text);
    free(j);
}

void job_add(struct job *j, int index, pid_t pid) {
    j->pids[index] = pid;
    if (!job_control)
        return;
    if (!j->pgid)
        j->pgid = pid;
    /* The child does the same: whichever runs first, the group exists before anyone relies on
     * it (EACCES here just means the child has already exec'd, after joining it). */
    setpgid(pid, j->pgid);
}

enum job_state job_state(const struct job *j) {
    bool stopped = false;

    for (int i = 0; i < j->count; i++) {
        if (!j->done[i] && !j->stopped[i])
            return JOB_RUNNING;
        stopped |= j->stopped[i];
    }
    return stopped ? JOB_STOPPED : JOB_DONE;
}

/* Records what waitpid said about `pid`, in whichever job it belongs to. */
static void record(pid_t pid, int st) {
    for (struct job *j = jobs; j; j = j->next) {
        for (int i = 0; i < j->count; i++) {
            if (j->pids[i] != pid || j->done[i])
                continue;
            if (WIFSTOPPED(st)) {
                j->stopped[i] = true;
            } else {
                j->done[i] = true;
                j->stopped[i] = false;
            }
            j->status[i] = st;
            j->reported = false;
            return;
        }
    }
}

/* Waits for the next change of any child; false when there is none to wait for or a signal
 * the shell handles (Ctrl-C at a `wait`) interrupted it. */
static bool wait_any(void) {
    int st;
    pid_t pid = waitpid(-1, &st, WUNTRACED);

    if (pid > 0) {
        record(pid, st);
        return true;
    }
    if (errno == ECHILD) {
        /* Nothing left to wait for: every job's processes are gone. */
        for (struct job *j = jobs; j; j = j->next) {
            for (int i = 0; i < j->count; i++)
                j->done[i] = true;
        }
        return false;
    }
    return errno == EINTR && !interrupted;
}

/* The status of a job: its last process's. */
static int job_status(const struct job *j) {
    return j->status[j->count - 1];
}

/* What a job's state reads as in `jobs` and the reports: Running, Stopped, Done, Exit 1, or the
 * signal that ended it ("Terminated", "Killed"). */
static void describe(const struct job *j, char *buf, size_t size) {
    int st = job_status(j);

    switch (job_state(j)) {
    case JOB_RUNNING:
        snprintf(buf, size, "Running");
        break;
    case JOB_STOPPED:
        snprintf(buf, size, "Stopped");
        break;
    case JOB_DONE:
        if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
            snprintf(buf, size, "Done");
        else if (WIFEXITED(st))
            snprintf(buf, size, "Exit %d", WEXITSTATUS(st));
        else
            snprintf(buf, size, "%s", strsignal(WTERMSIG(st)));
        break;
    }
}

struct job *job_current(void) {
    struct job *best = NULL;

    for (struct job *j = jobs; j; j = j->next) {
        if (!best || j->recency > best->recency)
            best = j;
    }
    return best;
}

static struct job *job_previous(void) {
    struct job *current = job_current(), *best = NULL;

    for (struct job *j = jobs; j; j = j->next) {
        if (j != current && (!best || j->recency > best->recency))
            best = j;
    }
    return best;
}

void job_print(const struct job *j) {
    char state[32];
    struct job *current = job_current(), *previous = job_previous();

    describe(j, state, sizeof(state));
    printf("[%d]%c  %-12s %s%s\n", j->id,
           j == current    ? '+'
           : j == previous ? '-'
                           : ' ',
           state, j->text, job_state(j) == JOB_RUNNING ? " &" : "");
}

void job_background(struct job *j) {
    j->background = true;
    last_background = j->pids[j->count - 1];
    if (job_control)
        printf("[%d] %d\n", j->id, (int)last_background);
}

/* A foreground job ended: says how if a signal ended it (Ctrl-C needs no words). */
static void report_foreground_end(const struct job *j) {
    int st = job_status(j);

    if (!WIFSIGNALED(st) || WTERMSIG(st) == SIGPIPE)
        return;
    if (WTERMSIG(st) == SIGINT)
        printf("\n");
    else
        printf("%s\n", strsignal(WTERMSIG(st)));
}

int job_wait_foreground(struct job *j) {
    give_terminal_to_new_job(j->pgid);
    while (job_state(j) == JOB_RUNNING) {
        if (interrupted && job_control) {
            /* Ctrl-C reached the shell: it was typed before the job had the terminal (a person
             * is quick, or the machine slow), and it was meant for the job. */
            interrupted = 0;
            signal_job(j, SIGINT);
        }
        if (!wait_any() && errno != EINTR)
            break;
    }
    take_terminal();
    if (job_state(j) == JOB_STOPPED) {
        /* Ctrl-Z: the job waits in the background until fg or bg. */
        j->background = true;
        j->reported = true;
        make_current(j);
        printf("\n");
        job_print(j);
        int st = 0;
        for (int i = 0; i < j->count; i++) {
            if (j->stopped[i])
                st = j->status[i];
        }
        return status_value(st);
    }
    report_foreground_end(j);
    /* A job Ctrl-C ended ends the line too: in `sleep 30; echo done`, Ctrl-C stops both. */
    if (job_control && WIFSIGNALED(job_status(j)) && WTERMSIG(job_status(j)) == SIGINT)
        interrupted = 1;
    int value = status_value(job_status(j));
    job_free(j);
    return value;
}

void jobs_collect(void) {
    int st;
    pid_t pid;

    while ((pid = waitpid(-1, &st, WNOHANG | WUNTRACED)) > 0)
        record(pid, st);
}

void jobs_notify(void) {
    jobs_collect();
    for (struct job *j = jobs, *next; j; j = next) {
        next = j->next;
        if (!j->background || j->reported || job_state(j) == JOB_RUNNING)
            continue;
        job_print(j);
        j->reported = true;
        if (job_state(j) == JOB_DONE)
            job_free(j);
    }
}

/* Forgets the jobs that have ended (their processes are reaped). */
static void forget_done(void) {
    jobs_collect();
    for (struct job *j = jobs, *next; j; j = next) {
        next = j->next;
        if (job_state(j) == JOB_DONE)
            job_free(j);
    }
}

struct job *job_find(const char *spec, const char *who) {
    struct job *found = NULL;

    if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0) {
        found = job_current();
    } else if (strcmp(spec, "%-") == 0) {
        found = job_previous();
    } else {
        char *end;
        long n = strtol(spec[0] == '%' ? spec + 1 : spec, &end, 10);
        for (struct job *j = jobs; *end == '\0' && j; j = j->next) {
            for (int i = 0; i < j->count && spec[0] != '%' && !found; i++) {
                if (j->pids[i] == n)
                    found = j;
            }
            if (spec[0] == '%' && j->id == n)
                found = j;
        }
    }
    if (!found)
        sh_error("%s: %s: no such job", who, spec ? spec : "%+");
    return found;
}

/*
 * kill is a program (/bin/kill), but job numbers are the shell's own: before kill runs, each of
 * its operands that names a job (%1, %+, %-, %%) becomes that job's process group, "-PGID",
 * behind a "--" so that kill does not read it as a signal (a job without a group of its own, in
 * a shell without job control, is named by its first process). Returns 0 with *argv rewritten
 * (a new array when "--" had to go in), or -1 when a job is not found (said on stderr); *argv
 * stays a list fields_free can free either way.
 */
int job_kill_operands(char ***argv) {
    char **a = *argv;
    int argc = 0, first = 1;
    bool dashdash = false, rewritten = false;

    while (a[argc])
        argc++;
    if (argc > 1 && strcmp(a[1], "-l") == 0)
        return 0; /* kill -l lists signals: no operand is a job */
    if (first < argc && strcmp(a[first], "-s") == 0)
        first += 2;
    else if (first < argc && a[first][0] == '-' && strcmp(a[first], "--") != 0)
        first++; /* -SIG or -N */
    if (first < argc && strcmp(a[first], "--") == 0) {
        first++;
        dashdash = true;
    }
    for (int i = first; i < argc; i++) {
        if (a[i][0] != '%')
            continue;
        struct job *j = job_find(a[i], "kill");
        char *target = j ? malloc(16) : NULL;
        if (!target) {
            if (j)
                sh_error("out of memory");
            return -1;
        }
        snprintf(target, 16, "%d", j->pgid > 0 ? -j->pgid : j->pids[0]);
        free(a[i]);
        a[i] = target;
        rewritten = true;
    }
    if (!rewritten || dashdash || first > argc)
        return 0;
    char *marker = strdup("--");
    char **longer = marker ? realloc(a, (size_t)(argc + 2) * sizeof(*a)) : NULL;
    if (!longer) {
        free(marker);
        sh_error("out of memory");
        return -1;
    }
    memmove(&longer[first + 1], &longer[first], (size_t)(argc - first + 1) * sizeof(*longer));
    longer[first] = marker;
    *argv = longer;
    return 0;
}

void signal_job(struct job *j, int sig) {
    if (j->pgid > 0) {
        kill(-j->pgid, sig);
        return;
    }
    for (int i = 0; i < j->count; i++) {
        if (!j->done[i])
            kill(j->pids[i], sig);
    }
}

int job_continue(struct job *j, bool foreground) {
    for (int i = 0; i < j->count; i++)
        j->stopped[i] = false;
    j->background = !foreground;
    j->reported = false;
    make_current(j);
    if (foreground) {
        /* The terminal first: once the job's name is on the screen, keys reach the job. */
        give_terminal(j->pgid);
        printf("%s\n", j->text);
        fflush(stdout);
        signal_job(j, SIGCONT);
        return job_wait_foreground(j);
    }
    printf("[%d]+ %s &\n", j->id, j->text);
    signal_job(j, SIGCONT);
    return 0;
}

int job_wait(struct job *j) {
    while (job_state(j) == JOB_RUNNING) {
        if (!wait_any()) {
            if (interrupted)
                return 128 + SIGINT;
            if (errno != EINTR)
                break;
        }
    }
    int value = status_value(job_status(j));
    if (job_state(j) == JOB_DONE)
        job_free(j);
    return value;
}

void jobs_hang_up(void) {
    forget_done();
    for (struct job *j = jobs; j; j = j->next) {
        signal_job(j, SIGHUP);
        signal_job(j, SIGCONT);
    }
    /* A job that ignores SIGHUP gets a SIGKILL a second later: a shell that exits leaves nothing
     * running behind it. */
    for (int tries = 0; jobs && tries < 100; tries++) {
        usleep(10000);
        forget_done();
    }
    for (struct job *j = jobs; j; j = j->next)
        signal_job(j, SIGKILL);
    while (jobs && wait_any())
        forget_done();
}
