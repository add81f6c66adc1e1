/*
 * The VFS and ramfs from inside: a file's memory lives exactly as long as its last name or
 * reference, mounts hang a file system in the tree and come off only when nothing uses them, and
 * running out of memory (the limit, or the frames themselves) is ENOSPC with nothing changed.
 * The ktest kernel has no root file system: each test mounts a ramfs of its own as the root.
 */
#include <abi/errno.h>
#include <abi/fcntl.h>
#include <arch/layout.h>
#include <fs/devfs.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <ktest/ktest.h>
#include <ktest/mm_fixture.h>
#include <lib/string.h>
#include <mm/kmalloc.h>
#include <mm/usercopy.h>
#include <mm/vm.h>
#include <proc/exec.h>

#define UA 0x00400000u /* a user buffer of BUF_PAGES pages, mapped and touched */
#define BUF_PAGES 3

static struct mount *root_fs(void) {
    struct mount *m = ramfs_create(1u << 24);

    if (m && vfs_attach(m, NULL) != 0)
        return NULL;
    return m;
}

/* A user address space with the buffer at UA, made current; its pages are there already, so
 * copies from and to it take no memory. */
static struct vm_space *user_buffer(void) {
    struct vm_space *s = vm_space_create(TEST_OWNER);
    uintptr_t addr = UA;
    static uint8_t pattern[PAGE_SIZE];

    if (!s || vm_map(s, &addr, BUF_PAGES * PAGE_SIZE, VM_READ | VM_WRITE, VM_SHARE_COW, VM_DATA, VM_MAP_FIXED))
        return NULL;
    vm_space_switch(s);
    for (int i = 0; i < BUF_PAGES; i++) {
        memset(pattern, 'a' + i, sizeof(pattern));
        if (copy_to_user(UADDR(UA + i * PAGE_SIZE), pattern, PAGE_SIZE))
            return NULL;
    }
    return s;
}

static void user_buffer_done(struct vm_space *s) {
    vm_space_switch(NULL);
    vm_space_destroy(s);
}

static struct vnode *lookup(const char *path) {
    struct vnode *v;
    return vfs_lookup(path, &v) ? NULL : v;
}

KTEST(vfs, unlinked_file_lives_until_its_last_reference) {
    struct mount *m = root_fs();
    struct vm_space *s = user_buffer();
    struct file *f;

    KASSERT_TRUE(m && s);
    uint32_t empty = ramfs_used(m);
    int files = file_count();
    KASSERT_EQ(vfs_open("/f", O_RDWR | O_CREAT, 0644, &f), 0);
    KEXPECT_EQ(file_count(), files + 1);
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 2 * PAGE_SIZE), 2 * PAGE_SIZE);
    uint32_t full = ramfs_used(m);
    KEXPECT_EQ(full, empty + 256 + 2 * PAGE_SIZE); /* a node and two pages */
    struct vnode *v = f->vnode;
    KEXPECT_EQ(v->refs, 1);
    KEXPECT_EQ(vfs_unlink("/f"), 0);
    KEXPECT_EQ(v->nlink, 0);
    KEXPECT_TRUE(lookup("/f") == NULL);
    KEXPECT_EQ(ramfs_used(m), full); /* still open: still there */
    file_ref(f);
    file_put(f);
    KEXPECT_EQ(ramfs_used(m), full);
    file_put(f); /* the last reference: the memory goes */
    KEXPECT_EQ(ramfs_used(m), empty);
    KEXPECT_EQ(file_count(), files);
    user_buffer_done(s);
    KEXPECT_EQ(vfs_umount(m), 0);
}

