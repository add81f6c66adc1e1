/* Memory system calls: brk, mmap (anonymous memory and files), munmap, mprotect and msync (see
 * docs/syscalls.md). */
#include "internal.h"
#include <abi/errno.h>
#include <abi/mman.h>
#include <arch/layout.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/vm.h>
#include <proc/proc.h>

/*
 * brk(addr): moves the end of the heap. Returns the new end, or the unchanged old one when addr
 * is 0, below the heap's start, collides with another mapping, or memory runs out (the Linux
 * convention; the libc turns that into ENOMEM).
 */
long sys_brk(uint32_t addr) {
    struct vm_space *s = current->space;
    uintptr_t old_end = ALIGN_UP(s->brk, PAGE_SIZE);
    uintptr_t new_end = ALIGN_UP((uintptr_t)addr, PAGE_SIZE);

    if (addr == 0 || addr < s->brk_base || addr >= USER_MMAP_TOP)
        return (long)s->brk;
    if (new_end > old_end) {
        if (region_find_overlap(&s->regions, old_end, new_end))
            return (long)s->brk;
        uintptr_t at = old_end;
        if (vm_map(s, &at, new_end - old_end, VM_READ | VM_WRITE, VM_SHARE_COW, VM_HEAP, VM_MAP_FIXED))
            return (long)s->brk;
    } else if (new_end < old_end) {
        if (vm_unmap(s, new_end, old_end - new_end))
            return (long)s->brk;
    }
    s->brk = addr;
    return (long)addr;
}

long sys_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd, int offset) {
    uint32_t sharing = flags & (MAP_SHARED | MAP_PRIVATE);
    struct file *f = NULL;

    /* The descriptor first: POSIX's EBADF comes before the other checks (as in Linux). */
    if (!(flags & MAP_ANONYMOUS) && !(f = fd_get(fd)))
        return -EBADF;
    if (len == 0 || (sharing != MAP_SHARED && sharing != MAP_PRIVATE) ||
        (flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)) ||
        (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (offset & (PAGE_SIZE - 1))
        return -EINVAL;
    if (f) {
        /* A mapping reads the file whatever its protection; a shared one writes it too. */
        if (!file_readable(f) || (sharing == MAP_SHARED && (prot & PROT_WRITE) && !file_writable(f)))
            return -EACCES;
        if (offset < 0)
            return -EINVAL;
        struct vm_object *obj;
        int err = vfs_mmap_object(f, &obj);
        if (err)
            return err;
        /* The region takes over the reference: munmap and close are then independent. */
        uintptr_t at = addr;
        /* A shared mapping of a file not open for writing never becomes writable (mprotect). */
        unsigned vmflags = ((flags & MAP_FIXED) ? VM_MAP_FIXED : 0) |
                           (sharing == MAP_SHARED && !file_writable(f) ? VM_MAP_NO_WRITE : 0);
        err = vm_map_object(current->space, &at, len, (uint8_t)prot,
                            sharing == MAP_SHARED ? VM_SHARE_SHARED : VM_SHARE_COW, vmflags, obj,
                            (uint32_t)offset / PAGE_SIZE);
        return err ? err : (long)at;
    }
    uintptr_t at = addr;
    int err = vm_map(current->space, &at, len, (uint8_t)prot, sharing == MAP_SHARED ? VM_SHARE_SHARED : VM_SHARE_COW,
                     VM_MMAP, (flags & MAP_FIXED) ? VM_MAP_FIXED : 0);
    return err ? err : (long)at;
}

long sys_munmap(uint32_t addr, uint32_t len) {
    return vm_unmap(current->space, addr, len);
}

long sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot) {
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    return vm_protect(current->space, addr, len, (uint8_t)prot);
}

/* The mapped pages of a ramfs file are the file's own: there is nothing to write back, but the
 * arguments to check and the stores made through the mappings to tell the file (its times). */
long sys_msync(uint32_t addr, uint32_t len, uint32_t flags) {
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    return vm_sync(current->space, addr, len);
}
