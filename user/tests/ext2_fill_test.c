/*
 * Filling an ext2 disk (an empty 1 MiB image with 64 inodes on /dev/hda): writes fail with ENOSPC
 * when the blocks run out (a write that fits in part is short, the next one fails), mkdir too,
 * creates fail with ENOSPC when the inodes run out, what was written before reads back whole, and
 * what is removed can be written again. The harness's e2fsck -fn then finds the image consistent:
 * every block and inode the failed calls took was given back, and the free counts agree.
 */
#include "check.h"

#include <fcntl.h>
#include <sys/mount.h>

#define CHUNK (20 * 1024)

static unsigned char data[CHUNK], back[CHUNK];

static void pattern(int seed) {
    for (int i = 0; i < CHUNK; i++)
        data[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 9));
}

static void name_of(char *buf, size_t size, int i) {
    snprintf(buf, size, "/mnt/f%02d", i);
}

/* The file's size, and its bytes against pattern(seed) up to that size. */
static long check_file(int i) {
    char name[32];
    name_of(name, sizeof(name), i);
    pattern(i);
    int fd = open(name, O_RDONLY);
    CHECK(fd >= 0);
    long n = read(fd, back, sizeof(back));
    CHECK(n >= 0);
    CHECK(memcmp(back, data, (size_t)n) == 0);
    CHECK_EQ(read(fd, back, 1), 0);
    CHECK_EQ(close(fd), 0);
    return n;
}

int main(void) {
    char name[32];
    long sizes[64];
    int files = 0;

    CHECK_EQ(mkdir("/mnt", 0755), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);

    /* Files of 20 KiB until the blocks run out. */
    for (;;) {
        name_of(name, sizeof(name), files);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) {
            CHECK_EQ(errno, ENOSPC);
            break;
        }
        pattern(files);
        long n = write(fd, data, CHUNK);
        if (n < 0) {
            CHECK_EQ(errno, ENOSPC);
            n = 0;
        }
        sizes[files++] = n;
        if (n < CHUNK) {
            CHECK_ERR(write(fd, data + n, CHUNK - (size_t)n), ENOSPC);
            CHECK_EQ(close(fd), 0);
            break;
        }
        CHECK_EQ(close(fd), 0);
        CHECK(files < 64);
    }
    CHECK(files > 30); /* about 958 blocks free, 21 a file */
    CHECK(sizes[files - 1] < CHUNK);
    /* The short file holds exactly the blocks its size needs: the failed write gave back what
     * it took past the end (an indirect block whose data block never came). */
    struct stat st;
    name_of(name, sizeof(name), files - 1);
    CHECK_EQ(stat(name, &st), 0);
    long data_blocks = (st.st_size + 1023) / 1024;
    CHECK_EQ(st.st_blocks, 2 * (data_blocks + (data_blocks > 12 ? 1 : 0)));
    PASS("writes fill the disk: the last is short, then ENOSPC");

    /* A write that failed for want of its data block gave back the indirect block it took: the
     * last blocks go to a small file (direct blocks only), a block at a time. */
    int fd = open("/mnt/last", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0);
    int last = 0;
    while (write(fd, data, 1024) == 1024)
        last++;
    CHECK_EQ(errno, ENOSPC);
    CHECK(last < 12);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(mkdir("/mnt/dir", 0755), ENOSPC);
    fd = open("/mnt/one-more", O_WRONLY | O_CREAT, 0644);
    if (fd >= 0) {
        CHECK_ERR(write(fd, "x", 1), ENOSPC);
        struct stat st;
        CHECK_EQ(fstat(fd, &st), 0);
        CHECK_EQ(st.st_size, 0);
        CHECK_EQ(st.st_blocks, 0);
        CHECK_EQ(close(fd), 0);
        CHECK_EQ(unlink("/mnt/one-more"), 0);
    } else {
        CHECK_EQ(errno, ENOSPC);
    }
    PASS("a full disk: mkdir and a write fail with ENOSPC and take nothing");

    for (int i = 0; i < files; i++)
        CHECK_EQ(check_file(i), sizes[i]);
    PASS("every file written before the disk filled reads back whole");

    /* Half the files go: their blocks can be written again. */
    int freed = 0;
    for (int i = 0; i < files; i += 2) {
        name_of(name, sizeof(name), i);
        CHECK_EQ(unlink(name), 0);
        freed++;
    }
    fd = open("/mnt/again", O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0);
    pattern(99);
    for (int i = 0; i < freed - 1; i++)
        CHECK_EQ(write(fd, data, CHUNK), CHUNK);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/mnt/again"), 0);
    PASS("the blocks of removed files are free again");

    /* Empty files until the inodes run out. */
    int made = 0;
    for (;;) {
        snprintf(name, sizeof(name), "/mnt/e%02d", made);
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd < 0) {
            CHECK_EQ(errno, ENOSPC);
            break;
        }
        CHECK_EQ(close(fd), 0);
        made++;
        CHECK(made < 64);
    }
    CHECK(made > 10);
    for (int i = 0; i < made; i++) {
        snprintf(name, sizeof(name), "/mnt/e%02d", i);
        CHECK_EQ(unlink(name), 0);
    }
    fd = open("/mnt/e00", O_WRONLY | O_CREAT | O_EXCL, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    PASS("creates fail with ENOSPC when the inodes run out; removed ones are free again");

    CHECK_EQ(umount("/mnt"), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    for (int i = 1; i < files; i += 2)
        CHECK_EQ(check_file(i), sizes[i]);
    CHECK_EQ(umount("/mnt"), 0);
    PASS("after umount and mount the files are as they were");
    return done_testing();
}
