/*
 * ext2 on bad images, from inside the kernel: hda is a small clean image (make_ext2_disk.py fuzz),
 * copied for each case onto a ramdisk, damaged there, and mounted on /fuzz. Each kind of damage
 * the issue names is refused the way fs/ext2.h says (wrong magic: EINVAL at mount; impossible
 * counts, tables past the end: EUCLEAN at mount; a directory that names itself or the root, a
 * block number past the end: EUCLEAN for that one operation); then hundreds of rounds of random
 * damage, each mounted, walked, written and unmounted: the kernel must never panic, every mount
 * must come off again (no vnode left referenced), and no disk buffer may stay held.
 */
#include <abi/dirent.h>
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/layout.h>
#include <dev/block.h>
#include <fs/ext2.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <lib/format.h>
#include <lib/log.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <mm/vm.h>

#define UA 0x00400000u /* a user buffer of one page */
#define IMAGE_SECTORS 2048
#define CHUNK_SECTORS 128

static uint8_t chunk[CHUNK_SECTORS * BLOCK_SECTOR_SIZE];
static uint8_t pristine[IMAGE_SECTORS * BLOCK_SECTOR_SIZE]; /* hda, read once */
static bool have_pristine;

struct fixture {
    struct mount *root;
    struct vm_space *space;
    struct block_device *hda, *rd;
};

static bool setup(struct fixture *fx) {
    *fx = (struct fixture){.root = ramfs_create(1u << 22)};
    if (!fx->root || vfs_attach(fx->root, NULL) || vfs_mkdir("/fuzz", 0755))
        return false;
    fx->space = vm_space_create(TEST_OWNER);
    uintptr_t addr = UA;
    if (!fx->space || vm_map(fx->space, &addr, PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED))
        return false;
    vm_space_switch(fx->space);
    fx->hda = block_find("hda");
    fx->rd = ramdisk_create("fz", IMAGE_SECTORS);
    return fx->hda && fx->hda->sectors == IMAGE_SECTORS && fx->rd;
}

static void teardown(struct fixture *fx) {
    if (fx->rd)
        ramdisk_destroy(fx->rd);
    vm_space_switch(NULL);
    if (fx->space)
        vm_space_destroy(fx->space);
    vfs_umount(fx->root);
}

/* The clean image again on the ramdisk, and nothing of the last round in the cache. */
static bool restore(struct fixture *fx) {
    if (!have_pristine) {
        for (uint32_t s = 0; s < IMAGE_SECTORS; s += CHUNK_SECTORS) {
            if (fx->hda->transfer(fx->hda, s, pristine + s * BLOCK_SECTOR_SIZE, CHUNK_SECTORS, false))
                return false;
        }
        have_pristine = true;
    }
    if (fx->rd->transfer(fx->rd, 0, pristine, IMAGE_SECTORS, true))
        return false;
    binvalidate(fx->rd);
    return true;
}

/* Reads or changes bytes of the ramdisk at byte offset `off` (within one sector). */
static void poke(struct fixture *fx, uint32_t off, const void *bytes, uint32_t n) {
    uint8_t sector[BLOCK_SECTOR_SIZE];
    fx->rd->transfer(fx->rd, off / BLOCK_SECTOR_SIZE, sector, 1, false);
    memcpy(sector + off % BLOCK_SECTOR_SIZE, bytes, n);
    fx->rd->transfer(fx->rd, off / BLOCK_SECTOR_SIZE, sector, 1, true);
}

static uint32_t peek32(struct fixture *fx, uint32_t off) {
    uint8_t sector[BLOCK_SECTOR_SIZE];
    uint32_t v;
    fx->rd->transfer(fx->rd, off / BLOCK_SECTOR_SIZE, sector, 1, false);
    memcpy(&v, sector + off % BLOCK_SECTOR_SIZE, 4);
    return v;
}

static void poke32(struct fixture *fx, uint32_t off, uint32_t v) {
    poke(fx, off, &v, 4);
}

