/*
 * sh: the shell. Three ways to run it:
 *
 *   sh                  reads commands from standard input; on a terminal it is interactive:
 *                       a prompt, job control, Ctrl-C that drops the line being typed;
 *   sh -c 'cmds' [name [args...]]   runs cmds ($0 is name, $1... the args);
 *   sh script [args...]             runs the script's lines ($0 is script).
 *
 * It reads a line, and while what it has is incomplete (an open quote, a trailing |, && or ||,
 * a trailing backslash) it asks for more with "> ". Then it parses (parse.c) and runs (exec.c).
 * The status of the shell is that of its last command, or exit's argument. A syntax error
 * sets $? to 2; outside an interactive shell it also ends the shell. sh.h has the map of files.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

pid_t shell_pid;
char *arg0 = "sh";
char **positional;
int positional_count;
bool positional_owned;
bool interactive;
volatile int interrupted;

int positional_set(char **args, int count) {
    char **copy = calloc((size_t)count + 1, sizeof(*copy));
    for (int i = 0; copy && i < count; i++) {
        if (!(copy[i] = strdup(args[i]))) {
            fields_free(copy);
            copy = NULL;
        }
    }
    if (!copy)
        return -1;
    if (positional_owned)
        fields_free(positional);
    positional = copy;
    positional_count = count;
    positional_owned = true;
    return 0;
}

static const char *script_name; /* for messages: "sh: script: line 3: ..." */
static int line_number;

