/* Memory mappings: anonymous memory and files. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <abi/mman.h>
#include <sys/types.h>

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);

/*
 * Shared memory objects. The object "/NAME" is the file /tmp/.shm.NAME (a ramfs file: ftruncate
 * sizes it, mmap with MAP_SHARED shares its pages, with children after fork too); /tmp is made
 * if missing. oflag is O_RDONLY or O_RDWR, with O_CREAT, O_EXCL, O_TRUNC; the descriptor has
 * FD_CLOEXEC. Errors: EINVAL for a name without a leading '/', with another '/', or only "/",
 * or for other flags; ENAMETOOLONG past NAME_MAX - 5 bytes after the '/'; else open's (ENOENT
 * without O_CREAT, EEXIST with O_CREAT|O_EXCL...) or unlink's. The object lasts until
 * shm_unlink and, like the ramfs, not across a reboot.
 */
int shm_open(const char *name, int oflag, mode_t mode);
int shm_unlink(const char *name);

#endif
