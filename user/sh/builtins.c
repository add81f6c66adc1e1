/*
 * Builtins: what must change the shell itself (cd, exit, export, unset, the job commands, break,
 * continue, return, local, set, shift, read, eval, exec, `.`, trap), plus echo, pwd, true, false,
 * `:` and test/[ (test.c) for speed, and help for the newcomer. Each takes argc/argv like a
 * program's main and returns its status; an error prints "sh: name: why" and returns 1 (2 for a
 * wrong use). POSIX's special builtins (builtin_is_special) are found before functions, the
 * others after them, so a function may wrap `echo` but not `exit`. Unlike dash, an error in a
 * special builtin (`shift 5` with 2 arguments, `. missing`) is status 1, not the end of a script
 * (as bash does outside its POSIX mode).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* The builtins are cold code, and every byte of the shell is copied into memory at each exec of
 * it (`sh -c true` is a benchmark): compiled for size. */
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)

bool exit_requested;
int exit_status;

static int builtin_cd(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    char cwd[256];

    if (argc > 2) {
        sh_error("cd: too many arguments");
        return 2;
    }
    if (!dir) {
        sh_error("cd: HOME not set");
        return 1;
    }
    bool back = strcmp(dir, "-") == 0;
    if (back && !(dir = var_get("OLDPWD"))) {
        sh_error("cd: OLDPWD not set");
        return 1;
    }
    const char *old = getcwd(cwd, sizeof(cwd));
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    if (old)
        var_set("OLDPWD", old, false);
    if (getcwd(cwd, sizeof(cwd))) {
        var_set("PWD", cwd, false);
        if (back)
            printf("%s\n", cwd);
    }
    return 0;
}

static int builtin_pwd(int argc, char **argv) {
    char cwd[256];

    (void)argc;
    (void)argv;
    if (!getcwd(cwd, sizeof(cwd))) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", cwd);
    return 0;
}

static bool stopped_jobs_warned;

static int builtin_exit(int argc, char **argv) {
    int status = last_status;

    if (argc > 2) {
        sh_error("exit: too many arguments");
        return 2;
    }
    if (argc == 2) {
        char *end;
        long n = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0') {
            sh_error("exit: %s: a number is needed", argv[1]);
            status = 2;
        } else {
            status = (int)(n & 0xff);
        }
    }
    /* Leaving stopped jobs behind deserves a second thought, as in other shells. */
    for (struct job *j = jobs_first(); job_control && !stopped_jobs_warned && j; j = j->next) {
        if (job_state(j) == JOB_STOPPED) {
            sh_error("there are stopped jobs: `exit` again ends them");
            stopped_jobs_warned = true;
            return 1;
        }
    }
    exit_requested = true;
    exit_status = status;
    return status;
}

static int builtin_echo(int argc, char **argv) {
    bool newline = true;
    int i = 1;

    if (i < argc && strcmp(argv[i], "-n") == 0) {
        newline = false;
        i++;
    }
    for (; i < argc; i++)
        printf("%s%s", argv[i], i + 1 < argc ? " " : "");
    if (newline)
        printf("\n");
    fflush(stdout);
    return 0;
}

static int builtin_export(int argc, char **argv) {
    int status = 0;

    if (argc == 1)
        var_print_exported();
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], len)) {
            sh_error("export: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        char *name = strndup(argv[i], len);
        if (!name || (eq ? var_set(name, eq + 1, true) : var_export(name)) < 0) {
            sh_error("out of memory");
            status = 1;
        }
        free(name);
    }
    return status;
}

