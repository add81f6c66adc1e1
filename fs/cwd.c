/* The working directory of each process (see fs/file.h): kept in its struct fs_proc. */
#include "internal.h"
#include <lib/string.h>

const char *fs_cwd(void) {
    struct fs_proc *fs = fs_proc_current();

    return fs ? fs->cwd : "/";
}

void fs_set_cwd(const char *path) {
    struct fs_proc *fs = fs_proc_current();

    if (fs)
        strlcpy(fs->cwd, path, sizeof(fs->cwd));
}
