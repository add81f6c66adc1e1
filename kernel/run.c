/*
 * Running the system: fill the root file system from the initrd, start init (pid 1) with the
 * program to run, and when init powers off, tear everything down and report in the test protocol:
 * the program's exit status, that no process is left, and that every frame and kmalloc object
 * the user programs took came back.
 *
 * The memory baseline is taken before the root file system exists, and at power-off every file
 * system is unmounted, which frees all it holds: files a program left behind are not a leak
 * (the tree goes as a whole), but anything the tree does not account for is (an open file's
 * vnode still referenced keeps its file system mounted, and its memory counted as lost).
 *
 * Two kinds of run: a test names its program on the command line (`run=/bin/x`), and that
 * program must exit with status 0; without `run=`, the program is the shell a person types at
 * (`bazel run //:qemu`), whose status is the last command's and says nothing about the kernel,
 * so it is reported but not judged. Everything else is judged the same in both.
 */
#define LOG_MODULE "kernel"

#include "run.h"
#include <abi/errno.h>
#include <abi/stat.h>
#include <abi/wait.h>
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <dev/block.h>
#include <fs/devfs.h>
#include <fs/file.h>
#include <fs/mqueue.h>
#include <fs/ramfs.h>
#include <fs/tty.h>
#include <fs/vfs.h>
#include <lib/cmdline.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/panic.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <proc/exec.h>
#include <proc/proc.h>

#define SHUTDOWN_TICKS (5 * TIMER_HZ)

static struct {
    bool powered_off; /* init asked: status is the program's wait status */
    bool interactive; /* no run= on the command line: a person's session, not a test */
    int status;
    int left;                    /* processes still running when init asked to power off */
    char left_names[64];         /* the first few of them, "pid:name ..." */
    size_t free_frames, objects; /* at the baseline, just before the root file system is made */
    int files, pipes;
    int mounted; /* file systems that could not be unmounted at power-off (a vnode still in use) */
    char program[PATH_MAX];
} run;

/*
 * Init asks for power-off as soon as the program it ran has ended, without killing anything: what
 * is still running then (other than init) is what the program left behind, a leak the report
 * names. A process with SIGKILL pending is on its way out, not left.
 */
void run_poweroff(int status) {
    size_t used = 0;

    run.powered_off = true;
    run.status = status;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p == current || p->state == PROC_ZOMBIE || p->kthread_fn || signal_is_pending(p, SIGKILL))
            continue;
        run.left++;
        if (used < sizeof(run.left_names))
            used += format_snprintf(run.left_names + used, sizeof(run.left_names) - used, " %d:%s", p->pid, p->name);
    }
}

/*
 * Init is ending (after run_poweroff, or on its own): everything else is killed at once.
 * run_system() waits for init's end in the idle process, which only runs when nothing else is
 * runnable, so a process left busy would keep the machine from ever powering off.
 */
void run_init_exited(int status) {
    if (!run.powered_off)
        run.status = status;
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p != current && p->state != PROC_ZOMBIE)
            signal_send(p, SIGKILL);
    }
}

static void describe(char *buf, size_t size, int status) {
    if (WIFEXITED(status))
        format_snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        format_snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
    else
        format_snprintf(buf, size, "wait status 0x%x", status);
}

/*
 * Makes the root file system, a ramfs that may take half the free memory for its files, unpacks
 * every boot module into it, and mounts devfs at /dev with the console.
 */
static void fill_root(const struct boot_info *bi) {
    uint64_t limit = (uint64_t)pmm_free_count() * PAGE_SIZE / 2;
    struct mount *root = ramfs_create(limit > UINT32_MAX ? UINT32_MAX : (uint32_t)limit);

    if (!root || vfs_attach(root, NULL))
        panic("cannot make the root file system");
    for (unsigned i = 0; i < bi->module_count; i++) {
        const struct boot_module *m = &bi->modules[i];
        int n = ramfs_unpack_cpio(root, phys_to_virt(m->start), m->end - m->start);
        if (n < 0)
            log_error("module %u (%s): not a valid cpio archive (error %d)", i, m->name, n);
        else
            log_info("module %u (%s): %d entries in the root file system", i, m->name, n);
    }
    int err = vfs_mkdir("/dev", 0755);
    if (!err || err == -EEXIST)
        err = devfs_register("console", 0620, 0x0501, console_open);
    /* The caller's controlling terminal, whichever it is (fs/tty.c). */
    if (!err)
        err = devfs_register("tty", 0666, 0x0500, tty_open_controlling);
    /* The disks the ATA driver found, under Linux's names and numbers (major 3: the primary
     * IDE channel, minor 0 its master, 64 its slave). */
    static const struct {
        const char *name;
        uint32_t rdev;
    } disks[] = {{"hda", 0x0300}, {"hdb", 0x0340}};
    for (unsigned i = 0; !err && i < sizeof(disks) / sizeof(disks[0]); i++) {
        struct block_device *dev = block_find(disks[i].name);
        if (dev)
            err = devfs_register_block(disks[i].name, 0660, disks[i].rdev, dev);
    }
    if (!err)
        err = devfs_mount("/dev");
    if (err)
        log_error("cannot mount devfs at /dev: error %d", err);
}