/* unset [-v | -f] name...: variables (-v, the default) or functions (-f). */
static int builtin_unset(int argc, char **argv) {
    int status = 0, i = 1;
    bool functions = false;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-f") != 0 && strcmp(argv[i], "-v") != 0) {
            sh_error("unset: %s: unknown option (only -f and -v)", argv[i]);
            return 2;
        }
        functions = argv[i][1] == 'f';
    }
    for (; i < argc; i++) {
        if (!is_name(argv[i], strlen(argv[i]))) {
            sh_error("unset: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        if (functions)
            function_unset(argv[i]);
        else
            var_unset(argv[i]);
    }
    return status;
}

/* return [n]: leaves the function (or `.` file) with status n, or the last command's. */
static int builtin_return(int argc, char **argv) {
    int status = last_status;

    if (argc > 2) {
        sh_error("return: too many arguments");
        return 2;
    }
    if (argc == 2) {
        char *end;
        long n = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || n < 0) {
            sh_error("return: %s: a number is needed", argv[1]);
            return 2;
        }
        status = (int)(n & 0xff);
    }
    if (function_depth == 0) {
        sh_error("return: only meaningful in a function or a `.` file");
        return 1;
    }
    returning = true;
    return_status = status;
    return status;
}

/* local name[=value]...: the function's own variables, back as they were when it returns. */
static int builtin_local(int argc, char **argv) {
    int status = 0;

    if (function_depth == 0) {
        sh_error("local: only meaningful in a function");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], len)) {
            sh_error("local: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        char *name = strndup(argv[i], len);
        if (!name || var_make_local(name) < 0 || (eq && var_set(name, eq + 1, false) < 0)) {
            sh_error("out of memory");
            status = 1;
        }
        free(name);
    }
    return status;
}

/* shift [n]: $n+1... become $1...; n more than there are is an error (status 1). */
static int builtin_shift(int argc, char **argv) {
    long n = 1;

    if (argc > 2) {
        sh_error("shift: too many arguments");
        return 2;
    }
    if (argc == 2) {
        char *end;
        n = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || n < 0) {
            sh_error("shift: %s: a number is needed", argv[1]);
            return 2;
        }
    }
    if (n > positional_count) {
        sh_error("shift: can't shift %ld of %d arguments", n, positional_count);
        return 1;
    }
    if (positional_owned) { /* set -- made them: the array stays the one to free */
        for (int i = 0; i < n; i++)
            free(positional[i]);
        memmove(positional, positional + n, (size_t)(positional_count - n + 1) * sizeof(*positional));
    } else {
        positional += n;
    }
    positional_count -= (int)n;
    return 0;
}

/* set: the variables; set [-eux] [+eux] [--] [arg...]: the options, then $1... if args follow
 * (or after --, even none). */
static int builtin_set(int argc, char **argv) {
    int i = 1;

    if (argc == 1) {
        var_print_all();
        return 0;
    }
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            goto arguments;
        }
        if (strcmp(argv[i], "-") == 0) { /* the old way to end the options */
            i++;
            break;
        }
        bool on = argv[i][0] == '-';
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'e')
                opt_errexit = on;
            else if (*o == 'u')
                opt_nounset = on;
            else if (*o == 'x')
                opt_xtrace = on;
            else {
                sh_error("set: %c%c: unknown option (only -e, -u and -x)", argv[i][0], *o);
                return 2;
            }
        }
    }
    if (i == argc)
        return 0;
arguments:
    if (positional_set(argv + i, argc - i) < 0) {
        sh_error("out of memory");
        return 1;
    }
    return 0;
}

/* read [-r] name...: one line of standard input, split at IFS's characters into the names (the
 * last takes the rest of the line). Without -r a backslash keeps the next character from being
 * a separator and a backslash-newline continues the line. It reads a byte at a time, so what
 * follows the line stays for the next command. Status 1 at the end of the input. */
