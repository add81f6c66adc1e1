/* Waiting for descriptors (POSIX <sys/select.h>): select, fd_set (Linux i386's: 1024 bits). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <abi/select.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

#define FD_SETSIZE ABI_FD_SETSIZE

typedef abi_fd_set fd_set;

#define FD_ZERO(set) __builtin_memset((set), 0, sizeof(fd_set))
#define FD_SET(fd, set) ((set)->fds_bits[(unsigned)(fd) / ABI_NFDBITS] |= 1u << ((unsigned)(fd) % ABI_NFDBITS))
#define FD_CLR(fd, set) ((set)->fds_bits[(unsigned)(fd) / ABI_NFDBITS] &= ~(1u << ((unsigned)(fd) % ABI_NFDBITS)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(unsigned)(fd) / ABI_NFDBITS] >> ((unsigned)(fd) % ABI_NFDBITS)) & 1u)

/*
 * Waits until one of the first `nfds` descriptors of the sets is ready (readfds: a read would not
 * block; writefds: a write would not; exceptfds: never, here), `timeout` passed (NULL: no limit;
 * zero: no wait; it is not changed) or a signal handler ran (EINTR). Returns the number of ready
 * bits and leaves only those set; -1 with errno (EBADF, EINVAL, EINTR, EFAULT), sets unchanged.
 */
int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds, fd_set *restrict exceptfds,
           struct timeval *restrict timeout);

#endif
