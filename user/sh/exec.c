/*
 * Running a parsed line. Items run in turn (`;`) or in the background (`&`); an and-or list runs
 * its next pipeline only if the status says so (`&&` after success, `||` after failure). A
 * pipeline is a job: one process per command, connected by pipes, the status being the last
 * one's. A builtin alone in the foreground runs in the shell itself (cd must move the shell, not
 * a child), with its redirections undone afterwards; anywhere else it runs in a child like a
 * program.
 *
 * Redirections apply in the order written, so `2>&1 >f` sends errors where output went before
 * `>f`. A program is looked up in each directory of PATH; a name with a `/` is used as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

int last_status;
int loop_depth, breaking;
bool continuing;
int function_depth, return_status, errexit_guard;
bool returning, keep_redirections;
bool opt_errexit, opt_nounset, opt_xtrace;

static int run_compound(struct command *c);

/* --- redirections ----------------------------------------------------------------------------- */

/* Where the descriptors a redirection replaces wait to be put back, above what people type
 * (0-9): a stack of slots, since a redirected group may hold a redirected builtin. */
#define SAVED_FD_BASE 20
#define SAVED_FD_SLOTS 12 /* up to OPEN_MAX (32) */
#define MAX_SAVED 10      /* per command */

static int saved_top; /* slots in use */

struct saved_fds {
    int count;
    int fd[MAX_SAVED]; /* the descriptor redirected */
    bool was_open[MAX_SAVED];
};

/* Keeps a copy of `fd` (once) so that restore() can put it back. */
static int save(struct saved_fds *saved, int fd) {
    for (int i = 0; i < saved->count; i++) {
        if (saved->fd[i] == fd)
            return 0;
    }
    if (saved->count == MAX_SAVED || saved_top == SAVED_FD_SLOTS) {
        sh_error("too many redirections");
        return -1;
    }
    int i = saved->count++, slot = SAVED_FD_BASE + saved_top++;
    saved->fd[i] = fd;
    saved->was_open[i] = dup2(fd, slot) == slot;
    if (saved->was_open[i])
        fcntl(slot, F_SETFD, FD_CLOEXEC); /* not for the programs run meanwhile */
    return 0;
}

/* Puts back what save() kept, the last saved first (slots are a stack). */
static void restore(struct saved_fds *saved) {
    fflush(stdout);
    for (int i = saved->count - 1; i >= 0; i--) {
        int slot = SAVED_FD_BASE + --saved_top;
        if (saved->was_open[i]) {
            dup2(slot, saved->fd[i]);
            close(slot);
        } else {
            close(saved->fd[i]);
        }
    }
    saved->count = 0;
}

/* `exec` without a command: the redirections stay, and the copies save() kept are dropped. */
static void forget(struct saved_fds *saved) {
    for (int i = saved->count - 1; i >= 0; i--) {
        int slot = SAVED_FD_BASE + --saved_top;
        if (saved->was_open[i])
            close(slot);
    }
    saved->count = 0;
}

static bool parse_fd(const char *s, int *fd) {
    char *end;
    long n = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || n < 0 || n > 999)
        return false;
    *fd = (int)n;
    return true;
}

/* Applies `r` and those after it; `saved` (if not NULL) keeps what they replace. 0 or -1. */
static int redirect(struct redir *r, struct saved_fds *saved) {
    for (; r; r = r->next) {
        char *target = expand_one(r->word);
        if (!target || (saved && save(saved, r->fd) < 0)) {
            free(target);
            return -1;
        }
        int fd, ok = 0;
        if (r->kind == REDIR_DUP && strcmp(target, "-") == 0) {
            close(r->fd);
        } else if (r->kind == REDIR_DUP) {
            if (!parse_fd(target, &fd)) {
                sh_error("%s: bad file descriptor", target);
                ok = -1;
            } else if (fd != r->fd && dup2(fd, r->fd) < 0) {
                sh_error("%d: %s", fd, strerror(errno));
                ok = -1;
            }
        } else {
            int flags = r->kind == REDIR_IN    ? O_RDONLY
                        : r->kind == REDIR_OUT ? O_WRONLY | O_CREAT | O_TRUNC
                                               : O_WRONLY | O_CREAT | O_APPEND;
            fd = open(target, flags, 0666);
            if (fd < 0) {
                sh_error("%s: %s", target, strerror(errno));
                ok = -1;
            } else if (fd != r->fd) {
                dup2(fd, r->fd);
                close(fd);
            }
        }
        free(target);
        if (ok < 0)
            return -1;
    }
    return 0;
}

