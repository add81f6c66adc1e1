/*
 * /dev/hda and /dev/hdb: the IDE disks as block devices, their raw bytes read and written through
 * the buffer cache. hda is an ext2 image (//user/tests:blockdev_disk, only read here, so the
 * harness's e2fsck -fn must still find it clean); hdb is //dev:pattern_disk, whose sector n
 * starts with "SECTOR" and n, then bytes (n + i) & 0xFF.
 */
#include "check.h"
#include <abi/blkdev.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATTERN_BYTES (2048 * 512)
#define HDA_BYTES (1024 * 1024)

/* The byte at `offset` of the pattern disk. */
static uint8_t pattern_at(uint32_t offset) {
    uint32_t n = offset / 512, i = offset % 512;
    if (i < 6)
        return (uint8_t) "SECTOR"[i];
    if (i < 10)
        return (uint8_t)(n >> (8 * (i - 6)));
    return (uint8_t)(n + i);
}

static int pattern_mismatches(const uint8_t *buf, uint32_t offset, uint32_t n) {
    int bad = 0;
    for (uint32_t i = 0; i < n; i++)
        bad += buf[i] != pattern_at(offset + i);
    return bad;
}

static void test_nodes(void) {
    struct stat st;
    CHECK_EQ(stat("/dev/hda", &st), 0);
    CHECK(S_ISBLK(st.st_mode));
    CHECK_EQ(st.st_rdev, 0x0300);
    CHECK_EQ(st.st_mode & 07777, 0660);
    CHECK_EQ(stat("/dev/hdb", &st), 0);
    CHECK(S_ISBLK(st.st_mode));
    CHECK_EQ(st.st_rdev, 0x0340);
    DIR *d = opendir("/dev");
    CHECK(d != NULL);
    int seen = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, "hda") == 0 || strcmp(e->d_name, "hdb") == 0) {
            CHECK_EQ(e->d_type, DT_BLK);
            seen++;
        }
    }
    CHECK_EQ(closedir(d), 0);
    CHECK_EQ(seen, 2);
    PASS("/dev/hda and /dev/hdb are block devices 3,0 and 3,64, listed as DT_BLK");
}

static void test_read_ext2_superblock(void) {
    uint8_t sb[1024];
    int fd = open("/dev/hda", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 1024, SEEK_SET), 1024);
    CHECK_EQ(read(fd, sb, sizeof(sb)), sizeof(sb));
    CHECK_EQ(sb[56] | sb[57] << 8, 0xEF53);   /* s_magic */
    CHECK_EQ(memcmp(sb + 120, "lune", 5), 0); /* s_volume_name, as tools/mkdiskimage.py sets it */
    CHECK_EQ(lseek(fd, 0, SEEK_END), HDA_BYTES);
    CHECK_EQ(read(fd, sb, sizeof(sb)), 0); /* at the end */
    CHECK_EQ(close(fd), 0);
    PASS("hda: the ext2 superblock mke2fs wrote, and its size by SEEK_END");
}

static void test_read_pattern(void) {
    static uint8_t buf[20000];
    int fd = open("/dev/hdb", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(read(fd, buf, 512), 512);
    CHECK_EQ(pattern_mismatches(buf, 0, 512), 0);
    /* Unaligned, across 4 KiB cache blocks. */
    CHECK_EQ(lseek(fd, 4000, SEEK_SET), 4000);
    CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
    CHECK_EQ(pattern_mismatches(buf, 4000, sizeof(buf)), 0);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 4000 + (long)sizeof(buf));
    /* A read that runs past the end is cut there. */
    CHECK_EQ(lseek(fd, PATTERN_BYTES - 100, SEEK_SET), PATTERN_BYTES - 100);
    CHECK_EQ(read(fd, buf, 512), 100);
    CHECK_EQ(pattern_mismatches(buf, PATTERN_BYTES - 100, 100), 0);
    CHECK_EQ(read(fd, buf, 512), 0);
    CHECK_EQ(close(fd), 0);
    PASS("hdb: reads at any offset and length give the disk's bytes; a read stops at the end");
}

static void test_write_and_read_back(void) {
    static uint8_t buf[10000], back[10000];
    int fd = open("/dev/hdb", O_RDWR);
    CHECK(fd >= 0);
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (uint8_t)(i * 13 + 1);
    CHECK_EQ(lseek(fd, 70001, SEEK_SET), 70001);
    CHECK_EQ(write(fd, buf, sizeof(buf)), sizeof(buf));
    CHECK_EQ(fsync(fd), 0);
    CHECK_EQ(close(fd), 0);
    fd = open("/dev/hdb", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 70000, SEEK_SET), 70000);
    CHECK_EQ(read(fd, back, sizeof(back)), sizeof(back));
    CHECK_EQ(back[0], pattern_at(70000)); /* the byte before is untouched */
    CHECK_EQ(memcmp(back + 1, buf, sizeof(back) - 1), 0);
    CHECK_EQ(read(fd, back, 1), 1);
    CHECK_EQ(back[0], buf[sizeof(buf) - 1]);
    CHECK_EQ(read(fd, back, 1), 1);
    CHECK_EQ(back[0], pattern_at(70001 + sizeof(buf))); /* and the byte after */
    CHECK_EQ(close(fd), 0);
    PASS("hdb: a write at an unaligned offset reads back, the bytes around it unchanged");
}

