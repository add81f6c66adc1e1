/*
 * A power cut in the middle of writing (the harness's power_cut): files are written to the ext2
 * disk on /dev/hda and fsync'd, each reported as `# synced PATH SIZE FNV1A32`; then the
 * program says "power cut now" and goes on creating, writing, renaming and removing files as fast
 * as it can until QEMU is killed under it. The harness then requires `e2fsck -fy` to repair the
 * image and every synced file to read back (with debugfs) exactly as reported.
 */
#include "check.h"

#include <fcntl.h>
#include <sys/mount.h>

static unsigned char data[40 * 1024];

static uint32_t fnv1a32(const unsigned char *p, size_t n) {
    uint32_t h = 0x811C9DC5u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x01000193u;
    return h;
}

static void pattern(int seed, size_t n) {
    for (size_t i = 0; i < n; i++)
        data[i] = (unsigned char)(seed * 57 + i * 3 + (i >> 8));
}

int main(void) {
    char path[64];

    CHECK_EQ(mkdir("/mnt", 0755), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    CHECK_EQ(mkdir("/mnt/kept", 0755), 0);
    PASS("mounted");
    for (int i = 0; i < 8; i++) {
        size_t n = 1000 + (size_t)i * 5000;
        snprintf(path, sizeof(path), "/mnt/kept/file%d", i);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        CHECK(fd >= 0);
        pattern(i, n);
        CHECK_EQ(write(fd, data, n), (long)n);
        CHECK_EQ(fsync(fd), 0);
        CHECK_EQ(close(fd), 0);
        printf("    # synced %s %u %08x\n", path + 4, (unsigned)n, (unsigned)fnv1a32(data, n));
    }
    PASS("files written and fsync'd");
    fflush(stdout);
    printf("    # power cut now\n");
    fflush(stdout);
    for (int round = 0;; round++) {
        snprintf(path, sizeof(path), "/mnt/churn%d", round % 4);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            pattern(round, sizeof(data));
            write(fd, data, sizeof(data));
            close(fd);
        }
        snprintf(path, sizeof(path), "/mnt/dir%d", round % 3);
        mkdir(path, 0755);
        if (round % 2)
            rmdir(path);
        rename("/mnt/churn1", "/mnt/churn-renamed");
        unlink("/mnt/churn-renamed");
        unlink("/mnt/churn2");
    }
}