static int builtin_read(int argc, char **argv) {
    bool raw = false;
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (strcmp(argv[i], "-r") != 0) {
            sh_error("read: %s: unknown option (only -r)", argv[i]);
            return 2;
        }
        raw = true;
    }
    if (i == argc) {
        sh_error("read: a variable name is needed");
        return 2;
    }
    for (int k = i; k < argc; k++) {
        if (!is_name(argv[k], strlen(argv[k]))) {
            sh_error("read: %s: not a valid name", argv[k]);
            return 2;
        }
    }
    fflush(stdout);
    char *buf = NULL;
    bool *quoted = NULL;
    size_t len = 0, size = 0;
    int status = 0;
    for (bool escaped = false;;) {
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR && !interrupted)
            continue;
        if (n <= 0) {
            status = 1;
            break;
        }
        if (!escaped && !raw && c == '\\') {
            escaped = true;
            continue;
        }
        if (c == '\n' && escaped) { /* a continued line */
            escaped = false;
            continue;
        }
        if (c == '\n')
            break;
        if (len + 1 >= size) {
            size = size ? 2 * size : 64;
            char *b = realloc(buf, size);
            bool *q = b ? realloc(quoted, size * sizeof(*q)) : NULL;
            if (b)
                buf = b;
            if (q)
                quoted = q;
            if (!b || !q) {
                sh_error("out of memory");
                free(buf);
                free(quoted);
                return 1;
            }
        }
        quoted[len] = escaped;
        buf[len++] = c;
        escaped = false;
    }
    const char *ifs = var_get("IFS");
    if (!ifs)
        ifs = " \t\n";
#define IS_IFS(k) (!quoted[k] && buf[k] && strchr(ifs, buf[k]))
#define IS_IFS_SPACE(k) (IS_IFS(k) && isspace((unsigned char)buf[k]))
    size_t k = 0;
    while (k < len && IS_IFS_SPACE(k))
        k++;
    for (; i < argc; i++) {
        size_t start = k, end;
        if (i + 1 == argc) { /* the last name: the rest, without its trailing IFS spaces */
            end = len;
            while (end > start && IS_IFS_SPACE(end - 1))
                end--;
            size_t d = start; /* one field and a separator after it: the field (as dash, bash) */
            while (d < end && !IS_IFS(d))
                d++;
            if (d + 1 == end && !IS_IFS_SPACE(d))
                for (end = d; end > start && IS_IFS_SPACE(end - 1);)
                    end--;
            k = len;
        } else {
            while (k < len && !IS_IFS(k))
                k++;
            end = k;
            while (k < len && IS_IFS_SPACE(k))
                k++;
            if (k < len && IS_IFS(k)) { /* one other separator, with the spaces around it */
                k++;
                while (k < len && IS_IFS_SPACE(k))
                    k++;
            }
        }
        char *value = strndup(buf ? buf + start : "", end - start);
        if (!value || var_set(argv[i], value, false) < 0) {
            sh_error("out of memory");
            status = 1;
        }
        free(value);
    }
#undef IS_IFS
#undef IS_IFS_SPACE
    free(buf);
    free(quoted);
    return status;
}

/* The arguments joined by spaces: the text eval and trap run. malloc'd, NULL on ENOMEM. */
static char *joined(int argc, char **argv) {
    size_t size = 1;
    for (int i = 0; i < argc; i++)
        size += strlen(argv[i]) + 1;
    char *text = malloc(size), *to = text;
    for (int i = 0; text && i < argc; i++)
        to += sprintf(to, "%s%s", i ? " " : "", argv[i]);
    if (text)
        *to = '\0';
    return text;
}

/* eval arg...: the arguments, joined by spaces, run as a command in this shell. */
static int builtin_eval(int argc, char **argv) {
    char *text = joined(argc - 1, argv + 1);
    if (!text) {
        sh_error("out of memory");
        return 1;
    }
    int status = run_text(text);
    free(text);
    return status;
}

/* exec [command [arg...]]: the command replaces the shell; alone, the redirections written
 * with it stay the shell's (`exec 3>file`, `exec >log`). */
static int builtin_exec(int argc, char **argv) {
    int first = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    if (first >= argc) {
        keep_redirections = true;
        return 0;
    }
    exec_command(argv + first);
}