static void test_end_and_errors(void) {
    uint8_t buf[600];
    int fd = open("/dev/hdb", O_RDWR);
    CHECK(fd >= 0);
    memset(buf, 0x5A, sizeof(buf));
    CHECK_EQ(lseek(fd, PATTERN_BYTES - 10, SEEK_SET), PATTERN_BYTES - 10);
    CHECK_EQ(write(fd, buf, sizeof(buf)), 10); /* cut at the end */
    CHECK_ERR(write(fd, buf, sizeof(buf)), ENOSPC);
    CHECK_EQ(write(fd, buf, 0), 0);
    CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_ERR(read(fd, (void *)16, 100), EFAULT);
    CHECK_ERR(write(fd, (void *)16, 100), EFAULT);
    CHECK_ERR(read(fd, (void *)0xC0000000, 100), EFAULT);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0); /* nothing moved */
    CHECK_EQ(read(fd, buf, 10), 10);
    CHECK_EQ(pattern_mismatches(buf, 0, 10), 0); /* and nothing was written */
    CHECK_EQ(close(fd), 0);
    fd = open("/dev/hdb", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(write(fd, buf, 1), EBADF);
    CHECK_EQ(close(fd), 0);
    PASS("hdb: a write at the end is ENOSPC, past it cut; bad buffers EFAULT; O_RDONLY EBADF");
}

/* A whole block written from a buffer that faults half way (its second page unmapped): the
 * block, never read (the cache takes a whole-block write without reading), is left as the disk
 * has it. */
static void test_whole_block_write_that_faults(void) {
    static uint8_t back[4096];
    char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(two != MAP_FAILED);
    CHECK_EQ(munmap(two + 4096, 4096), 0);
    memset(two, 0x77, 4096);
    int fd = open("/dev/hdb", O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 1800 * 512, SEEK_SET), 1800 * 512); /* 4 KiB aligned, not read so far */
    CHECK_ERR(write(fd, two + 2048, 4096), EFAULT);
    CHECK_EQ(lseek(fd, 1800 * 512, SEEK_SET), 1800 * 512);
    CHECK_EQ(read(fd, back, sizeof(back)), sizeof(back));
    CHECK_EQ(pattern_mismatches(back, 1800 * 512, sizeof(back)), 0);
    /* And a whole block written from good memory arrives whole. */
    CHECK_EQ(lseek(fd, 1808 * 512, SEEK_SET), 1808 * 512);
    CHECK_EQ(write(fd, two, 4096), 4096);
    CHECK_EQ(lseek(fd, 1808 * 512, SEEK_SET), 1808 * 512);
    CHECK_EQ(read(fd, back, sizeof(back)), sizeof(back));
    CHECK_EQ(memcmp(back, two, 4096), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(munmap(two, 4096), 0);
    PASS("hdb: a whole-block write that faults leaves the disk's bytes; a good one arrives whole");
}

static void test_fsync_and_sync(void) {
    int p[2];
    CHECK_ERR(fsync(-1), EBADF);
    CHECK_ERR(fsync(99), EBADF);
    CHECK_EQ(pipe(p), 0);
    CHECK_ERR(fsync(p[0]), EINVAL);
    CHECK_ERR(fsync(p[1]), EINVAL);
    CHECK_EQ(close(p[0]), 0);
    CHECK_EQ(close(p[1]), 0);
    int fd = open("/fsync_file", O_CREAT | O_RDWR, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "x", 1), 1);
    CHECK_EQ(fsync(fd), 0); /* a ramfs file: nothing to write, done */
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink("/fsync_file"), 0);
    fd = open("/dev/null", O_WRONLY);
    CHECK(fd >= 0);
    CHECK_ERR(fsync(fd), EINVAL);
    CHECK_EQ(close(fd), 0);
    fd = open("/dev/hda", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(fsync(fd), 0); /* allowed on a read-only descriptor, as in Linux */
    CHECK_EQ(close(fd), 0);
    sync();
    PASS("fsync: EBADF, EINVAL for a pipe and /dev/null, 0 for files and disks; sync returns");
}

static void test_ioctl(void) {
    uint64_t size = 0;
    struct abi_blkstat st, later;
    char c;
    int fd = open("/dev/hdb", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(ioctl(fd, BLKGETSIZE64, &size), 0);
    CHECK_EQ(size, PATTERN_BYTES);
    CHECK_ERR(ioctl(fd, BLKGETSIZE64, (void *)16), EFAULT);
    CHECK_ERR(ioctl(fd, 0x5401 /* TCGETS */, &st), ENOTTY);
    CHECK_EQ(ioctl(fd, BLKLUNESTAT, &st), 0);
    CHECK_EQ(lseek(fd, 1536 * 512, SEEK_SET), 1536 * 512); /* a block nothing read yet */
    CHECK_EQ(read(fd, &c, 1), 1);
    CHECK_EQ(ioctl(fd, BLKLUNESTAT, &later), 0);
    CHECK_EQ(later.misses, st.misses + 1);
    CHECK_EQ(later.reads, st.reads + 1);
    CHECK_EQ(read(fd, &c, 1), 1); /* the same block: a hit */
    CHECK_EQ(ioctl(fd, BLKLUNESTAT, &st), 0);
    CHECK_EQ(st.hits, later.hits + 1);
    CHECK_EQ(st.reads, later.reads);
    CHECK(st.halted_tsc >= later.halted_tsc);
    CHECK_ERR(ioctl(fd, BLKLUNESTAT, (void *)0xC0000000), EFAULT);
    CHECK_EQ(close(fd), 0);
    PASS("ioctl: BLKGETSIZE64, BLKLUNESTAT counts a miss then a hit; EFAULT, ENOTTY");
}

int main(void) {
    test_nodes();
    test_read_ext2_superblock();
    test_read_pattern();
    test_write_and_read_back();
    test_end_and_errors();
    test_whole_block_write_that_faults();
    test_fsync_and_sync();
    test_ioctl();
    return done_testing();
}
