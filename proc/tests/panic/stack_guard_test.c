/*
 * The debug kernel's stack guards (//proc:debug_checks_ktest): the stack protector's canary between
 * a function's locals and its return address, and the canary at the bottom of every kernel stack,
 * checked whenever a process leaves the CPU.
 */
#include <ktest/ktest.h>
#include <lib/string.h>
#include <proc/proc.h>

static volatile size_t overrun = 8;

/* Writes past the end of a local array, over the stack protector's canary above it. */
__attribute__((noinline)) static int smash_locals(void) {
    char buffer[16];

    memset(buffer, 'A', sizeof(buffer) + overrun);
    return buffer[0];
}

KTEST(stack_guard, local_overrun_is_caught) {
    smash_locals();
}

/* A kernel thread that writes where its stack ends, as a stack about to overflow would. */
static int write_stack_bottom(void *arg) {
    (void)arg;
    ((volatile uint32_t *)current_thread->kstack)[1] = 0;
    return 0;
}

KTEST(stack_guard, kernel_stack_canary_is_checked_on_switch) {
    int pid = kthread_spawn("bottom", write_stack_bottom, NULL);
    proc_waitpid(pid, UADDR_NULL, 0);
}
