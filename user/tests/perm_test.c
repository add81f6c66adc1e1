/*
 * File permissions (POSIX XBD 4.5, fs/perm.c): a child that drops to user and group 1000 meets
 * every rule, on ramfs (/tmp) and on ext2 (/dev/hda, ext2_small_disk, mounted on /mnt): search
 * permission on each directory of a path, open's read and write (O_TRUNC writes), O_CREAT's
 * write on the directory and the new file's owner, group and mode (umask), mkdir, unlink, rmdir
 * and rename's write and search on the directories, the sticky bit, execve's execute permission
 * and set-user-ID and set-group-ID files, chmod and chown's owner rules, truncate, utimensat's
 * "now", access with the real ids, and root, who passes every read and write check but executes
 * only what has an execute bit. Run as "perm_test ids BASE EUID EGID", it is the program a
 * child executes, and says by its exit status whether its ids are what exec should have made.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>

#include "check.h"

#define USER 1000
#define OTHER 1001
#define GROUP 5 /* a group the user is not in */

static const char *self; /* this program, to copy and execute */
static const char *base; /* the directory the cases run in */
/* What a program allowed to run exits with: 0 in ramfs; in ext2, which cannot give exec a file's
 * bytes yet (no span), 76: execve failed with ENOEXEC, after the permission checks passed. */
static int ran;

/* `name` under base, in one of a few static buffers (a call takes up to four paths). */
static const char *at(const char *name) {
    static char bufs[6][128];
    static int next;
    char *b = bufs[next++ % 6];
    snprintf(b, sizeof(bufs[0]), "%s/%s", base, name);
    return b;
}

/* As root: a file with a few bytes and exactly `mode` (chmod: no umask in the way). */
static void make_file(const char *path, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "data", 4), 4);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(chmod(path, mode), 0);
}

static void make_dir(const char *path, mode_t mode) {
    CHECK_EQ(mkdir(path, 0700), 0);
    CHECK_EQ(chmod(path, mode), 0);
}

/* Copies this program to `path` with `mode`, owned by root and group `gid`. */
static void copy_self(const char *path, mode_t mode, gid_t gid) {
    static char buf[4096];
    int in = open(self, O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_EXCL, 0700);
    long n;
    CHECK(in >= 0 && out >= 0);
    while ((n = read(in, buf, sizeof(buf))) > 0)
        CHECK_EQ(write(out, buf, (size_t)n), n);
    CHECK_EQ(n, 0);
    CHECK_EQ(close(in), 0);
    CHECK_EQ(close(out), 0);
    CHECK_EQ(chown(path, 0, gid), 0);
    CHECK_EQ(chmod(path, mode), 0);
}

/* PASS, the case named after the directory it ran in. */
static void pass_at(const char *what) {
    char buf[256];
    snprintf(buf, sizeof(buf), "%s: %s", base, what);
    PASS(buf);
}

static mode_t mode_of(const char *path) {
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    return st.st_mode & 07777;
}

/* Runs fn in a child with user `uid` and group `gid` (every id), and checks it exited 0. */
static void as(uid_t uid, gid_t gid, void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        if (setgid(gid) != 0 || setuid(uid) != 0)
            _exit(99);
        fn();
        fflush(stdout);
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
}

/* ---- search ------------------------------------------------------------------------------ */

