/*
 * chmod mode file...: sets each file's permission bits. The mode is octal (644, 4755) or POSIX's
 * symbolic form, clauses separated by commas: who (u g o a, none: all, less the umask's bits for
 * + and -), then one or more of an operator (+ adds, - removes, = sets) and permissions (r w x,
 * X: x if a directory or some x is set already, s: set-user/group-ID, t: sticky, or u g o: the
 * bits that class has now). Examples: chmod 755 f, chmod u+x,go-w f, chmod a=r f. Status 1 if
 * some file could not be changed (the others still are), 2 for a bad mode.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define USAGE "usage: chmod mode file...\n"

/* The new mode of a file whose mode is `old` under `spec`; false if spec is not a mode. */
static bool apply(const char *spec, mode_t old, mode_t mask, mode_t *out) {
    mode_t mode = old & 07777;
    if (*spec >= '0' && *spec <= '7') {
        unsigned v = 0;
        for (const char *p = spec; *p; p++) {
            if (*p < '0' || *p > '7' || (v = v * 8 + (unsigned)(*p - '0')) > 07777)
                return false;
        }
        *out = v;
        return true;
    }
    const char *p = spec;
    for (;;) {
        mode_t who = 0;
        for (; *p && strchr("ugoa", *p); p++)
            who |= *p == 'u' ? 04700 : *p == 'g' ? 02070 : *p == 'o' ? 01007 : 07777;
        bool masked = who == 0;
        if (masked)
            who = 07777;
        if (*p != '+' && *p != '-' && *p != '=')
            return false;
        while (*p == '+' || *p == '-' || *p == '=') {
            char op = *p++;
            mode_t perm = 0;
            for (; *p && strchr("rwxXstugo", *p); p++) {
                switch (*p) {
                case 'r':
                    perm |= 0444;
                    break;
                case 'w':
                    perm |= 0222;
                    break;
                case 'x':
                    perm |= 0111;
                    break;
                case 'X':
                    if (S_ISDIR(old) || (old & 0111))
                        perm |= 0111;
                    break;
                case 's':
                    perm |= 06000;
                    break;
                case 't':
                    perm |= 01000;
                    break;
                default: { /* u, g or o: that class's bits now, copied to every class */
                    int shift = *p == 'u' ? 6 : *p == 'g' ? 3 : 0;
                    mode_t bits = (mode >> shift) & 7;
                    perm |= bits << 6 | bits << 3 | bits;
                }
                }
            }
            mode_t affected = who & perm;
            if (masked)
                affected &= ~mask;
            if (op == '+')
                mode |= affected;
            else if (op == '-')
                mode &= ~affected;
            else
                mode = (mode & ~who) | affected; /* =: the class's other bits go, s and t too */
        }
        if (*p == '\0')
            break;
        if (*p++ != ',')
            return false;
    }
    *out = mode;
    return true;
}

int main(int argc, char **argv) {
    int i = 1;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (argc - i < 2) {
        fprintf(stderr, USAGE);
        return 2;
    }
    const char *spec = argv[i++];
    mode_t mask = umask(0);
    umask(mask);
    mode_t probe;
    if (!apply(spec, 0, mask, &probe)) {
        fprintf(stderr, "chmod: %s: not a mode\n" USAGE, spec);
        return 2;
    }
    int status = 0;
    for (; i < argc; i++) {
        struct stat st;
        mode_t mode;
        if (stat(argv[i], &st) != 0 || !apply(spec, st.st_mode, mask, &mode) || chmod(argv[i], mode) != 0) {
            fprintf(stderr, "chmod: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