/* The image's geometry (1 KiB blocks, one group, 256-byte inodes): where inode `ino` starts. */
static uint32_t inode_offset(struct fixture *fx, uint32_t ino) {
    uint32_t table = peek32(fx, 2 * 1024 + 8); /* group 0's bg_inode_table */
    return table * 1024 + (ino - 1) * 256;
}

/* The byte offset of the directory entry named `name` (its inode field), by a scan of the disk. */
static uint32_t entry_offset(struct fixture *fx, const char *name) {
    size_t len = strlen(name);
    for (uint32_t s = 0; s < IMAGE_SECTORS; s += CHUNK_SECTORS) {
        fx->rd->transfer(fx->rd, s, chunk, CHUNK_SECTORS, false);
        for (uint32_t i = 8; i + len <= sizeof(chunk); i += 4) {
            if (chunk[i - 2] == len && memcmp(chunk + i, name, len) == 0)
                return s * BLOCK_SECTOR_SIZE + i - 8;
        }
    }
    return 0;
}

static uint32_t ino_of(const char *path) {
    struct abi_stat st;
    return vfs_stat(path, &st) ? 0 : st.st_ino;
}

/* Reads a file (its first `limit` bytes at most) through the user buffer: the last result (0 at
 * the end, or -errno). */
static long read_some(const char *path, uint32_t limit) {
    struct file *f;
    int err = vfs_open(path, O_RDONLY, 0, &f);
    if (err)
        return err;
    long n = 0;
    while (f->pos < limit && (n = f->ops->read(f, UADDR(UA), PAGE_SIZE)) > 0)
        ;
    n = n > 0 ? 0 : n; /* stopped at the limit */
    file_put(f);
    return n;
}

static long read_all(const char *path) {
    return read_some(path, UINT32_MAX);
}

KTEST(ext2_image, a_clean_image_mounts_and_reads) {
    struct fixture fx;
    KASSERT_TRUE(setup(&fx));
    KASSERT_TRUE(restore(&fx));
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", true), 0);
    KEXPECT_EQ(read_all("/fuzz/big"), 0);
    KEXPECT_EQ(read_all("/fuzz/sub/deeper/leaf"), 0);
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", true), -EBUSY); /* once per disk */
    KEXPECT_EQ(vfs_umount_path("/fuzz"), 0);
    KEXPECT_EQ(bcache_referenced(), 0);
    teardown(&fx);
}

KTEST(ext2_image, a_bad_superblock_or_group_is_refused_at_mount) {
    struct fixture fx;
    KASSERT_TRUE(setup(&fx));
    uint16_t zero16 = 0;

    KASSERT_TRUE(restore(&fx));
    poke(&fx, 1024 + 56, &zero16, 2); /* s_magic */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EINVAL);

    KASSERT_TRUE(restore(&fx));
    poke32(&fx, 1024 + 0, peek32(&fx, 1024 + 0) + 8); /* s_inodes_count: not the groups' */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KASSERT_TRUE(restore(&fx));
    poke32(&fx, 1024 + 4, 4096); /* s_blocks_count: past the disk's end */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KASSERT_TRUE(restore(&fx));
    poke32(&fx, 1024 + 40, 0); /* s_inodes_per_group */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KASSERT_TRUE(restore(&fx));
    poke32(&fx, 2 * 1024 + 8, 1020); /* bg_inode_table: runs past the end */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KASSERT_TRUE(restore(&fx));
    uint16_t many = 60000;
    poke(&fx, 2 * 1024 + 12, &many, 2); /* bg_free_blocks_count: more than the group has */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KASSERT_TRUE(restore(&fx));
    poke32(&fx, 1024 + 96, 0x40); /* s_feature_incompat: extents, which we lack */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EINVAL);

    KASSERT_TRUE(restore(&fx));
    uint16_t file_mode = 0100644;
    poke(&fx, inode_offset(&fx, 2), &file_mode, 2); /* the root is not a directory */
    KEXPECT_EQ(ext2_mount(fx.rd, "/fuzz", false), -EUCLEAN);

    KEXPECT_EQ(bcache_referenced(), 0);
    teardown(&fx);
}

