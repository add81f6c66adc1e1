/* ELF32 loading for exec (see proc/exec.h). */
#include "internal.h"
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <proc/exec.h>

#define EI_NIDENT 16
#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define MAX_PHDRS 16

struct elf32_ehdr {
    uint8_t ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
_Static_assert(sizeof(struct elf32_ehdr) == 52, "ELF32 header");

struct elf32_phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
_Static_assert(sizeof(struct elf32_phdr) == 32, "ELF32 program header");

static bool header_ok(const struct elf32_ehdr *h, size_t size) {
    static const uint8_t magic[] = {0x7F, 'E', 'L', 'F', 1 /* 32-bit */, 1 /* little endian */, 1 /* version */};

    return memcmp(h->ident, magic, sizeof(magic)) == 0 && h->type == ET_EXEC && h->machine == EM_386 &&
           h->phentsize == sizeof(struct elf32_phdr) && h->phnum > 0 && h->phnum <= MAX_PHDRS && h->phoff <= size &&
           h->phnum * sizeof(struct elf32_phdr) <= size - h->phoff;
}

/* Checks a loadable segment lies in the user program area and in the file. */
static bool segment_ok(const struct elf32_phdr *ph, size_t size) {
    return ph->filesz <= ph->memsz && ph->offset <= size && ph->filesz <= size - ph->offset && ph->vaddr >= USER_BASE &&
           ph->vaddr < USER_MMAP_TOP && ph->memsz <= USER_MMAP_TOP - ph->vaddr && ph->memsz > 0;
}

static const void *flat_span(const struct exec_image *img, uint32_t off, uint32_t *len) {
    *len = img->size - off;
    return (const uint8_t *)img->ctx + off;
}

void exec_image_flat(struct exec_image *img, const void *data, uint32_t size) {
    *img = (struct exec_image){.size = size, .span = flat_span, .ctx = data};
}

/* Copies `len` bytes of the image at `off` (which the caller checked lie in it) to `dst`. */
static void image_read(const struct exec_image *img, uint32_t off, void *dst, uint32_t len) {
    uint8_t *d = dst;

    while (len > 0) {
        uint32_t run;
        const void *src = img->span(img, off, &run);
        if (run > len)
            run = len;
        memcpy(d, src, run);
        d += run;
        off += run;
        len -= run;
    }
}

/* Copies `len` bytes of the image at `off` into `space` at `va`, a contiguous run at a time. */
static int image_copy_in(struct vm_space *space, uintptr_t va, const struct exec_image *img, uint32_t off,
                         uint32_t len) {
    while (len > 0) {
        uint32_t run;
        const void *src = img->span(img, off, &run);
        if (run > len)
            run = len;
        int err = vm_copy_in(space, va, src, run);
        if (err)
            return err;
        va += run;
        off += run;
        len -= run;
    }
    return 0;
}

/* Maps and fills every PT_LOAD segment; sets *brk to the page after the highest one. */
static int map_program(struct vm_space *space, const struct exec_image *img, const struct elf32_ehdr *h,
                       const struct elf32_phdr *phdrs, uintptr_t *brk, bool *entry_ok) {
    *brk = USER_BASE;
    *entry_ok = false;
    for (unsigned i = 0; i < h->phnum; i++) {
        const struct elf32_phdr *ph = &phdrs[i];
        if (ph->type != PT_LOAD)
            continue;
        if (!segment_ok(ph, img->size))
            return -ENOEXEC;
        uintptr_t start = ALIGN_DOWN(ph->vaddr, PAGE_SIZE), end = ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE);
        uint8_t prot = ((ph->flags & PF_R) ? VM_READ : 0) | ((ph->flags & PF_W) ? VM_WRITE : 0) |
                       ((ph->flags & PF_X) ? VM_EXEC : 0);
        int err;
        if (!region_insert(&space->regions, start, end, prot, VM_SHARE_COW, (ph->flags & PF_X) ? VM_CODE : VM_DATA,
                           NULL, NULL, 0, &err))
            return err == -EEXIST || err == -EINVAL ? -ENOEXEC : err;
        /* File bytes now; the rest of memsz (bss) arrives as zero pages on first touch. */
        err = image_copy_in(space, ph->vaddr, img, ph->offset, ph->filesz);
        if (err)
            return err;
        if (end > *brk)
            *brk = end;
        if ((ph->flags & PF_X) && h->entry >= ph->vaddr && h->entry < ph->vaddr + ph->memsz)
            *entry_ok = true;
    }
    return 0;
}

/*
 * Lays out argc, argv, envp and their strings at the top of the new stack (SysV i386):
 *   sp -> argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL ... strings
 * Sets *sp_out to the initial stack pointer (16-aligned); returns 0 or a negative errno.
 */
