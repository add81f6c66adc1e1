/*
 * sync: would write every file system's pending changes to its disk. Every file system lives in
 * memory today, with nothing to write back, so it only says so; it has a meaning once there are
 * disks.
 */
#include <stdio.h>

int main(void) {
    printf("sync: nothing to write back: every file system is in memory\n");
    return 0;
}
