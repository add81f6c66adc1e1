/*
 * The user and group databases: getpwnam/getpwuid and getgrnam/getgrgid read /etc/passwd and
 * /etc/group (the root file system's, then files this test writes: malformed lines, members, a
 * line longer than the libc's buffer, a missing file), and id and whoami print from them.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "run_program.h"

static struct run_result r;

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    CHECK_EQ(close(fd), 0);
}

static void test_system_files(void) {
    struct passwd *pw = getpwnam("root");
    CHECK(pw != NULL);
    CHECK_EQ(pw->pw_uid, 0u);
    CHECK_EQ(pw->pw_gid, 0u);
    CHECK_EQ(strcmp(pw->pw_dir, "/"), 0);
    CHECK_EQ(strcmp(pw->pw_shell, "/bin/sh"), 0);
    pw = getpwuid(1000);
    CHECK(pw != NULL && strcmp(pw->pw_name, "user") == 0 && pw->pw_gid == 1000);
    errno = 1234;
    CHECK(getpwnam("nobody-here") == NULL && errno == 1234); /* none is not an error */
    CHECK(getpwuid(4242) == NULL && errno == 1234);
    struct group *gr = getgrgid(0);
    CHECK(gr != NULL && strcmp(gr->gr_name, "root") == 0 && gr->gr_mem[0] == NULL);
    gr = getgrnam("user");
    CHECK(gr != NULL && gr->gr_gid == 1000);
    CHECK(getgrnam("wheel") == NULL && errno == 1234);
    CHECK(getgrnam("root") != NULL && errno == 1234); /* nor is one found */
    PASS("getpwnam/getpwuid/getgrnam/getgrgid: root and user from /etc; none found is NULL, errno kept");
}

static void test_odd_files(void) {
    /* A 624-byte line whose tail, past the libc's 512-byte buffer, looks like an entry of uid 7:
     * it must not be read as one. */
    char long_line[700];
    memset(long_line, 'a', sizeof(long_line));
    strcpy(long_line + 600, "mallory:x:7:7::/:/bin/sh");
    char text[1200];
    snprintf(text, sizeof(text),
             "broken:x:5\n"               /* too few fields */
             "signed:x:-6:6::/:/bin/sh\n" /* not a number */
             "big:x:99999999999:6::/:/bin/sh\n"
             "%s\n"
             "alice:x:7:8:Alice A:/home/a:/bin/sh\n"
             "alice:x:9:9::/:/bin/sh\n", /* the first one wins */
             long_line);
    write_file("/etc/passwd", text);
    struct passwd *pw = getpwuid(7);
    CHECK(pw != NULL && strcmp(pw->pw_name, "alice") == 0 && strcmp(pw->pw_gecos, "Alice A") == 0);
    CHECK(getpwnam("broken") == NULL && getpwnam("signed") == NULL && getpwnam("big") == NULL);
    CHECK(getpwuid(5) == NULL && getpwuid(6) == NULL);
    pw = getpwnam("alice");
    CHECK(pw != NULL && pw->pw_uid == 7 && pw->pw_gid == 8 && strcmp(pw->pw_dir, "/home/a") == 0);
    write_file("/etc/group", "staff:x:50:alice,bob,carol\nempty:x:51:\n");
    struct group *gr = getgrnam("staff");
    CHECK(gr != NULL && gr->gr_gid == 50);
    CHECK(strcmp(gr->gr_mem[0], "alice") == 0 && strcmp(gr->gr_mem[1], "bob") == 0 &&
          strcmp(gr->gr_mem[2], "carol") == 0 && gr->gr_mem[3] == NULL);
    gr = getgrgid(51);
    CHECK(gr != NULL && gr->gr_mem[0] == NULL);
    CHECK_EQ(unlink("/etc/group"), 0);
    errno = 0;
    CHECK(getgrgid(0) == NULL && errno == ENOENT); /* the file could not be read: errno says why */
    PASS("malformed lines and ids skipped, a too-long line skipped whole, the first match wins, members, no file");
}

static void test_programs(void) {
    write_file("/etc/passwd", "root:x:0:0:root:/:/bin/sh\nuser:x:1000:1000::/tmp:/bin/sh\n");
    write_file("/etc/group", "root:x:0:\nuser:x:1000:\n");
    RUN(r, NULL, "/bin/id");
    CHECK_RUN(r, 0, "uid=0(root) gid=0(root) groups=0(root)\n", "");
    RUN(r, NULL, "/bin/id", "user");
    CHECK_RUN(r, 0, "uid=1000(user) gid=1000(user) groups=1000(user)\n", "");
    RUN(r, NULL, "/bin/id", "-u");
    CHECK_RUN(r, 0, "0\n", "");
    RUN(r, NULL, "/bin/id", "-un");
    CHECK_RUN(r, 0, "root\n", "");
    RUN(r, NULL, "/bin/id", "-g", "-n", "user");
    CHECK_RUN(r, 0, "user\n", "");
    RUN(r, NULL, "/bin/id", "-G");
    CHECK_RUN(r, 0, "0\n", "");
    RUN(r, NULL, "/bin/id", "nosuch");
    CHECK_RUN(r, 1, "", "id: nosuch: no such user\n");
    RUN(r, NULL, "/bin/id", "-ug");
    CHECK_RUN(r, 2, "", "id: only one of -u, -g, -G\nusage: id [user] | id -u|-g|-G [-nr] [user]\n");
    RUN(r, NULL, "/bin/id", "-n");
    CHECK_RUN(r, 2, "", "usage: id [user] | id -u|-g|-G [-nr] [user]\n");
    RUN(r, NULL, "/bin/whoami");
    CHECK_RUN(r, 0, "root\n", "");
    PASS("id: all, a user's, -u, -un, -g -n, -G, no such user (1), bad options (2); whoami");

    /* A process whose ids differ: real user, effective root is not possible to make without
     * set-user-ID files, so a child takes uid/gid 1000 entirely and one without a name. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(1000) || setuid(1000))
            _exit(3);
        RUN(r, NULL, "/bin/id");
        if (strcmp(r.out, "uid=1000(user) gid=1000(user) groups=1000(user)\n") != 0)
            _exit(4);
        RUN(r, NULL, "/bin/whoami");
        _exit(strcmp(r.out, "user\n") == 0 ? 0 : 5);
    }
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    write_file("/etc/passwd", "root:x:0:0:root:/:/bin/sh\n");
    RUN(r, NULL, "/bin/id", "-un");
    CHECK_RUN(r, 0, "root\n", "");
    pid = fork();
    if (pid == 0) {
        if (setuid(4242))
            _exit(3);
        RUN(r, NULL, "/bin/whoami");
        if (WEXITSTATUS(r.status) != 1 || strcmp(r.err, "whoami: cannot find name for user ID 4242\n") != 0)
            _exit(4);
        RUN(r, NULL, "/bin/id");
        _exit(strcmp(r.out, "uid=4242 gid=0(root) groups=0(root)\n") == 0 ? 0 : 5);
    }
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK_EXITED(status, 0);
    PASS("id and whoami as uid 1000, and as a uid with no name (whoami: status 1; id: the number)");
}

int main(void) {
    test_system_files();
    test_odd_files();
    test_programs();
    return done_testing();
}
