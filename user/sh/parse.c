/*
 * The lexer and the parser. The grammar (a subset of POSIX sh's, without compound commands):
 *
 *   line      := { sep } [ and_or { sep { sep } and_or } { sep } ]     sep: ';' '&' newline
 *   and_or    := pipeline { ('&&' | '||') { newline } pipeline }
 *   pipeline  := [ '!' ] command { '|' { newline } command }
 *   command   := { NAME=value | redirection } { word | redirection }   (at least one of them)
 *   redirection := [ n ] ( '<' | '>' | '>>' | '<&' | '>&' ) word
 *
 * A word is kept as typed, quotes and `$` included: expand.c gives it its meaning when its
 * command runs. The lexer only needs the quotes to know where a word ends: `'a b'` is one word,
 * and a `|` inside quotes is not a pipe. Everything the tree holds lives in one arena, freed at
 * once by tree_free(); a syntax error or a full memory unwinds the parse with longjmp.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* --- the arena -------------------------------------------------------------------------------- */

struct chunk {
    struct chunk *next;
    long long align; /* what follows is aligned for any member of the tree */
};

static struct chunk *arena;
static jmp_buf parse_abort;

static void *arena_alloc(size_t size) {
    struct chunk *c = malloc(sizeof(*c) + size);
    if (!c) {
        sh_error("out of memory");
        longjmp(parse_abort, PARSE_ERROR);
    }
    c->next = arena;
    arena = c;
    memset(c + 1, 0, size);
    return c + 1;
}

void tree_free(void) {
    while (arena) {
        struct chunk *next = arena->next;
        free(arena);
        arena = next;
    }
}

static char *arena_strndup(const char *s, size_t len) {
    char *copy = arena_alloc(len + 1);
    memcpy(copy, s, len);
    return copy;
}

/* A growing NULL-terminated array of strings, in the arena. */
struct strings {
    char **items;
    int count, capacity;
};

static void strings_add(struct strings *v, char *s) {
    if (v->count + 1 >= v->capacity) {
        int capacity = v->capacity ? 2 * v->capacity : 8;
        char **items = arena_alloc((size_t)capacity * sizeof(*items));
        if (v->count)
            memcpy(items, v->items, (size_t)v->count * sizeof(*items));
        v->items = items;
        v->capacity = capacity;
    }
    v->items[v->count++] = s;
    v->items[v->count] = NULL;
}

/* --- the lexer -------------------------------------------------------------------------------- */

enum token_kind {
    T_WORD,
    T_REDIR,
    T_PIPE,    /* | */
    T_AND,     /* && */
    T_OR,      /* || */
    T_AMP,     /* & */
    T_SEMI,    /* ; */
    T_NEWLINE, /* \n */
    T_END,
};

struct token {
    enum token_kind kind;
    const char *start, *end; /* where it is in the input */
    enum redir_kind redir;   /* T_REDIR */
    int fd;                  /* T_REDIR: the n of n>, or -1 */
};

static const char *pos;  /* the next character the lexer reads */
static struct token tok; /* the current token */

static bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

static bool ends_word(char c) {
    return c == '\0' || is_blank(c) || strchr("|&;<>\n", c);
}

static __attribute__((noreturn)) void incomplete(void) {
    longjmp(parse_abort, PARSE_INCOMPLETE);
}

/* Moves past one word, as typed: quotes and backslashes decide where it ends. */
static void scan_word(void) {
    while (!ends_word(*pos)) {
        if (*pos == '\\') {
            if (pos[1] == '\0' || (pos[1] == '\n' && pos[2] == '\0'))
                incomplete(); /* a backslash at the end continues the line */
            pos += 2;
        } else if (*pos == '\'') {
            const char *close = strchr(pos + 1, '\'');
            if (!close)
                incomplete();
            pos = close + 1;
        } else if (*pos == '"') {
            for (pos++; *pos != '"'; pos++) {
                if (*pos == '\0')
                    incomplete();
                if (*pos == '\\' && pos[1])
                    pos++;
            }
            pos++;
        } else {
            pos++;
        }
    }
}

