/*
 * The lexer and the parser. The grammar (POSIX sh's, without here-documents):
 *
 *   line      := list                                  (to the end of the input)
 *   list      := { sep } [ and_or { sep { sep } and_or } { sep } ]     sep: ';' '&' newline
 *   and_or    := pipeline { ('&&' | '||') { newline } pipeline }
 *   pipeline  := [ '!' ] command { '|' { newline } command }
 *   command   := simple | compound { redirection }
 *   simple    := { NAME=value | redirection } { word | redirection }   (at least one of them)
 *   compound  := 'if' list 'then' list { 'elif' list 'then' list } [ 'else' list ] 'fi'
 *              | ('while' | 'until') list 'do' list 'done'
 *              | 'for' NAME [ { newline } 'in' { word } ] sep { newline } 'do' list 'done'
 *              | '{' list '}' | '(' list ')'
 *              | 'case' word { newline } 'in' { newline } { case_item } 'esac'
 *   case_item := [ '(' ] word { '|' word } ')' list ( ';;' { newline } | before 'esac' )
 *   funcdef   := NAME '(' ')' { newline } compound
 *   redirection := [ n ] ( '<' | '>' | '>>' | '<&' | '>&' ) word
 *
 * The words if, then, elif, else, fi, while, until, for, do, done, case, esac, { and } are reserved only
 * where a command starts (`echo done` prints "done"); a list inside a compound command ends at
 * the reserved word that follows it, so `{ echo a; }` needs its `;` as in POSIX. When the input
 * ends inside a compound command, the parse is incomplete and the shell reads another line.
 *
 * A word is kept as typed, quotes and `$` included: expand.c gives it its meaning when its
 * command runs. The lexer only needs the quotes to know where a word ends: `'a b'` is one word,
 * and a `|` inside quotes is not a pipe. Everything the tree holds lives in one arena, freed at
 * once by tree_free(); a syntax error or a full memory unwinds the parse with longjmp. Each parse
 * has its own arena, so a line can parse more (eval, `.`, a function's definition) while it runs.
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

void tree_free(struct tree *tree) {
    struct chunk *c = (struct chunk *)tree;
    while (c) {
        struct chunk *next = c->next;
        free(c);
        c = next;
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
    T_DSEMI,   /* ;; */
    T_LPAREN,  /* ( */
    T_RPAREN,  /* ) */
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
    return c == '\0' || is_blank(c) || strchr("|&;<>()\n", c);
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
        } else if (*pos == '"' || *pos == '`' || (*pos == '$' && pos[1] == '(')) {
            /* "...", `...` and $(...), which may hold quotes, parentheses and each other */
            if (!(pos = skip_quoted(pos)))
                incomplete();
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
        tok.kind = pos[1] == ';' ? T_DSEMI : T_SEMI;
        pos += tok.kind == T_DSEMI ? 2 : 1;
        break;
    case '(':
    case ')':
        tok.kind = *pos == '(' ? T_LPAREN : T_RPAREN;
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

static struct item *parse_list(bool nested);

/* Does the current token end a list inside a compound command? */
static bool ends_list(void) {
    static const char *const words[] = {"then", "elif", "else", "fi", "do", "done", "esac", "}"};

    if (tok.kind == T_RPAREN || tok.kind == T_DSEMI)
        return true;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (word_is(words[i]))
            return true;
    return false;
}

/* The reserved word a compound command needs next: past it, or more input, or an error. */
static void expect(const char *word) {
    if (tok.kind == T_END)
        incomplete();
    if (!word_is(word))
        syntax_error();
    next();
}

/* A list a compound command needs: at least one command in it. */
static struct item *required_list(void) {
    struct item *list = parse_list(true);
    if (!list)
        syntax_error();
    return list;
}

static struct redir *parse_redirection(void) {
    struct redir *r = arena_alloc(sizeof(*r));
    r->kind = tok.redir;
    r->fd = tok.fd;
    next();
    if (tok.kind != T_WORD)
        syntax_error();
    r->word = arena_strndup(tok.start, (size_t)(tok.end - tok.start));
    return r;
}

static struct command *new_command(enum command_kind kind) {
    struct command *c = arena_alloc(sizeof(*c));
    c->kind = kind;
    return c;
}

/* At `if` or `elif`: through the `fi` (which an elif shares with its if). */
static struct command *parse_if(void) {
    struct command *c = new_command(CMD_IF);

    next();
    c->cond = required_list();
    expect("then");
    c->then = required_list();
    if (word_is("elif")) {
        c->orelse = parse_if();
        return c;
    }
    if (word_is("else")) {
        next();
        c->orelse = new_command(CMD_GROUP);
        c->orelse->cond = required_list();
    }
    expect("fi");
    return c;
}

/* At `for`: for NAME [in word...] ; do list done */
static struct command *parse_for(void) {
    struct command *c = new_command(CMD_FOR);

    next();
    if (tok.kind == T_END)
        incomplete();
    if (tok.kind != T_WORD || !is_name(tok.start, (size_t)(tok.end - tok.start)))
        syntax_error();
    c->name = arena_strndup(tok.start, (size_t)(tok.end - tok.start));
    next();
    while (tok.kind == T_NEWLINE)
        next();
    if (word_is("in")) {
        struct strings words = {0};
        for (next(); tok.kind == T_WORD; next())
            strings_add(&words, arena_strndup(tok.start, (size_t)(tok.end - tok.start)));
        static char *none[] = {NULL};
        c->words = words.count ? words.items : none;
        if (tok.kind == T_END)
            incomplete();
        if (tok.kind != T_SEMI && tok.kind != T_NEWLINE)
            syntax_error();
        next();
    } else if (tok.kind == T_SEMI) {
        next();
    }
    while (tok.kind == T_NEWLINE)
        next();
    expect("do");
    c->cond = required_list();
    expect("done");
    return c;
}

/* At `case`: case word in [(]pattern[|pattern]...) list ;; ... esac */
static struct command *parse_case(void) {
    struct command *c = new_command(CMD_CASE);
    struct case_item **last = &c->cases;

    next();
    if (tok.kind == T_END)
        incomplete();
    if (tok.kind != T_WORD)
        syntax_error();
    c->name = arena_strndup(tok.start, (size_t)(tok.end - tok.start));
    next();
    while (tok.kind == T_NEWLINE)
        next();
    expect("in");
    for (;;) {
        while (tok.kind == T_NEWLINE)
            next();
        if (tok.kind == T_END)
            incomplete();
        if (word_is("esac"))
            break;
        struct case_item *ci = arena_alloc(sizeof(*ci));
        struct strings patterns = {0};
        if (tok.kind == T_LPAREN)
            next();
        for (;;) {
            if (tok.kind == T_END)
                incomplete();
            if (tok.kind != T_WORD)
                syntax_error();
            strings_add(&patterns, arena_strndup(tok.start, (size_t)(tok.end - tok.start)));
            next();
            if (tok.kind != T_PIPE)
                break;
            next();
        }
        if (tok.kind == T_END)
            incomplete();
        if (tok.kind != T_RPAREN)
            syntax_error();
        next();
        ci->patterns = patterns.items;
        ci->body = parse_list(true); /* may be empty */
        *last = ci;
        last = &ci->next;
        if (tok.kind == T_DSEMI)
            next();
        else if (!word_is("esac"))
            syntax_error(); /* `)` or another list's end: not this case's */
    }
    next();
    return c;
}

static struct command *parse_compound(void) {
    struct command *c;

    if (word_is("case")) {
        c = parse_case();
    } else if (word_is("if")) {
        c = parse_if();
    } else if (word_is("while") || word_is("until")) {
        c = new_command(word_is("while") ? CMD_WHILE : CMD_UNTIL);
        next();
        c->cond = required_list();
        expect("do");
        c->then = required_list();
        expect("done");
    } else if (word_is("for")) {
        c = parse_for();
    } else if (word_is("{")) {
        c = new_command(CMD_GROUP);
        next();
        c->cond = required_list();
        expect("}");
    } else {
        c = new_command(CMD_SUBSHELL);
        next();
        c->cond = required_list();
        if (tok.kind == T_END)
            incomplete();
        if (tok.kind != T_RPAREN)
            syntax_error();
        next();
    }
    /* Redirections after it apply to all of it: `while read x; do ...; done < file`. */
    struct redir **last = &c->redirs;
    while (tok.kind == T_REDIR) {
        *last = parse_redirection();
        last = &(*last)->next;
        next();
    }
    if (tok.kind == T_WORD || tok.kind == T_LPAREN)
        syntax_error(); /* `fi x`: a compound command is not followed by words */
    return c;
}

static bool starts_compound(void) {
    return tok.kind == T_LPAREN || word_is("if") || word_is("while") || word_is("until") || word_is("for") ||
           word_is("case") || word_is("{");
}

static struct command *parse_command(void) {
    if (starts_compound())
        return parse_compound();
    if (ends_list())
        syntax_error(); /* `fi` or `)` where a command should start */

    struct command *c = new_command(CMD_SIMPLE);
    struct strings assigns = {0}, words = {0};
    struct redir **last = &c->redirs;

    for (;; next()) {
        if (tok.kind == T_REDIR) {
            *last = parse_redirection();
            last = &(*last)->next;
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
    if (tok.kind == T_LPAREN) { /* name() compound-command: a function's definition */
        if (words.count != 1 || assigns.count || c->redirs || !is_name(words.items[0], strlen(words.items[0])))
            syntax_error();
        next();
        if (tok.kind == T_END)
            incomplete();
        if (tok.kind != T_RPAREN)
            syntax_error();
        next();
        while (tok.kind == T_NEWLINE)
            next();
        if (tok.kind == T_END)
            incomplete();
        if (!starts_compound())
            syntax_error();
        /* The body is kept as text: the function outlives this line's tree, so its definition
         * parses the text again into a tree of its own (exec.c). */
        const char *start = tok.start;
        parse_compound();
        const char *end = tok.start;
        while (end > start && (is_blank(end[-1]) || end[-1] == '\n'))
            end--;
        c->kind = CMD_FUNCDEF;
        c->name = words.items[0];
        c->text = arena_strndup(start, (size_t)(end - start));
        return c;
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

/*
 * and-or lists separated by ; & or newlines, up to the end of the input or, when `nested` (the
 * list of a compound command), up to the reserved word that ends it, which stays in `tok`.
 */
static struct item *parse_list(bool nested) {
    struct item *first = NULL, **last = &first;

    while (tok.kind == T_NEWLINE)
        next();
    while (tok.kind != T_END && !(nested && ends_list())) {
        struct item *item = arena_alloc(sizeof(*item));
        const char *start = tok.start;
        item->and_or = parse_and_or();
        const char *end = tok.start;
        while (end > start && (is_blank(end[-1]) || end[-1] == '\n'))
            end--;
        item->text = arena_strndup(start, (size_t)(end - start));
        if (!is_separator(tok.kind) && tok.kind != T_END && !(nested && ends_list()))
            syntax_error();
        item->background = tok.kind == T_AMP;
        *last = item;
        last = &item->next;
        if (is_separator(tok.kind))
            next();
        while (tok.kind == T_NEWLINE)
            next();
    }
    if (nested && tok.kind == T_END)
        incomplete();
    return first;
}

enum parse_result parse(const char *text, struct item **out, struct tree **tree) {
    *out = NULL;
    *tree = NULL;
    arena = NULL;
    int result = setjmp(parse_abort);
    if (result != 0) {
        tree_free((struct tree *)arena);
        arena = NULL;
        return (enum parse_result)result;
    }
    pos = text;
    next();
    *out = parse_list(false);
    *tree = (struct tree *)arena;
    arena = NULL;
    return PARSE_OK;
}
