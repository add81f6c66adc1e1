/*
 * Mounting damaged ext2 images from user space, many rounds in one boot: hda holds a clean image
 * (make_ext2_disk.py fuzz), which is read once; each round writes it onto /dev/hdb through the
 * raw device, damages a few random bytes (mostly in the superblock, the groups, the bitmaps, the
 * inodes and the first directories), mounts it (read-only in a quarter of the rounds), walks the
 * whole tree (stat, readdir, reading files), changes it (create, write, truncate, mkdir, rename,
 * unlink, rmdir) and unmounts it. A mount may be refused (EINVAL, EUCLEAN, EIO) and an operation
 * may fail, but the kernel must survive, and every mount must come off again. At the end hdb is
 * the clean image again, so e2fsck -fn finds both disks clean.
 */
#include "check.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>

#define IMAGE (1024 * 1024)
#define ROUNDS 40

static unsigned char pristine[IMAGE];
static char buf[4096];
static uint32_t state = 0x9E3779B9u;
static int visited;

static uint32_t rng(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static void write_image(int fd) {
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    for (int off = 0; off < IMAGE; off += 4096)
        CHECK_EQ(write(fd, pristine + off, 4096), 4096);
}

static void poke(int fd, uint32_t off, unsigned char b) {
    CHECK_EQ(lseek(fd, (off_t)off, SEEK_SET), (off_t)off);
    CHECK_EQ(write(fd, &b, 1), 1);
}

static void walk(const char *dir, int depth) {
    DIR *d = depth < 6 && visited < 200 ? opendir(dir) : NULL;
    struct dirent *e;
    char path[256];

    if (!d)
        return;
    while (visited < 200 && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        visited++;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(path, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            int fd = open(path, O_RDONLY);
            long total = 0, n;
            while (fd >= 0 && total < 64 * 1024 && (n = read(fd, buf, sizeof(buf))) > 0)
                total += n;
            if (fd >= 0)
                CHECK_EQ(close(fd), 0);
        }
    }
    CHECK_EQ(closedir(d), 0);
}

static void change(void) {
    int fd = open("/fz/new", O_RDWR | O_CREAT, 0644);
    if (fd >= 0) {
        for (int i = 0; i < 6; i++)
            write(fd, buf, sizeof(buf));
        ftruncate(fd, 1000);
        CHECK_EQ(close(fd), 0);
    }
    mkdir("/fz/newdir", 0755);
    rename("/fz/new", "/fz/newdir/moved");
    rename("/fz/hello.txt", "/fz/sub/hello");
    unlink("/fz/newdir/moved");
    rmdir("/fz/newdir");
    unlink("/fz/big");
}

int main(void) {
    int mounted = 0, refused = 0;
    int hda = open("/dev/hda", O_RDONLY), hdb = open("/dev/hdb", O_RDWR);

    CHECK(hda >= 0 && hdb >= 0);
    for (int off = 0; off < IMAGE; off += 4096)
        CHECK_EQ(read(hda, pristine + off, 4096), 4096);
    CHECK_EQ(close(hda), 0);
    CHECK_EQ(mkdir("/fz", 0755), 0);
    memset(buf, 'x', sizeof(buf));
    for (int round = 0; round < ROUNDS; round++) {
        write_image(hdb);
        int bytes = 1 + (int)(rng() % 8);
        for (int i = 0; i < bytes; i++) {
            uint32_t where = rng() % 8, off;
            if (where == 0)
                off = 1024 + rng() % 104; /* the superblock's numbers */
            else if (where == 1)
                off = 2048 + rng() % 32; /* group 0's descriptor */
            else if (where < 6)
                off = 1024 + rng() % (200 * 1024);
            else
                off = rng() % IMAGE;
            poke(hdb, off, rng() % 2 ? (unsigned char)rng() : (unsigned char)(1u << (rng() % 8)));
        }
        if (mount("/dev/hdb", "/fz", "ext2", rng() % 4 == 0 ? MS_RDONLY : 0, NULL) != 0) {
            CHECK(errno == EINVAL || errno == EUCLEAN || errno == EIO || errno == EOVERFLOW);
            refused++;
            continue;
        }
        mounted++;
        visited = 0;
        walk("/fz", 0);
        change();
        CHECK_EQ(umount("/fz"), 0);
    }
    printf("    # %d damaged images mounted, walked, changed and unmounted; %d refused\n", mounted, refused);
    CHECK(mounted > ROUNDS / 3);
    CHECK(refused > 0);
    PASS("damaged images: refused or mounted, walked, changed and unmounted, and the kernel survives");
    write_image(hdb);
    CHECK_EQ(fsync(hdb), 0);
    CHECK_EQ(close(hdb), 0);
    CHECK_EQ(mount("/dev/hdb", "/fz", "ext2", MS_RDONLY, NULL), 0);
    CHECK_EQ(umount("/fz"), 0);
    PASS("hdb holds the clean image again");
    return done_testing();
}
