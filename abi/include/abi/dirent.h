/* Directory entries as getdents64 returns them (Linux's struct linux_dirent64) and their types. */
#ifndef ABI_DIRENT_H
#define ABI_DIRENT_H

#include <stdint.h>

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8

/*
 * One record: d_reclen bytes in all, the name NUL-terminated and the record padded with zeros to
 * a multiple of 8. d_off is the position of the next entry (lseek to it to go on from there).
 */
struct abi_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};
_Static_assert(__builtin_offsetof(struct abi_dirent64, d_name) == 19, "Linux's linux_dirent64");

#endif