/* --- programs --------------------------------------------------------------------------------- */

/* Each NAME=value word, expanded: for a program's environment, or to set in the shell. */
static char **expand_assigns(char **assigns) {
    int n = 0;
    while (assigns[n])
        n++;
    char **out = calloc((size_t)n + 1, sizeof(*out));
    for (int i = 0; out && i < n; i++) {
        if (!(out[i] = expand_one(assigns[i]))) {
            fields_free(out);
            return NULL;
        }
    }
    return out;
}

/* A file the kernel will not run (no ELF header): a script for the shell (POSIX). */
static void exec_script(const char *path, char **argv, char **env) {
    int argc = 0;
    while (argv[argc])
        argc++;
    char **args = calloc((size_t)argc + 2, sizeof(*args));
    if (!args)
        return;
    args[0] = "sh";
    args[1] = (char *)path;
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    execve("/bin/sh", args, env);
}

static void try_exec(const char *path, char **argv, char **env) {
    execve(path, argv, env);
    if (errno == ENOEXEC)
        exec_script(path, argv, env);
}

/* Runs program argv[0] with `assigns` added to the environment; never returns. */
bool find_program(const char *name, char *out, size_t size) {
    struct stat st;

    if (strchr(name, '/')) {
        snprintf(out, size, "%s", name);
        return access(name, X_OK) == 0 && stat(name, &st) == 0 && S_ISREG(st.st_mode);
    }
    const char *dirs = var_get("PATH");
    for (const char *dir = dirs ? dirs : "/bin"; dir;) {
        const char *colon = strchr(dir, ':');
        size_t len = colon ? (size_t)(colon - dir) : strlen(dir);
        if ((size_t)snprintf(out, size, "%.*s/%s", (int)len, len ? dir : ".", name) < size && access(out, X_OK) == 0 &&
            stat(out, &st) == 0 && S_ISREG(st.st_mode))
            return true;
        dir = colon ? colon + 1 : NULL;
    }
    return false;
}

/* set -x: the command about to run, expanded, on standard error after PS4 ("+ "). */
static void trace(char **assigns, char **argv) {
    if (!opt_xtrace)
        return;
    const char *ps4 = var_get("PS4");
    fflush(stdout);
    fputs(ps4 ? ps4 : "+ ", stderr);
    bool first = true;
    for (char **a = assigns; a && *a; a++, first = false)
        fprintf(stderr, "%s%s", first ? "" : " ", *a);
    for (char **a = argv; a && *a; a++, first = false)
        fprintf(stderr, "%s%s", first ? "" : " ", *a);
    fputc('\n', stderr);
}

static _Noreturn void exec_program(char **argv, char **assigns) {
    char **env = var_environ(assigns);
    if (!env) {
        sh_error("out of memory");
        _exit(126);
    }
    const char *name = argv[0];
    int err = ENOENT;
    if (strchr(name, '/')) {
        try_exec(name, argv, env);
        err = errno;
    } else {
        const char *dirs = var_get("PATH");
        size_t name_len = strlen(name);
        for (const char *dir = dirs ? dirs : "/bin"; dir;) {
            const char *colon = strchr(dir, ':');
            size_t len = colon ? (size_t)(colon - dir) : strlen(dir);
            char *path = malloc(len + name_len + 3);
            if (path) {
                snprintf(path, len + name_len + 3, "%.*s/%s", (int)len, len ? dir : ".", name);
                try_exec(path, argv, env);
                if (errno != ENOENT && errno != ENOTDIR)
                    err = errno; /* found, but it would not run: say why */
                free(path);
            }
            dir = colon ? colon + 1 : NULL;
        }
    }
    if (err == ENOENT) {
        sh_error("%s: not found", name);
        _exit(127);
    }
    sh_error("%s: %s", name, strerror(err));
    _exit(126);
}

_Noreturn void exec_command(char **argv) {
    static char *none[] = {NULL};
    fflush(stdout);
    exec_program(argv, none);
}

/*
 * A Ctrl-C typed while a job starts belongs to the job. Under job control the shell blocks
 * SIGINT from before its first fork until every process of the job is made: a child gets the
 * signal (sent to the shell's group while it was still in it, or forwarded by
 * job_wait_foreground) only once it has the default action back, never through the shell's
 * handler it inherited, which would drop it.
 */
