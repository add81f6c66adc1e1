/* Reading directories through getdents64 (see dirent.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct __dirstream {
    int fd;
    size_t pos, len; /* the records of buf not read yet: [pos, len) */
    struct dirent entry;
    char buf[2048] __attribute__((aligned(8)));
};

DIR *opendir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *dir = malloc(sizeof(*dir));
    if (!dir) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    dir->fd = fd;
    dir->pos = dir->len = 0;
    return dir;
}

struct dirent *readdir(DIR *dir) {
    if (dir->pos >= dir->len) {
        ssize_t n = getdents64(dir->fd, dir->buf, sizeof(dir->buf));
        if (n <= 0)
            return NULL;
        dir->len = (size_t)n;
        dir->pos = 0;
    }
    const struct abi_dirent64 *e = (const struct abi_dirent64 *)(dir->buf + dir->pos);
    dir->pos += e->d_reclen;
    dir->entry.d_ino = (ino_t)e->d_ino;
    dir->entry.d_off = (off_t)e->d_off;
    dir->entry.d_reclen = sizeof(dir->entry);
    dir->entry.d_type = e->d_type;
    strlcpy(dir->entry.d_name, e->d_name, sizeof(dir->entry.d_name));
    return &dir->entry;
}

int closedir(DIR *dir) {
    int r = close(dir->fd);
    free(dir);
    return r;
}

void rewinddir(DIR *dir) {
    lseek(dir->fd, 0, SEEK_SET);
    dir->pos = dir->len = 0;
}

int dirfd(DIR *dir) {
    return dir->fd;
}
