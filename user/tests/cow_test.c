/* Copy-on-write isolation of data, bss, heap and stack over three generations. */
#include <stdint.h>

#include "check.h"

static int data_var = 100;
static int bss_var;
static char big_bss[64 * 1024];

static int report(int fd, int value) {
    return write(fd, &value, sizeof(value)) == sizeof(value);
}

/* Each generation checks it sees its parent's values, then writes its own. */
static void generation(int depth, int *heap_var, int fd) {
    volatile int stack_var = 1000 + depth;

    CHECK_EQ(data_var, 100 + depth);
    CHECK_EQ(bss_var, depth);
    CHECK_EQ(*heap_var, 10000 + depth);
    CHECK_EQ(big_bss[depth * 4096], (char)depth);
    if (depth == 3)
        return;
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        /* The child's writes... */
        data_var++;
        bss_var++;
        (*heap_var)++;
        big_bss[(depth + 1) * 4096] = (char)(depth + 1);
        stack_var = -1;
        generation(depth + 1, heap_var, fd);
        report(fd, depth + 1);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(child, &status, 0), child);
    CHECK_EXITED(status, 0);
    /* ...never show in the parent. */
    CHECK_EQ(data_var, 100 + depth);
    CHECK_EQ(bss_var, depth);
    CHECK_EQ(*heap_var, 10000 + depth);
    CHECK_EQ(big_bss[(depth + 1) * 4096], 0);
    CHECK_EQ(stack_var, 1000 + depth);
}

int main(void) {
    int fds[2];
    int *heap_var = malloc(sizeof(int));

    CHECK(heap_var != NULL);
    *heap_var = 10000;
    CHECK_EQ(pipe(fds), 0);
    generation(0, heap_var, fds[1]);
    close(fds[1]);
    int depth, seen = 0;
    while (read(fds[0], &depth, sizeof(depth)) == sizeof(depth))
        seen |= 1 << depth;
    CHECK_EQ(seen, 0xE); /* generations 1, 2 and 3 all finished */

    /* The parent writes after fork while the child reads: each sees its own. */
    data_var = 5;
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 100; i++) {
            CHECK_EQ(data_var, 5);
            sched_yield();
        }
        _exit(0);
    }
    for (int i = 0; i < 100; i++) {
        data_var = i;
        sched_yield();
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    free(heap_var);
    PASS("copy-on-write over three generations");
    return done_testing();
}
