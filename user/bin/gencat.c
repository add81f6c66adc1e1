/*
 * gencat catfile msgfile...: makes (or adds to) a message catalog for catopen (<nl_types.h>
 * describes the file catopen reads). A msgfile of "-" is standard input.
 *
 * A msgfile, as POSIX's gencat reads it, line by line:
 *   $set N [comment]     the messages that follow are of set N (1 .. NL_SETMAX); NL_SETD before any
 *   $delset N [comment]  removes set N (from the existing catalog too)
 *   $quote c             c (one character) quotes a message; `$quote` alone: no quoting
 *   $ comment            (a '$' then a blank), and empty lines: ignored
 *   N text               message N (1 .. NL_MSGMAX) of the current set: the text after one blank,
 *                        with \n \t \v \b \r \f \\ \ddd (octal) and a '\' at the end of a line
 *                        going on with the next line; a message given twice keeps the last
 *   N                    (a number alone) removes message N
 * Exits 0, or 1 with a message naming the file and line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NL_SETMAX 255
#define NL_MSGMAX 32767
#define MAGIC "LUNECAT1"

struct message {
    uint32_t set, msg;
    char *text;
    size_t len;
};

static struct message *messages;
static size_t count, room;

static void fail(const char *what) {
    fprintf(stderr, "gencat: %s\n", what);
    exit(1);
}

static struct message *find(uint32_t set, uint32_t msg) {
    for (size_t i = 0; i < count; i++) {
        if (messages[i].set == set && messages[i].msg == msg)
            return &messages[i];
    }
    return NULL;
}

static void remove_where(uint32_t set, uint32_t msg, int whole_set) {
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        if (messages[i].set == set && (whole_set || messages[i].msg == msg))
            free(messages[i].text);
        else
            messages[kept++] = messages[i];
    }
    count = kept;
}

/* Takes `text` (malloc'd) as message msg of set `set`. */
static void put(uint32_t set, uint32_t msg, char *text, size_t len) {
    struct message *m = find(set, msg);
    if (m) {
        free(m->text);
    } else {
        if (count == room) {
            room = room ? room * 2 : 32;
            messages = realloc(messages, room * sizeof(*messages));
            if (!messages)
                fail("out of memory");
        }
        m = &messages[count++];
        m->set = set;
        m->msg = msg;
    }
    m->text = text;
    m->len = len;
}

/* An existing catalog's messages, so that gencat adds to it (POSIX). */
static void load(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return; /* none yet */
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && st.st_size >= 12 && (buf = malloc((size_t)st.st_size)) &&
        read(fd, buf, (size_t)st.st_size) == st.st_size && memcmp(buf, MAGIC, 8) == 0) {
        uint32_t n;
        memcpy(&n, buf + 8, 4);
        size_t texts = 12 + (size_t)n * 16;
        for (uint32_t i = 0; texts <= (size_t)st.st_size && i < n; i++) {
            uint32_t e[4];
            memcpy(e, buf + 12 + i * 16, 16);
            if (e[2] > (size_t)st.st_size || e[3] > (size_t)st.st_size || texts + e[2] + e[3] >= (size_t)st.st_size)
                break;
            char *text = malloc(e[3] + 1);
            if (!text)
                fail("out of memory");
            memcpy(text, buf + texts + e[2], e[3] + 1);
            put(e[0], e[1], text, e[3]);
        }
    } else {
        fprintf(stderr, "gencat: %s: not a catalog, replaced\n", path);
    }
    free(buf);
    close(fd);
}

static const char *file_name;
static int line_no;

static void syntax(const char *what) {
    fprintf(stderr, "gencat: %s:%d: %s\n", file_name, line_no, what);
    exit(1);
}

/* A number at *p (moved past it), within 1..max. */
static uint32_t number(const char **p, long max) {
    char *end;
    long n = strtol(*p, &end, 10);
    if (end == *p || n < 1 || n > max)
        syntax("a number out of range or missing");
    *p = end;
    return (uint32_t)n;
}