/* . file: the file's commands run in this shell (a name without '/' is looked for in PATH). */
static int builtin_dot(int argc, char **argv) {
    char path[PATH_MAX];

    if (argc != 2) {
        sh_error(".: a file is needed (. file)");
        return 2;
    }
    const char *name = argv[1];
    if (!strchr(name, '/')) {
        const char *dirs = var_get("PATH");
        bool found = false;
        for (const char *dir = dirs ? dirs : "/bin"; dir && !found;) {
            const char *colon = strchr(dir, ':');
            size_t len = colon ? (size_t)(colon - dir) : strlen(dir);
            found = (size_t)snprintf(path, sizeof(path), "%.*s/%s", (int)len, len ? dir : ".", name) < sizeof(path) &&
                    access(path, R_OK) == 0;
            dir = colon ? colon + 1 : NULL;
        }
        if (!found) {
            sh_error(".: %s: not found", name);
            return 1;
        }
        name = path;
    }
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        sh_error(".: %s: %s", name, strerror(errno));
        return 1;
    }
    char *text = NULL;
    size_t len = 0, size = 0;
    for (;;) {
        if (len + 512 > size) {
            char *bigger = realloc(text, size = 2 * size + 512);
            if (!bigger) {
                sh_error("out of memory");
                free(text);
                close(fd);
                return 1;
            }
            text = bigger;
        }
        ssize_t n = read(fd, text + len, size - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    text[len] = '\0';
    function_depth++; /* return ends the file */
    int status = run_text(text);
    function_depth--;
    if (returning) {
        returning = false;
        status = return_status;
    }
    free(text);
    return status;
}

/* --- trap ------------------------------------------------------------------------------------- */

/* What each condition does: NULL the default, "" ignored, else the action to run. 0 is EXIT. */
static char *trap_action[NSIG];
static volatile sig_atomic_t trap_pending[NSIG], trap_any_pending;
static struct sigaction trap_before[NSIG]; /* the disposition the shell had before the first trap */
static bool trap_saved[NSIG];

/* A condition: EXIT (0), a signal's name (INT or SIGINT) or number; -1 if none. */
static int signal_number(const char *s) {
    int sig;
    if (strcmp(s, "EXIT") == 0)
        return 0;
    return str2sig(strncmp(s, "SIG", 3) == 0 ? s + 3 : s, &sig) == 0 ? sig : -1;
}

/* A condition's name for trap's listing: EXIT or the signal's ("INT"). */
static const char *signal_label(int sig) {
    static char name[SIG2STR_MAX];
    return sig == 0 ? "EXIT" : sig2str(sig, name) == 0 ? name : NULL;
}

/* The handler notes the signal; its action runs between commands (traps_run_pending). */
static void on_trapped(int sig) {
    trap_pending[sig] = 1;
    trap_any_pending = 1;
}

static int set_trap(int sig, const char *action) {
    char *copy = action ? strdup(action) : NULL;
    if (action && !copy) {
        sh_error("out of memory");
        return 1;
    }
    if (sig != 0) {
        if (!trap_saved[sig]) {
            sigaction(sig, NULL, &trap_before[sig]);
            trap_saved[sig] = true;
        }
        struct sigaction sa = {.sa_handler = on_trapped, .sa_flags = SA_RESTART};
        if (!action)
            sa = trap_before[sig];
        else if (!*action)
            sa.sa_handler = SIG_IGN;
        if (sigaction(sig, &sa, NULL) < 0) {
            sh_error("trap: %s: %s", signal_label(sig), strerror(errno));
            free(copy);
            return 1;
        }
    }
    free(trap_action[sig]);
    trap_action[sig] = copy;
    return 0;
}

/* The action, quoted to be read back (as `set` quotes values). */
static void print_trap(int sig) {
    printf("trap -- '");
    for (const char *c = trap_action[sig]; *c; c++)
        *c == '\'' ? printf("'\\''") : putchar(*c);
    const char *label = signal_label(sig);
    label ? printf("' %s\n", label) : printf("' %d\n", sig);
}

/* trap: lists; trap action condition...: sets ('' ignores); trap - condition... (or a number
 * first): back to the default. */
static int builtin_trap(int argc, char **argv) {
    int i = 1, status = 0;

    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc) {
        for (int sig = 0; sig < NSIG; sig++)
            if (trap_action[sig])
                print_trap(sig);
        return 0;
    }
    const char *action = argv[i];
    char *end;
    strtol(argv[i], &end, 10);
    if (strcmp(action, "-") == 0)
        action = NULL, i++;
    else if (*action && *end == '\0') /* a condition first: they all go back to the default (POSIX) */
        action = NULL;
    else
        i++;
    if (i == argc) {
        sh_error("trap: a condition is needed (EXIT, INT, TERM...)");
        return 2;
    }
    for (; i < argc; i++) {
        int sig = signal_number(argv[i]);
        if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
            sh_error("trap: %s: %s", argv[i], sig < 0 ? "not a signal" : "cannot be caught");
            status = 1;
            continue;
        }
        status |= set_trap(sig, action);
    }
    return status;
}