static sigset_t before_fork;

static void block_interrupts(void) {
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, &before_fork);
}

static void unblock_interrupts(void) {
    sigprocmask(SIG_SETMASK, &before_fork, NULL);
}

/* In a new child: its process group and the terminal (under job control), and the signals the
 * shell ignores or handles back to their defaults. */
static void child_setup(struct job *j, bool background) {
    if (job_control) {
        pid_t pgid = j->pgid ? j->pgid : getpid();
        setpgid(0, pgid);
        if (!background)
            tcsetpgrp(STDIN_FILENO, pgid);
    }
    static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        signal(sigs[i], SIG_DFL);
    if (!job_control && background) {
        /* Without job control, Ctrl-C is for the foreground command only (POSIX). */
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    traps_reset_in_child();
    job_control = false; /* a child shell (a builtin in a pipeline) controls no jobs */
    interactive = false;
    /* Nor is it one of its shell's jobs: %+ and `jobs` mean there what they meant when the line
     * was typed (`sleep 9 & kill %% | cat` ends the sleep). */
    job_free(j);
    unblock_interrupts();
}

/* --- functions -------------------------------------------------------------------------------- */

/* A function: its body parsed from the definition's text into a tree of its own, which lives as
 * long as the function (or, if it is redefined or unset while it runs, until it returns). */
struct function {
    char *name;
    struct tree *tree;
    struct command *body;
    int running; /* calls under way */
    bool removed;
    struct function *next;
};

static struct function *functions;

static struct function *function_find(const char *name) {
    for (struct function *f = functions; f; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

bool function_exists(const char *name) {
    return function_find(name) != NULL;
}

static void function_free(struct function *f) {
    tree_free(f->tree);
    free(f->name);
    free(f);
}

void function_unset(const char *name) {
    for (struct function **link = &functions; *link; link = &(*link)->next) {
        struct function *f = *link;
        if (strcmp(f->name, name) == 0) {
            *link = f->next;
            if (f->running)
                f->removed = true;
            else
                function_free(f);
            return;
        }
    }
}

static int define_function(struct command *c) {
    struct function *f = calloc(1, sizeof(*f));
    struct item *items;

    if (!f || !(f->name = strdup(c->name))) {
        free(f);
        sh_error("out of memory");
        return 1;
    }
    if (parse(c->text, &items, &f->tree) != PARSE_OK || !items) {
        free(f->name);
        free(f);
        return 2; /* it parsed once: only memory can be missing now (said) */
    }
    f->body = items->and_or->commands;
    function_unset(c->name);
    f->next = functions;
    functions = f;
    return 0;
}

static int run_compound_in_shell(struct command *c);

/* A body `( list )`: in a child, as any subshell. */
static int run_subshell_body(struct command *c) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        traps_reset_in_child();
        job_control = false;
        interactive = false;
        if (redirect(c->redirs, NULL) < 0)
            _exit(1);
        int status = run_compound(c);
        fflush(stdout);
        _exit(exit_requested ? exit_status : status);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return status_value(st);
}

/* Calls `f` with argv[1]... as $1...: $0 stays, the caller's arguments, loops and local
 * variables come back when it returns. */
static int call_function(struct function *f, int argc, char **argv) {
    char **outer_args = positional;
    int outer_count = positional_count, outer_loops = loop_depth;
    bool outer_owned = positional_owned;

    positional = argv + 1;
    positional_count = argc - 1;
    positional_owned = false;
    loop_depth = 0; /* a break in the function leaves no loop of the caller (as bash) */
    function_depth++;
    f->running++;
    void *scope = var_scope_begin();
    int status = f->body->kind == CMD_SUBSHELL ? run_subshell_body(f->body) : run_compound_in_shell(f->body);
    if (returning) {
        returning = false;
        status = return_status;
    }
    var_scope_end(scope);
    if (--f->running == 0 && f->removed)
        function_free(f);
    function_depth--;
    loop_depth = outer_loops;
    breaking = 0;
    if (positional_owned)
        fields_free(positional);
    positional = outer_args;
    positional_count = outer_count;
    positional_owned = outer_owned;
    return status;
}

/* The function run_builtin calls is the one named when it was called: read at once. */
static struct function *function_called;

static int function_builtin(int argc, char **argv) {
    return call_function(function_called, argc, argv);
}

/* The command is kill, whose %job operands the shell resolves (job_kill_operands). */
static bool is_kill(char **argv) {
    return argv[0] && strcmp(argv[0], "kill") == 0;
}

/* The child's side of one command of a job: `argv` are its fields if the shell expanded them
 * already, else NULL. Never returns. */
static _Noreturn void run_in_child(struct command *c, char **argv) {
    if (c->kind != CMD_SIMPLE) {
        if (redirect(c->redirs, NULL) < 0)
            _exit(1);
        int status = run_compound(c);
        fflush(stdout);
        _exit(exit_requested ? exit_status : status);
    }
    char **assigns = expand_assigns(c->assigns);

    if (!argv)
        argv = expand_words(c->words);
    if (!argv || !assigns || (is_kill(argv) && job_kill_operands(&argv) < 0) || redirect(c->redirs, NULL) < 0)
        _exit(1);
    if (!argv[0])
        _exit(0);
    builtin_fn builtin = builtin_find(argv[0]);
    struct function *f = builtin_is_special(argv[0]) ? NULL : function_find(argv[0]);
    if (f) {
        function_called = f;
        builtin = function_builtin;
    }
    trace(assigns, argv);
    if (builtin) {
        int argc = 0;
        while (argv[argc])
            argc++;
        for (char **a = assigns; *a; a++) {
            char *eq = strchr(*a, '=');
            *eq = '\0';
            var_set(*a, eq + 1, false);
        }
        int status = builtin(argc, argv);
        fflush(stdout);
        _exit(status);
    }
    exec_program(argv, assigns);
}

/* --- pipelines -------------------------------------------------------------------------------- */

/* Sets NAME=value words in the shell (a line of assignments only). */
static int assign_all(char **assigns) {
    char **values = expand_assigns(assigns);

    if (!values)
        return 1;
    trace(values, NULL);
    for (char **a = values; *a; a++) {
        char *eq = strchr(*a, '=');
        *eq = '\0';
        if (var_set(*a, eq + 1, false) < 0)
            sh_error("out of memory");
    }
    fields_free(values);
    return 0;
}

/* A builtin in the shell: NAME=value words hold for its duration only. */
static int run_builtin(builtin_fn builtin, char **argv, struct command *c) {
    struct saved_fds saved = {0};
    char **values = expand_assigns(c->assigns);
    int n = 0, argc = 0, status = 1;

    if (!values)
        return 1;
    trace(values, argv);
    while (values[n])
        n++;
    char **before = calloc((size_t)n + 1, sizeof(*before)); /* the values to put back */
    if (!before) {
        fields_free(values);
        return 1;
    }
    for (int i = 0; i < n; i++) {
        char *eq = strchr(values[i], '=');
        *eq = '\0';
        const char *value = var_get(values[i]);
        before[i] = value ? strdup(value) : NULL;
        var_set(values[i], eq + 1, false);
    }
    while (argv[argc])
        argc++;
    keep_redirections = false;
    if (redirect(c->redirs, &saved) == 0)
        status = builtin(argc, argv);
    if (keep_redirections)
        forget(&saved);
    else
        restore(&saved);
    keep_redirections = false;
    for (int i = 0; i < n; i++) {
        if (before[i])
            var_set(values[i], before[i], false);
        else
            var_unset(values[i]);
        free(before[i]);
    }
    free(before);
    fields_free(values);
    return status;
}

/* A command that starts no process: assignments, redirections alone, or a builtin. Returns -1
 * if it needs a process after all (`argv` then holds its fields). */
static int run_in_shell(struct command *c, char **argv) {
    if (!argv[0]) {
        struct saved_fds saved = {0};
        int status = redirect(c->redirs, &saved) < 0 ? 1 : 0;
        restore(&saved);
        if (status == 0)
            status = assign_all(c->assigns);
        /* `x=$(cmd)`: the command's status is the last substitution's (POSIX) */
        if (status == 0 && substitution_status >= 0)
            status = substitution_status;
        return status;
    }
    builtin_fn builtin = builtin_find(argv[0]);
    struct function *f = builtin_is_special(argv[0]) ? NULL : function_find(argv[0]);
    if (f) {
        function_called = f;
        builtin = function_builtin;
    }
    return builtin ? run_builtin(builtin, argv, c) : -1;
}

/* A compound command alone in the foreground runs in the shell (a loop's `cd` moves the
 * shell), its redirections undone afterwards; a subshell needs a process. -1: it needs one. */
static int run_compound_in_shell(struct command *c) {
    if (c->kind == CMD_SUBSHELL)
        return -1;
    struct saved_fds saved = {0};
    int status = 1;
    if (redirect(c->redirs, &saved) == 0)
        status = run_compound(c);
    restore(&saved);
    return status;
}

static int run_pipeline(struct pipeline *p, const char *text, bool background) {
    char **argv = NULL;

    substitution_status = -1;
    if (p->count == 1 && !background && p->commands->kind != CMD_SIMPLE) {
        int status = run_compound_in_shell(p->commands);
        if (status >= 0)
            return status;
    } else if (p->count == 1 && !background) {
        if (!(argv = expand_words(p->commands->words)))
            return 1;
        if (is_kill(argv) && job_kill_operands(&argv) < 0) {
            fields_free(argv);
            return 1;
        }
        int status = run_in_shell(p->commands, argv);
        if (status >= 0) {
            fields_free(argv);
            return status;
        }
    }
    struct job *j = job_new(text, p->count);
    if (!j) {
        fields_free(argv);
        return 1;
    }
    int in = -1, index = 0;
    block_interrupts();
    for (struct command *c = p->commands; c; c = c->next, index++) {
        int fds[2] = {-1, -1};
        if (c->next && pipe(fds) < 0) {
            sh_error("pipe: %s", strerror(errno));
            break;
        }
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            child_setup(j, background);
            if (in >= 0) {
                dup2(in, STDIN_FILENO);
                close(in);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], STDOUT_FILENO);
                close(fds[1]);
                close(fds[0]);
            }
            run_in_child(c, argv);
        }
        if (pid < 0)
            sh_error("fork: %s", strerror(errno));
        else
            job_add(j, index, pid);
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
        if (pid < 0)
            break;
    }
    if (in >= 0)
        close(in);
    unblock_interrupts();
    fields_free(argv);
    /* Commands that could not start count as failed ones. */
    for (; index < j->count; index++) {
        j->done[index] = true;
        j->status[index] = 1 << 8;
    }
    if (background) {
        job_background(j);
        return 0;
    }
    return job_wait_foreground(j);
}

