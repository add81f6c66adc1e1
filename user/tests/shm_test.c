/* shm_open, shm_unlink: names, flags, errors, and an object mapped MAP_SHARED across fork. */
#include <fcntl.h>
#include <sys/mman.h>

#include "check.h"

static void create_open_unlink(void) {
    int fd = shm_open("/lune_a", O_CREAT | O_EXCL | O_RDWR, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    struct stat st;
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(write(fd, "hello", 5), 5);
    /* The object is the file /tmp/.shm.lune_a. */
    CHECK_EQ(stat("/tmp/.shm.lune_a", &st), 0);
    CHECK_EQ(st.st_size, 5);
    CHECK_ERR(shm_open("/lune_a", O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
    int ro = shm_open("/lune_a", O_RDONLY, 0);
    CHECK(ro >= 0);
    char buf[8] = {0};
    CHECK_EQ(read(ro, buf, sizeof(buf)), 5);
    CHECK(memcmp(buf, "hello", 5) == 0);
    CHECK_ERR(write(ro, "x", 1), EBADF);
    CHECK_EQ(close(ro), 0);
    int again = shm_open("/lune_a", O_CREAT | O_RDWR, 0600); /* exists: opened */
    CHECK(again >= 0);
    CHECK_EQ(close(again), 0);
    int trunc = shm_open("/lune_a", O_RDWR | O_TRUNC, 0);
    CHECK(trunc >= 0);
    CHECK_EQ(fstat(trunc, &st), 0);
    CHECK_EQ(st.st_size, 0);
    CHECK_EQ(close(trunc), 0);
    CHECK_EQ(shm_unlink("/lune_a"), 0);
    CHECK_ERR(shm_open("/lune_a", O_RDWR, 0), ENOENT);
    CHECK_ERR(shm_unlink("/lune_a"), ENOENT);
    /* An open descriptor outlives the name. */
    CHECK_EQ(write(fd, "x", 1), 1);
    CHECK_EQ(close(fd), 0);
    PASS("O_CREAT, O_EXCL (EEXIST), O_RDONLY, O_TRUNC; shm_unlink, then ENOENT");
}

static void bad_names_and_flags(void) {
    int free_fd = lowest_free_fd();
    CHECK_ERR(shm_open("lune_b", O_CREAT | O_RDWR, 0600), EINVAL);
    CHECK_ERR(shm_open("/lune/b", O_CREAT | O_RDWR, 0600), EINVAL);
    CHECK_ERR(shm_open("/", O_CREAT | O_RDWR, 0600), EINVAL);
    CHECK_ERR(shm_open("", O_CREAT | O_RDWR, 0600), EINVAL);
    CHECK_ERR(shm_open("/lune_b", O_CREAT | O_WRONLY, 0600), EINVAL);
    CHECK_ERR(shm_open("/lune_b", O_CREAT | O_RDWR | O_APPEND, 0600), EINVAL);
    CHECK_ERR(shm_unlink("lune_b"), EINVAL);
    CHECK_ERR(shm_unlink("/lune/b"), EINVAL);
    char longest[64] = "/";
    memset(longest + 1, 'n', 54); /* ".shm." + 54 bytes: NAME_MAX (59) */
    int fd = shm_open(longest, O_CREAT | O_EXCL | O_RDWR, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(shm_unlink(longest), 0);
    longest[55] = 'n';
    CHECK_ERR(shm_open(longest, O_CREAT | O_RDWR, 0600), ENAMETOOLONG);
    CHECK_ERR(shm_unlink(longest), ENAMETOOLONG);
    CHECK_ERR(stat("/tmp/.shm.lune_b", &(struct stat){0}), ENOENT);
    CHECK_EQ(lowest_free_fd(), free_fd);
    PASS("EINVAL for a name without a leading '/', with another '/', or for O_WRONLY; ENAMETOOLONG");
}

static void shared_across_fork(void) {
    int fd = shm_open("/lune_shared", O_CREAT | O_EXCL | O_RDWR, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 8192), 0);
    volatile int *mem = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(mem != MAP_FAILED);
    CHECK_EQ(mem[0], 0);
    mem[0] = 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (mem[0] != 1)
            _exit(2);
        mem[1] = 42;
        mem[1024] = 43; /* the second page */
        /* The child maps the object again by name: the same pages. */
        int fd2 = shm_open("/lune_shared", O_RDWR, 0);
        if (fd2 < 0)
            _exit(3);
        volatile int *again = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
        if (again == MAP_FAILED || again[1] != 42)
            _exit(4);
        again[3] = 44;
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(mem[1], 42);
    CHECK_EQ(mem[1024], 43);
    CHECK_EQ(mem[3], 44);
    /* A new opening reads what was written through the mapping. */
    int ro = shm_open("/lune_shared", O_RDONLY, 0);
    CHECK(ro >= 0);
    int v = 0;
    CHECK_EQ(lseek(ro, 4, SEEK_SET), 4);
    CHECK_EQ(read(ro, &v, sizeof(v)), (long)sizeof(v));
    CHECK_EQ(v, 42);
    /* Read-only: no writable shared mapping. */
    CHECK(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
    CHECK_EQ(close(ro), 0);
    CHECK_EQ(munmap((void *)mem, 8192), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(shm_unlink("/lune_shared"), 0);
    PASS("ftruncate, then mmap MAP_SHARED: parent and child share the pages");
}

static void private_is_copied(void) {
    int fd = shm_open("/lune_private", O_CREAT | O_EXCL | O_RDWR, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 4096), 0);
    volatile long *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(priv != MAP_FAILED);
    priv[0] = 123456;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (priv[0] != 123456)
            _exit(2);
        priv[0] = 100000;
        _exit(0);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    CHECK_EQ(priv[0], 123456); /* the child's write stayed in its copy */
    long v = -1;
    CHECK_EQ(read(fd, &v, sizeof(v)), (long)sizeof(v));
    CHECK_EQ(v, 0); /* and neither reached the object */
    CHECK_EQ(munmap((void *)priv, 4096), 0);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(shm_unlink("/lune_private"), 0);
    PASS("MAP_PRIVATE of an object: writes stay in the process that made them");
}

static void makes_tmp(void) {
    /* Without /tmp, O_CREAT makes it (the test's root has one: take it away first). */
    struct stat st;
    if (stat("/tmp", &st) == 0)
        CHECK_EQ(rmdir("/tmp"), 0);
    CHECK_ERR(shm_open("/lune_c", O_RDWR, 0), ENOENT);
    CHECK_ERR(stat("/tmp", &st), ENOENT);
    int fd = shm_open("/lune_c", O_CREAT | O_RDWR, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(stat("/tmp", &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_mode & 07777, 01777);
    CHECK_EQ(close(fd), 0);
    CHECK_EQ(shm_unlink("/lune_c"), 0);
    PASS("O_CREAT makes a missing /tmp (mode 01777)");
}

int main(void) {
    create_open_unlink();
    bad_names_and_flags();
    shared_across_fork();
    private_is_copied();
    makes_tmp();
    return done_testing();
}
