/*
 * Word expansion, done when a command is about to run: parameters ($NAME, ${NAME}, $?, $$, $!,
 * $#, $0..$9, $@, $*), a leading ~ ($HOME), command substitution ($(cmds) and `cmds`: what the
 * commands print, run in a child, without its trailing newlines), arithmetic ($((expr)), see
 * arith.c), then quote removal. Inside '...' nothing is special;
 * inside "..." only `$` and a backslash before $ " \ or a newline; outside quotes a backslash
 * quotes the next character. What an unquoted expansion gives is split into fields at blanks
 * (so `X='a b'; ls $X` gives ls two arguments); quoted text never is. A word that expands to
 * nothing unquoted gives no field at all, while "" gives one empty field. Last, a field with an
 * unquoted * ? or [ is a pattern: the paths that match it (glob), sorted, replace it; if none
 * does, it stays as it is (`ls *.none` tells ls, which says what is wrong).
 */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

struct expansion {
    bool split;    /* unquoted expansions are split into fields */
    char **fields; /* NULL-terminated */
    int count, capacity;
    char *buf;    /* the field being built */
    char *quoted; /* quoted[i]: buf[i] came from quoted text (a * there is only a star) */
    size_t len, size;
    bool started; /* the field being built exists, even if empty (something quoted was in it) */
    bool failed;  /* out of memory */
    bool error;   /* an error already reported (a bad arithmetic expression...) */
};

static void add(struct expansion *e, char c, bool quoted) {
    if (e->len + 1 >= e->size) {
        size_t size = e->size ? 2 * e->size : 64;
        char *buf = realloc(e->buf, size);
        if (buf)
            e->buf = buf;
        char *q = realloc(e->quoted, size);
        if (q)
            e->quoted = q;
        if (!buf || !q) {
            e->failed = true;
            return;
        }
        e->size = size;
    }
    e->quoted[e->len] = quoted;
    e->buf[e->len++] = c;
    e->buf[e->len] = '\0';
    e->started = true;
}

/* A character of the word itself, outside quotes: a * there is a pattern's. */
static void add_char(struct expansion *e, char c) {
    add(e, c, false);
}

static void add_quoted(struct expansion *e, char c) {
    add(e, c, true);
}

static void add_field(struct expansion *e, const char *text, size_t len) {
    if (e->count + 1 >= e->capacity) {
        int capacity = e->capacity ? 2 * e->capacity : 8;
        char **fields = realloc(e->fields, (size_t)capacity * sizeof(*fields));
        if (!fields) {
            e->failed = true;
            return;
        }
        e->fields = fields;
        e->capacity = capacity;
    }
    char *field = strndup(text, len);
    if (!field) {
        e->failed = true;
        return;
    }
    e->fields[e->count++] = field;
    e->fields[e->count] = NULL;
}

/*
 * Pathname expansion of the field just built: true if it was a pattern that matched (the paths
 * are then its fields). The pattern is the field with every quoted special character behind a
 * backslash, the way glob() reads it.
 */
static bool add_paths(struct expansion *e) {
    bool magic = false;
    for (size_t i = 0; i < e->len; i++)
        if (!e->quoted[i] && strchr("*?[", e->buf[i]))
            magic = true;
    if (!magic)
        return false;

    char *pattern = malloc(2 * e->len + 1);
    if (!pattern) {
        e->failed = true;
        return false;
    }
    size_t n = 0;
    for (size_t i = 0; i < e->len; i++) {
        if ((e->quoted[i] || e->buf[i] == '\\') && strchr("*?[]\\", e->buf[i]))
            pattern[n++] = '\\';
        pattern[n++] = e->buf[i];
    }
    pattern[n] = '\0';

    glob_t g;
    int status = glob(pattern, 0, NULL, &g);
    free(pattern);
    if (status == GLOB_NOSPACE)
        e->failed = true;
    if (status == 0)
        for (size_t i = 0; i < g.gl_pathc; i++)
            add_field(e, g.gl_pathv[i], strlen(g.gl_pathv[i]));
    globfree(&g);
    return status == 0;
}

static void end_field(struct expansion *e) {
    if (!e->started)
        return;
    if (!e->split || !add_paths(e))
        add_field(e, e->buf ? e->buf : "", e->len);
    e->len = 0;
    e->started = false;
}

/* Text an expansion gave: split at blanks unless quoted (or splitting is off). */
static void add_text(struct expansion *e, const char *s, bool quoted) {
    if (quoted)
        e->started = true;
    for (; *s; s++) {
        if (!quoted && e->split && isspace((unsigned char)*s))
            end_field(e);
        else
            add(e, *s, quoted);
    }
}