_Noreturn void run_subshell_text(const char *text) {
    struct item *items;
    struct tree *tree;

    static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};
    if (job_control)
        for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
            signal(sigs[i], SIG_DFL); /* Ctrl-C ends `$(sleep 9)` as it ends `sleep 9` */
    job_control = false;
    interactive = false;
    loop_depth = breaking = 0; /* a break in $(...) leaves no loop of the shell */
    traps_reset_in_child();
    switch (parse(text, &items, &tree)) {
    case PARSE_INCOMPLETE:
        sh_error("syntax error: unexpected end of input");
        _exit(2);
    case PARSE_ERROR:
        _exit(2);
    case PARSE_OK:
        break;
    }
    last_status = 0;
    run_items(items);
    fflush(stdout);
    _exit(exit_requested ? exit_status : last_status);
}

int run_text(const char *text) {
    struct item *items;
    struct tree *tree;

    switch (parse(text, &items, &tree)) {
    case PARSE_INCOMPLETE:
        sh_error("syntax error: unexpected end of input");
        return 2;
    case PARSE_ERROR:
        return 2;
    case PARSE_OK:
        break;
    }
    int status = items ? run_items(items) : 0;
    tree_free(tree);
    return status;
}

/* --- lists ------------------------------------------------------------------------------------ */

