/* The smallest tour: output, the heap, a child process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char *greeting = malloc(64);

    snprintf(greeting, 64, "hello from pid %d", getpid());
    printf("%s (%s, %d argument%s)\n", greeting, argv[0], argc - 1, argc == 2 ? "" : "s");
    pid_t child = fork();
    if (child == 0) {
        printf("  and from its child, pid %d\n", getpid());
        exit(7);
    }
    int status;
    waitpid(child, &status, 0);
    printf("child %d exited with %d\n", child, WEXITSTATUS(status));
    free(greeting);
    return 0;
}
