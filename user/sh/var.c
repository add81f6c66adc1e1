/*
 * Shell variables. Each has a value (or none, when exported before being set) and an exported
 * flag; the environment the shell started with gives the first ones, all exported. Programs get
 * the exported ones as their environment (var_environ), plus a command's own NAME=value words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
    char *name;
    char *value; /* NULL: exported but never set */
    bool exported;
    struct var *next;
};

static struct var *vars;

bool is_name(const char *s, size_t len) {
    if (len == 0 || !(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

static struct var *lookup(const char *name) {
    for (struct var *v = vars; v; v = v->next) {
        if (strcmp(v->name, name) == 0)
            return v;
    }
    return NULL;
}

static struct var *create(const char *name) {
    struct var *v = calloc(1, sizeof(*v));
    if (!v || !(v->name = strdup(name))) {
        free(v);
        return NULL;
    }
    struct var **last = &vars; /* at the end: the environment keeps its order */
    while (*last)
        last = &(*last)->next;
    *last = v;
    return v;
}

void var_init(char **envp) {
    for (char **e = envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || !is_name(*e, (size_t)(eq - *e)))
            continue;
        char *name = strndup(*e, (size_t)(eq - *e));
        if (name)
            var_set(name, eq + 1, true);
        free(name);
    }
}

const char *var_get(const char *name) {
    struct var *v = lookup(name);
    return v ? v->value : NULL;
}

int var_set(const char *name, const char *value, bool export) {
    struct var *v = lookup(name);
    char *copy = strdup(value);

    if (!copy || (!v && !(v = create(name)))) {
        free(copy);
        return -1;
    }
    free(v->value);
    v->value = copy;
    v->exported |= export;
    return 0;
}

void var_unset(const char *name) {
    for (struct var **link = &vars; *link; link = &(*link)->next) {
        struct var *v = *link;
        if (strcmp(v->name, name) == 0) {
            *link = v->next;
            free(v->name);
            free(v->value);
            free(v);
            return;
        }
    }
}

int var_export(const char *name) {
    struct var *v = lookup(name);

    if (!v && !(v = create(name)))
        return -1;
    v->exported = true;
    return 0;
}

void var_print_exported(void) {
    for (struct var *v = vars; v; v = v->next) {
        if (v->exported && v->value)
            printf("export %s='%s'\n", v->name, v->value);
    }
}

/* Whether `assigns` sets `name` (so the variable's own value is left out). */
static bool overridden(char **assigns, const char *name) {
    size_t len = strlen(name);

    for (char **a = assigns; a && *a; a++) {
        if (strncmp(*a, name, len) == 0 && (*a)[len] == '=')
            return true;
    }
    return false;
}

char **var_environ(char **assigns) {
    size_t n = 0;
    for (struct var *v = vars; v; v = v->next)
        n++;
    for (char **a = assigns; a && *a; a++)
        n++;
    char **env = calloc(n + 1, sizeof(*env));
    if (!env)
        return NULL;
    size_t i = 0;
    for (struct var *v = vars; v; v = v->next) {
        if (!v->exported || !v->value || overridden(assigns, v->name))
            continue;
        size_t len = strlen(v->name) + 1 + strlen(v->value) + 1;
        if (!(env[i] = malloc(len)))
            goto out_of_memory;
        snprintf(env[i++], len, "%s=%s", v->name, v->value);
    }
    for (char **a = assigns; a && *a; a++) {
        if (!(env[i++] = strdup(*a)))
            goto out_of_memory;
    }
    return env;

out_of_memory:
    fields_free(env);
    return NULL;
}

void var_print_all(void) {
    for (struct var *v = vars; v; v = v->next) {
        if (!v->value)
            continue;
        printf("%s='", v->name);
        for (const char *c = v->value; *c; c++) {
            if (*c == '\'')
                printf("'\\''"); /* ends the quote, a quoted ', and quotes again */
            else
                putchar(*c);
        }
        printf("'\n");
    }
}

/* What `local` saved: the variable as it was before the function made it its own. */
struct saved_var {
    char *name;
    char *value; /* NULL: it was unset */
    bool exported;
    struct saved_var *next;
};

static struct saved_var *saved_vars; /* the innermost call's first */
static struct saved_var *scope;      /* where the running call's own start (below it: callers') */

void *var_scope_begin(void) {
    void *outer = scope;
    scope = saved_vars;
    return outer;
}

void var_scope_end(void *outer) {
    while (saved_vars != scope) {
        struct saved_var *s = saved_vars;
        saved_vars = s->next;
        var_unset(s->name);
        if (s->value) {
            var_set(s->name, s->value, s->exported);
            free(s->value);
        } else if (s->exported) {
            var_export(s->name);
        }
        free(s->name);
        free(s);
    }
    scope = outer;
}

int var_make_local(const char *name) {
    for (struct saved_var *s = saved_vars; s != scope; s = s->next)
        if (strcmp(s->name, name) == 0)
            return 0; /* already this call's */
    struct saved_var *s = calloc(1, sizeof(*s));
    struct var *v = lookup(name);
    if (!s || !(s->name = strdup(name)) || (v && v->value && !(s->value = strdup(v->value)))) {
        if (s)
            free(s->name);
        free(s);
        return -1;
    }
    s->exported = v && v->exported;
    s->next = saved_vars;
    saved_vars = s;
    return 0;
}
