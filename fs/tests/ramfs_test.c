/* The root file system from a cpio archive: what a malformed initrd gives. */
#include <abi/errno.h>
#include <abi/stat.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>
#include <ktest/ktest.h>
#include <lib/format.h>
#include <lib/panic.h>
#include <lib/string.h>

/* Appends one cpio "newc" entry to buf at *len (4-byte aligned name and data). */
static void add_entry(char *buf, size_t *len, const char *name, unsigned mode, const char *data) {
    size_t namesize = strlen(name) + 1, size = data ? strlen(data) : 0;

    *len += (size_t)format_snprintf(buf + *len, 111, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", 1,
                                    mode, 0, 0, 1, 0, (unsigned)size, 0, 0, 0, 0, (unsigned)namesize, 0);
    memcpy(buf + *len, name, namesize);
    *len = (*len + namesize + 3) & ~(size_t)3;
    if (size)
        memcpy(buf + *len, data, size);
    *len = (*len + size + 3) & ~(size_t)3;
}

/* A fresh ramfs mounted as the root of the tree for the test (the ktest kernel has none). */
static struct mount *fresh_root(void) {
    struct mount *m = ramfs_create(1u << 20);

    if (m)
        ASSERT(vfs_attach(m, NULL) == 0);
    return m;
}

static bool exists(const char *path) {
    struct vnode *v;

    if (vfs_lookup(path, &v))
        return false;
    vnode_put(v);
    return true;
}

KTEST(ramfs, unpacks_a_well_formed_archive) {
    static char buf[1024];
    size_t len = 0;
    struct mount *m = fresh_root();

    KASSERT_TRUE(m != NULL);
    add_entry(buf, &len, "etc/motd", S_IFREG | 0644, "hi");
    add_entry(buf, &len, "TRAILER!!!", 0, NULL);
    KEXPECT_EQ(ramfs_unpack_cpio(m, buf, len), 1);
    KEXPECT_TRUE(exists("/etc/motd"));
    KEXPECT_EQ(vfs_umount(m), 0);
}

KTEST(ramfs, malformed_archive_is_einval) {
    static char buf[1024];
    size_t len = 0;
    struct mount *m = fresh_root();

    KASSERT_TRUE(m != NULL);
    KEXPECT_EQ(ramfs_unpack_cpio(m, "not a cpio archive", 18), -EINVAL);
    KEXPECT_EQ(ramfs_unpack_cpio(m, buf, 0), -EINVAL);
    /* A good entry, then one cut short: what came before stays. */
    add_entry(buf, &len, "bin/a", S_IFREG | 0755, "aaaa");
    add_entry(buf, &len, "bin/b", S_IFREG | 0755, "bbbbbbbbbbbb");
    KEXPECT_EQ(ramfs_unpack_cpio(m, buf, len - 8), -EINVAL);
    KEXPECT_TRUE(exists("/bin/a"));
    KEXPECT_FALSE(exists("/bin/b"));
    KEXPECT_EQ(vfs_umount(m), 0);
}