/* The value of a special parameter (? $ ! # 0-9 * @ as one string), NULL for an unknown one. */
static const char *special(char c, char *buf, size_t size) {
    if (c == '?')
        snprintf(buf, size, "%d", last_status);
    else if (c == '$')
        snprintf(buf, size, "%d", (int)shell_pid);
    else if (c == '!')
        snprintf(buf, size, "%d", (int)last_background);
    else if (c == '#')
        snprintf(buf, size, "%d", positional_count);
    else if (c == '-') /* the options set: e, u, x */
        snprintf(buf, size, "%s%s%s", opt_errexit ? "e" : "", opt_nounset ? "u" : "", opt_xtrace ? "x" : "");
    else if (c == '0')
        return arg0;
    else if (c >= '1' && c <= '9')
        return c - '1' < positional_count ? positional[c - '1'] : "";
    else
        return NULL;
    return buf;
}

/* $@ and $*: the arguments as separate fields; quoted "$@" keeps each one whole. */
static void add_arguments(struct expansion *e, bool quoted) {
    for (int i = 0; i < positional_count; i++) {
        if (i > 0) {
            if (quoted && e->split)
                end_field(e);
            else
                add_text(e, " ", false);
        }
        add_text(e, positional[i], quoted);
    }
}

/* --- finding the end of quotes and substitutions ---------------------------------------------- */

static const char *skip_parens(const char *p);

/* At a `"`: past the closing one (substitutions inside may hold quotes of their own). */
static const char *skip_double(const char *p) {
    for (p++; *p != '"';) {
        if (*p == '\0')
            return NULL;
        if (*p == '\\' && p[1])
            p += 2;
        else if (*p == '`' || (*p == '$' && p[1] == '('))
            p = skip_quoted(p);
        else
            p++;
        if (!p)
            return NULL;
    }
    return p + 1;
}

/* At a backquote: past the closing one (a backslash quotes the next character). */
static const char *skip_back(const char *p) {
    for (p++; *p != '`'; p++) {
        if (*p == '\0')
            return NULL;
        if (*p == '\\' && p[1])
            p++;
    }
    return p + 1;
}

/* Whether the word at p (ending before `end`) is `word`. */
static bool word_equals(const char *p, const char *end, const char *word) {
    size_t len = strlen(word);
    return (size_t)(end - p) == len && memcmp(p, word, len) == 0;
}

/*
 * At a `(`: past its `)`, counting the parentheses between, and quotes as units. A case inside
 * has `)`s of its own, after its patterns: `$(case x in x) echo;; esac)`. So the words `case` and
 * `esac` where a command starts are followed too: while a case is open at the current depth, a
 * `)` that would close that depth ends a pattern instead.
 */
