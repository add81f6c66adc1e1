/*
 * find [path...] [expression]: walks each path's tree (the working directory's for none), and
 * evaluates the expression for every file, the path first, a directory before its entries
 * (after them with -depth). POSIX's expression, left to right:
 *
 *   -name pattern   the last component matches (fnmatch: * ? [...], a leading . too)
 *   -path pattern   the whole path as printed matches
 *   -type c         b c d f p s (no l: there are no symbolic links here)
 *   -perm [-]mode   the permission bits are the octal mode (-mode: at least those bits)
 *   -links n, -size n[c], -mtime n, -atime n, -ctime n
 *                   n exactly, +n more than, -n less than; -size in 512-byte blocks rounded up
 *                   (or bytes with c); the times in whole days before now
 *   -user name|uid, -group name|gid, -nouser, -nogroup
 *   -newer file     modified after file was
 *   -print          writes the path and a newline (what happens when the expression has no
 *                   -print, -exec or -ok: for every file it is true for)
 *   -prune          true; a directory's entries are not walked
 *   -exec utility [arg...] ;    runs it with {} as the path: true if it exits with status 0
 *   -exec utility [arg...] {} + runs it with as many paths as it gathered at a time; true
 *   -depth, -xdev   entries before their directory; do not leave the starting file system
 *   ( expr ), ! expr, expr [-a] expr, expr -o expr
 *
 * and, as GNU's and BSD's find, -maxdepth n and -mindepth n. The status is 1 when a path could not
 * be walked (or a -exec ... + failed), else 0.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum kind {
    NAME,
    PATHP,
    TYPE,
    PERM,
    LINKS,
    SIZE,
    MTIME,
    ATIME,
    CTIME,
    USER,
    GROUP,
    NOUSER,
    NOGROUP,
    NEWER,
    PRINT,
    PRUNE,
    EXEC,
    EXECPLUS,
    TRUE,
    NOT,
    AND,
    OR
};

struct node {
    enum kind kind;
    struct node *a, *b; /* NOT: a; AND, OR: a and b */
    const char *text;   /* NAME, PATHP: the pattern; TYPE: the letter */
    char cmp;           /* numbers: '+', '-' or '=' */
    long long n;        /* numbers, ids, PERM's mode, NEWER's time */
    bool bytes;         /* SIZE: in bytes (c) */
    bool at_least;      /* PERM: -mode */
    char **argv;        /* EXEC: the utility and its arguments ({} as they are) */
    int argc;
    char **batch; /* EXECPLUS: the paths gathered */
    int batched, batch_room;
};

static char **args;
static int nargs, at;
static bool depth_first, xdev, has_action;
static long maxdepth = -1, mindepth = 0;
static time_t now;
static int status;

static _Noreturn void usage_error(const char *fmt, const char *what) {
    fprintf(stderr, "find: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n");
    exit(1);
}

static struct node *new_node(enum kind kind) {
    struct node *n = calloc(1, sizeof(*n));
    if (!n)
        usage_error("%s", strerror(errno));
    n->kind = kind;
    return n;
}

static const char *operand(const char *primary) {
    if (at >= nargs)
        usage_error("%s: needs an argument", primary);
    return args[at++];
}

/* n, +n or -n into the node. */
static void number_operand(struct node *n, const char *primary, bool size) {
    const char *s = operand(primary);
    char *end;
    n->cmp = *s == '+' || *s == '-' ? *s++ : '=';
    if (*s < '0' || *s > '9')
        usage_error("%s: not a number", s);
    n->n = strtoll(s, &end, 10);
    if (size && *end == 'c') {
        n->bytes = true;
        end++;
    }
    if (*end)
        usage_error("%s: not a number", s);
}

static long long id_operand(const char *primary, bool user) {
    const char *s = operand(primary);
    struct passwd *pw = user ? getpwnam(s) : NULL;
    struct group *gr = user ? NULL : getgrnam(s);
    if (pw)
        return pw->pw_uid;
    if (gr)
        return gr->gr_gid;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s < '0' || *s > '9' || *end)
        usage_error(user ? "%s: no such user" : "%s: no such group", s);
    return v;
}

static struct node *parse_or(void);