void traps_run_pending(void) {
    static bool running;

    if (!trap_any_pending || running)
        return;
    running = true;
    trap_any_pending = 0;
    for (int sig = 1; sig < NSIG; sig++) {
        if (!trap_pending[sig])
            continue;
        trap_pending[sig] = 0;
        if (trap_action[sig] && *trap_action[sig]) {
            int status = last_status;                /* $? is the interrupted command's, in and after the trap */
            char *action = strdup(trap_action[sig]); /* the action may change its own trap */
            if (action)
                run_text(action);
            free(action);
            last_status = status;
        }
    }
    running = false;
}

void traps_reset_in_child(void) {
    for (int sig = 0; sig < NSIG; sig++) {
        if (!trap_action[sig])
            continue;
        if (!*trap_action[sig]) { /* ignored: again, after child_setup's defaults for INT, QUIT... */
            if (sig != 0)
                signal(sig, SIG_IGN);
            continue;
        }
        if (sig != 0)
            signal(sig, SIG_DFL);
        free(trap_action[sig]);
        trap_action[sig] = NULL;
    }
}

int traps_run_exit(int status) {
    char *action = trap_action[0];

    if (!action)
        return status;
    trap_action[0] = NULL; /* once: an exit in the action does not run it again */
    exit_requested = returning = false;
    breaking = 0;
    last_status = status;
    run_text(action);
    free(action);
    fflush(stdout);
    return exit_requested ? exit_status : status;
}

static int builtin_jobs(int argc, char **argv) {
    (void)argc;
    (void)argv;
    jobs_collect();
    for (struct job *j = jobs_first(), *next; j; j = next) {
        next = j->next;
        job_print(j);
        j->reported = true;
        if (job_state(j) == JOB_DONE)
            job_free(j);
    }
    return 0;
}

/* fg and bg: the job named (or the current one) continues in the foreground or background. */
static int continue_job(int argc, char **argv, bool foreground) {
    if (!job_control) {
        sh_error("%s: no job control in this shell", argv[0]);
        return 1;
    }
    if (argc > 2) {
        sh_error("%s: too many arguments", argv[0]);
        return 2;
    }
    jobs_collect();
    struct job *j = argc > 1 ? job_find(argv[1], argv[0]) : job_current();
    if (!j) {
        if (argc == 1)
            sh_error("%s: no current job", argv[0]);
        return 1;
    }
    if (job_state(j) == JOB_DONE) {
        sh_error("%s: job %d has ended", argv[0], j->id);
        return 1;
    }
    return job_continue(j, foreground);
}

static int builtin_fg(int argc, char **argv) {
    return continue_job(argc, argv, true);
}

static int builtin_bg(int argc, char **argv) {
    return continue_job(argc, argv, false);
}

