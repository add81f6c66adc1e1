/* What runs before main and after it. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

char **environ;

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int main(int argc, char **argv, char **envp);

__attribute__((noreturn)) void __libc_start(int argc, char **argv, char **envp) {
    /* The thread pointer first: errno and every __thread variable live behind it. The main
     * thread's block is in this frame, which lives as long as the process, on stack pages the
     * kernel has already made (a block in .bss would cost a page fault in every program). */
    size_t len = __main_thread_area_size();
    char area[len];
    if (__init_main_thread(area, len) != 0)
        _exit(127);
    environ = envp;
    exit(main(argc, argv, envp));
}

int atexit(void (*fn)(void)) {
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_fns[atexit_count++] = fn;
    return 0;
}

void exit(int status) {
    while (atexit_count > 0)
        atexit_fns[--atexit_count]();
    __stdio_flush_all();
    _exit(status);
}

void _Exit(int status) {
    _exit(status);
}

long __result_error(long r) {
    errno = (int)-r;
    return -1;
}
