/*
 * System-call dispatch: entry.S indexes syscall_table with the number in %eax and calls the entry,
 * which decodes the handler's arguments from the frame and calls it. The table, like the handlers'
 * prototypes (internal.h), is made from the list in abi/syscall.h: a call is one line there.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/syscall.h>
#include <arch/interrupt.h>
#include <proc/proc.h>

/* An argument of each kind, from the 32 bits of its register. */
#define SYSCALL_DECODE_INT(reg) ((int)(reg))
#define SYSCALL_DECODE_UINT(reg) ((uint32_t)(reg))
#define SYSCALL_DECODE_PTR(reg) UADDR(reg)

/* The arguments, in the order of the convention: %ebx %ecx %edx %esi %edi %ebp. */
#define SYSCALL_ARGS_0()
#define SYSCALL_ARGS_1(k1, a1) SYSCALL_DECODE_##k1(f->ebx)
#define SYSCALL_ARGS_2(k1, a1, k2, a2) SYSCALL_ARGS_1(k1, a1), SYSCALL_DECODE_##k2(f->ecx)
#define SYSCALL_ARGS_3(k1, a1, k2, a2, k3, a3) SYSCALL_ARGS_2(k1, a1, k2, a2), SYSCALL_DECODE_##k3(f->edx)
#define SYSCALL_ARGS_4(k1, a1, k2, a2, k3, a3, k4, a4)                                                                 \
    SYSCALL_ARGS_3(k1, a1, k2, a2, k3, a3), SYSCALL_DECODE_##k4(f->esi)
#define SYSCALL_ARGS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5)                                                         \
    SYSCALL_ARGS_4(k1, a1, k2, a2, k3, a3, k4, a4), SYSCALL_DECODE_##k5(f->edi)
#define SYSCALL_ARGS_6(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5, k6, a6)                                                 \
    SYSCALL_ARGS_5(k1, a1, k2, a2, k3, a3, k4, a4, k5, a5), SYSCALL_DECODE_##k6(f->ebp)

/* entry.S pushes -1 into the frame's `error` slot: the call is not to be restarted unless its
 * entry below says so. */
_Static_assert(SYSCALL_NO_RESTART == 0xFFFFFFFFu, "entry.S pushes $-1 as the error slot");

/*
 * Whether a call is made again is decided here, on the system-call path, and nowhere else: the
 * frame's `error` slot starts as SYSCALL_NO_RESTART (entry.S pushes it) and only the entry of an
 * interrupted (-EINTR), restartable call (RESTART in the list) puts the call's number there;
 * signal_deliver only acts on that. So sigreturn, which returns whatever %eax the user's frame
 * held (-EINTR included), can never be restarted. nanosleep is not restartable: POSIX has it fail
 * with EINTR and the time left whatever SA_RESTART says (the caller sleeps again with `rem`).
 */
#define SYSCALL_RETURN_RESTART(nr, call)                                                                               \
    long result = call;                                                                                                \
    if (result == -EINTR)                                                                                              \
        f->error = nr;                                                                                                 \
    return result;
#define SYSCALL_RETURN_NORESTART(nr, call) return call;

/*
 * Two handlers of one line live here rather than with the others (sys_proc.c), so that they
 * inline into their entries below: the calls programs make most often for nothing but the
 * answer or the switch (and that the benchmarks time: the round trip of a call, the yield).
 */
long sys_getpid(void) {
    return current->pid;
}

long sys_sched_yield(void) {
    sched_yield();
    return 0;
}

/* One entry per call: the handler's arguments from the frame (a call of none tail-calls it). */
#define SYSCALL_ENTRY(nr, name, restart, nargs, args)                                                                  \
    static long syscall_##name(struct int_frame *f) {                                                                  \
        (void)f;                                                                                                       \
        SYSCALL_RETURN_##restart(nr, sys_##name(SYSCALL_ARGS_##nargs args))                                            \
    }
ABI_SYSCALLS(SYSCALL_ENTRY)

#define SYSCALL_TABLE_ENTRY(nr, name, restart, nargs, args) [nr] = syscall_##name,
#define SYSCALL_COUNT_ONE(nr, name, restart, nargs, args) +1

typedef long (*syscall_fn)(struct int_frame *f);

/* Read by entry.S: `call *syscall_table(, %eax, 4)` once %eax < syscall_table_size. */
const syscall_fn syscall_table[] = {ABI_SYSCALLS(SYSCALL_TABLE_ENTRY)};
const uint32_t syscall_table_size = sizeof(syscall_table) / sizeof(syscall_table[0]);

/* The numbers are dense (0 to the last one, each once): no hole in the table is a NULL to call. */
_Static_assert(sizeof(syscall_table) / sizeof(syscall_table[0]) == 0 ABI_SYSCALLS(SYSCALL_COUNT_ONE),
               "the system-call numbers of abi/syscall.h must be 0, 1, 2, ... with no gap");

/*
 * entry.S's call for a number past the table: -ENOSYS, unless what put it there is
 * ABI_SYSCALL_CANCEL_POINT (abi/syscall.h), the libc's mark of a call made as a cancellation
 * point; the check costs the other calls nothing. While such a call runs, a pending
 * thread_cancel request ends its interruptible sleeps (signal_at_sleep). A call that comes back
 * interrupted (-EINTR, restartable or not) with the request pending fails with ECANCELED, not
 * restarted, and the request is consumed (the libc keeps its own, which it acts on); otherwise a
 * restart keeps the bit, so that the call made again is a cancellation point too. Only -EINTR is
 * turned: a call that moved data returns its count, and the request waits for the next point.
 * sigreturn's result is the user's %eax, never a call's: those two go through as plain calls.
 */
long syscall_out_of_range(struct int_frame *f) {
    uint32_t raw = f->eax, nr = raw & ~ABI_SYSCALL_CANCEL_POINT;

    if (!(raw & ABI_SYSCALL_CANCEL_POINT) || nr >= syscall_table_size)
        return -ENOSYS;
    if (nr == SYS_sigreturn || nr == SYS_sigreturn_info)
        return syscall_table[nr](f);
    current_thread->cancel_point = true;
    long result = syscall_table[nr](f);
    current_thread->cancel_point = false;
    if (result != -EINTR)
        return result;
    if (current_thread->cancel_pending) {
        current_thread->cancel_pending = false;
        f->error = SYSCALL_NO_RESTART;
        return -ECANCELED;
    }
    if (f->error != SYSCALL_NO_RESTART)
        f->error = raw;
    return result;
}
