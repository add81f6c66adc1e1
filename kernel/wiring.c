/*
 * The wiring of the kernel: where every event goes.
 *
 * The layers depend one way only, lib <- arch/x86 <- mm <- proc <- fs <- syscall <- kernel. Where
 * a lower layer must reach up (a page fault that a signal ends, a tick that preempts a process),
 * it calls a hook a higher layer provides, and every such hook is set here, in this one function,
 * and nowhere else: no subsystem registers anything as a side effect of its own start-up. Read
 * it like xv6's trap(): each line is an event, and the function that handles it.
 *
 * kmain calls this before anything else, with interrupts off: setting a hook only stores a
 * pointer (or, for an IRQ, unmasks its line), so none needs its subsystem started, and every one
 * is in place before the first event can come.
 */
#include "wiring.h"
#include "run.h"
#include <arch/interrupt.h>
#include <arch/machine.h>
#include <arch/pic.h>
#include <arch/serial.h>
#include <arch/timer.h>
#include <fs/file.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <mm/vm.h>
#include <proc/proc.h>
#include <syscall/syscall.h>

/* A hook that cannot be set (a full table) is a kernel bug: stop at once, naming it. */
#define WIRE(call)                                                                                                     \
    do {                                                                                                               \
        int err_ = (call);                                                                                             \
        ASSERT_MSG(err_ == 0, "wiring: %s failed: %d", #call, err_);                                                   \
    } while (0)

/* How panic() (lib/panic.c) reports and stops: a symbolized backtrace, from the faulting code when
 * an exception is what panics; then QEMU ends with the failure status. */
static const struct panic_ops panic_ops = {
    .backtrace = exception_backtrace,
    .halt = machine_exit_failure,
};

void kernel_wire(void) {
    /* Kernel output, log time stamps and panics (lib): to COM1, by the TSC clock, and the above. */
    console_set_sink(serial_write);
    log_set_clock(clock_ns);
    panic_set_ops(&panic_ops);

    /*
     * Device interrupts. The PIC's vectors run arch/x86/pic.c's dispatch, which acknowledges the
     * IRQ, then runs the handlers added here.
     */
    WIRE(irq_add_handler(IRQ_TIMER, timer_interrupt)); /* PIT, 100 Hz: the clock ticks (arch/x86/timer.c) */
    WIRE(timer_add_tick_handler(sched_tick));          /* each tick: timed sleepers wake, the time
                                                          slice runs down (proc/sched.c) */
    WIRE(irq_add_handler(IRQ_COM1, serial_interrupt)); /* COM1: each received byte... */
    serial_set_receiver(console_receive);              /* ...goes to the console's line editor (fs/console.c) */

    /*
     * CPU exceptions go to arch/x86/exception.c, which routes them: a page fault first to the
     * memory manager; what is left from user mode to the process layer; what is left from kernel
     * mode to a user copy's fixup (the call fails with EFAULT), else to a panic.
     */
    exception_set_page_fault_hook(vm_handle_fault); /* demand-zero, copy-on-write (mm/fault.c) */
    exception_set_user_hook(signal_from_exception); /* a signal for the process (proc/signal.c) */

    /* System calls: `int $0x80`, dispatched by %eax (syscall/syscall.c). */
    interrupt_set_handler(SYSCALL_VECTOR_NUMBER, syscall_entry);

    /* On the way back to user mode, when there is work (isr.S checks user_return_work): a
     * reschedule when the time slice ran out, then pending signals (proc/sched.c, proc/signal.c). */
    interrupt_set_user_return_hook(proc_user_return);

    /* What fs keeps for each process (descriptors, working directory): created for init, copied
     * by fork, released at exit (fs/process.c). */
    proc_set_resource_ops(&fs_proc_resources);

    /* The end of a run: init powers off with the program's status (a system call), then exits;
     * both reach the power-off report (kernel/run.c). */
    syscall_set_poweroff_hook(run_poweroff);
    proc_set_init_exit_hook(run_init_exited);
}