KTEST(vfs, mounts_come_off_only_when_unused) {
    struct mount *root = root_fs(), *m = ramfs_create(1u << 20);
    struct file *f;

    KASSERT_TRUE(root && m);
    KEXPECT_EQ(vfs_attach(m, "/mnt"), -ENOENT);
    KASSERT_EQ(vfs_mkdir("/mnt", 0755), 0);
    KASSERT_EQ(vfs_mkdir("/mnt/under", 0755), 0);
    KASSERT_EQ(vfs_attach(m, "/mnt"), 0);
    KEXPECT_EQ(vfs_attach(root, "/mnt"), -EBUSY);
    struct vnode *v = lookup("/mnt");
    KASSERT_TRUE(v != NULL);
    KEXPECT_TRUE(v == m->root); /* the walk goes on in the mounted file system */
    KEXPECT_TRUE(v->mnt != root->root->mnt);
    vnode_put(v);
    KEXPECT_TRUE(lookup("/mnt/under") == NULL); /* hidden under the mount */
    KEXPECT_TRUE((v = lookup("/mnt/..")) == root->root);
    vnode_put(v);
    KASSERT_EQ(vfs_open("/mnt/file", O_WRONLY | O_CREAT, 0644, &f), 0);
    KEXPECT_EQ(vfs_rename("/mnt/file", "/file"), -EXDEV);
    KEXPECT_EQ(vfs_rmdir("/mnt"), -EBUSY);
    KEXPECT_EQ(vfs_umount(m), -EBUSY);    /* an open file in it */
    KEXPECT_EQ(vfs_umount(root), -EBUSY); /* a file system mounted in it */
    file_put(f);
    KEXPECT_EQ(vfs_umount(m), 0); /* it frees its files with it */
    KEXPECT_EQ(vfs_umount(root), 0);
}

KTEST(vfs, the_limit_is_enospc_and_changes_nothing) {
    struct mount *m = root_fs();
    struct vm_space *s = user_buffer();
    struct file *f;

    KASSERT_TRUE(m && s);
    KASSERT_EQ(vfs_open("/f", O_RDWR | O_CREAT, 0644, &f), 0);
    int files = file_count();
    uint32_t used = ramfs_used(m);
    ramfs_set_limit(m, used + PAGE_SIZE); /* one page more */
    KEXPECT_EQ(vfs_mkdir("/d", 0755), 0); /* a node fits... */
    KEXPECT_EQ(vfs_rmdir("/d"), 0);
    ramfs_set_limit(m, used);
    struct file *g;
    KEXPECT_EQ(vfs_mkdir("/d", 0755), -ENOSPC); /* ...and now does not */
    KEXPECT_EQ(vfs_open("/g", O_RDWR | O_CREAT, 0644, &g), -ENOSPC);
    KEXPECT_TRUE(lookup("/g") == NULL && lookup("/d") == NULL);
    KEXPECT_EQ(file_count(), files);
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 10), -ENOSPC);
    KEXPECT_EQ(f->vnode->size, 0);
    KEXPECT_EQ(f->pos, 0);
    ramfs_set_limit(m, used + PAGE_SIZE);
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 2 * PAGE_SIZE), PAGE_SIZE); /* as far as it goes */
    KEXPECT_EQ(f->vnode->size, PAGE_SIZE);
    KEXPECT_EQ(vfs_ftruncate(f, 0), 0); /* cutting gives it back */
    KEXPECT_EQ(ramfs_used(m), used);
    ramfs_set_limit(m, 1u << 24);
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 2 * PAGE_SIZE), 2 * PAGE_SIZE);
    file_put(f);
    user_buffer_done(s);
    KEXPECT_EQ(vfs_umount(m), 0);
}

/* Out of frames before the limit: ENOSPC at every step that needs one, and nothing kept. */
KTEST(vfs, no_memory_is_enospc_and_leaks_nothing) {
    struct mount *m = root_fs();
    struct vm_space *s = user_buffer();
    struct file *f;

    KASSERT_TRUE(m && s);
    KASSERT_EQ(vfs_open("/f", O_RDWR | O_CREAT, 0644, &f), 0);
    uint32_t used = ramfs_used(m);
    /* Page 8 needs an index page and a data page: try with 0, then 1 frame free. */
    for (size_t leave = 0; leave < 2; leave++) {
        kheap_trim();
        size_t free0 = pmm_free_count();
        hold_all_but(leave);
        f->pos = 8 * PAGE_SIZE;
        KEXPECT_EQ(f->ops->write(f, UADDR(UA), 100), -ENOSPC);
        KEXPECT_EQ(f->vnode->size, 0);
        KEXPECT_EQ(ramfs_used(m), used); /* an index page it made went again */
        release_pressure();
        kheap_trim();
        KEXPECT_EQ(pmm_free_count(), free0);
    }
    f->pos = 8 * PAGE_SIZE;
    KEXPECT_EQ(f->ops->write(f, UADDR(UA), 100), 100);
    KEXPECT_EQ(f->vnode->size, 8 * PAGE_SIZE + 100);
    file_put(f);
    user_buffer_done(s);
    KEXPECT_EQ(vfs_umount(m), 0);
}