/* Reads the next token into `tok`. */
static void next(void) {
    for (;;) {
        while (is_blank(*pos))
            pos++;
        if (*pos == '\\' && pos[1] == '\n') { /* a continued line between words */
            if (pos[2] == '\0')
                incomplete();
            pos += 2;
            continue;
        }
        if (*pos == '#') { /* a comment, to the end of the line */
            while (*pos && *pos != '\n')
                pos++;
        }
        break;
    }
    tok.start = pos;
    tok.fd = -1;
    const char *digits = pos;
    while (*digits >= '0' && *digits <= '9')
        digits++;
    if (digits > pos && digits - pos < 4 && (*digits == '<' || *digits == '>')) {
        tok.fd = atoi(pos); /* n> and n<: the digits belong to the operator */
        pos = digits;
    }
    switch (*pos) {
    case '\0':
        tok.kind = T_END;
        break;
    case '\n':
        tok.kind = T_NEWLINE;
        pos++;
        break;
    case ';':
        tok.kind = T_SEMI;
        pos++;
        break;
    case '|':
        tok.kind = pos[1] == '|' ? T_OR : T_PIPE;
        pos += tok.kind == T_OR ? 2 : 1;
        break;
    case '&':
        tok.kind = pos[1] == '&' ? T_AND : T_AMP;
        pos += tok.kind == T_AND ? 2 : 1;
        break;
    case '<':
    case '>':
        tok.kind = T_REDIR;
        if (pos[1] == '&') {
            tok.redir = REDIR_DUP;
            if (tok.fd < 0)
                tok.fd = *pos == '<' ? 0 : 1;
            pos += 2;
        } else if (pos[0] == '>' && pos[1] == '>') {
            tok.redir = REDIR_APPEND;
            pos += 2;
        } else {
            tok.redir = *pos == '<' ? REDIR_IN : REDIR_OUT;
            pos++;
        }
        if (tok.fd < 0)
            tok.fd = tok.redir == REDIR_IN ? 0 : 1;
        break;
    default:
        tok.kind = T_WORD;
        scan_word();
        break;
    }
    tok.end = pos;
}

/* --- the parser ------------------------------------------------------------------------------- */

static __attribute__((noreturn)) void syntax_error(void) {
    if (tok.kind == T_END || tok.kind == T_NEWLINE)
        sh_error("syntax error: unexpected end of line");
    else
        sh_error("syntax error near '%.*s'", (int)(tok.end - tok.start), tok.start);
    longjmp(parse_abort, PARSE_ERROR);
}

/* After |, && or ||: newlines are skipped, and the end of the input asks for more. */
static void continue_after_operator(void) {
    next();
    while (tok.kind == T_NEWLINE)
        next();
    if (tok.kind == T_END)
        incomplete();
}

static bool word_is(const char *text) {
    size_t len = strlen(text);
    return tok.kind == T_WORD && (size_t)(tok.end - tok.start) == len && memcmp(tok.start, text, len) == 0;
}

static struct command *parse_command(void) {
    struct command *c = arena_alloc(sizeof(*c));
    struct strings assigns = {0}, words = {0};
    struct redir **last = &c->redirs;

    for (;; next()) {
        if (tok.kind == T_REDIR) {
            struct redir *r = arena_alloc(sizeof(*r));
            r->kind = tok.redir;
            r->fd = tok.fd;
            next();
            if (tok.kind != T_WORD)
                syntax_error();
            r->word = arena_strndup(tok.start, (size_t)(tok.end - tok.start));
            *last = r;
            last = &r->next;
        } else if (tok.kind == T_WORD) {
            char *word = arena_strndup(tok.start, (size_t)(tok.end - tok.start));
            if (words.count == 0 && is_assignment(word, NULL))
                strings_add(&assigns, word);
            else
                strings_add(&words, word);
        } else {
            break;
        }
    }
    if (!assigns.count && !words.count && !c->redirs)
        syntax_error();
    static char *none[] = {NULL};
    c->assigns = assigns.count ? assigns.items : none;
    c->words = words.count ? words.items : none;
    return c;
}

static struct pipeline *parse_pipeline(void) {
    struct pipeline *p = arena_alloc(sizeof(*p));
    struct command **last = &p->commands;

    if (word_is("!")) {
        p->negate = true;
        next();
    }
    for (;;) {
        *last = parse_command();
        last = &(*last)->next;
        p->count++;
        if (tok.kind != T_PIPE)
            return p;
        continue_after_operator();
    }
}

static struct pipeline *parse_and_or(void) {
    struct pipeline *first = parse_pipeline(), *p = first;

    while (tok.kind == T_AND || tok.kind == T_OR) {
        p->op = tok.kind == T_AND ? OP_AND : OP_OR;
        continue_after_operator();
        p = p->next = parse_pipeline();
    }
    return first;
}

static bool is_separator(enum token_kind kind) {
    return kind == T_SEMI || kind == T_AMP || kind == T_NEWLINE;
}

enum parse_result parse(const char *text, struct item **out) {
    struct item **last = out;

    *out = NULL;
    tree_free();
    int result = setjmp(parse_abort);
    if (result != 0) {
        tree_free();
        *out = NULL;
        return (enum parse_result)result;
    }
    pos = text;
    next();
    while (tok.kind == T_NEWLINE)
        next();
    while (tok.kind != T_END) {
        struct item *item = arena_alloc(sizeof(*item));
        const char *start = tok.start;
        item->and_or = parse_and_or();
        const char *end = tok.start;
        while (end > start && (is_blank(end[-1]) || end[-1] == '\n'))
            end--;
        item->text = arena_strndup(start, (size_t)(end - start));
        if (!is_separator(tok.kind) && tok.kind != T_END)
            syntax_error();
        item->background = tok.kind == T_AMP;
        *last = item;
        last = &item->next;
        if (tok.kind != T_END)
            next();
        while (tok.kind == T_NEWLINE)
            next();
    }
    return PARSE_OK;
}
