/* mount [-r] [-t ext2] device dir: mounts the ext2 file system on a disk (-r: read-only). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv) {
    const char *type = "ext2";
    unsigned long flags = 0;
    int i = 1;

    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-r") == 0) {
            flags |= MS_RDONLY;
        } else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) {
            type = argv[++i];
        } else {
            break;
        }
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: mount [-r] [-t ext2] device dir\n");
        return 2;
    }
    if (mount(argv[i], argv[i + 1], type, flags, NULL) < 0) {
        fprintf(stderr, "mount: %s on %s: %s\n", argv[i], argv[i + 1], strerror(errno));
        return 1;
    }
    return 0;
}
