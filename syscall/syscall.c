/*
 * System-call dispatch: the handler of vector 0x80 switches on the number in %eax and calls the
 * handler with its arguments decoded from the frame isr.S built. The switch, like the handlers'
 * prototypes (internal.h), is made from the list in abi/syscall.h: a call is one line there.
 */
#include "internal.h"
#include <abi/errno.h>
#include <abi/syscall.h>
#include <arch/interrupt.h>
#include <proc/proc.h>
#include <syscall/syscall.h>

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

/*
 * The calls a handler with SA_RESTART makes run again when they were interrupted (-EINTR): the
 * blocking reads, writes and waits (RESTART in the list). nanosleep is not one of them: POSIX has
 * it fail with EINTR and the time left whatever SA_RESTART says (the caller sleeps again with
 * `rem` if it likes).
 */
#define SYSCALL_RESTARTS_RESTART true
#define SYSCALL_RESTARTS_NORESTART false

#define SYSCALL_CASE(nr, name, restart, nargs, args)                                                                   \
    case nr:                                                                                                           \
        result = sys_##name(SYSCALL_ARGS_##nargs args);                                                                \
        restartable = SYSCALL_RESTARTS_##restart;                                                                      \
        break;

/*
 * Whether a call is made again is decided here, on the system-call return path, and nowhere else:
 * the frame's `error` slot (the stub's dummy error code) gets the number of an interrupted,
 * restartable call, else SYSCALL_NO_RESTART, and signal_deliver only acts on that. So sigreturn,
 * which returns whatever %eax the user's frame held (-EINTR included), can never be restarted.
 */
void syscall_entry(struct int_frame *f) {
    uint32_t nr = f->eax;
    long result;
    bool restartable;

    f->error = SYSCALL_NO_RESTART;
    switch (nr) {
        ABI_SYSCALLS(SYSCALL_CASE)
    default:
        f->eax = (uint32_t)-ENOSYS;
        return;
    }
    f->eax = (uint32_t)result;
    if (restartable && result == -EINTR)
        f->error = nr;
}