/* Appends the text of a message line from `p`, escapes undone; returns 1 when it goes on. */
static int text(const char *p, char quote, char **out, size_t *len, size_t *cap) {
    for (; *p && *p != '\n'; p++) {
        char c = *p;
        if (quote && c == quote)
            continue; /* quotes delimit, they are not part of the text */
        if (c == '\\') {
            p++;
            switch (*p) {
            case '\0':
            case '\n':
                return 1; /* continued on the next line */
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'v':
                c = '\v';
                break;
            case 'b':
                c = '\b';
                break;
            case 'r':
                c = '\r';
                break;
            case 'f':
                c = '\f';
                break;
            default:
                if (*p >= '0' && *p <= '7') {
                    int v = 0;
                    for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
                        v = v * 8 + (*p - '0');
                    p--;
                    c = (char)v;
                } else {
                    c = *p; /* \\, \", and anything else stands for itself */
                }
            }
        }
        if (*len + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 64;
            *out = realloc(*out, *cap);
            if (!*out)
                fail("out of memory");
        }
        (*out)[(*len)++] = c;
    }
    return 0;
}

static void read_source(FILE *f) {
    char *line = NULL;
    size_t size = 0;
    uint32_t set = 1; /* NL_SETD */
    char quote = 0;

    line_no = 0;
    while (getline(&line, &size, f) >= 0) {
        line_no++;
        const char *p = line;
        if (*p == '$') {
            if (strncmp(p, "$set", 4) == 0 && (p[4] == ' ' || p[4] == '\t')) {
                p += 5;
                set = number(&p, NL_SETMAX);
            } else if (strncmp(p, "$delset", 7) == 0 && (p[7] == ' ' || p[7] == '\t')) {
                p += 8;
                remove_where(number(&p, NL_SETMAX), 0, 1);
            } else if (strncmp(p, "$quote", 6) == 0) {
                quote = (p[6] == ' ' || p[6] == '\t') && p[7] && p[7] != '\n' ? p[7] : 0;
            } else if (p[1] != ' ' && p[1] != '\t' && p[1] != '\n' && p[1] != '\0') {
                syntax("an unknown $ directive");
            }
            continue;
        }
        if (*p == '\n' || *p == '\0')
            continue;
        if (*p < '0' || *p > '9')
            syntax("a line that is neither a directive nor a numbered message");
        uint32_t msg = number(&p, NL_MSGMAX);
        if (*p == '\n' || *p == '\0') {
            remove_where(set, msg, 0);
            continue;
        }
        if (*p != ' ' && *p != '\t')
            syntax("no blank after the message number");
        p++;
        char *out = NULL;
        size_t len = 0, cap = 0;
        while (text(p, quote, &out, &len, &cap)) {
            if (getline(&line, &size, f) < 0)
                break;
            line_no++;
            p = line;
        }
        if (!out && !(out = malloc(1)))
            fail("out of memory");
        out[len] = '\0';
        put(set, msg, out, len);
    }
    free(line);
}

static int by_number(const void *a, const void *b) {
    const struct message *x = a, *y = b;
    if (x->set != y->set)
        return x->set < y->set ? -1 : 1;
    return x->msg < y->msg ? -1 : x->msg > y->msg;
}

static void write_catalog(const char *path) {
    qsort(messages, count, sizeof(*messages), by_number);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gencat: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    uint32_t n = (uint32_t)count, offset = 0;
    fwrite(MAGIC, 1, 8, f);
    fwrite(&n, 4, 1, f);
    for (size_t i = 0; i < count; i++) {
        uint32_t e[4] = {messages[i].set, messages[i].msg, offset, (uint32_t)messages[i].len};
        fwrite(e, 4, 4, f);
        offset += (uint32_t)messages[i].len + 1;
    }
    for (size_t i = 0; i < count; i++)
        fwrite(messages[i].text, 1, messages[i].len + 1, f);
    if (ferror(f) | (fclose(f) != 0)) {
        fprintf(stderr, "gencat: %s: %s\n", path, strerror(errno));
        exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: gencat catfile msgfile...\n");
        return 2;
    }
    load(argv[1]);
    for (int i = 2; i < argc; i++) {
        file_name = argv[i];
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
        if (!f) {
            fprintf(stderr, "gencat: %s: %s\n", argv[i], strerror(errno));
            return 1;
        }
        read_source(f);
        if (f != stdin)
            fclose(f);
    }
    write_catalog(argv[1]);
    return 0;
}
