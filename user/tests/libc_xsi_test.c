/*
 * Smaller gaps of the libc, each as POSIX words it: the permission bits of <sys/stat.h> (fixed
 * values, kept by the file that open creates with them), setpgrp (XSI: the caller leads a new
 * process group unless it leads a session; it returns the group), and mkstemp (the trailing
 * XXXXXX become a new file's name, created 0600 and open for reading and writing; a template
 * without them is EINVAL).
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "check.h"

static void permission_bits(void) {
    CHECK_EQ(S_IRWXU, S_IRUSR | S_IWUSR | S_IXUSR);
    CHECK_EQ(S_IRWXG, S_IRGRP | S_IWGRP | S_IXGRP);
    CHECK_EQ(S_IRWXO, S_IROTH | S_IWOTH | S_IXOTH);
    CHECK_EQ(S_IRUSR, 0400);
    CHECK_EQ(S_IXOTH, 01);
    CHECK_EQ(S_ISUID, 04000);
    CHECK_EQ(S_ISGID, 02000);
    CHECK_EQ(S_ISVTX, 01000);

    const char *path = "/libc_xsi_bits";
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR | S_IXGRP | S_IROTH);
    CHECK(fd >= 0);
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_mode & 07777, 0614);
    CHECK(S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode) && !S_ISBLK(st.st_mode) && !S_ISSOCK(st.st_mode));
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(unlink(path), 0);
    PASS("the permission bits have POSIX's values and a new file keeps them");
}

static void setpgrp_in_group(void) {
    if (getpgrp() == getpid())
        exit(2);
    if (setpgrp() != getpid() || getpgrp() != getpid())
        exit(3);
    exit(0);
}

static void setpgrp_session_leader(void) {
    if (setsid() != getpid())
        exit(2);
    errno = 777;
    if (setpgrp() != getpid() || errno != 777) /* setpgid's EPERM is not the caller's */
        exit(3);
    exit(0);
}

static void set_process_group(void) {
    CHECK_EXITED(run_in_child(setpgrp_in_group), 0);
    PASS("setpgrp makes the caller lead a process group of its own and returns it");
    CHECK_EXITED(run_in_child(setpgrp_session_leader), 0);
    PASS("setpgrp of a session leader keeps its group, returns it, and sets no errno");
}

static void temporary_files(void) {
    char a[] = "/mkstemp_aXXXXXX", b[] = "/mkstemp_aXXXXXX";
    int fa = mkstemp(a), fb = mkstemp(b);
    CHECK(fa >= 0 && fb >= 0);
    CHECK_EQ(strncmp(a, "/mkstemp_a", 10), 0);
    CHECK_EQ(strlen(a), 16);
    CHECK(strcmp(a + 10, "XXXXXX") != 0);
    CHECK(strcmp(a, b) != 0);
    struct stat st;
    CHECK_EQ(stat(a, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_mode & 07777, 0600);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(write(fa, "data", 4), 4);
    CHECK_EQ(lseek(fa, 0, SEEK_SET), 0);
    char buf[4];
    CHECK_EQ(read(fa, buf, 4), 4);
    CHECK_EQ(memcmp(buf, "data", 4), 0);
    CHECK_EQ(close(fa), 0);
    CHECK_EQ(close(fb), 0);
    CHECK_EQ(unlink(a), 0);
    CHECK_EQ(unlink(b), 0);
    PASS("mkstemp makes a new file of mode 0600 under a name of its own, open for reading and writing");

    char five[] = "/mkstemp_XXXXX", after[] = "/mkstemp_XXXXXXa", none[] = "";
    int fd = lowest_free_fd();
    CHECK_ERR(mkstemp(five), EINVAL);
    CHECK_EQ(strcmp(five, "/mkstemp_XXXXX"), 0);
    CHECK_ERR(mkstemp(after), EINVAL);
    CHECK_EQ(strcmp(after, "/mkstemp_XXXXXXa"), 0);
    CHECK_ERR(mkstemp(none), EINVAL);
    char missing[] = "/no/such/dir/XXXXXX";
    CHECK_ERR(mkstemp(missing), ENOENT);
    CHECK_EQ(lowest_free_fd(), fd);
    PASS("mkstemp: a template not ending in XXXXXX is EINVAL and left alone; open's errors pass through");
}

int main(void) {
    permission_bits();
    set_process_group();
    temporary_files();
    return done_testing();
}
