/*
 * The shell's pieces and how they fit together. A line of input goes through:
 *
 *   main.c      reads it (a terminal, a script or `-c`), asking for more while it is incomplete;
 *   parse.c     splits it into tokens and builds a tree: a list of and-or lists of pipelines of
 *               commands (simple ones, or if/while/until/for/case/{ }/( ) holding lists of their
 *               own, or a function's definition),
 *               each word kept as typed (quotes and `$` still in it);
 *   expand.c    turns each word into fields just before its command runs ($VAR, $?, $(cmds),
 *               patterns, quotes), so `false; echo $?` sees the status of `false`;
 *   arith.c     $((expr)): integer arithmetic with C's operators;
 *   exec.c      runs the tree: builtins in the shell, programs through PATH, pipes, redirections;
 *   jobs.c      every pipeline is a job; in an interactive shell each job has its own process
 *               group and the terminal is handed to the foreground one and taken back;
 *   builtins.c  cd, pwd, exit, echo, export, unset, jobs, fg, bg, wait, break, continue, help,
 *               return, local, set, shift, read, eval, exec, `.`, trap (and the traps' handler);
 *   test.c      test and [;
 *   var.c       shell variables, which of them are exported, and the environment for programs;
 *   edit.c      line editing and history at a terminal (arrows, Tab completion, Ctrl-A/E/U/K/W).
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <sys/types.h>

/* --- the tree (parse.c) ----------------------------------------------------------------------- */

enum redir_kind {
    REDIR_IN,     /* n<file   (n defaults to 0) */
    REDIR_OUT,    /* n>file   (n defaults to 1) */
    REDIR_APPEND, /* n>>file */
    REDIR_DUP,    /* n>&m, n<&m: n becomes a copy of m; n>&- closes n */
};

struct redir {
    enum redir_kind kind;
    int fd;
    char *word; /* the file, or m, as typed */
    struct redir *next;
};

struct item;

/* A case's item: [(]pattern[|pattern]...) body;; */
struct case_item {
    char **patterns; /* NULL-terminated, as typed */
    struct item *body;
    struct case_item *next;
};

enum command_kind {
    CMD_SIMPLE,   /* NAME=value words, then the command's words, redirections anywhere */
    CMD_IF,       /* if list; then list; [elif list; then list;]... [else list;] fi */
    CMD_WHILE,    /* while list; do list; done */
    CMD_UNTIL,    /* until list; do list; done */
    CMD_FOR,      /* for NAME [in word...]; do list; done */
    CMD_GROUP,    /* { list; }: in the shell itself */
    CMD_SUBSHELL, /* ( list ): in a child, so nothing it changes reaches the shell */
    CMD_CASE,     /* case word in pattern) list;; ... esac */
    CMD_FUNCDEF,  /* name() compound-command */
};

/* A command of a pipeline: simple or compound; redirections apply to the whole of it. */
struct command {
    enum command_kind kind;
    char **assigns; /* CMD_SIMPLE: NULL-terminated, as typed */
    char **words;   /* CMD_SIMPLE: NULL-terminated, as typed; empty for assignments only.
                     * CMD_FOR: the words after `in` (NULL without `in`: "$@") */
    struct redir *redirs;
    struct item *cond;       /* if/elif, while, until: the condition; group, subshell, for: the body */
    struct item *then;       /* if: the then part; while, until: the body */
    struct command *orelse;  /* if: the elif (another CMD_IF) or else part (a CMD_GROUP), or NULL */
    char *name;              /* CMD_FOR: the variable; CMD_CASE: the word; CMD_FUNCDEF: the name */
    char *text;              /* CMD_FUNCDEF: the body (a compound command), as typed */
    struct case_item *cases; /* CMD_CASE: in order */
    struct command *next;    /* the next command of the pipeline */
};

enum and_or_op { OP_NONE, OP_AND, OP_OR };

/* cmd | cmd | ...; `next` follows after && or || (`op`). */
struct pipeline {
    struct command *commands;
    int count;
    bool negate; /* ! pipeline */
    enum and_or_op op;
    struct pipeline *next;
};

/* One and-or list of a line, ended by `;`, a newline or `&`. */
struct item {
    struct pipeline *and_or;
    bool background;
    char *text; /* as typed, for `jobs` */
    struct item *next;
};

enum parse_result {
    PARSE_OK,
    PARSE_INCOMPLETE, /* the input ends inside a quote, a compound command, after `|`, `&&`,
                       * `||` or a backslash */
    PARSE_ERROR,      /* a message has been printed */
};

/* The memory of one parse. */
struct tree;

