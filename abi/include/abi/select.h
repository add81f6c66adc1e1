/* select's descriptor sets: Linux i386's fd_set, 1024 bits in 32-bit words, bit fd % 32 of word
 * fd / 32. */
#ifndef ABI_SELECT_H
#define ABI_SELECT_H

#include <stdint.h>

#define ABI_FD_SETSIZE 1024
#define ABI_NFDBITS 32

typedef struct {
    uint32_t fds_bits[ABI_FD_SETSIZE / ABI_NFDBITS];
} abi_fd_set;

#endif
