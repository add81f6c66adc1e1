/*
 * Reading cpio "newc" archives (the format of the initrd, as Linux's initramfs).
 * Each entry: a 110-byte ASCII header ("070701", then 13 fields of 8 hex digits), the name
 * (namesize bytes, NUL included) padded to 4 bytes, the data (filesize bytes) padded to 4 bytes.
 * The archive ends with an entry named "TRAILER!!!". Every length is checked against the buffer.
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
    const char *name; /* NUL-terminated, inside the archive */
    uint32_t mode;    /* file type and permission bits (S_IF* values) */
    const void *data;
    uint32_t size;
};

struct cpio_iter {
    const uint8_t *base;
    size_t size;
    size_t offset;
    int done;
};

void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size);

/*
 * Reads the next entry. Returns 1 with *e filled, 0 at the trailer, or -EINVAL for a malformed
 * archive (bad magic, bad hex, a name or data running past the end, a missing NUL, no trailer),
 * an errno callers pass on as it is.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);

#endif