/* Stops a list: `exit`, Ctrl-C, a break/continue on its way out of a loop, or a return. */
static bool list_stopped(void) {
    return exit_requested || interrupted || breaking || returning;
}

static int run_and_or(struct pipeline *p, const char *text, bool background) {
    int status = 0;

    for (bool run = true; p; p = p->next) {
        if (run) {
            /* set -e is ignored for a pipeline followed by && or ||, or after ! (POSIX) */
            bool guarded = p->next || p->negate;
            errexit_guard += guarded;
            status = run_pipeline(p, text, background);
            errexit_guard -= guarded;
            if (p->negate)
                status = !status;
            last_status = status;
            traps_run_pending();
            if (status != 0 && opt_errexit && !guarded && !errexit_guard && !background && !exit_requested &&
                !returning) {
                exit_requested = true;
                exit_status = status;
            }
        }
        if (list_stopped())
            break;
        run = p->op == OP_AND ? status == 0 : p->op == OP_OR ? status != 0 : true;
    }
    return status;
}

/* `a && b &`: a child shell runs the whole and-or list as one background job. */
static int run_background_list(struct item *item) {
    struct job *j = job_new(item->text, 1);
    if (!j)
        return 1;
    fflush(stdout);
    block_interrupts();
    pid_t pid = fork();
    if (pid == 0) {
        child_setup(j, true);
        _exit(run_and_or(item->and_or, item->text, false));
    }
    unblock_interrupts();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        job_free(j);
        return 1;
    }
    job_add(j, 0, pid);
    job_background(j);
    return 0;
}