/*
 * Parses `text` (one or more lines) into a list of items, allocated in an arena (*tree) that
 * tree_free() releases. An empty line or a comment gives PARSE_OK and NULL. Each parse has its
 * own tree: a running line's tree stays while eval or `.` parse more.
 */
enum parse_result parse(const char *text, struct item **out, struct tree **tree);
void tree_free(struct tree *tree);

/* --- expansion (expand.c) --------------------------------------------------------------------- */

/* The fields of `words` (NULL-terminated, as typed), NULL-terminated, in malloc'd memory that
 * fields_free() releases. NULL if memory ran out. */
char **expand_words(char **words);
/* One word expanded into one string without field splitting (assignments, redirection targets). */
char *expand_one(const char *word);
void fields_free(char **fields);
/* A case pattern: the word expanded, what was quoted in it behind backslashes (literal for
 * fnmatch). malloc'd; NULL if an error was said. */
char *expand_pattern(const char *word);
/* At a `"`, a backquote or the `$` of `$(`: just past its end (quotes, parentheses and
 * substitutions nested in it included), or NULL if the text ends first. */
const char *skip_quoted(const char *p);
/* $((expr)): evaluates `expr` (its $ already expanded) into *value; false with a message
 * printed for a syntax error or a division by zero. Assignments in it set variables. */
bool arith_eval(const char *expr, long *value);
/* Whether `word` is NAME=value with a valid name; *eq is set at the `=`. */
bool is_assignment(const char *word, const char **eq);

/* --- variables (var.c) ------------------------------------------------------------------------ */

void var_init(char **envp);
const char *var_get(const char *name);
/* Sets NAME to value (exported as it was, or exported if `export` is true). 0, or -1 on ENOMEM. */
int var_set(const char *name, const char *value, bool export);
void var_unset(const char *name);
/* Marks NAME exported (an unset NAME is exported once it gets a value). 0, or -1 on ENOMEM. */
int var_export(const char *name);
void var_print_exported(void);
/* `set` alone: every variable with a value, as name='value' (quoted to be read back). */
void var_print_all(void);
/* local NAME: the value NAME has now comes back when the function running returns. The scope
 * calls bracket each call: begin returns what end needs. 0, or -1 on ENOMEM. */
int var_make_local(const char *name);
void *var_scope_begin(void);
void var_scope_end(void *outer);
/* The environment for a program: every exported variable, then `assigns` ("NAME=value", already
 * expanded) overriding them. malloc'd, released with fields_free(); NULL on ENOMEM. */
char **var_environ(char **assigns);
bool is_name(const char *s, size_t len);

/* --- running (exec.c) ------------------------------------------------------------------------- */

/* Runs every item of a parsed line; returns the status of the last. */
int run_items(struct item *items);
/* In a child forked for a command substitution: runs `text` as a subshell and exits with its
 * status. */
_Noreturn void run_subshell_text(const char *text);
/* The status of the last command substitution of the command being expanded, or -1: a command
 * of assignments only has it as its own (`x=$(false)` fails). */
extern int substitution_status;
/* The status of the last command, for `$?`. */
extern int last_status;
/* Parses and runs `text` in this shell (eval, `.`, a trap's action): its status, 0 if it holds
 * no command, 2 for a syntax error. */
int run_text(const char *text);
/* Whether a function `name` is defined; unset -f removes one (a running one is freed when it
 * returns). */
bool function_exists(const char *name);
void function_unset(const char *name);
/* exec name args: replaces the shell by the program (never returns; 127/126 if it cannot). */
_Noreturn void exec_command(char **argv);
/* Set by `exec` without a command: the redirections of the command stay the shell's. */
extern bool keep_redirections;
/* Functions and `.` files being run (where `return` is allowed), and a return unwinding them
 * with return_status. */
extern int function_depth;
extern bool returning;
extern int return_status;
/* set -e, -u, -x. errexit_guard counts the places -e is ignored in (conditions, && || lists but
 * the last, ! pipelines): an error there does not end the shell. */
extern bool opt_errexit, opt_nounset, opt_xtrace;
extern int errexit_guard;

/* --- jobs (jobs.c) ---------------------------------------------------------------------------- */

enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };

struct job {
    int id; /* %1, %2...: the smallest free number */
    pid_t pgid;
    int count;             /* processes */
    pid_t *pids;           /* each process */
    int *status;           /* each process's last wait status */
    bool *done;            /* each process has ended */
    bool *stopped;         /* each process is stopped */
    char *text;            /* the command as typed */
    bool background;       /* started with &, or put there by Ctrl-Z / bg */
    bool reported;         /* the latest change was told to the user */
    unsigned long recency; /* when it last became the current job (%+); %- is the one before */
    struct job *next;
};