KTEST(ext2_image, a_bad_entry_or_block_fails_that_operation) {
    struct fixture fx;
    KASSERT_TRUE(setup(&fx));

    /* Find the inode numbers on a clean mount. */
    KASSERT_TRUE(restore(&fx));
    KASSERT_EQ(ext2_mount(fx.rd, "/fuzz", true), 0);
    uint32_t sub = ino_of("/fuzz/sub"), big = ino_of("/fuzz/big"), other = ino_of("/fuzz/other");
    KASSERT_EQ(vfs_umount_path("/fuzz"), 0);
    KASSERT_TRUE(sub && big && other);

    /* A directory that contains itself: sub/inner.txt names sub. */
    KASSERT_TRUE(restore(&fx));
    poke32(&fx, entry_offset(&fx, "inner.txt"), sub);
    KASSERT_EQ(ext2_mount(fx.rd, "/fuzz", false), 0);
    KEXPECT_EQ(ino_of("/fuzz/sub/inner.txt"), 0);
    struct abi_stat st;
    KEXPECT_EQ(vfs_stat("/fuzz/sub/inner.txt", &st), -EUCLEAN);
    KEXPECT_EQ(read_all("/fuzz/hello.txt"), 0); /* the rest works */
    KEXPECT_EQ(vfs_umount_path("/fuzz"), 0);

    /* A loop through the root, and a second name for a directory (its .. says elsewhere). */
    KASSERT_TRUE(restore(&fx));
    poke32(&fx, entry_offset(&fx, "deeper"), 2);
    poke32(&fx, entry_offset(&fx, "mid"), sub);
    KASSERT_EQ(ext2_mount(fx.rd, "/fuzz", false), 0);
    KEXPECT_EQ(vfs_stat("/fuzz/sub/deeper", &st), -EUCLEAN);
    KEXPECT_EQ(vfs_stat("/fuzz/other/mid", &st), -EUCLEAN);
    KEXPECT_EQ(vfs_umount_path("/fuzz"), 0);

    /* A block number past the end, in the inode and in its indirect block. */
    KASSERT_TRUE(restore(&fx));
    uint32_t at = inode_offset(&fx, big);
    poke32(&fx, at + 40 + 4 * 3, 0x00FFFFFF); /* i_block[3] */
    uint32_t ind = peek32(&fx, at + 40 + 4 * 12);
    poke32(&fx, ind * 1024 + 4 * 5, 5000); /* file block 17 */
    KASSERT_EQ(ext2_mount(fx.rd, "/fuzz", false), 0);
    struct file *f;
    KASSERT_EQ(vfs_open("/fuzz/big", O_RDWR, 0, &f), 0);
    KEXPECT_EQ(f->ops->read(f, UADDR(UA), 1024), 1024); /* block 0 is fine */
    f->pos = 3 * 1024;
    KEXPECT_EQ(f->ops->read(f, UADDR(UA), 1024), -EUCLEAN);
    f->pos = 17 * 1024;
    KEXPECT_EQ(f->ops->read(f, UADDR(UA), 1024), -EUCLEAN);
    f->pos = 17 * 1024;
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 1024), -EUCLEAN);
    file_put(f);
    KEXPECT_EQ(vfs_unlink("/fuzz/big"), 0); /* freeing skips (and logs) what is not a block */
    KEXPECT_EQ(vfs_umount_path("/fuzz"), 0);

    /* A directory entry whose record runs past its block. */
    KASSERT_TRUE(restore(&fx));
    uint16_t rec = 2000;
    poke(&fx, entry_offset(&fx, "hello.txt") + 4, &rec, 2);
    KASSERT_EQ(ext2_mount(fx.rd, "/fuzz", false), 0);
    KEXPECT_EQ(vfs_stat("/fuzz/hello.txt", &st), -EUCLEAN);
    KEXPECT_EQ(vfs_mkdir("/fuzz/new", 0755), -EUCLEAN);
    KEXPECT_EQ(vfs_umount_path("/fuzz"), 0);

    KEXPECT_EQ(bcache_referenced(), 0);
    teardown(&fx);
}

/* ---- random damage ----------------------------------------------------------------------------- */

static uint32_t rng_state;