static const char *skip_parens(const char *p) {
    int depth = 0, cases = 0;
    int case_depth[16]; /* the depth each open case began at */
    bool command_start = true;

    while (*p) {
        if (*p == '\\' && p[1]) {
            p += 2;
            command_start = false;
        } else if (*p == '\'') {
            const char *close = strchr(p + 1, '\'');
            if (!close)
                return NULL;
            p = close + 1;
            command_start = false;
        } else if (*p == '"' || *p == '`') {
            if (!(p = skip_quoted(p)))
                return NULL;
            command_start = false;
        } else if (*p == '(') {
            depth++;
            p++;
            command_start = true;
        } else if (*p == ')') {
            if (cases > 0 && case_depth[cases - 1] == depth) {
                p++; /* a pattern's end */
                command_start = true;
                continue;
            }
            if (--depth == 0)
                return p + 1;
            p++;
            command_start = false;
        } else if (strchr(";&|\n", *p)) {
            p++;
            command_start = true;
        } else if (*p == ' ' || *p == '\t') {
            p++;
        } else {
            const char *end = p;
            while (*end && !strchr(" \t\n;&|()<>\\'\"`", *end))
                end++;
            if (end == p) { /* < or > */
                p++;
                command_start = false;
                continue;
            }
            if (command_start && word_equals(p, end, "case") && cases < 16)
                case_depth[cases++] = depth;
            else if (command_start && word_equals(p, end, "esac") && cases > 0 && case_depth[cases - 1] == depth)
                cases--;
            /* after these a command (or, after `in`, a pattern or esac) starts */
            static const char *const openers[] = {"then", "do", "else", "elif", "if", "while", "until", "{", "!", "in"};
            bool opener = false;
            for (unsigned i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
                opener |= word_equals(p, end, openers[i]);
            command_start = command_start && opener;
            p = end;
        }
    }
    return NULL;
}

const char *skip_quoted(const char *p) {
    if (*p == '"')
        return skip_double(p);
    if (*p == '`')
        return skip_back(p);
    return skip_parens(p + 1); /* $( */
}

/* --- command substitution and arithmetic -------------------------------------------------------- */

int substitution_status = -1;

/* What `cmds` print, run in a child as a subshell: appended without its trailing newlines. */
static void add_output(struct expansion *e, char *cmds, bool quoted) {
    int fds[2];
    if (pipe(fds) < 0) {
        sh_error("pipe: %s", strerror(errno));
        e->error = true;
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        if (fds[1] != STDOUT_FILENO) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[1]);
        }
        run_subshell_text(cmds);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        sh_error("fork: %s", strerror(errno));
        e->error = true;
        return;
    }
    char *out = NULL;
    size_t len = 0, size = 0;
    for (;;) {
        if (len + 512 > size) {
            char *bigger = realloc(out, size = 2 * size + 512);
            if (!bigger) {
                e->failed = true;
                break;
            }
            out = bigger;
        }
        ssize_t n = read(fds[0], out + len, size - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fds[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    substitution_status = status_value(st);
    last_status = substitution_status;
    while (len > 0 && out[len - 1] == '\n')
        len--;
    if (out && !e->failed) {
        out[len] = '\0';
        add_text(e, out, quoted);
    }
    free(out);
}

/* `cmds`: a backslash before $ ` or \ stands for that character (the rest stay as written). */
static char *backquoted(const char *start, const char *end) {
    char *cmds = malloc((size_t)(end - start) + 1), *to = cmds;
    if (!cmds)
        return NULL;
    for (const char *p = start; p < end; p++) {
        if (*p == '\\' && p + 1 < end && strchr("$`\\", p[1]))
            p++;
        *to++ = *p;
    }
    *to = '\0';
    return cmds;
}

/* At the first `(` of `$((`: the `))` that ends the arithmetic, or NULL if this is a command
 * substitution holding a subshell, `$( (cmds) )`. */
static const char *arithmetic_end(const char *p) {
    int depth = 0;
    for (p += 2; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (*p == ')')
            return p[1] == ')' ? p : NULL;
    }
    return NULL;
}

/* $((expr)): the expression's own $ and quotes expanded first, then evaluated (arith.c). */
static void add_arithmetic(struct expansion *e, const char *start, const char *end, bool quoted) {
    char *text = strndup(start, (size_t)(end - start));
    char *expr = text ? expand_one(text) : NULL;
    long value;
    free(text);
    if (!expr) {
        e->error = true;
        return;
    }
    if (arith_eval(expr, &value)) {
        char buf[24];
        snprintf(buf, sizeof(buf), "%ld", value);
        add_text(e, buf, quoted);
    } else {
        e->error = true;
    }
    free(expr);
}

/* At `$(`: a command substitution or arithmetic; moves *p past it. */
static void expand_substitution(struct expansion *e, const char **p, bool quoted) {
    const char *s = *p; /* at the `(` */
    const char *arith = s[1] == '(' ? arithmetic_end(s) : NULL;

    if (arith) {
        add_arithmetic(e, s + 2, arith, quoted);
        *p = arith + 2;
        return;
    }
    const char *end = skip_parens(s);
    if (!end) { /* the parser saw to it; a word from elsewhere stays as it is */
        add(e, '$', quoted);
        return;
    }
    char *cmds = strndup(s + 1, (size_t)(end - s - 2));
    if (!cmds) {
        e->failed = true;
        return;
    }
    add_output(e, cmds, quoted);
    free(cmds);
    *p = end;
}

/* At a backquote: `cmds`; moves *p past it. */
static void expand_backquote(struct expansion *e, const char **p, bool quoted) {
    const char *end = skip_back(*p);
    if (!end) {
        add(e, '`', quoted);
        (*p)++;
        return;
    }
    char *cmds = backquoted(*p + 1, end - 1);
    if (!cmds) {
        e->failed = true;
        return;
    }
    add_output(e, cmds, quoted);
    free(cmds);
    *p = end;
}

/* set -u: an unset parameter is an error, which ends a shell that is not interactive. */
static void unset_parameter(struct expansion *e, const char *name) {
    sh_error("%s: parameter not set", name);
    e->error = true;
    if (!interactive) {
        exit_requested = true;
        exit_status = 2;
    }
}

/* Expands the parameter at *p (just past the `$`), moving *p past it. */
static void expand_dollar(struct expansion *e, const char **p, bool quoted) {
    const char *s = *p;
    char buf[16], name[64];
    const char *value;

    if (*s == '(') {
        *p = s;
        expand_substitution(e, p, quoted);
        return;
    }
    if (*s == '@' || *s == '*') {
        add_arguments(e, quoted);
        *p = s + 1;
        return;
    }
    if (opt_nounset && *s >= '1' && *s <= '9' && *s - '1' >= positional_count) {
        char digit[2] = {*s, '\0'};
        unset_parameter(e, digit);
        return;
    }
    if ((value = special(*s, buf, sizeof(buf)))) {
        add_text(e, value, quoted);
        *p = s + 1;
        return;
    }
    bool braced = *s == '{';
    const char *start = braced ? s + 1 : s, *end = start;
    while (*end == '_' || isalnum((unsigned char)*end))
        end++;
    if (braced && end == start + 1 && special(*start, buf, sizeof(buf)) && *end == '}') {
        add_text(e, special(*start, buf, sizeof(buf)), quoted); /* ${?} and the like */
        *p = end + 1;
        return;
    }
    if (end == start || (braced && *end != '}') || (size_t)(end - start) >= sizeof(name)) {
        add_char(e, '$'); /* not a parameter: a lone `$` stands for itself */
        return;
    }
    memcpy(name, start, (size_t)(end - start));
    name[end - start] = '\0';
    value = var_get(name);
    if (!value && opt_nounset) {
        unset_parameter(e, name);
        return;
    }
    add_text(e, value ? value : "", quoted);
    *p = braced ? end + 1 : end;
}

static void expand_chars(struct expansion *e, const char *word) {
    const char *p = word;

    if (*p == '~' && (p[1] == '/' || p[1] == '\0')) {
        const char *home = var_get("HOME");
        add_text(e, home ? home : "~", true);
        p++;
    }
    while (*p && !e->failed && !e->error) {
        char c = *p++;
        if (c == '\\') {
            if (*p == '\n')
                p++; /* a continued line */
            else if (*p)
                add_quoted(e, *p++);
        } else if (c == '\'') {
            e->started = true;
            while (*p && *p != '\'')
                add_quoted(e, *p++);
            if (*p)
                p++;
        } else if (c == '"') {
            e->started = true;
            while (*p && *p != '"') {
                c = *p++;
                if (c == '\\' && *p && strchr("$`\"\\\n", *p)) {
                    if (*p != '\n')
                        add_quoted(e, *p);
                    p++;
                } else if (c == '$') {
                    expand_dollar(e, &p, true);
                } else if (c == '`') {
                    p--;
                    expand_backquote(e, &p, true);
                } else {
                    add_quoted(e, c);
                }
            }
            if (*p)
                p++;
        } else if (c == '$') {
            expand_dollar(e, &p, false);
        } else if (c == '`') {
            p--;
            expand_backquote(e, &p, false);
        } else {
            add_char(e, c);
        }
    }
}

static void expand_word(struct expansion *e, const char *word) {
    expand_chars(e, word);
    end_field(e);
}

void fields_free(char **fields) {
    for (char **f = fields; f && *f; f++)
        free(*f);
    free(fields);
}

static char **finish(struct expansion *e) {
    free(e->buf);
    free(e->quoted);
    if (e->failed || e->error) {
        fields_free(e->fields);
        if (e->failed)
            sh_error("out of memory");
        return NULL;
    }
    if (!e->fields)
        e->fields = calloc(1, sizeof(*e->fields));
    return e->fields;
}

char **expand_words(char **words) {
    struct expansion e = {.split = true};

    for (char **w = words; *w && !e.failed && !e.error; w++)
        expand_word(&e, *w);
    return finish(&e);
}

char *expand_one(const char *word) {
    struct expansion e = {.split = false};

    e.started = true; /* one field, even if empty */
    expand_word(&e, word);
    char **fields = finish(&e);
    if (!fields)
        return NULL;
    char *result = fields[0];
    free(fields);
    return result;
}

char *expand_pattern(const char *word) {
    struct expansion e = {.split = false};

    expand_chars(&e, word);
    char *pattern = e.failed || e.error ? NULL : malloc(2 * e.len + 1);
    size_t n = 0;
    for (size_t i = 0; pattern && i < e.len; i++) {
        /* quoted, a special character is itself: behind a backslash, as fnmatch reads it */
        if ((e.quoted[i] || e.buf[i] == '\\') && strchr("*?[]\\", e.buf[i]))
            pattern[n++] = '\\';
        pattern[n++] = e.buf[i];
    }
    if (pattern)
        pattern[n] = '\0';
    else if (!e.error)
        sh_error("out of memory");
    free(e.buf);
    free(e.quoted);
    fields_free(e.fields);
    return pattern;
}

bool is_assignment(const char *word, const char **eq) {
    const char *equals = strchr(word, '=');

    if (!equals || !is_name(word, (size_t)(equals - word)))
        return false;
    if (eq)
        *eq = equals;
    return true;
}
