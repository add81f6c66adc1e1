/* setenv, unsetenv, putenv: environ changes, errors, and the environment a child and execv get. */
#include "check.h"

extern char **environ;

static int env_entries(const char *name) {
    size_t len = strlen(name);
    int n = 0;
    for (char **e = environ; *e; e++)
        n += strncmp(*e, name, len) == 0 && (*e)[len] == '=';
    return n;
}

static void setenv_adds_and_replaces(void) {
    CHECK(getenv("LUNE_A") == NULL);
    CHECK_EQ(setenv("LUNE_A", "one", 0), 0);
    CHECK(strcmp(getenv("LUNE_A"), "one") == 0);
    CHECK_EQ(env_entries("LUNE_A"), 1);
    CHECK_EQ(setenv("LUNE_A", "two", 0), 0); /* overwrite 0: left alone */
    CHECK(strcmp(getenv("LUNE_A"), "one") == 0);
    CHECK_EQ(setenv("LUNE_A", "three", 1), 0);
    CHECK(strcmp(getenv("LUNE_A"), "three") == 0);
    CHECK_EQ(env_entries("LUNE_A"), 1);
    CHECK_EQ(setenv("LUNE_EMPTY", "", 1), 0);
    CHECK(strcmp(getenv("LUNE_EMPTY"), "") == 0);
    /* A name that is a prefix of another is its own entry. */
    CHECK_EQ(setenv("LUNE", "short", 1), 0);
    CHECK(strcmp(getenv("LUNE"), "short") == 0);
    CHECK(strcmp(getenv("LUNE_A"), "three") == 0);
    /* The value is copied. */
    char value[] = "copied";
    CHECK_EQ(setenv("LUNE_COPY", value, 1), 0);
    value[0] = 'X';
    CHECK(strcmp(getenv("LUNE_COPY"), "copied") == 0);
    /* Many entries: the array grows. */
    char name[16];
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "LUNE_N%d", i);
        CHECK_EQ(setenv(name, name, 1), 0);
    }
    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof(name), "LUNE_N%d", i);
        CHECK(strcmp(getenv(name), name) == 0);
        CHECK_EQ(unsetenv(name), 0);
        CHECK(getenv(name) == NULL);
    }
    CHECK(getenv("PATH") != NULL || getenv("LUNE_A") != NULL); /* the old entries stay */
    PASS("setenv adds, replaces only with overwrite, copies its arguments");
}

static void unsetenv_removes(void) {
    CHECK_EQ(unsetenv("LUNE_A"), 0);
    CHECK(getenv("LUNE_A") == NULL);
    CHECK_EQ(env_entries("LUNE_A"), 0);
    CHECK(strcmp(getenv("LUNE"), "short") == 0);
    CHECK_EQ(unsetenv("LUNE_NEVER_SET"), 0); /* not there: no error */
    /* Every entry of the name goes, even two a program put there itself. */
    char *mine[] = {"LUNE_D=1", "OTHER=x", "LUNE_D=2", NULL};
    char **saved = environ;
    environ = mine;
    CHECK_EQ(unsetenv("LUNE_D"), 0);
    CHECK(getenv("LUNE_D") == NULL);
    CHECK(strcmp(getenv("OTHER"), "x") == 0);
    CHECK(environ != mine); /* the program's array is left alone */
    CHECK(strcmp(mine[2], "LUNE_D=2") == 0);
    environ = saved;
    CHECK(strcmp(getenv("LUNE"), "short") == 0);
    PASS("unsetenv removes every entry of the name; an absent name is no error");
}

static void putenv_uses_the_string(void) {
    static char entry[] = "LUNE_P=first";
    CHECK_EQ(putenv(entry), 0);
    CHECK(strcmp(getenv("LUNE_P"), "first") == 0);
    entry[7] = 'F'; /* the string itself is in the environment */
    CHECK(strcmp(getenv("LUNE_P"), "First") == 0);
    CHECK_EQ(env_entries("LUNE_P"), 1);
    /* setenv replaces it (the caller's string is not freed), putenv replaces setenv's. */
    CHECK_EQ(setenv("LUNE_P", "second", 1), 0);
    CHECK(strcmp(getenv("LUNE_P"), "second") == 0);
    CHECK(strcmp(entry, "LUNE_P=First") == 0);
    CHECK_EQ(putenv(entry), 0);
    CHECK(getenv("LUNE_P") == entry + 7);
    CHECK_EQ(env_entries("LUNE_P"), 1);
    CHECK_EQ(unsetenv("LUNE_P"), 0);
    CHECK(getenv("LUNE_P") == NULL);
    CHECK(strcmp(entry, "LUNE_P=First") == 0);
    PASS("putenv puts the caller's string itself in the environment");
}

static void bad_names_are_einval(void) {
    char **before = environ;
    CHECK_ERR(setenv("", "x", 1), EINVAL);
    CHECK_ERR(setenv(NULL, "x", 1), EINVAL);
    CHECK_ERR(setenv("A=B", "x", 1), EINVAL);
    CHECK_ERR(unsetenv(""), EINVAL);
    CHECK_ERR(unsetenv(NULL), EINVAL);
    CHECK_ERR(unsetenv("A=B"), EINVAL);
    CHECK(getenv("A") == NULL);
    char no_equals[] = "LUNE_NOEQ";
    char leading[] = "=x";
    CHECK_ERR(putenv(no_equals), EINVAL);
    CHECK_ERR(putenv(leading), EINVAL);
    CHECK_ERR(putenv(NULL), EINVAL);
    CHECK(environ == before);
    PASS("a NULL or empty name, or one with '=', is EINVAL and changes nothing");
}

static void children_inherit(char *self) {
    CHECK_EQ(setenv("LUNE_CHILD", "inherited", 1), 0);
    CHECK_EQ(setenv("LUNE_GONE", "x", 1), 0);
    CHECK_EQ(unsetenv("LUNE_GONE"), 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (!getenv("LUNE_CHILD") || strcmp(getenv("LUNE_CHILD"), "inherited") != 0)
            _exit(2);
        char *args[] = {self, "exec-child", NULL};
        execv(self, args);
        _exit(3);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("fork and execv pass on the changed environment");
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "exec-child") == 0) {
        const char *v = getenv("LUNE_CHILD");
        return v && strcmp(v, "inherited") == 0 && !getenv("LUNE_GONE") ? 0 : 4;
    }
    setenv_adds_and_replaces();
    unsetenv_removes();
    putenv_uses_the_string();
    bad_names_are_einval();
    children_inherit(argv[0]);
    return done_testing();
}