static struct node *parse_primary(void) {
    if (at >= nargs)
        usage_error("%s", "an expression ends too soon");
    const char *p = args[at++];
    struct node *n;
    if (strcmp(p, "(") == 0) {
        n = parse_or();
        if (at >= nargs || strcmp(args[at], ")") != 0)
            usage_error("%s", "a ( without its )");
        at++;
        return n;
    }
    if (strcmp(p, "!") == 0) {
        n = new_node(NOT);
        n->a = parse_primary();
        return n;
    }
    static const struct {
        const char *name;
        enum kind kind;
    } simple[] = {{"-print", PRINT}, {"-prune", PRUNE}, {"-nouser", NOUSER}, {"-nogroup", NOGROUP},
                  {"-depth", TRUE},  {"-xdev", TRUE},   {"-maxdepth", TRUE}, {"-mindepth", TRUE}};
    for (unsigned i = 0; i < sizeof(simple) / sizeof(simple[0]); i++) {
        if (strcmp(p, simple[i].name) != 0)
            continue;
        n = new_node(simple[i].kind);
        if (strcmp(p, "-depth") == 0)
            depth_first = true;
        else if (strcmp(p, "-xdev") == 0)
            xdev = true;
        else if (strcmp(p, "-maxdepth") == 0 || strcmp(p, "-mindepth") == 0) {
            struct node tmp;
            number_operand(&tmp, p, false);
            if (tmp.cmp != '=')
                usage_error("%s: a number without a sign", p);
            *(p[2] == 'a' ? &maxdepth : &mindepth) = (long)tmp.n;
        }
        has_action |= n->kind == PRINT;
        return n;
    }
    if (strcmp(p, "-name") == 0 || strcmp(p, "-path") == 0) {
        n = new_node(p[1] == 'n' ? NAME : PATHP);
        n->text = operand(p);
    } else if (strcmp(p, "-type") == 0) {
        n = new_node(TYPE);
        n->text = operand(p);
        if (strlen(n->text) != 1 || !strchr("bcdfpls", n->text[0]))
            usage_error("-type %s: not a type (b c d f p s)", n->text);
    } else if (strcmp(p, "-perm") == 0) {
        n = new_node(PERM);
        const char *m = operand(p);
        n->at_least = *m == '-';
        char *end;
        n->n = strtol(m + n->at_least, &end, 8);
        if (!m[n->at_least] || *end || n->n > 07777)
            usage_error("-perm %s: not an octal mode", m);
    } else if (strcmp(p, "-links") == 0 || strcmp(p, "-size") == 0 || strcmp(p, "-mtime") == 0 ||
               strcmp(p, "-atime") == 0 || strcmp(p, "-ctime") == 0) {
        n = new_node(p[1] == 'l' ? LINKS : p[1] == 's' ? SIZE : p[1] == 'm' ? MTIME : p[1] == 'a' ? ATIME : CTIME);
        number_operand(n, p, n->kind == SIZE);
    } else if (strcmp(p, "-user") == 0 || strcmp(p, "-group") == 0) {
        n = new_node(p[1] == 'u' ? USER : GROUP);
        n->n = id_operand(p, n->kind == USER);
    } else if (strcmp(p, "-newer") == 0) {
        n = new_node(NEWER);
        const char *file = operand(p);
        struct stat st;
        if (stat(file, &st) != 0)
            usage_error("-newer: %s", file);
        n->n = st.st_mtime;
    } else if (strcmp(p, "-exec") == 0) {
        n = new_node(EXEC);
        n->argv = args + at;
        while (at < nargs && strcmp(args[at], ";") != 0 &&
               !(strcmp(args[at], "+") == 0 && at > 0 && strcmp(args[at - 1], "{}") == 0))
            at++;
        if (at >= nargs)
            usage_error("%s", "-exec: no ; or {} + at its end");
        n->argc = (int)(args + at - n->argv);
        if (n->argc == 0)
            usage_error("%s", "-exec: no utility");
        if (strcmp(args[at], "+") == 0) {
            n->kind = EXECPLUS;
            n->argc--; /* the {} */
        }
        at++;
        has_action = true;
    } else {
        usage_error("%s: unknown primary or operator", p);
    }
    return n;
}

static struct node *parse_and(void) {
    struct node *left = parse_primary();
    while (at < nargs && strcmp(args[at], "-o") != 0 && strcmp(args[at], ")") != 0) {
        if (strcmp(args[at], "-a") == 0)
            at++;
        struct node *n = new_node(AND);
        n->a = left;
        n->b = parse_primary();
        left = n;
    }
    return left;
}

static struct node *parse_or(void) {
    struct node *left = parse_and();
    while (at < nargs && strcmp(args[at], "-o") == 0) {
        at++;
        struct node *n = new_node(OR);
        n->a = left;
        n->b = parse_and();
        left = n;
    }
    return left;
}

static bool compare(const struct node *n, long long v) {
    return n->cmp == '+' ? v > n->n : n->cmp == '-' ? v < n->n : v == n->n;
}

/* Runs argv (NULL-terminated); its wait status, or -1 if it could not be started. */
static int run(char **argv) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "find: %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return st;
}

static void flush_batch(struct node *n) {
    if (!n->batched)
        return;
    char **argv = calloc((size_t)(n->argc + n->batched + 1), sizeof(*argv));
    if (!argv)
        usage_error("%s", strerror(errno));
    memcpy(argv, n->argv, (size_t)n->argc * sizeof(*argv));
    memcpy(argv + n->argc, n->batch, (size_t)n->batched * sizeof(*argv));
    int st = run(argv);
    if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        status = 1;
    for (int i = 0; i < n->batched; i++)
        free(n->batch[i]);
    n->batched = 0;
    free(argv);
}

