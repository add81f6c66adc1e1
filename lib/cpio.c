/* cpio "newc" reader; see lib/cpio.h. */
#include <abi/errno.h>
#include <lib/cpio.h>
#include <lib/string.h>

#define HEADER_SIZE 110
#define FIELD_MODE 1 /* field indexes after the 6-byte magic */
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11

/* Parses 8 hex digits; -1 if any is not a hex digit. */
static int64_t hex8(const uint8_t *p) {
    uint32_t v = 0;

    for (int i = 0; i < 8; i++) {
        uint8_t c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static size_t pad4(size_t n) {
    return (n + 3) & ~(size_t)3;
}

void cpio_iter_init(struct cpio_iter *it, const void *archive, size_t size) {
    *it = (struct cpio_iter){.base = archive, .size = size};
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e) {
    if (it->done)
        return 0;
    if (it->size - it->offset < HEADER_SIZE)
        return -EINVAL;
    const uint8_t *h = it->base + it->offset;
    if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0)
        return -EINVAL;
    int64_t mode = hex8(h + 6 + 8 * FIELD_MODE);
    int64_t filesize = hex8(h + 6 + 8 * FIELD_FILESIZE);
    int64_t namesize = hex8(h + 6 + 8 * FIELD_NAMESIZE);
    if (mode < 0 || filesize < 0 || namesize <= 0)
        return -EINVAL;

    size_t name_at = it->offset + HEADER_SIZE;
    if ((size_t)namesize > it->size - name_at)
        return -EINVAL;
    const char *name = (const char *)it->base + name_at;
    if (name[namesize - 1] != '\0' || strlen(name) != (size_t)namesize - 1)
        return -EINVAL;
    size_t data_at = pad4(name_at + (size_t)namesize);
    if (data_at > it->size || (size_t)filesize > it->size - data_at)
        return -EINVAL;
    if (strcmp(name, "TRAILER!!!") == 0) {
        it->done = 1;
        return 0;
    }
    *e = (struct cpio_entry){
        .name = name, .mode = (uint32_t)mode, .data = it->base + data_at, .size = (uint32_t)filesize};
    it->offset = pad4(data_at + (size_t)filesize);
    if (it->offset > it->size)
        it->offset = it->size;
    return 1;
}