static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static char paths[8][PATH_MAX];
static uint8_t dents[PAGE_SIZE];
static int visited;

/* Walks the tree under paths[depth]: every entry stat'ed, files read, directories entered. */
static void walk(int depth) {
    struct file *f;
    if (depth >= 6 || visited > 200 || vfs_open(paths[depth], O_RDONLY | O_DIRECTORY, 0, &f))
        return;
    long n;
    while (visited <= 200 && (n = vfs_getdents(f, UADDR(UA), PAGE_SIZE)) > 0) {
        if (copy_from_user(dents, UADDR(UA), (size_t)n))
            break;
        for (long off = 0; off < n;) {
            struct abi_dirent64 *d = (struct abi_dirent64 *)(dents + off);
            off += d->d_reclen;
            if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") || ++visited > 200)
                continue;
            format_snprintf(paths[depth + 1], PATH_MAX, "%s/%s", paths[depth], d->d_name);
            struct abi_stat st;
            if (vfs_stat(paths[depth + 1], &st))
                continue;
            if (S_ISDIR(st.st_mode))
                walk(depth + 1);
            else if (S_ISREG(st.st_mode))
                read_some(paths[depth + 1], 64 * 1024);
        }
    }
    file_put(f);
}

/* Changes what a person would: a file written, a directory made, renamed, removed. */
static void change(void) {
    struct file *f;
    if (vfs_open("/fuzz/new", O_RDWR | O_CREAT, 0644, &f) == 0) {
        for (int i = 0; i < 6; i++)
            f->ops->write(f, UADDR(UA), PAGE_SIZE);
        vfs_ftruncate(f, 1000);
        file_put(f);
    }
    vfs_mkdir("/fuzz/newdir", 0755);
    vfs_rename("/fuzz/new", "/fuzz/newdir/moved");
    vfs_rename("/fuzz/hello.txt", "/fuzz/sub/hello");
    vfs_unlink("/fuzz/newdir/moved");
    vfs_rmdir("/fuzz/newdir");
    vfs_unlink("/fuzz/big");
}

KTEST(ext2_image, random_damage_never_panics_or_leaks) {
    struct fixture fx;
    int mounted = 0, refused = 0, stuck = 0;
    KASSERT_TRUE(setup(&fx));
    rng_state = 0x2545F491u;
    for (int round = 0; round < 400; round++) {
        KASSERT_TRUE(restore(&fx));
        /* Most damage where the structures are: the superblock's numbers, group 0's descriptor,
         * the bitmaps, inodes, first directories and indirect blocks; some anywhere. */
        int bytes = 1 + (int)(rng() % 8);
        for (int i = 0; i < bytes; i++) {
            uint32_t where = rng() % 8, off;
            if (where == 0)
                off = 1024 + rng() % 104;
            else if (where == 1)
                off = 2048 + rng() % 32;
            else if (where < 6)
                off = 1024 + rng() % (200 * 1024);
            else
                off = rng() % (IMAGE_SECTORS * BLOCK_SECTOR_SIZE);
            uint8_t b = rng() % 2 ? (uint8_t)rng() : (uint8_t)(1u << (rng() % 8));
            poke(&fx, off, &b, 1);
        }
        int err = ext2_mount(fx.rd, "/fuzz", rng() % 4 == 0);
        if (err) {
            KEXPECT_TRUE(err == -EINVAL || err == -EUCLEAN || err == -EOVERFLOW || err == -EIO);
            refused++;
            continue;
        }
        mounted++;
        visited = 0;
        strlcpy(paths[0], "/fuzz", PATH_MAX);
        walk(0);
        change();
        if (vfs_umount_path("/fuzz") != 0)
            stuck++;
        if (bcache_referenced() != 0)
            break;
    }
    kprintf("# ext2 random damage: %d images mounted, walked, changed and unmounted, %d refused\n", mounted, refused);
    KEXPECT_EQ(stuck, 0);
    KEXPECT_EQ(bcache_referenced(), 0);
    KEXPECT_GT(mounted, 100);
    KEXPECT_GT(refused, 10);
    teardown(&fx);
}