int run_items(struct item *items) {
    for (struct item *item = items; item && !list_stopped(); item = item->next) {
        if (!item->background)
            last_status = run_and_or(item->and_or, item->text, false);
        else if (item->and_or->next || item->and_or->negate)
            last_status = run_background_list(item);
        else
            last_status = run_pipeline(item->and_or, item->text, true);
    }
    return last_status;
}

/* --- compound commands ------------------------------------------------------------------------ */

/*
 * After a round of a loop's lists: false when the loop must end (exit, Ctrl-C, a break, or a
 * continue meant for an outer loop). A loop Ctrl-C ended has status 130, whether the key reached
 * a program it ran or the shell itself between two of them. A `break n`/`continue n` is counted down one loop at a
 * time; the loop it is meant for ends (break) or goes on with its next round (continue).
 */
static bool loop_goes_on(void) {
    if (exit_requested || interrupted || returning)
        return false;
    if (!breaking)
        return true;
    if (breaking == 1 && continuing) {
        breaking = 0;
        continuing = false;
        return true;
    }
    if (--breaking == 0)
        continuing = false;
    return false;
}

static int run_loop(struct command *c) {
    int status = 0;

    loop_depth++;
    for (;;) {
        errexit_guard++;
        int cond = run_items(c->cond);
        errexit_guard--;
        if (!loop_goes_on() || (cond == 0) != (c->kind == CMD_WHILE))
            break;
        status = run_items(c->then);
        if (!loop_goes_on())
            break;
    }
    loop_depth--;
    return interrupted ? 128 + SIGINT : status;
}

static int run_for(struct command *c) {
    char **values = c->words ? expand_words(c->words) : calloc((size_t)positional_count + 1, sizeof(char *));
    int status = 0;

    if (!values)
        return 1;
    for (int i = 0; !c->words && i < positional_count; i++)
        if (!(values[i] = strdup(positional[i]))) {
            fields_free(values);
            return 1;
        }
    loop_depth++;
    for (char **v = values; *v; v++) {
        if (var_set(c->name, *v, false) < 0) {
            sh_error("out of memory");
            status = 1;
            break;
        }
        status = run_items(c->cond);
        if (!loop_goes_on())
            break;
    }
    loop_depth--;
    fields_free(values);
    return interrupted ? 128 + SIGINT : status;
}

/* case: the first item with a pattern that matches the word runs; none is status 0. */
static int run_case(struct command *c) {
    char *word = expand_one(c->name);

    if (!word)
        return 1;
    for (struct case_item *ci = c->cases; ci; ci = ci->next) {
        for (char **p = ci->patterns; *p; p++) {
            char *pattern = expand_pattern(*p);
            if (!pattern) {
                free(word);
                return 1;
            }
            bool match = fnmatch(pattern, word, 0) == 0;
            free(pattern);
            if (match) {
                free(word);
                return ci->body ? run_items(ci->body) : 0;
            }
        }
    }
    free(word);
    return 0;
}

/* Runs a compound command in this process (redirections already applied); its status. */
static int run_compound(struct command *c) {
    switch (c->kind) {
    case CMD_IF:
        for (; c && c->kind == CMD_IF; c = c->orelse) {
            errexit_guard++;
            int cond = run_items(c->cond);
            errexit_guard--;
            if (list_stopped())
                return cond;
            if (cond == 0)
                return run_items(c->then);
        }
        return c ? run_items(c->cond) : 0; /* the else part, or no branch at all: 0 */
    case CMD_WHILE:
    case CMD_UNTIL:
        return run_loop(c);
    case CMD_FOR:
        return run_for(c);
    case CMD_GROUP:
    case CMD_SUBSHELL:
        return run_items(c->cond);
    case CMD_CASE:
        return run_case(c);
    case CMD_FUNCDEF:
        return define_function(c);
    case CMD_SIMPLE:
        break;
    }
    return 1;
}
