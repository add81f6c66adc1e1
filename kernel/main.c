/*
 * kmain: the first C code, entered from arch/x86/boot.S on the boot stack with paging on and
 * interrupts off. It sets every hook (kernel/wiring.c), brings the subsystems up in dependency
 * order, then either runs the in-kernel tests (`ktest=` on the command line) or starts init
 * (kernel/run.c).
 */
#define LOG_MODULE "kernel"

#include "run.h"
#include "wiring.h"
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/init.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <dev/ata.h>
#include <ktest/ktest.h>
#include <lib/cmdline.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <mm/vm.h>
#include <proc/proc.h>

static void log_boot_info(const struct boot_info *bi) {
    log_info("command line: \"%s\"", bi->cmdline);
    log_info("memory map (%u ranges):", bi->range_count);
    for (unsigned i = 0; i < bi->range_count; i++) {
        const struct boot_mem_range *r = &bi->ranges[i];
        log_info("  [0x%09llx-0x%09llx) %6llu KiB %s", r->base, r->base + r->length, r->length / 1024,
                 r->type == BOOT_RANGE_AVAILABLE ? "available" : "reserved");
    }
    for (unsigned i = 0; i < bi->module_count; i++)
        log_info("module %u: [0x%08x-0x%08x) %s", i, bi->modules[i].start, bi->modules[i].end, bi->modules[i].name);
}

static void configure_logging(const char *cmdline) {
    char level[16];

    if (cmdline_get(cmdline, "loglevel", level, sizeof(level))) {
        int l = log_level_parse(level);
        if (l >= 0)
            log_set_level((enum log_level)l);
    }
}

/* `maxproc=N`: at most N processes at once (fork beyond fails with EAGAIN). */
static void configure_processes(const char *cmdline) {
    char value[16];

    if (cmdline_get(cmdline, "maxproc", value, sizeof(value))) {
        int n = 0;
        for (const char *p = value; *p >= '0' && *p <= '9'; p++)
            n = n * 10 + (*p - '0');
        if (n > 0)
            proc_set_max(n);
    }
    log_info("at most %d processes", proc_get_max());
}

/* The in-kernel tests run in a kernel thread (pid 1), so they may sleep, fork and wait. */
static int run_ktests(void *filter) {
    int failed = ktest_run(filter);

    machine_exit(failed ? MACHINE_EXIT_FAILURE : MACHINE_EXIT_SUCCESS);
}

void kmain(uint32_t magic, uint32_t mbi_phys) {
    kernel_wire();
    arch_init(magic, mbi_phys);
    const struct boot_info *bi = boot_info_get();
    configure_logging(bi->cmdline);

    kprintf("\nlune: a small i386 teaching kernel\n");
    log_boot_info(bi);
    log_info("timer: PIT at %u Hz", TIMER_HZ);
    mm_init(bi);
    proc_init();
    configure_processes(bi->cmdline);
    ata_init();
    cpu_sti();

    static char filter[BOOT_CMDLINE_MAX];
    if (cmdline_get(bi->cmdline, "ktest", filter, sizeof(filter))) {
        int pid = kthread_spawn("ktest", run_ktests, filter);
        ASSERT_MSG(pid > 0, "cannot start the test thread: %d", pid);
        sched_idle_loop();
    }
    run_system(bi);
}
