/*
 * ext2: what its files share (see fs/ext2.h). The on-disk structures are little-endian, as the
 * i386 is, so they are read and written in place; every number read from the disk is checked
 * before it is used (a block number past the end, a count larger than its group...), and a bad
 * one fails the operation with EUCLEAN and a kernel log line, never a panic.
 */
#ifndef FS_EXT2_INTERNAL_H
#define FS_EXT2_INTERNAL_H

#include <dev/block.h>
#include <fs/ext2.h>
#include <lib/compiler.h>
#include <proc/proc.h>

#define EXT2_MAGIC 0xEF53
#define EXT2_ROOT_INO 2
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO 11
#define EXT2_NDIR 12 /* direct block pointers in an inode; then single, double, triple indirect */
#define EXT2_IND 12
#define EXT2_DIND 13
#define EXT2_TIND 14
#define EXT2_N_BLOCKS 15

#define EXT2_VALID_FS 1 /* s_state: unmounted cleanly */
#define EXT2_ERROR_FS 2

#define EXT2_INCOMPAT_FILETYPE 0x0002
#define EXT2_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_RO_COMPAT_LARGE_FILE 0x0002
#define EXT2_INDEX_FL 0x00001000 /* a hashed directory index (dir_index): dropped when we change one */

/* Directory entry file types (the filetype feature). */
#define EXT2_FT_UNKNOWN 0
#define EXT2_FT_REG 1
#define EXT2_FT_DIR 2
#define EXT2_FT_CHR 3
#define EXT2_FT_BLK 4
#define EXT2_FT_FIFO 5
#define EXT2_FT_SOCK 6
#define EXT2_FT_LNK 7

struct ext2_super {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count;
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block;
    uint32_t s_log_block_size;
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime;
    uint32_t s_wtime;
    uint16_t s_mnt_count;
    int16_t s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* Revision 1 (dynamic) from here. */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t s_rest[1024 - 104]; /* uuid, volume name... kept as they are */
};
_Static_assert(sizeof(struct ext2_super) == 1024, "the superblock is 1 KiB");
#define EXT2_SUPER_OFFSET 1024 /* bytes from the start of the disk */
/* s_want_extra_isize: the extra inode bytes new large inodes use (mke2fs sets 32). */
#define EXT2_SUPER_WANT_EXTRA_ISIZE_OFFSET 0x15E

struct ext2_group {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_pad;
    uint32_t bg_reserved[3];
};
_Static_assert(sizeof(struct ext2_group) == 32, "a group descriptor is 32 bytes");

/* The first 128 bytes of an inode (the good old size); larger inodes keep the rest as it is. */
struct ext2_dinode {
    uint16_t i_mode;
    uint16_t i_uid;
    uint32_t i_size;
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime;
    uint16_t i_gid;
    uint16_t i_links_count;
    uint32_t i_blocks; /* 512-byte units, indirect blocks included */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl;
    uint32_t i_size_high; /* i_dir_acl for directories */
    uint32_t i_faddr;
    uint8_t i_osd2[12];
};
_Static_assert(sizeof(struct ext2_dinode) == 128, "the good old inode is 128 bytes");

/* Linux's i_osd2 holds the high 16 bits of the owner and the group (l_i_uid_high at byte 4,
 * l_i_gid_high at byte 6, little-endian as the rest), so ids go up to 32 bits. */
#define EXT2_OSD2_UID_HIGH 4
#define EXT2_OSD2_GID_HIGH 6

static inline uint16_t ext2_id_high(const struct ext2_dinode *di, int at) {
    return (uint16_t)(di->i_osd2[at] | di->i_osd2[at + 1] << 8);
}

static inline void ext2_set_id_high(struct ext2_dinode *di, int at, uint16_t high) {
    di->i_osd2[at] = (uint8_t)high;
    di->i_osd2[at + 1] = (uint8_t)(high >> 8);
}

struct ext2_dirent {
    uint32_t inode;
    uint16_t rec_len;
    uint8_t name_len;
    uint8_t file_type;
    char name[];
};
#define EXT2_DIRENT_HEADER 8
/* Bytes an entry with a name of `len` needs: header and name, rounded up to 4. */
#define EXT2_DIRENT_SIZE(len) ((EXT2_DIRENT_HEADER + (len) + 3u) & ~3u)

/* One mounted ext2 file system. */
struct ext2_fs {
    struct block_device *dev;
    struct mount *mnt;
    struct ext2_super sb;  /* the superblock as in memory (written back by ext2_flush_meta) */
    struct ext2_group *gd; /* the group descriptors */
    uint32_t groups;
    uint32_t block_size, log_block_size; /* bytes: 1024 << s_log_block_size */
    uint32_t per_block;                  /* block numbers in an indirect block */
    uint32_t inode_size, inodes_per_block;
    uint32_t itable_blocks; /* blocks of one group's inode table */
    uint32_t first_ino;     /* the first inode that is not reserved */
    uint32_t gd_blocks;     /* blocks the group descriptor table takes */
    uint16_t want_extra_isize;
    bool read_only;
    bool meta_dirty; /* sb or gd changed since the last ext2_flush_meta (ext2_sync writes them) */
    /* The lock: one operation at a time runs in the file system (they sleep on the disk). */
    bool locked;
    struct wait_queue lock_wait;
    struct ext2_node *nodes; /* every inode in memory (a vnode that is referenced) */
    struct ext2_fs *next;    /* in the list of mounted ext2 file systems */
};