/* wait: every background job (status 0), or those named (the last one's status). */
static int builtin_wait(int argc, char **argv) {
    int status = 0;

    if (argc == 1) {
        for (struct job *j = jobs_first(), *next; j && !interrupted; j = next) {
            next = j->next;
            if (job_state(j) != JOB_STOPPED && job_wait(j) == 128 + SIGINT && interrupted)
                return 128 + SIGINT;
        }
        return interrupted ? 128 + SIGINT : 0;
    }
    for (int i = 1; i < argc; i++) {
        struct job *j = job_find(argv[i], "wait");
        status = j ? job_wait(j) : 127;
    }
    return status;
}

/* break [n] and continue [n]: leave n loops (all there are, if fewer), or go on with the next
 * round of the n-th; the loops do it as the status unwinds (exec.c, loop_goes_on). */
static int leave_loops(int argc, char **argv, bool go_on) {
    long n = 1;

    if (argc > 2) {
        sh_error("%s: too many arguments", argv[0]);
        return 2;
    }
    if (argc == 2) {
        char *end;
        n = strtol(argv[1], &end, 10);
        if (*argv[1] == '\0' || *end != '\0' || n < 1) {
            sh_error("%s: %s: a positive number is needed", argv[0], argv[1]);
            return 2;
        }
    }
    if (loop_depth == 0) {
        sh_error("%s: only meaningful in a loop", argv[0]);
        return 1;
    }
    breaking = n < loop_depth ? (int)n : loop_depth;
    continuing = go_on;
    return 0;
}

static int builtin_break(int argc, char **argv) {
    return leave_loops(argc, argv, false);
}

static int builtin_continue(int argc, char **argv) {
    return leave_loops(argc, argv, true);
}

/* true, false and `:` as builtins: a loop's `while true` forks nothing. */
static int builtin_true(int argc, char **argv) {
    (void)argc, (void)argv;
    return 0;
}

static int builtin_false(int argc, char **argv) {
    (void)argc, (void)argv;
    return 1;
}

static int builtin_help(int argc, char **argv);
static bool is_builtin(const char *name);

/* The words the parser gives a meaning where a command's name would be. */
static bool is_keyword(const char *name) {
    static const char *const words[] = {"!",    "{",  "}",   "case", "do", "done", "elif",  "else",
                                        "esac", "fi", "for", "if",   "in", "then", "until", "while"};
    for (unsigned i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strcmp(words[i], name) == 0)
            return true;
    }
    return false;
}

/* type and command -v/-V: what each name would run as. `verbose`: type's sentences; else the path
 * of a program, the name of a builtin or keyword. 1 if some name is nothing. */
static int describe(char **names, bool verbose, const char *who) {
    char path[PATH_MAX];
    int status = 0;

    for (; *names; names++) {
        const char *name = *names;
        if (is_keyword(name))
            printf(verbose ? "%s is a shell keyword\n" : "%s\n", name);
        else if (function_exists(name) && !builtin_is_special(name))
            printf(verbose ? "%s is a shell function\n" : "%s\n", name);
        else if (is_builtin(name))
            printf(verbose ? "%s is a shell builtin\n" : "%s\n", name);
        else if (find_program(name, path, sizeof(path)))
            verbose ? printf("%s is %s\n", name, path) : printf("%s\n", path);
        else {
            if (verbose)
                sh_error("%s: %s: not found", who, name);
            status = 1;
        }
    }
    return status;
}

/* type name...: POSIX's; says what each name is. */
static int builtin_type(int argc, char **argv) {
    (void)argc;
    return describe(argv + 1, true, "type");
}

/* command -v|-V name...: the same, in the forms scripts read (POSIX). Running a name past a
 * function is command's other use: `command name args` runs the builtin or program, never a
 * function, so `echo() { command echo ...; }` wraps echo. */
