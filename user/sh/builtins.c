/*
 * Builtins: what must change the shell itself (cd, exit, export, unset, the job commands, break,
 * continue), plus echo, pwd, true, false, `:` and test/[ (test.c) for speed, and help for the
 * newcomer. Each takes argc/argv like a program's main and returns its status; an error prints
 * "sh: name: why" and returns 1 (2 for a wrong use).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

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

static int builtin_unset(int argc, char **argv) {
    int status = 0;

    for (int i = 1; i < argc; i++) {
        if (!is_name(argv[i], strlen(argv[i]))) {
            sh_error("unset: %s: not a valid name", argv[i]);
            status = 1;
            continue;
        }
        var_unset(argv[i]);
    }
    return status;
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
    static const char *const words[] = {"!",  "{",   "}",  "do", "done", "elif",  "else",
                                        "fi", "for", "if", "in", "then", "until", "while"};
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
 * function is command's other use: there are no functions here, so `command name args` runs it. */
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
    {"history", builtin_history, "history", "the lines typed before"},
    {"jobs", builtin_jobs, "jobs", "lists the jobs"},
    {"pwd", builtin_pwd, "pwd", "prints the working directory"},
    {"type", builtin_type, "type name...", "says what each name is: keyword, builtin or program"},
    {"unset", builtin_unset, "unset name...", "removes variables"},
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
           "if/while/for, and Ctrl-C to stop a program.\n"
           "Typing: Left/Right, Home/End (or Ctrl-A/E), Up/Down for earlier lines, Tab completes a\n"
           "program or file name (twice: the choices), Ctrl-U/K/W cut, Ctrl-L clears the screen.\n"
           "To leave: `exit` or Ctrl-D ends the shell, and init then powers the machine off.\n");
    fflush(stdout);
    return status;
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