/* An inode in memory: the vnode, and the on-disk inode it mirrors. */
struct ext2_node {
    struct vnode v; /* first: a vnode of ext2 is an ext2_node */
    struct ext2_dinode di;
    struct ext2_node *next; /* in fs->nodes */
    bool gone;              /* its inode was freed (no name and no reference left) */
};

static inline struct ext2_node *ext2_node_of(struct vnode *v) {
    return container_of(v, struct ext2_node, v);
}

static inline struct ext2_fs *ext2_fs_of(const struct vnode *v) {
    return v->mnt->fs_data;
}

/* ---- ext2_super.c: the instance, the lock, allocation ---------------------------------------- */

void ext2_lock(struct ext2_fs *fs);
void ext2_unlock(struct ext2_fs *fs);
/*
 * Writes the superblock and group descriptors if they changed. Their free counts are only a
 * summary of the bitmaps (which are written at once), so they go to the disk at sync and
 * unmount only, not at every allocation: after a power cut e2fsck recounts them (as it does
 * for Linux's ext2).
 */
int ext2_sync(struct ext2_fs *fs);
/* Logs what is wrong (a corrupted image) and gives -EUCLEAN. */
__attribute__((format(printf, 2, 3))) int ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...);
/* Seconds since 1970 now (the real-time clock). */
uint32_t ext2_now(void);
/* Is `block` one a file may point to (inside the file system, past the first data block)? */
bool ext2_block_ok(const struct ext2_fs *fs, uint32_t block);
/* A file system block, through the buffer cache (NULL with *err set). */
struct buf *ext2_bread(struct ext2_fs *fs, uint32_t block, int *err);
/* A new block, near `goal` when there is room there, zeroed in the cache: 0 or -ENOSPC, -EIO. */
int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
/* Gives a block back; a block already free is reported (-EUCLEAN) and left alone. */
int ext2_free_block(struct ext2_fs *fs, uint32_t block);
/* A new inode number (a directory counts in its group's used directories): 0 or -ENOSPC, -EIO. */
int ext2_alloc_inode(struct ext2_fs *fs, uint32_t parent_ino, bool dir, uint32_t *out);
int ext2_free_inode(struct ext2_fs *fs, uint32_t ino, bool dir);
/* Writes the superblock and the group descriptor table into the cache (marked dirty). */
int ext2_flush_meta(struct ext2_fs *fs);

/* ---- ext2_inode.c: inodes in memory, the block map, files' bytes ---------------------------- */

extern const struct vnode_ops ext2_file_ops, ext2_dir_ops, ext2_other_ops;
/* The inode `ino` as a vnode with a new reference (the one in memory if there is one). */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_node **out);
/* A new inode `ino` (just allocated) with `mode`, one reference, links 0 (the caller sets them). */
int ext2_inew(struct ext2_fs *fs, uint32_t ino, uint32_t mode, struct ext2_node **out);
/* Writes the node's inode (and its vnode's size, mode and links) into the inode table. */
int ext2_iupdate(struct ext2_node *n);
/* The disk block of the file's block `lblock`: 0 for a hole, unless `make`, which allocates it
 * (and the indirect blocks on the way), zeroed. */
int ext2_bmap(struct ext2_node *n, uint32_t lblock, bool make, uint32_t *out);
/* Frees every block from the file's block `first` on (and indirect blocks left empty). */
int ext2_free_blocks_from(struct ext2_node *n, uint32_t first);
/* The vnode's file type as a directory entry's. */
uint8_t ext2_ftype(uint32_t mode);
/* Drops every node in memory (unmount: only the root is left, with its one reference). */
void ext2_drop_nodes(struct ext2_fs *fs);
/* File operations (ext2_file.c). */
long ext2_read(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
long ext2_write(struct vnode *v, struct uaddr buf, size_t n, uint32_t off);
int ext2_truncate(struct vnode *v, uint32_t size);
/* Truncate with the lock held. */
int ext2_truncate_locked(struct ext2_node *n, uint32_t size);

/* ---- ext2_dir.c: directories ----------------------------------------------------------------- */

int ext2_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out);
int ext2_create(struct vnode *dir, const char *name, size_t len, uint32_t mode, struct vnode **out);
int ext2_mkdir(struct vnode *dir, const char *name, size_t len, uint32_t mode);
int ext2_unlink(struct vnode *dir, const char *name, size_t len, struct vnode *victim);
int ext2_rmdir(struct vnode *dir, const char *name, size_t len, struct vnode *victim);
int ext2_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *src, struct vnode *ndir,
                const char *nname, size_t nlen, struct vnode *dst);
int ext2_readdir(struct vnode *dir, uint32_t *cookie, struct vfs_dirent *out);

#endif