static int builtin_command(int argc, char **argv) {
    if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "-V") == 0))
        return describe(argv + 2, argv[1][1] == 'V', "command");
    if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--") != 0) {
        sh_error("command: %s: unknown option (only -v and -V)", argv[1]);
        return 2;
    }
    int first = argc > 1 && strcmp(argv[1], "--") == 0 ? 2 : 1;
    if (first >= argc)
        return 0;
    builtin_fn fn = builtin_find(argv[first]);
    if (fn)
        return fn(argc - first, argv + first);
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("command: %s", strerror(errno));
        return 2;
    }
    if (pid == 0) {
        char path[PATH_MAX];
        if (!find_program(argv[first], path, sizeof(path))) {
            sh_error("%s: not found", argv[first]);
            _exit(127);
        }
        execv(path, argv + first);
        sh_error("%s: %s", argv[first], strerror(errno));
        _exit(126);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status_value(status);
}

/* umask [-S] [mask]: the file mode creation mask (the bits a new file or directory does not get),
 * printed in octal ("0022") or, with -S, as the permissions it leaves ("u=rwx,g=rx,o=rx"); set
 * from an octal mask. (POSIX also takes a symbolic mask to set; not here.) */
static int builtin_umask(int argc, char **argv) {
    bool symbolic = argc > 1 && strcmp(argv[1], "-S") == 0;
    int first = symbolic ? 2 : 1;

    if (argc > first + 1) {
        sh_error("umask: too many arguments");
        return 2;
    }
    if (argc == first + 1) {
        unsigned v = 0;
        const char *p = argv[first];
        for (; *p >= '0' && *p <= '7' && v <= 0777; p++)
            v = v * 8 + (unsigned)(*p - '0');
        if (!*argv[first] || *p || v > 0777) {
            sh_error("umask: %s: not an octal mask", argv[first]);
            return 2;
        }
        umask((mode_t)v);
        return 0;
    }
    mode_t mask = umask(0);
    umask(mask);
    if (!symbolic) {
        printf("%04o\n", (unsigned)mask);
        return 0;
    }
    static const char classes[] = "ugo";
    for (int c = 0; c < 3; c++) {
        unsigned allowed = ~mask >> (6 - 3 * c) & 7;
        printf("%s%c=%s%s%s", c ? "," : "", classes[c], allowed & 4 ? "r" : "", allowed & 2 ? "w" : "",
               allowed & 1 ? "x" : "");
    }
    printf("\n");
    return 0;
}

/* history: the lines typed at the prompt, numbered from the oldest the editor keeps. */
static int builtin_history(int argc, char **argv) {
    const char *const *lines;
    int n = edit_history(&lines);

    (void)argc, (void)argv;
    for (int i = 0; i < n; i++)
        printf("%5d  %s\n", i + 1, lines[i]);
    return 0;
}

/* Every builtin, with the line `help` prints for it. */
static const struct {
    const char *name;
    builtin_fn fn;
    const char *usage;
    const char *what;
} builtins[] = {
    {":", builtin_true, ":", "does nothing, successfully"},
    {"[", builtin_test, "[ expr ]", "test: evaluates expr"},
    {"test", builtin_test, "test expr", "evaluates expr (-f file, -d dir, s1 = s2, n1 -lt n2, ...)"},
    {"break", builtin_break, "break [n]", "leaves n loops"},
    {"continue", builtin_continue, "continue [n]", "goes on with the next round of the n-th loop"},
    {"false", builtin_false, "false", "fails (status 1)"},
    {"true", builtin_true, "true", "succeeds (status 0)"},
    {"bg", builtin_bg, "bg [%job]", "runs a stopped job in the background"},
    {"cd", builtin_cd, "cd [dir | -]", "changes the working directory (HOME, or the last one)"},
    {"echo", builtin_echo, "echo [-n] [word...]", "prints the words"},
    {"exit", builtin_exit, "exit [n]", "leaves the shell with status n"},
    {"export", builtin_export, "export [name[=value]...]", "gives variables to the programs run"},
    {"fg", builtin_fg, "fg [%job]", "brings a job to the foreground"},
    {"command", builtin_command, "command [-v | -V] name...", "what a name runs as (-v, -V), or runs it"},
    {"help", builtin_help, "help", "this list"},
    {".", builtin_dot, ". file", "runs the file's commands in this shell"},
    {"eval", builtin_eval, "eval [arg...]", "runs the arguments as a command"},
    {"exec", builtin_exec, "exec [command [arg...]]", "replaces the shell, or keeps its redirections"},
    {"local", builtin_local, "local name[=value]...", "a function's own variables"},
    {"read", builtin_read, "read [-r] name...", "reads a line into variables (split at IFS)"},
    {"return", builtin_return, "return [n]", "leaves a function with status n"},
    {"set", builtin_set, "set [-eux] [-- arg...]", "options (errexit, nounset, xtrace), $1..."},
    {"shift", builtin_shift, "shift [n]", "drops the first n arguments"},
    {"trap", builtin_trap, "trap [action cond...]", "runs action on a signal or EXIT ('' ignores)"},
    {"history", builtin_history, "history", "the lines typed before"},
    {"jobs", builtin_jobs, "jobs", "lists the jobs"},
    {"pwd", builtin_pwd, "pwd", "prints the working directory"},
    {"type", builtin_type, "type name...", "says what each name is: keyword, builtin or program"},
    {"umask", builtin_umask, "umask [-S] [mask]", "the bits new files do not get (octal)"},
    {"unset", builtin_unset, "unset [-f] name...", "removes variables (-f: functions)"},
    {"wait", builtin_wait, "wait [%job...]", "waits for jobs to end"},
};

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the programs of `dir` (its entries, sorted, in columns); 1 if it cannot be read. Read
 * each time, so the list is never stale. */