static int start_init(const char *init_path, const char *program) {
    static struct exec_args args;
    struct exec_image img;
    struct vnode *v;
    int err = vfs_lookup(init_path, &v);

    if (err)
        return err;
    args.argc = 2;
    args.argv[0] = init_path;
    args.argv[1] = program;
    args.envc = 2;
    args.envp[0] = "PATH=/bin";
    args.envp[1] = "HOME=/";
    vfs_exec_image(v, &img);
    err = S_ISREG(v->mode) ? proc_spawn_user(init_path, &img, &args) : -EACCES;
    vnode_put(v);
    return err;
}

/* After init: stop what is left, reap everything, and compare memory with the baseline. */
static __noreturn void shutdown(void) {
    char what[64];

    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->state != PROC_ZOMBIE)
            signal_send(p, SIGKILL);
    }
    for (uint64_t until = timer_ticks() + SHUTDOWN_TICKS; timer_ticks() < until;) {
        bool alive = false;
        for (struct proc *p = proc_first(); p; p = proc_next(p))
            alive |= p->state != PROC_ZOMBIE;
        if (!alive)
            break;
        sched_idle_step();
    }
    for (struct proc *p = proc_first(); p; p = proc_next(p)) {
        if (p->state == PROC_ZOMBIE)
            proc_free(p);
    }
    /* What the file systems keep in memory goes to their disks, then each is unmounted (which
     * flushes it again): a power-off loses nothing (docs/storage.md). */
    if (vfs_sync_all() != 0)
        log_error("sync at power-off: a disk refused a write");
    mqueue_unlink_all(); /* named queues nobody has open: like files, they end with the system */
    run.mounted = vfs_umount_all();
    if (run.mounted)
        log_error("%d file systems are still in use and stay mounted", run.mounted);
    kheap_trim();
    struct kheap_stats heap;
    kheap_stats(&heap);
    size_t free_frames = pmm_free_count();

    describe(what, sizeof(what), run.status);
    bool status_ok = run.powered_off && (run.interactive || (WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0));
    /* Every thread slot is free too: a thread that never ended, or one whose slot was not given
     * back, is a leak of its kernel stack. */
    bool procs_ok = run.left == 0 && proc_count() == 0 && thread_count() == 0 && ptimer_count() == 0;
    bool memory_ok = free_frames == run.free_frames && heap.objects == run.objects && file_count() == run.files &&
                     pipe_count() == run.pipes && run.mounted == 0 && bcache_referenced() == 0;
    kprintf("TAP version 13\n1..3\n");
    kprintf("%sok 1 - run.exit_status # %s %s%s\n", status_ok ? "" : "not ", run.program, what,
            !run.powered_off  ? " (init itself ended)"
            : run.interactive ? " (an interactive session: the last command's status is not judged)"
                              : "");
    kprintf("%sok 2 - run.no_processes_left # %d left running by the program%s, %d not reaped, %d threads left, "
            "%d timers left\n",
            procs_ok ? "" : "not ", run.left, run.left ? run.left_names : "", proc_count(), thread_count(),
            ptimer_count());
    kprintf("%sok 3 - run.no_leaked_memory # free frames %zu -> %zu, kmalloc objects %zu -> %zu, open files %d -> %d, "
            "pipes %d -> %d, file systems left mounted %d, disk buffers held %d\n",
            memory_ok ? "" : "not ", run.free_frames, free_frames, run.objects, heap.objects, run.files, file_count(),
            run.pipes, pipe_count(), run.mounted, bcache_referenced());
    kprintf("# boot to the first user instruction: %llu TSC ticks, %llu us\n", boot_user_tsc, boot_user_ns / 1000);
    kprintf("# the kernel's share of boot, from its entry to init's first instruction: %llu TSC ticks\n",
            boot_user_tsc - boot_entry_tsc);
    machine_exit(status_ok && procs_ok && memory_ok ? MACHINE_EXIT_SUCCESS : MACHINE_EXIT_FAILURE);
}

void run_system(const struct boot_info *bi) {
    char init_path[PATH_MAX] = "/bin/init";

    cmdline_get(bi->cmdline, "init", init_path, sizeof(init_path));
    run.interactive = !cmdline_get(bi->cmdline, "run", run.program, sizeof(run.program));
    if (run.interactive)
        strlcpy(run.program, "/bin/sh", sizeof(run.program));

    kheap_trim();
    struct kheap_stats heap;
    kheap_stats(&heap);
    run.objects = heap.objects;
    run.free_frames = pmm_free_count();
    run.files = file_count();
    run.pipes = pipe_count();
    fill_root(bi);

    int pid = start_init(init_path, run.program);
    if (pid < 0) {
        log_error("cannot start %s: error %d", init_path, pid);
        kprintf("TAP version 13\n1..1\nnot ok 1 - run.start_init # %s: error %d\n", init_path, pid);
        machine_exit(MACHINE_EXIT_FAILURE);
    }
    log_info("started %s (pid %d) to run %s", init_path, pid, run.program);
    for (;;) {
        struct proc *init = proc_find(pid);
        if (!init || init->state == PROC_ZOMBIE)
            break;
        sched_idle_step();
    }
    shutdown();
}