static int build_stack(struct vm_space *space, const struct exec_args *args, uintptr_t *sp_out) {
    uint32_t *ptrs = kmalloc((1 + EXEC_ARGC_MAX + 1 + EXEC_ARGC_MAX + 1) * sizeof(uint32_t));
    unsigned n = 0;
    int result;
    size_t total = 0;
    uintptr_t str = USER_TOP;

    for (int i = 0; i < args->argc; i++)
        total += strlen(args->argv[i]) + 1;
    for (int i = 0; i < args->envc; i++)
        total += strlen(args->envp[i]) + 1;
    if (total > EXEC_ARG_MAX || !ptrs) {
        result = !ptrs ? -ENOMEM : -E2BIG;
        goto out;
    }

    ptrs[n++] = (uint32_t)args->argc;
    for (int pass = 0; pass < 2; pass++) {
        const char *const *list = pass ? args->envp : args->argv;
        int count = pass ? args->envc : args->argc;
        for (int i = 0; i < count; i++) {
            size_t len = strlen(list[i]) + 1;
            str -= len;
            result = vm_copy_in(space, str, list[i], len);
            if (result)
                goto out;
            ptrs[n++] = (uint32_t)str;
        }
        ptrs[n++] = 0;
    }
    uintptr_t sp = ALIGN_DOWN(str - n * sizeof(uint32_t), USER_STACK_ALIGN);
    result = vm_copy_in(space, sp, ptrs, n * sizeof(uint32_t));
    *sp_out = sp;
out:
    kfree(ptrs);
    return result;
}

/*
 * execve in a process with several threads: the others end first (POSIX), and the caller goes on
 * as the only one, taking the pid as its id (as the first thread has it). -EINTR when an exit or
 * another thread's execve got there first: then this thread is to end instead.
 */
static int end_other_threads(struct proc *p) {
    bool irq = irq_save();

    for (struct thread *t = p->threads; t && !thread_must_end(); t = t->sibling) {
        if (t == current_thread || t->state == THREAD_DEAD)
            continue;
        t->must_exit = true;
        if ((t->state == THREAD_SLEEPING && t->interruptible) || t->state == THREAD_STOPPED)
            thread_wake(t);
    }
    /* Each ending thread wakes p->thread_exit (exit.c's thread_end). */
    while (p->live_threads > 1 && !thread_must_end())
        sleep_on(&p->thread_exit, false);
    irq_restore(irq);
    if (thread_must_end())
        return -EINTR;
    thread_reap(p);
    thread_set_id(current_thread, p->pid); /* free: its first thread has ended and is gone */
    return 0;
}

int proc_exec(struct proc *p, const char *name, const struct exec_image *img, const struct exec_args *args) {
    struct elf32_ehdr h;
    struct elf32_phdr phdrs[MAX_PHDRS];
    uintptr_t brk;
    bool entry_ok;
    int err;

    if (img->size < sizeof(h))
        return -ENOEXEC;
    image_read(img, 0, &h, sizeof(h));
    if (!header_ok(&h, img->size))
        return -ENOEXEC;
    image_read(img, h.phoff, phdrs, h.phnum * sizeof(struct elf32_phdr));
    if (args->argc > EXEC_ARGC_MAX || args->envc > EXEC_ARGC_MAX)
        return -E2BIG;
    struct vm_space *space = vm_space_create(p->pid);
    if (!space)
        return -ENOMEM;
    err = map_program(space, img, &h, phdrs, &brk, &entry_ok);
    if (!err && !entry_ok)
        err = -ENOEXEC;
    if (!err)
        err = vm_map_stack(space);
    uintptr_t sp = 0;
    if (!err)
        err = build_stack(space, args, &sp);
    if (!err && p == current && p->live_threads > 1)
        err = end_other_threads(p);
    if (err) {
        vm_space_destroy(space);
        return err;
    }
    space->brk_base = space->brk = brk;

    /* Point of no return: the new program replaces the old one. */
    struct vm_space *old = p->space;
    p->space = space;
    if (p == current)
        vm_space_switch(space);
    if (old)
        vm_space_destroy(old);

    struct thread *t = p == current ? current_thread : proc_main_thread(p);
    struct int_frame *f = t->frame;
    *f = (struct int_frame){
        .gs = GDT_USER_DATA,
        .fs = GDT_USER_DATA,
        .es = GDT_USER_DATA,
        .ds = GDT_USER_DATA,
        .eip = h.entry,
        .cs = GDT_USER_CODE,
        .eflags = EFLAGS_IF | EFLAGS_ALWAYS1,
        .user_esp = (uint32_t)sp,
        .user_ss = GDT_USER_DATA,
    };
    /* Caught signals go back to their default action; ignored ones stay ignored. */
    for (int sig = 1; sig < NSIG; sig++) {
        if (p->sig_action[sig].sa_handler != ABI_SIG_IGN)
            p->sig_action[sig] = (struct abi_sigaction){0};
    }
    t->altstack_on = false;
    t->altstack_sp = t->altstack_size = 0;
    /* POSIX timers are the old program's: deleted (its interval timers stay, as POSIX says). */
    ptimer_release(p);
    t->tls_base = 0; /* the new program sets up its own (set_tls) */
    t->clear_tid = 0;
    t->cancel_pending = false; /* a request for the old program's thread is not the new one's */
    if (t == current_thread)
        sched_load_tls(t);
    fpu_reset(t);
    p->execed = true;
    const char *base = strrchr(name, '/');
    strlcpy(p->name, base ? base + 1 : name, sizeof(p->name));
    return 0;
}

int proc_spawn_user(const char *name, const struct exec_image *img, const struct exec_args *args) {
    int err;
    struct proc *p = proc_alloc(&err);

    if (!p)
        return err;
    p->parent = current == idle_proc ? NULL : current;
    err = proc_resources_create(p);
    if (!err)
        err = proc_exec(p, name, img, args);
    if (err) {
        proc_free(p);
        return err;
    }
    sched_prepare_stack(proc_main_thread(p), boot_user_tsc ? proc_start_user : proc_start_first_user);
    proc_commit(p);
    return p->pid;
}