static bool eval(struct node *n, const char *path, const struct stat *st, bool *prune) {
    switch (n->kind) {
    case NAME: {
        const char *base = strrchr(path, '/');
        base = base && base[1] ? base + 1 : path;
        return fnmatch(n->text, base, 0) == 0;
    }
    case PATHP:
        return fnmatch(n->text, path, 0) == 0;
    case TYPE: {
        static const char letters[] = "bcdfps";
        const mode_t types[] = {S_IFBLK, S_IFCHR, S_IFDIR, S_IFREG, S_IFIFO, S_IFSOCK};
        const char *l = strchr(letters, n->text[0]);
        return l && (st->st_mode & S_IFMT) == types[l - letters];
    }
    case PERM:
        return n->at_least ? (st->st_mode & n->n) == n->n : (long long)(st->st_mode & 07777) == n->n;
    case LINKS:
        return compare(n, st->st_nlink);
    case SIZE:
        return compare(n, n->bytes ? (long long)st->st_size : ((long long)st->st_size + 511) / 512);
    case MTIME:
    case ATIME:
    case CTIME: {
        time_t t = n->kind == MTIME ? st->st_mtime : n->kind == ATIME ? st->st_atime : st->st_ctime;
        return compare(n, (long long)(now - t) / 86400);
    }
    case USER:
        return st->st_uid == n->n;
    case GROUP:
        return st->st_gid == n->n;
    case NOUSER:
        return getpwuid(st->st_uid) == NULL;
    case NOGROUP:
        return getgrgid(st->st_gid) == NULL;
    case NEWER:
        return st->st_mtime > n->n;
    case PRINT:
        printf("%s\n", path);
        return true;
    case PRUNE:
        *prune = true;
        return true;
    case TRUE:
        return true;
    case EXEC: {
        char **argv = calloc((size_t)n->argc + 1, sizeof(*argv));
        if (!argv)
            usage_error("%s", strerror(errno));
        for (int i = 0; i < n->argc; i++)
            argv[i] = strcmp(n->argv[i], "{}") == 0 ? (char *)path : n->argv[i];
        int st2 = run(argv);
        free(argv);
        return st2 >= 0 && WIFEXITED(st2) && WEXITSTATUS(st2) == 0;
    }
    case EXECPLUS:
        if (n->batched == n->batch_room) {
            n->batch_room = n->batch_room ? n->batch_room * 2 : 16;
            n->batch = realloc(n->batch, (size_t)n->batch_room * sizeof(*n->batch));
            if (!n->batch)
                usage_error("%s", strerror(errno));
        }
        if (!(n->batch[n->batched++] = strdup(path)))
            usage_error("%s", strerror(errno));
        if (n->batched >= 256)
            flush_batch(n);
        return true;
    case NOT:
        return !eval(n->a, path, st, prune);
    case AND:
        return eval(n->a, path, st, prune) && eval(n->b, path, st, prune);
    case OR:
        return eval(n->a, path, st, prune) || eval(n->b, path, st, prune);
    }
    return false;
}

static void flush_all(struct node *n) {
    if (!n)
        return;
    if (n->kind == EXECPLUS)
        flush_batch(n);
    flush_all(n->a);
    flush_all(n->b);
}

static void walk(struct node *expr, const char *path, int depth, dev_t dev) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
        status = 1;
        return;
    }
    bool prune = false, in_range = depth >= mindepth;
    if (!depth_first && in_range)
        eval(expr, path, &st, &prune);
    if (S_ISDIR(st.st_mode) && !prune && (maxdepth < 0 || depth < maxdepth) &&
        !(xdev && depth > 0 && st.st_dev != dev)) {
        DIR *d = opendir(path);
        if (!d) {
            fprintf(stderr, "find: %s: %s\n", path, strerror(errno));
            status = 1;
        } else {
            struct dirent *e;
            size_t len = strlen(path);
            while ((e = readdir(d))) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                    continue;
                char *child = malloc(len + strlen(e->d_name) + 2);
                if (!child)
                    usage_error("%s", strerror(errno));
                sprintf(child, "%s%s%s", path, len && path[len - 1] == '/' ? "" : "/", e->d_name);
                walk(expr, child, depth + 1, dev);
                free(child);
            }
            closedir(d);
        }
    }
    if (depth_first && in_range)
        eval(expr, path, &st, &prune);
}

int main(int argc, char **argv) {
    int first = 1;
    while (first < argc && argv[first][0] != '-' && strcmp(argv[first], "(") != 0 && strcmp(argv[first], "!") != 0)
        first++;
    args = argv + first;
    nargs = argc - first;
    struct node *expr = nargs ? parse_or() : new_node(TRUE);
    if (at < nargs)
        usage_error("%s: unexpected", args[at]);
    if (!has_action) {
        struct node *and = new_node(AND);
        and->a = expr;
        and->b = new_node(PRINT);
        expr = and;
    }
    now = time(NULL);
    char *dot[] = {".", NULL};
    char **paths = first > 1 ? argv + 1 : dot;
    int npaths = first > 1 ? first - 1 : 1;
    for (int i = 0; i < npaths; i++) {
        struct stat st;
        dev_t dev = stat(paths[i], &st) == 0 ? st.st_dev : 0;
        walk(expr, paths[i], 0, dev);
    }
    flush_all(expr);
    fflush(stdout);
    return status;
}