/* exec reads a file through spans: each contiguous, holes as zeros, the whole file once. */
KTEST(vfs, exec_image_spans_pages_and_holes) {
    struct mount *m = root_fs();
    struct vm_space *s = user_buffer();
    struct file *f;
    struct exec_image img;

    KASSERT_TRUE(m && s);
    KASSERT_EQ(vfs_open("/f", O_RDWR | O_CREAT, 0644, &f), 0);
    f->pos = 100;
    KASSERT_EQ(f->ops->write(f, UADDR(UA), PAGE_SIZE), PAGE_SIZE); /* 'a' over pages 0 and 1 */
    f->pos = 3 * PAGE_SIZE;
    KASSERT_EQ(f->ops->write(f, UADDR(UA + PAGE_SIZE), 10), 10); /* 'b' on page 3; page 2 a hole */
    vfs_exec_image(f->vnode, &img);
    KEXPECT_EQ(img.size, 3 * PAGE_SIZE + 10);
    uint32_t off = 0, spans = 0, bad = 0;
    while (off < img.size) {
        uint32_t len;
        const uint8_t *p = img.span(&img, off, &len);
        KASSERT_TRUE(len >= 1 && len <= PAGE_SIZE - off % PAGE_SIZE && len <= img.size - off);
        for (uint32_t i = 0; i < len; i++, off++) {
            uint8_t want = off < 100 ? 0 : off < 100 + PAGE_SIZE ? 'a' : off < 3 * PAGE_SIZE ? 0 : 'b';
            bad += p[i] != want;
        }
        spans++;
    }
    KEXPECT_EQ(bad, 0);
    KEXPECT_EQ(spans, 4);
    file_put(f);
    user_buffer_done(s);
    KEXPECT_EQ(vfs_umount(m), 0);
}

static int open_nothing(int flags, struct file **out) {
    (void)flags, (void)out;
    return -ENXIO;
}

KTEST(devfs, registration_checks_its_names) {
    KEXPECT_EQ(devfs_register("", 0600, 0, open_nothing), -EINVAL);
    KEXPECT_EQ(devfs_register("a/b", 0600, 0, open_nothing), -EINVAL);
    KEXPECT_EQ(devfs_register("..", 0600, 0, open_nothing), -EINVAL);
    KEXPECT_EQ(devfs_register("sixteen-bytes-xx", 0600, 0, open_nothing), -EINVAL);
    KEXPECT_EQ(devfs_register("fifteen-bytes-x", 0600, 0, NULL), -EINVAL);
    KEXPECT_EQ(devfs_register("fifteen-bytes-x", 0600, 0, open_nothing), 0);
    KEXPECT_EQ(devfs_register("fifteen-bytes-x", 0600, 0, open_nothing), -EEXIST);
}

KTEST(devfs, mounted_devices_open_through_their_driver) {
    struct mount *m = root_fs();
    struct file *f;

    KASSERT_TRUE(m != NULL);
    KASSERT_EQ(vfs_mkdir("/dev", 0755), 0);
    KASSERT_EQ(devfs_register("nothing", 0600, 0x0901, open_nothing), 0);
    KASSERT_EQ(devfs_mount("/dev"), 0);
    KEXPECT_EQ(devfs_mount("/dev"), -EBUSY);
    KEXPECT_EQ(vfs_open("/dev/nothing", O_RDONLY, 0, &f), -ENXIO);
    KASSERT_EQ(vfs_open("/dev/zero", O_RDONLY, 0, &f), 0);
    struct abi_stat st;
    vfs_fstat(f, &st);
    KEXPECT_EQ(st.st_mode, S_IFCHR | 0666);
    KEXPECT_EQ(st.st_rdev, 0x0105);
    KEXPECT_EQ(vfs_umount(m), -EBUSY);
    file_put(f);
    KEXPECT_EQ(vfs_umount_all(), 0); /* devfs first, then the root */
    KEXPECT_TRUE(vfs_root() == NULL);
}
