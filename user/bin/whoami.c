/* whoami: the name of the effective user (id -un), from /etc/passwd; status 1 when it has none. */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc > 1) {
        fprintf(stderr, "whoami: %s: unknown operand\nusage: whoami\n", argv[1]);
        return 2;
    }
    uid_t uid = geteuid();
    struct passwd *pw = getpwuid(uid);
    if (!pw) {
        fprintf(stderr, "whoami: cannot find name for user ID %u\n", (unsigned)uid);
        return 1;
    }
    printf("%s\n", pw->pw_name);
    return 0;
}
