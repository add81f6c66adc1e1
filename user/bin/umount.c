/* umount dir...: unmounts the file system mounted on each directory, writing it back. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv) {
    int status = 0;

    if (argc == 1) {
        fprintf(stderr, "usage: umount dir...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (umount(argv[i]) < 0) {
            fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
