/*
 * The wiring of the kernel: where every event goes.
 *
 * The layers depend one way only, lib <- arch/x86 <- mm <- proc <- dev <- fs <- syscall <- kernel. Where
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
#include <dev/ata.h>
#include <fs/file.h>
#include <fs/tty.h>
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
    /* Kernel output goes to COM1; log lines are stamped with the monotonic clock (lib/log.c). */
    console_set_sink(serial_write);
    log_set_clock(clock_ns);
    /* A broken invariant: panic() prints the above and stops the machine (lib/panic.c). */
    panic_set_ops(&panic_ops);

    /*
     * Device interrupts: arch/x86/pic.c acknowledges each, then runs the handlers added here.
     * The PIT, TIMER_HZ times a second: the clock ticks (arch/x86/timer.c), and each tick wakes
     * the timed sleepers whose time has come and runs the time slice down (proc/sched.c).
     */
    WIRE(irq_add_handler(IRQ_TIMER, timer_interrupt));
    WIRE(timer_add_tick_handler(sched_tick));
    /* ... and sends SIGALRM to the processes whose interval timer is due, SIGVTALRM and SIGPROF to
     * the one whose processor time ran out (proc/itimer.c)... */
    WIRE(timer_add_tick_handler(itimer_tick));
    /* ... and tells of the POSIX timers that are due: a signal, or their SIGEV_THREAD thread
     * (proc/ptimer.c). */
    WIRE(timer_add_tick_handler(ptimer_tick));
    /* COM1 (arch/x86/serial.c): each byte received goes to the console's line discipline, which
     * edits, echoes and turns Ctrl-C, Ctrl-\ and Ctrl-Z into signals (fs/console.c, fs/tty.c). */
    WIRE(irq_add_handler(IRQ_COM1, serial_interrupt));
    serial_set_receiver(console_receive);
    /* The primary IDE channel: each interrupt moves the active request's next sector or ends it,
     * and each tick fails a request the drive has not finished in time (dev/ata.c). */
    WIRE(irq_add_handler(ATA_IRQ, ata_interrupt));
    WIRE(timer_add_tick_handler(ata_tick));

    /*
     * CPU exceptions: arch/x86/exception.c routes them. A page fault goes first to the memory
     * manager; what is left from user mode goes to the process layer; what is left from kernel
     * mode goes to a user copy's fixup (the call fails with EFAULT), else to a panic.
     */
    /* Demand-zero pages and copy-on-write (mm/fault.c). */
    exception_set_page_fault_hook(vm_handle_fault);
    /* From user mode: a signal for the process (proc/signal.c). */
    exception_set_user_hook(signal_from_exception);

    /* System calls, `int $0x80`: the gate goes straight to the system-call layer's entry, which
     * runs the call %eax names (syscall/entry.S, syscall/syscall.c). */
    interrupt_set_syscall_entry(syscall_entry);

    /* The way back to user mode, when isr.S finds user_return_work set: a reschedule if the
     * time slice ran out, then pending signals (proc/user_return.c). */
    interrupt_set_user_return_hook(proc_user_return);

    /* What fs keeps for each process (descriptors, working directory): made for init, copied by
     * fork, released at exit (fs/process.c). */
    proc_set_resource_ops(&fs_proc_resources);
    /* A session's leader exits: its controlling terminal hangs up, SIGHUP to the foreground
     * group, and is free for another session (fs/tty.c). */
    proc_set_session_end_hook(tty_session_ended);

    /* The end of a run: init powers off with the status of the program it ran (a system call),
     * then exits; both reach the power-off report (kernel/run.c). */
    syscall_set_poweroff_hook(run_poweroff);
    proc_set_init_exit_hook(run_init_exited);
}
