/* Threads: what thread_create starts, futex operations, the TLS segment (docs/syscalls.md). */
#ifndef ABI_THREAD_H
#define ABI_THREAD_H

#include <stdint.h>

/* A new thread of the calling process (thread_create). */
struct abi_thread_start {
    uint32_t eip;       /* where it starts in user mode; eax = 0 and the other general registers 0 */
    uint32_t esp;       /* its stack pointer */
    uint32_t tls;       /* its thread pointer: the base of its %gs segment (as set_tls sets) */
    uint32_t clear_tid; /* 0, or a user address of a uint32_t the kernel sets to 0 and futex-wakes
                         * (one waiter) when the thread has ended: how a join knows the stack is free */
};

#define ABI_FUTEX_WAIT 0 /* sleep if *uaddr == val, until a wake, the timeout (relative) or a signal */
#define ABI_FUTEX_WAKE 1 /* wake at most val sleepers on uaddr; returns how many were woken */

/* The selector set_tls and thread_create load into the thread's %gs: GDT entry 7, RPL 3. */
#define ABI_TLS_SELECTOR 0x3b

#endif
