/*
 * env [-i] [NAME=value...] [command [arg...]]: runs the command with the environment changed
 * (-i: emptied first, then each NAME=value set), or prints the environment, one NAME=value a
 * line. Status 127 if the command is not found, 126 if it cannot run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sets NAME=value in `env` (a malloc'd array of n entries with room for one more and NULL). */
static void set(char **env, int *n, char *assignment) {
    size_t len = (size_t)(strchr(assignment, '=') - assignment) + 1;

    for (int i = 0; i < *n; i++) {
        if (strncmp(env[i], assignment, len) == 0) {
            env[i] = assignment;
            return;
        }
    }
    env[(*n)++] = assignment;
    env[*n] = NULL;
}

int main(int argc, char **argv) {
    int i = 1, n = 0;
    char **env;

    if (i < argc && strcmp(argv[i], "-i") == 0)
        i++;
    else
        while (environ[n])
            n++;
    env = calloc((size_t)(n + argc + 1), sizeof(*env));
    if (!env) {
        fprintf(stderr, "env: %s\n", strerror(errno));
        return 125;
    }
    memcpy(env, environ, (size_t)n * sizeof(*env));
    for (; i < argc && strchr(argv[i], '='); i++)
        set(env, &n, argv[i]);
    if (i == argc) {
        for (char **e = env; *e; e++)
            printf("%s\n", *e);
        return 0;
    }
    environ = env;
    execvp(argv[i], argv + i);
    fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