void sh_error(const char *fmt, ...) {
    va_list ap;

    fflush(stdout);
    if (script_name)
        fprintf(stderr, "sh: %s: line %d: ", script_name, line_number);
    else
        fprintf(stderr, "sh: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
}

/* --- reading lines ---------------------------------------------------------------------------- */

struct reader {
    int fd;
    bool byte_at_a_time; /* standard input but a terminal: what follows the line is the commands' */
    bool edit;           /* a terminal: lines are typed through the line editor (edit.c) */
    char buf[512];
    size_t pos, len;
};

/* A growing string. */
struct text {
    char *s;
    size_t len, size;
};

static bool text_add(struct text *t, char c) {
    if (t->len + 1 >= t->size) {
        size_t size = t->size ? 2 * t->size : 256;
        char *s = realloc(t->s, size);
        if (!s)
            return false;
        t->s = s;
        t->size = size;
    }
    t->s[t->len++] = c;
    t->s[t->len] = '\0';
    return true;
}

enum read_result { READ_LINE, READ_END, READ_INTERRUPTED };

/*
 * Appends the next line (with its newline, if it has one) to `t`. Standard input is read a byte
 * at a time: in `sh < script`, a command that reads its standard input must find the script's
 * lines after its own, not lose them in the shell's buffer (POSIX). A terminal is the exception:
 * its read returns one line at most, and returns it whole, so a Ctrl-C, which discards what has
 * not been read, either comes before the line (the read fails with EINTR) or after it (the line
 * is not run), never in its middle, leaving the shell waiting for the rest of a line that is gone.
 */
static enum read_result read_line(struct reader *r, struct text *t, const char *ps) {
    size_t start = t->len;

    if (r->edit) {
        if (interrupted) /* Ctrl-C while the shell was not reading */
            return READ_INTERRUPTED;
        fflush(stdout);
        const char *line = edit_line(r->fd, STDOUT_FILENO, ps);
        if (!line)
            return interrupted ? READ_INTERRUPTED : READ_END;
        for (; *line; line++) {
            if (!text_add(t, *line)) {
                sh_error("out of memory");
                return READ_END;
            }
        }
        return READ_LINE;
    }
    if (interactive) {
        printf("%s", ps);
        fflush(stdout);
    }
    for (;;) {
        if (r->pos == r->len) {
            if (interrupted) /* Ctrl-C while the shell was not in read */
                return READ_INTERRUPTED;
            ssize_t n = read(r->fd, r->buf, r->byte_at_a_time ? 1 : sizeof(r->buf));
            if (n < 0 && errno == EINTR) {
                if (interrupted)
                    return READ_INTERRUPTED;
                continue;
            }
            if (n <= 0)
                return t->len > start ? READ_LINE : READ_END;
            r->pos = 0;
            r->len = (size_t)n;
        }
        char c = r->buf[r->pos++];
        if (!text_add(t, c)) {
            sh_error("out of memory");
            return READ_END;
        }
        if (c == '\n')
            return READ_LINE;
    }
}

/* The prompt: the working directory and "$ ", or "> " while a command is incomplete. */
static const char *prompt(bool more) {
    static char text[300];
    char cwd[256];

    if (more)
        return "> ";
    snprintf(text, sizeof(text), "%s $ ", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
    return text;
}

/* Reads and runs commands until the input ends or `exit`. */
static void run_input(struct reader *r) {
    struct text t = {0};

    for (;;) {
        if (interactive)
            jobs_notify();
        interrupted = 0;
        t.len = 0;
        enum parse_result parsed = PARSE_INCOMPLETE;
        struct item *items = NULL;
        struct tree *tree = NULL;
        enum read_result got = READ_LINE;
        while (parsed == PARSE_INCOMPLETE) {
            got = read_line(r, &t, prompt(t.len > 0));
            if (got != READ_LINE)
                break;
            line_number++;
            parsed = parse(t.s, &items, &tree);
        }
        if (got == READ_INTERRUPTED) { /* Ctrl-C: the line is dropped; $? says so, as in bash */
            printf("\n");
            last_status = 128 + SIGINT;
            continue;
        }
        if (got == READ_END) {
            if (t.len) {
                sh_error("syntax error: unexpected end of input");
                last_status = 2;
            }
            if (interactive)
                printf("\n");
            break;
        }
        if (parsed == PARSE_ERROR) {
            last_status = 2;
            if (!interactive)
                break;
            continue;
        }
        run_items(items);
        tree_free(tree);
        if (exit_requested)
            break;
    }
    free(t.s);
}

static int run_string(const char *cmds) {
    int status = run_text(cmds);
    return exit_requested ? exit_status : status;
}

int main(int argc, char **argv) {
    shell_pid = getpid();
    var_init(environ);
    if (!var_get("PATH"))
        var_set("PATH", "/bin", true);
    /* POSIX: the shell sets PWD to the working directory (and exports it, as bash and dash). No
     * symbolic links here: getcwd's name is the only one a directory has. */
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)))
        var_set("PWD", cwd, true);
    if (argc > 1 && strcmp(argv[1], "-c") == 0) {
        if (argc < 3) {
            sh_error("-c: a command is needed");
            return 2;
        }
        arg0 = argc > 3 ? argv[3] : argv[0];
        positional = argv + 4;
        positional_count = argc > 4 ? argc - 4 : 0;
        jobs_init(false);
        return traps_run_exit(run_string(argv[2]));
    }
    struct reader *r = calloc(1, sizeof(*r));
    if (!r) {
        sh_error("out of memory");
        return 2;
    }
    if (argc > 1) {
        arg0 = argv[1];
        positional = argv + 2;
        positional_count = argc - 2;
        r->fd = open(argv[1], O_RDONLY | O_CLOEXEC);
        if (r->fd < 0) {
            sh_error("%s: %s", argv[1], strerror(errno));
            return errno == ENOENT ? 127 : 126;
        }
        script_name = argv[1];
    } else {
        arg0 = argv[0];
        r->fd = STDIN_FILENO;
        interactive = isatty(STDIN_FILENO);
        r->byte_at_a_time = !interactive;
        r->edit = interactive && edit_possible(STDIN_FILENO);
    }
    jobs_init(interactive);
    run_input(r);
    if (interactive)
        jobs_hang_up();
    free(r);
    return traps_run_exit(exit_requested ? exit_status : last_status);
}
