/* Message catalogs: catopen, catgets, catclose (<nl_types.h> describes the file). */
#include <errno.h>
#include <fcntl.h>
#include <nl_types.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CAT_MAGIC "LUNECAT1"
#define CAT_MAGIC_LEN 8
#define CAT_FILE_MAX (1u << 20) /* a catalog larger than this is refused (EINVAL): a bound on memory */

struct cat_entry {
    uint32_t set, msg, offset, len;
};

struct __nl_cat {
    uint32_t magic; /* CAT_OPEN while open: catgets and catclose know a catalog from garbage */
    uint32_t count;
    const struct cat_entry *entries;
    const char *texts;
    char *file; /* the whole file, as read */
};

#define CAT_OPEN 0x6e6c6361u

/* Reads the whole of `fd` into a new buffer; its size in *size. NULL with errno. */
static char *read_all(int fd, size_t *size) {
    struct stat st;
    if (fstat(fd, &st) != 0)
        return NULL;
    if (!S_ISREG(st.st_mode) || (uint32_t)st.st_size > CAT_FILE_MAX) {
        errno = EINVAL;
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    *size = got;
    return buf;
}

/* Checks every number of the file before catgets trusts it: 0, or -1 (not a catalog). */
static int parse(struct __nl_cat *cat, size_t size) {
    uint32_t count;
    if (size < CAT_MAGIC_LEN + 4 || memcmp(cat->file, CAT_MAGIC, CAT_MAGIC_LEN) != 0)
        return -1;
    memcpy(&count, cat->file + CAT_MAGIC_LEN, 4);
    size_t head = CAT_MAGIC_LEN + 4;
    if (count > (size - head) / sizeof(struct cat_entry))
        return -1;
    const struct cat_entry *e = (const struct cat_entry *)(cat->file + head);
    size_t texts_at = head + count * sizeof(struct cat_entry), texts_size = size - texts_at;
    for (uint32_t i = 0; i < count; i++) {
        if (e[i].offset >= texts_size || e[i].len >= texts_size - e[i].offset ||
            cat->file[texts_at + e[i].offset + e[i].len] != '\0')
            return -1;
        if (i > 0 && (e[i].set < e[i - 1].set || (e[i].set == e[i - 1].set && e[i].msg <= e[i - 1].msg)))
            return -1; /* catgets searches by halves: the order must hold */
    }
    cat->count = count;
    cat->entries = e;
    cat->texts = cat->file + texts_at;
    return 0;
}

static nl_catd open_path(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return (nl_catd)-1;
    struct __nl_cat *cat = malloc(sizeof(*cat));
    size_t size = 0;
    char *file = cat ? read_all(fd, &size) : NULL;
    int saved = cat ? errno : ENOMEM;
    close(fd);
    if (!file) {
        free(cat);
        errno = saved;
        return (nl_catd)-1;
    }
    /* entries are read as uint32_t: malloc's blocks are aligned for them. */
    cat->file = file;
    if (parse(cat, size) != 0) {
        free(file);
        free(cat);
        errno = EINVAL;
        return (nl_catd)-1;
    }
    cat->magic = CAT_OPEN;
    return cat;
}

/* The path template `t` (up to the next ':' or its end) for `name`, into buf. */
static void expand(const char *t, size_t tlen, const char *name, char *buf, size_t size) {
    size_t n = 0;
    for (size_t i = 0; i < tlen && n + 1 < size; i++) {
        if (t[i] != '%' || i + 1 == tlen) {
            buf[n++] = t[i];
            continue;
        }
        char c = t[++i];
        const char *add = c == 'N' ? name : c == '%' ? "%" : ""; /* the locale is empty */
        for (; *add && n + 1 < size; add++)
            buf[n++] = *add;
    }
    buf[n] = '\0';
}

nl_catd catopen(const char *name, int oflag) {
    (void)oflag; /* one locale: NL_CAT_LOCALE and 0 are the same */
    if (!name || !*name) {
        errno = ENOENT;
        return (nl_catd)-1;
    }
    if (strchr(name, '/'))
        return open_path(name);
    const char *nlspath = getenv("NLSPATH");
    if (!nlspath)
        nlspath = "/lib/nls/%N";
    char path[256];
    for (const char *t = nlspath;;) {
        const char *end = strchr(t, ':');
        size_t len = end ? (size_t)(end - t) : strlen(t);
        expand(t, len, name, path, sizeof(path));
        if (path[0]) {
            nl_catd cat = open_path(path);
            if (cat != (nl_catd)-1)
                return cat;
        }
        if (!end)
            break;
        t = end + 1;
    }
    errno = ENOENT;
    return (nl_catd)-1;
}

static bool is_open(nl_catd catd) {
    return catd && catd != (nl_catd)-1 && catd->magic == CAT_OPEN;
}

char *catgets(nl_catd catd, int set, int msg, const char *s) {
    if (!is_open(catd)) {
        errno = EBADF;
        return (char *)s;
    }
    size_t lo = 0, hi = catd->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct cat_entry *e = &catd->entries[mid];
        if (e->set == (uint32_t)set && e->msg == (uint32_t)msg)
            return (char *)catd->texts + e->offset;
        if (e->set < (uint32_t)set || (e->set == (uint32_t)set && e->msg < (uint32_t)msg))
            lo = mid + 1;
        else
            hi = mid;
    }
    errno = ENOMSG;
    return (char *)s;
}

int catclose(nl_catd catd) {
    if (!is_open(catd)) {
        errno = EBADF;
        return -1;
    }
    catd->magic = 0;
    free(catd->file);
    free(catd);
    return 0;
}
