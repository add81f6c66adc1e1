/*
 * Shared memory objects (shm_open, shm_unlink): a name "/NAME" is the file /tmp/.shm.NAME of the
 * kernel's ramfs, whose pages MAP_SHARED maps share across fork. The name is checked here, since
 * POSIX leaves the file system out of it: a name that does not start with '/' or has a second '/'
 * is EINVAL, and one too long for the file's name (NAME_MAX) is ENAMETOOLONG.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHM_DIR "/tmp"
#define SHM_PREFIX SHM_DIR "/.shm."

/* Fills path with the file of object `name`; 0, or -1 with errno. */
static int shm_path(const char *name, char path[PATH_MAX]) {
    if (!name || name[0] != '/' || name[1] == '\0' || strchr(name + 1, '/')) {
        errno = EINVAL;
        return -1;
    }
    size_t len = strlen(name + 1);
    if (len + sizeof(".shm.") - 1 > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, SHM_PREFIX, sizeof(SHM_PREFIX) - 1);
    memcpy(path + sizeof(SHM_PREFIX) - 1, name + 1, len + 1);
    return 0;
}

int shm_open(const char *name, int oflag, mode_t mode) {
    char path[PATH_MAX];

    if (shm_path(name, path) < 0)
        return -1;
    int access = oflag & O_ACCMODE;
    if ((access != O_RDONLY && access != O_RDWR) || (oflag & ~(O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC))) {
        errno = EINVAL;
        return -1;
    }
    /* POSIX: the descriptor has FD_CLOEXEC. */
    int fd = open(path, oflag | O_CLOEXEC, mode);
    if (fd < 0 && errno == ENOENT && (oflag & O_CREAT)) {
        /* No /tmp (a root without one): make it, world-writable and sticky, and try again. */
        if (mkdir(SHM_DIR, 01777) < 0 && errno != EEXIST)
            return -1;
        fd = open(path, oflag | O_CLOEXEC, mode);
    }
    return fd;
}

int shm_unlink(const char *name) {
    char path[PATH_MAX];

    if (shm_path(name, path) < 0)
        return -1;
    return unlink(path);
}