static int print_programs(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        sh_error("help: %s: %s", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t n = 0, room = 0;
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == room) {
            room = room ? 2 * room : 32;
            char **bigger = realloc(names, room * sizeof(*names));
            if (!bigger) {
                status = 1;
                break;
            }
            names = bigger;
        }
        if (!(names[n] = strdup(e->d_name))) {
            status = 1;
            break;
        }
        n++;
    }
    closedir(d);
    if (status)
        sh_error("help: %s: %s", dir, strerror(ENOMEM));
    qsort(names, n, sizeof(*names), compare_names);
    /* Eight names a line, each in 10 columns: 80 wide, as the console is. */
    for (size_t i = 0; i < n; i++) {
        bool last = i % 8 == 7 || i + 1 == n;
        printf("%-*s%s", last ? 0 : 10, names[i], last ? "\n" : "");
        free(names[i]);
    }
    free(names);
    return status;
}

/* help: what a newcomer at the prompt needs: the builtins, the programs, and the way out. */
static int builtin_help(int argc, char **argv) {
    (void)argc, (void)argv;
    printf("lune's shell. Builtins:\n");
    for (unsigned i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
        printf("  %-26s %s\n", builtins[i].usage, builtins[i].what);
    printf("Programs in /bin:\n");
    fflush(stdout);
    int status = print_programs("/bin");
    printf("Also: pipes (a | b), redirections (< > >> 2>&1), jobs (& and Ctrl-Z), $VAR, $(cmd),\n"
           "if/while/for/case, functions (name() { ...; }), and Ctrl-C to stop a program.\n"
           "Typing: Left/Right, Home/End (or Ctrl-A/E), Up/Down for earlier lines, Tab completes a\n"
           "program or file name (twice: the choices), Ctrl-U/K/W cut, Ctrl-L clears the screen.\n"
           "To leave: `exit` or Ctrl-D ends the shell, and init then powers the machine off.\n");
    fflush(stdout);
    return status;
}

bool builtin_is_special(const char *name) {
    static const char *const special[] = {".",      "break", "continue", "eval", "exec",  "exit", "export",
                                          "return", "set",   "shift",    "trap", "unset", ":"};
    for (unsigned i = 0; i < sizeof(special) / sizeof(special[0]); i++)
        if (strcmp(special[i], name) == 0)
            return true;
    return false;
}

static bool is_builtin(const char *name) {
    return builtin_find(name) != NULL;
}

builtin_fn builtin_find(const char *name) {
    for (unsigned i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].fn;
    }
    return NULL;
}

#pragma clang attribute pop