static void search_user(void) {
    struct stat st;
    CHECK_EQ(stat(at("nox"), &st), 0); /* the directory itself: its parent is searchable */
    CHECK_ERR(stat(at("nox/f"), &st), EACCES);
    CHECK_ERR(open(at("nox/f"), O_RDONLY), EACCES);
    CHECK_ERR(open(at("nox/new"), O_WRONLY | O_CREAT, 0666), EACCES);
    CHECK_ERR(mkdir(at("nox/d"), 0777), EACCES);
    CHECK_ERR(unlink(at("nox/f")), EACCES);
    CHECK_ERR(rename(at("nox/f"), at("pub/f")), EACCES);
    CHECK_ERR(chdir(at("nox")), EACCES);
    CHECK_ERR(execve(at("nox/f"), (char *[]){"f", NULL}, NULL), EACCES);
    /* Read but no search: the names can be listed, not reached. */
    int fd = open(at("nox"), O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
}

static void search(void) {
    make_dir(at("nox"), 0774); /* read for the others, no search */
    make_file(at("nox/f"), 0666);
    as(USER, USER, search_user);
    CHECK_EQ(stat(at("nox/f"), &(struct stat){0}), 0); /* root searches anything */
    pass_at("a directory without search permission (x) stops every path through it (EACCES)");
}

/* ---- open -------------------------------------------------------------------------------- */

static void open_user(void) {
    char buf[8];
    int fd = open(at("ro"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(read(fd, buf, 4), 4);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(open(at("ro"), O_WRONLY), EACCES);
    CHECK_ERR(open(at("ro"), O_RDWR), EACCES);
    CHECK_ERR(open(at("ro"), O_RDONLY | O_TRUNC), EACCES);
    CHECK_ERR(open(at("ro"), O_WRONLY | O_APPEND), EACCES);
    CHECK_ERR(open(at("secret"), O_RDONLY), EACCES);
    fd = open(at("wo"), O_WRONLY);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(open(at("wo"), O_RDONLY), EACCES);
    CHECK_ERR(open(at("wo"), O_RDWR), EACCES);
    /* One class decides: the group's bits for a member, though the others' give more. */
    CHECK_ERR(open(at("grp_none"), O_RDONLY), EACCES);
    fd = open(at("grp_read"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    /* And the owner's for the owner. */
    CHECK_ERR(open(at("own_none"), O_RDONLY), EACCES);
}

static void open_rules(void) {
    make_file(at("ro"), 0644);
    make_file(at("secret"), 0600);
    make_file(at("wo"), 0622);
    make_file(at("grp_none"), 0604);
    CHECK_EQ(chown(at("grp_none"), 0, USER), 0);
    make_file(at("grp_read"), 0040);
    CHECK_EQ(chown(at("grp_read"), 0, USER), 0);
    make_file(at("own_none"), 0077);
    CHECK_EQ(chown(at("own_none"), USER, 0), 0);
    as(USER, USER, open_user);
    /* Root reads and writes whatever the mode, and searches any directory. */
    CHECK_EQ(chmod(at("own_none"), 0), 0);
    int fd = open(at("own_none"), O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    make_dir(at("shut"), 0);
    CHECK_EQ(chown(at("shut"), USER, USER), 0);
    make_file(at("shut/f"), 0);
    fd = open(at("shut/f"), O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink(at("shut/f")), 0);
    CHECK_EQ(rmdir(at("shut")), 0);
    struct stat st;
    CHECK_EQ(stat(at("ro"), &st), 0);
    CHECK_EQ(st.st_size, 4); /* O_TRUNC refused, nothing cut */
    pass_at("open needs read or write permission by O_ACCMODE, O_TRUNC write; one class decides; root passes");
}

/* ---- creating ---------------------------------------------------------------------------- */

static void create_user(void) {
    struct stat st;
    CHECK_ERR(open(at("new"), O_WRONLY | O_CREAT, 0666), EACCES); /* base is root's 0755 */
    CHECK_ERR(mkdir(at("newdir"), 0777), EACCES);
    CHECK_ERR(open(at("wnox/new"), O_WRONLY | O_CREAT, 0666), EACCES); /* write without search */
    CHECK_ERR(mkdir(at("wnox/newdir"), 0777), EACCES);
    CHECK_EQ(umask(027), 0);
    int fd = open(at("pub/mine"), O_WRONLY | O_CREAT | O_EXCL, 0666);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(stat(at("pub/mine"), &st), 0);
    CHECK_EQ(st.st_uid, USER);
    CHECK_EQ(st.st_gid, USER);
    CHECK_EQ(st.st_mode, S_IFREG | 0640);
    CHECK_EQ(mkdir(at("pub/mydir"), 0777), 0);
    CHECK_EQ(stat(at("pub/mydir"), &st), 0);
    CHECK_EQ(st.st_uid, USER);
    CHECK_EQ(st.st_gid, USER);
    CHECK_EQ(st.st_mode, S_IFDIR | 0750);
    CHECK_EQ(umask(0), 027);
    /* An existing file is opened by its own mode, O_CREAT or not; O_EXCL says it exists. */
    CHECK_ERR(open(at("secret"), O_RDONLY | O_CREAT, 0666), EACCES);
    CHECK_ERR(open(at("secret"), O_RDONLY | O_CREAT | O_EXCL, 0666), EEXIST);
}

static void create(void) {
    make_dir(at("pub"), 0777);
    make_dir(at("wnox"), 0776);
    as(USER, USER, create_user);
    CHECK_ERR(stat(at("new"), &(struct stat){0}), ENOENT);
    pass_at("O_CREAT and mkdir need write and search on the directory; the new file is the caller's, "
            "its mode masked by the umask");
}

/* ---- removing and renaming --------------------------------------------------------------- */

static void remove_user(void) {
    CHECK_ERR(unlink(at("ro")), EACCES);
    CHECK_ERR(rmdir(at("nox")), EACCES);
    CHECK_ERR(rename(at("ro"), at("ro2")), EACCES);
    CHECK_ERR(rename(at("pub/mine"), at("mine")), EACCES);           /* into base: no write there */
    CHECK_ERR(rename(at("pub/mine"), at("ro")), EACCES);             /* over a file of base */
    CHECK_ERR(rename(at("pub/rootdir"), at("pub/mydir/x")), EACCES); /* a directory moved needs
                                                                      * write on itself (..) */
    CHECK_ERR(unlink(at("wnox/f")), EACCES);
    CHECK_EQ(rename(at("pub/mine"), at("pub/mine2")), 0);
    CHECK_EQ(rename(at("pub/mine2"), at("pub/rootfile")), 0); /* over root's file: pub is not sticky */
    CHECK_EQ(unlink(at("pub/rootfile")), 0);
    CHECK_EQ(rmdir(at("pub/mydir")), 0);
    CHECK_EQ(rename(at("pub/rootdir"), at("pub/rootdir2")), 0); /* the same directory: allowed */
    CHECK_EQ(rmdir(at("pub/rootdir2")), 0);
}

static void remove_rules(void) {
    make_file(at("pub/rootfile"), 0600);
    make_dir(at("pub/rootdir"), 0755);
    CHECK_EQ(chmod(at("wnox"), 0777), 0);
    make_file(at("wnox/f"), 0666);
    CHECK_EQ(chmod(at("wnox"), 0776), 0);
    as(USER, USER, remove_user);
    CHECK_EQ(mode_of(at("ro")), 0644);
    pass_at("unlink, rmdir and rename need write and search on the directories");
}

/* ---- the sticky bit ---------------------------------------------------------------------- */

static void sticky_other(void) {
    int fd = open(at("sticky/theirs"), O_WRONLY | O_CREAT | O_EXCL, 0666);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(mkdir(at("sticky/theirdir"), 0777), 0);
    fd = open(at("mysticky/theirs"), O_WRONLY | O_CREAT | O_EXCL, 0666);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
}

static void sticky_user(void) {
    CHECK_ERR(unlink(at("sticky/theirs")), EPERM);
    CHECK_ERR(rmdir(at("sticky/theirdir")), EPERM);
    CHECK_ERR(rename(at("sticky/theirs"), at("sticky/stolen")), EPERM);
    int fd = open(at("sticky/mine"), O_WRONLY | O_CREAT | O_EXCL, 0666);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(rename(at("sticky/mine"), at("sticky/theirs")), EPERM); /* over theirs */
    CHECK_EQ(rename(at("sticky/mine"), at("sticky/mine2")), 0);
    CHECK_EQ(unlink(at("sticky/mine2")), 0);
    /* The directory's owner may remove anything in it. */
    CHECK_EQ(unlink(at("mysticky/theirs")), 0);
    /* Writing their file is its mode's business, not the directory's. */
    fd = open(at("sticky/theirs"), O_WRONLY);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
}

static void sticky(void) {
    make_dir(at("sticky"), 01777);
    make_dir(at("mysticky"), 01777);
    CHECK_EQ(chown(at("mysticky"), USER, USER), 0);
    as(OTHER, OTHER, sticky_other);
    as(USER, USER, sticky_user);
    CHECK_EQ(stat(at("sticky/theirs"), &(struct stat){0}), 0);
    CHECK_EQ(unlink(at("sticky/theirs")), 0); /* root may */
    CHECK_EQ(rmdir(at("sticky/theirdir")), 0);
    CHECK_EQ(rmdir(at("sticky")), 0);
    CHECK_EQ(rmdir(at("mysticky")), 0);
    pass_at("in a sticky directory only the file's owner, the directory's or root removes or renames (EPERM)");
}

/* ---- execve ------------------------------------------------------------------------------ */

static void exec_and_wait(const char *path, const char *euid, const char *egid, int want) {
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        execve(path, (char *[]){(char *)self, "ids", (char *)base, (char *)euid, (char *)egid, NULL}, NULL);
        _exit(errno == EACCES ? 77 : errno == ENOEXEC ? 76 : 78);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, want);
}

static void exec_user(void) {
    exec_and_wait(at("prog_owner_x"), "1000", "1000", 77); /* root's x only */
    exec_and_wait(at("prog"), "1000", "1000", ran);
    exec_and_wait(at("prog_suid"), "0", "5", ran);
    exec_and_wait(at("pub"), "1000", "1000", 77); /* a directory */
    CHECK_ERR(execve(at("ro"), (char *[]){"ro", NULL}, NULL), EACCES);
}

static void exec_rules(void) {
    copy_self(at("prog_owner_x"), 0744, 0);
    copy_self(at("prog"), 0755, 0);
    copy_self(at("prog_suid"), 06755, GROUP);
    as(USER, USER, exec_user);
    /* Root needs some execute bit too, and a regular file. */
    CHECK_ERR(execve(at("ro"), (char *[]){"ro", NULL}, NULL), EACCES);
    CHECK_ERR(execve(at("pub"), (char *[]){"pub", NULL}, NULL), EACCES);
    exec_and_wait(at("prog_owner_x"), "0", "0", ran);
    CHECK_EQ(unlink(at("prog_owner_x")), 0);
    CHECK_EQ(unlink(at("prog")), 0);
    pass_at("execve needs execute permission on a regular file; set-user-ID and set-group-ID files give "
            "their owner and group as the effective (and saved) ids");
}

/* ---- chmod and chown --------------------------------------------------------------------- */

static void chmod_user(void) {
    CHECK_ERR(chmod(at("ro"), 0666), EPERM);
    CHECK_ERR(chown(at("ro"), USER, USER), EPERM);
    int fd = open(at("pub/mine"), O_WRONLY | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(fchmod(fd, 0604), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(mode_of(at("pub/mine")), 0604);
    CHECK_EQ(chmod(at("pub/mine"), 04755), 0); /* its own: set-user-ID to itself is harmless */
    CHECK_EQ(mode_of(at("pub/mine")), 04755);
    CHECK_ERR(chown(at("pub/mine"), OTHER, (gid_t)-1), EPERM); /* no giving away */
    CHECK_ERR(chown(at("pub/mine"), (uid_t)-1, GROUP), EPERM); /* not its group */
    CHECK_EQ(chown(at("pub/mine"), (uid_t)-1, USER), 0);       /* its own group */
    CHECK_EQ(chown(at("pub/mine"), USER, USER), 0);
    /* S_ISGID on a file of a group the caller is not in is dropped. */
    CHECK_EQ(chmod(at("pub/ingroup5"), 02755), 0);
    CHECK_EQ(mode_of(at("pub/ingroup5")), 0755);
    CHECK_EQ(chmod(at("pub/mine"), 02755), 0);
    CHECK_EQ(mode_of(at("pub/mine")), 02755);
}

static void chmod_rules(void) {
    make_file(at("pub/ingroup5"), 0644);
    CHECK_EQ(chown(at("pub/ingroup5"), USER, GROUP), 0);
    as(USER, USER, chmod_user);
    /* Root gives any ids; a regular file changing hands loses set-user-ID. */
    CHECK_EQ(chmod(at("pub/mine"), 06755), 0);
    CHECK_EQ(chown(at("pub/mine"), OTHER, GROUP), 0);
    struct stat st;
    CHECK_EQ(stat(at("pub/mine"), &st), 0);
    CHECK_EQ(st.st_uid, OTHER);
    CHECK_EQ(st.st_gid, GROUP);
    CHECK_EQ(st.st_mode & 07777, 0755);
    CHECK_ERR(chown(at("pub/mine"), 0x80000000u, (gid_t)-1), EINVAL);
    CHECK_EQ(unlink(at("pub/mine")), 0);
    CHECK_EQ(unlink(at("pub/ingroup5")), 0);
    pass_at("chmod by the owner or root (EPERM), S_ISGID dropped outside the group; chown by root, or the "
            "owner to its own group");
}

/* ---- truncate, times, access ------------------------------------------------------------- */

static void misc_user(void) {
    CHECK_ERR(truncate(at("ro"), 0), EACCES);
    CHECK_ERR(truncate(at("pub"), 0), EISDIR);
    CHECK_EQ(truncate(at("pub/w"), 1), 0);
    int fd = open(at("ro"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK_ERR(ftruncate(fd, 0), EINVAL); /* not open for writing */
    CHECK_EQ(close(fd), 0);
    CHECK_ERR(utimensat(AT_FDCWD, at("ro"), NULL, 0), EACCES);
    CHECK_EQ(utimensat(AT_FDCWD, at("pub/w"), NULL, 0), 0);
    CHECK_EQ(access(at("ro"), R_OK), 0);
    CHECK_ERR(access(at("ro"), W_OK), EACCES);
    CHECK_ERR(access(at("secret"), R_OK), EACCES);
    CHECK_ERR(access(at("nox/f"), F_OK), EACCES);
    CHECK_ERR(access(at("ro"), 8), EINVAL);
    CHECK_ERR(mount("/dev/hda", at("pub"), "ext2", 0, NULL), EPERM);
    CHECK_ERR(umount("/"), EPERM);
    CHECK_ERR(open("/dev/hda", O_RDONLY), EACCES); /* a device node's mode counts too (0660) */
}

static void access_real(void) {
    /* Effective 1000, real 0: access answers for the real ids, everything else for the effective. */
    CHECK_EQ(setegid(USER), 0);
    CHECK_EQ(seteuid(USER), 0);
    CHECK_ERR(open(at("secret"), O_RDONLY), EACCES);
    CHECK_EQ(access(at("secret"), R_OK | W_OK), 0);
    CHECK_EQ(access(at("nox/f"), R_OK), 0);
    CHECK_ERR(stat(at("nox/f"), &(struct stat){0}), EACCES);
}

static void misc(void) {
    make_file(at("pub/w"), 0666);
    as(USER, USER, misc_user);
    CHECK_EQ(truncate(at("ro"), 4), 0); /* root */
    as(0, 0, access_real);
    CHECK_EQ(unlink(at("pub/w")), 0);
    pass_at("truncate needs write permission, utimensat's now write or ownership; access asks for the real "
            "ids; only root mounts");
}

/* ---- the set-user-ID program ------------------------------------------------------------- */

/* The program executed by exec_rules: exits 0 when its ids are right, else the first wrong one. */
static int ids_main(char **argv) {
    uid_t euid = (uid_t)atoi(argv[3]);
    gid_t egid = (gid_t)atoi(argv[4]);
    base = argv[2];
    if (geteuid() != euid)
        return 2;
    if (getegid() != egid)
        return 3;
    if (euid != 0)
        return getuid() == euid ? 0 : 4;
    if (getuid() == 0)
        return 0; /* root executed it */
    if (getuid() != USER || getgid() != USER)
        return 5;
    /* Effective root, real user: access says what the user may do. */
    if (access(at("secret"), R_OK) != -1 || errno != EACCES)
        return 6;
    int fd = open(at("secret"), O_RDONLY);
    if (fd < 0 || close(fd) != 0)
        return 7;
    /* The saved set-user-ID is 0: the program may step down and back up. */
    if (seteuid(USER) != 0 || seteuid(0) != 0)
        return 8;
    if (setuid(USER) != 0 || seteuid(0) != -1)
        return 9;
    return 0;
}

static void rules(const char *dir, int exec_status) {
    base = dir;
    ran = exec_status;
    make_dir(base, 0755);
    search();
    open_rules();
    create();
    remove_rules();
    sticky();
    exec_rules();
    chmod_rules();
    misc();
}

/* Removes what the cases left in base (as root), so that the disk is as it was. */
static void cleanup(void) {
    static const char *files[] = {"nox/f",    "ro",       "secret", "wo",       "grp_none",
                                  "grp_read", "own_none", "wnox/f", "prog_suid"};
    static const char *dirs[] = {"nox", "pub", "wnox"};
    for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
        CHECK_EQ(unlink(at(files[i])), 0);
    for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        CHECK_EQ(rmdir(at(dirs[i])), 0);
    CHECK_EQ(rmdir(base), 0);
}

int main(int argc, char **argv) {
    self = argv[0];
    if (argc == 5 && strcmp(argv[1], "ids") == 0)
        return ids_main(argv);

    struct stat st;
    CHECK_EQ(stat("/tmp", &st), 0);
    CHECK_EQ(st.st_mode, S_IFDIR | 01777);
    CHECK_EQ(st.st_uid, 0);
    PASS("/tmp is root's, 01777");

    rules("/tmp/perm", 0);
    cleanup();

    CHECK(mkdir("/mnt", 0755) == 0 || errno == EEXIST);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    rules("/mnt/perm", 76);
    /* The owners are on the disk: a remount reads them back. */
    CHECK_EQ(umount("/mnt"), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    CHECK_EQ(stat("/mnt/perm/grp_read", &st), 0);
    CHECK_EQ(st.st_uid, 0);
    CHECK_EQ(st.st_gid, USER);
    CHECK_EQ(st.st_mode, S_IFREG | 0040);
    CHECK_EQ(stat("/mnt/perm/own_none", &st), 0);
    CHECK_EQ(st.st_uid, USER);
    CHECK_EQ(stat("/mnt/perm/prog_suid", &st), 0);
    CHECK_EQ(st.st_gid, GROUP);
    CHECK_EQ(st.st_mode, S_IFREG | 06755);
    /* Ids above 16 bits keep their high half (Linux's i_uid_high, i_gid_high). */
    CHECK_EQ(chown("/mnt/perm/ro", 70000, 70001), 0);
    CHECK_EQ(umount("/mnt"), 0);
    CHECK_EQ(mount("/dev/hda", "/mnt", "ext2", 0, NULL), 0);
    CHECK_EQ(stat("/mnt/perm/ro", &st), 0);
    CHECK_EQ(st.st_uid, 70000);
    CHECK_EQ(st.st_gid, 70001);
    cleanup();
    CHECK_EQ(umount("/mnt"), 0);
    PASS("ext2: owners, groups and modes are on the disk after a remount");
    return done_testing();
}