/* True when the shell controls jobs (an interactive shell on a terminal). */
extern bool job_control;
/* The shell's own process group, which gets the terminal back after each foreground job. */
extern pid_t shell_pgid;
/* The pid of the last background job's last process, for `$!`. */
extern pid_t last_background;

void jobs_init(bool interactive);
struct job *job_new(const char *text, int count);
/* Puts process `pid` (the index-th of the job) in the job and its process group. */
void job_add(struct job *j, int index, pid_t pid);
/* Waits while the job runs in the foreground (with the terminal, under job control); returns
 * its status (of the last process) as $? gives it: a signal is 128 + its number. */
int job_wait_foreground(struct job *j);
/* Started with &: prints [id] pid under job control. */
void job_background(struct job *j);
/* Records what ended or stopped meanwhile, without waiting. */
void jobs_collect(void);
/* Collects, then reports each background job that ended or stopped since the last report, and
 * forgets those that ended (before each prompt). */
void jobs_notify(void);
/* %n, %%, %+, %-, or a pid; NULL with a message printed if there is no such job. */
struct job *job_find(const char *spec, const char *who);
/* kill's %job operands become process groups before /bin/kill runs: 0, or -1 (said). */
int job_kill_operands(char ***argv);
struct job *job_current(void);
enum job_state job_state(const struct job *j);
void job_print(const struct job *j);
void job_free(struct job *j);
struct job *jobs_first(void);
/* Sends `sig` to every process of the job (its group, under job control). */
void signal_job(struct job *j, int sig);
/* Continues a stopped job in the foreground (fg) or background (bg). */
int job_continue(struct job *j, bool foreground);
/* Waits for a background job to end; returns its status, or 128 + SIGINT if interrupted. */
int job_wait(struct job *j);
/* At exit: sends SIGHUP (and SIGCONT) to every job still there, as a terminal hanging up does. */
void jobs_hang_up(void);
/* A status as $? reports it: the exit status, or 128 + the signal. */
int status_value(int wait_status);

/* --- builtins (builtins.c) -------------------------------------------------------------------- */

/* The program `name` would run as (exec.c): a name with a '/' as it is, else the first executable
 * regular file of that name in PATH's directories, written into out. */
bool find_program(const char *name, char *out, size_t size);

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name);
/* test and [ (test.c). */
int builtin_test(int argc, char **argv);
/* Set by `exit`: the main loop ends with exit_status. */
extern bool exit_requested;
extern int exit_status;
/* Loops being run (for break and continue), and how many of them `break n` / `continue n` still
 * has to leave: the loops count `breaking` down as they end; `continuing` is set when the
 * innermost one left goes on with its next round instead. */
extern int loop_depth;
extern int breaking;
extern bool continuing;

/* --- input and errors (main.c) ---------------------------------------------------------------- */

/* Prints "sh: " (and where in a script), then the message, to standard error. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* $$: the shell's pid, which stays the shell's in the children it forks (POSIX). */
extern pid_t shell_pid;
/* Script arguments: $0, $1..., $#; positional_owned when `set --` made them (malloc'd, each
 * string too). */
extern char *arg0;
extern char **positional;
extern int positional_count;
extern bool positional_owned;
/* set -- args: copies of `args` become $1...; 0, or -1 on ENOMEM (nothing changed). */
int positional_set(char **args, int count);
/* The traps (builtins.c): runs the actions of the signals caught since the last call. */
void traps_run_pending(void);
/* In a child (a subshell, or one that will exec): traps with an action go back to the default,
 * those `trap ''` ignores are ignored (even INT and QUIT, which child_setup set to default). */
void traps_reset_in_child(void);
/* At the shell's end: the EXIT trap's action, if any; the status the shell ends with. */
int traps_run_exit(int status);
/* special builtins (POSIX 2.14) come before functions */
bool builtin_is_special(const char *name);
extern bool interactive;
/* Set by the SIGINT handler of an interactive shell. */
extern volatile int interrupted;

/* --- line editing (edit.c) -------------------------------------------------------------------- */

/* Whether fd is a terminal the editor can drive. */
bool edit_possible(int fd);
/* Shows `prompt` and reads a line typed at terminal `in` (echoed to `out`) with the editing keys
 * and the history; returns it with its newline (the editor's buffer, until the next call), or
 * NULL at the end of input (Ctrl-D on an empty line) or when Ctrl-C interrupted it (`interrupted`
 * is set then). The terminal's modes are as they were when it returns. */
const char *edit_line(int in, int out, const char *prompt);
/* For the SIGINT handler: wakes an edit_line waiting for a key, so that it sees `interrupted`. */
void edit_wake(void);
/* The lines typed at the editor, the oldest first (at most its last 100); their number. */
int edit_history(const char *const **lines);

#endif
