/*
 * stat file...: what the file system says of each file, in coreutils' layout (the owner's and
 * group's names from /etc/passwd and /etc/group, UNKNOWN for an id without one; no birth time):
 *
 *     File: /bin/cat
 *     Size: 30784      Blocks: 64         IO Block: 4096   regular file
 *   Device: 0,1        Inode: 12          Links: 1
 *   Access: (0755/-rwxr-xr-x)  Uid: (    0/    root)   Gid: (    0/    root)
 *   Access: 2026-11-26 07:47:57 +0000
 *   Modify: 2026-11-26 07:47:57 +0000
 *   Change: 2026-11-26 07:47:57 +0000
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "modes.h"

static const char *type_name(const struct stat *st) {
    mode_t m = st->st_mode;
    return S_ISREG(m)    ? (st->st_size ? "regular file" : "regular empty file")
           : S_ISDIR(m)  ? "directory"
           : S_ISCHR(m)  ? "character special file"
           : S_ISBLK(m)  ? "block special file"
           : S_ISFIFO(m) ? "fifo"
           : S_ISLNK(m)  ? "symbolic link"
           : S_ISSOCK(m) ? "socket"
                         : "weird file";
}

static void print_time(const char *what, time_t t) {
    struct tm tm;
    char text[64];
    if (!gmtime_r(&t, &tm) || !strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S +0000", &tm))
        snprintf(text, sizeof(text), "%ld", (long)t);
    printf("%s: %s\n", what, text);
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        fprintf(stderr, "stat: %s: unknown option\nusage: stat file...\n", argv[i]);
        return 2;
    }
    if (i == argc) {
        fprintf(stderr, "usage: stat file...\n");
        return 2;
    }
    for (; i < argc; i++) {
        struct stat st;
        char mode[11], device[32];
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "stat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        mode_string(st.st_mode, mode);
        snprintf(device, sizeof(device), "%u,%u", major(st.st_dev), minor(st.st_dev));
        printf("  File: %s\n", argv[i]);
        printf("  Size: %-10ld\tBlocks: %-10ld IO Block: %-6ld %s\n", (long)st.st_size, (long)st.st_blocks,
               (long)st.st_blksize, type_name(&st));
        printf("Device: %s\tInode: %-11lu Links: %lu", device, (unsigned long)st.st_ino, (unsigned long)st.st_nlink);
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
            printf("     Device type: %u,%u", major(st.st_rdev), minor(st.st_rdev));
        struct passwd *pw = getpwuid(st.st_uid);
        char owner[40];
        snprintf(owner, sizeof(owner), "%s", pw ? pw->pw_name : "UNKNOWN"); /* the next lookup reuses its area */
        struct group *gr = getgrgid(st.st_gid);
        printf("\nAccess: (%04o/%s)  Uid: (%5lu/%8s)   Gid: (%5lu/%8s)\n", (unsigned)(st.st_mode & 07777), mode,
               (unsigned long)st.st_uid, owner, (unsigned long)st.st_gid, gr ? gr->gr_name : "UNKNOWN");
        print_time("Access", st.st_atime);
        print_time("Modify", st.st_mtime);
        print_time("Change", st.st_ctime);
    }
    return status;
}
