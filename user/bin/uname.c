/*
 * uname [-amnrsv]: the system's name (-s, the default), its node name (-n), the kernel's release
 * (-r) and version (-v), the machine (-m); -a all five, in that order (POSIX's). Options may be
 * joined (-sr).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#define USAGE "usage: uname [-amnrsv]\n"

int main(int argc, char **argv) {
    static const char order[] = "snrvm"; /* POSIX's order of the fields */
    unsigned want = 0;                   /* bit i: order[i] */

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            fprintf(stderr, "uname: %s: unknown operand\n" USAGE, a);
            return 2;
        }
        for (a++; *a; a++) {
            const char *at = strchr(order, *a);
            if (*a == 'a')
                want = 0x1f;
            else if (at)
                want |= 1u << (at - order);
            else {
                fprintf(stderr, "uname: -%c: unknown option\n" USAGE, *a);
                return 2;
            }
        }
    }
    struct utsname u;
    if (uname(&u) != 0) {
        fprintf(stderr, "uname: %s\n", strerror(errno));
        return 1;
    }
    const char *fields[] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    if (!want)
        want = 1;
    const char *sep = "";
    for (int i = 0; i < 5; i++) {
        if (want & (1u << i)) {
            printf("%s%s", sep, fields[i]);
            sep = " ";
        }
    }
    printf("\n");
    return 0;
}
