/*
 * Line editing at a terminal: what a person at the prompt expects of a shell. The terminal is
 * put in non-canonical mode without echo for the time a line is typed (the keys' signals stay
 * on: Ctrl-C still interrupts, through the shell's SIGINT handler), and this file echoes, moves
 * the cursor and redraws with the VT100 sequences every terminal emulator understands:
 *
 *   Left/Right, Ctrl-B/Ctrl-F   move a character        Home/End, Ctrl-A/Ctrl-E   line's ends
 *   Backspace, Delete           delete a character      Ctrl-U/Ctrl-K             kill to an end
 *   Ctrl-W                      delete a word before    Up/Down, Ctrl-P/Ctrl-N    history
 *   Tab                         complete a file name (a command name first in the line, from $PATH)
 *   Ctrl-D                      the end of input on an empty line, else delete the character
 *   Ctrl-L                      clear the screen        Ctrl-C                    drop the line
 *
 * The terminal's modes are restored before the line is returned, so the commands it runs find
 * the terminal as it was. Moving the cursor back does not cross a wrapped line: a line longer
 * than the terminal is wide still edits correctly, but its picture may lag behind.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

/* Code that waits for keys typed by a person is never in a hurry, and every byte of the shell is
 * copied into memory at each exec of it (`sh -c true` is a benchmark): compiled for size. */
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)

#define LINE_MAX_LEN 1024 /* a longer line is refused a key at a time (the bell) */
#define HISTORY_MAX 100
#define CTRL(c) ((c)&0x1f)
#define DEL 0x7f
#define ESC 0x1b

static char *history[HISTORY_MAX]; /* the oldest first */
static int history_count;

/* The line being edited and what is shown of it. */
static struct {
    int in, out;
    const char *prompt;
    char line[LINE_MAX_LEN + 2];  /* the text, then the newline and NUL it is returned with */
    size_t len, pos;              /* its length; the cursor, 0..len */
    char draft[LINE_MAX_LEN + 1]; /* the line typed before Up went into the history */
    int browsing;                 /* the history entry shown, history_count: the draft */
    char out_buf[256];
    size_t out_len;
} ed;

static void flush(void) {
    for (size_t done = 0; done < ed.out_len;) {
        ssize_t n = write(ed.out, ed.out_buf + done, ed.out_len - done);
        if (n <= 0 && errno != EINTR)
            break;
        if (n > 0)
            done += (size_t)n;
    }
    ed.out_len = 0;
}

static void put(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (ed.out_len == sizeof(ed.out_buf))
            flush();
        ed.out_buf[ed.out_len++] = s[i];
    }
}

static void puts_(const char *s) {
    put(s, strlen(s));
}

/* Moves the cursor n columns left (n > 0). */
static void left(size_t n) {
    char seq[16];

    if (n == 1) {
        put("\b", 1);
    } else if (n > 1) {
        snprintf(seq, sizeof(seq), "\x1b[%zuD", n);
        puts_(seq);
    }
}

/* Redraws from column `from` of the line to its end, clears what is left of an older, longer
 * picture, and puts the cursor back at ed.pos. The cursor is at `from` when called. */
static void redraw_from(size_t from) {
    put(ed.line + from, ed.len - from);
    puts_("\x1b[K");
    left(ed.len - ed.pos);
}

/* Replaces the whole line (history, Ctrl-U) with `text`, the cursor at its end. */
static void replace_line(const char *text) {
    size_t was = ed.pos;

    ed.len = strlen(text);
    if (ed.len > LINE_MAX_LEN)
        ed.len = LINE_MAX_LEN;
    memcpy(ed.line, text, ed.len);
    ed.pos = ed.len;
    left(was);
    redraw_from(0);
}

static void redisplay(void) {
    puts_(ed.prompt);
    size_t pos = ed.pos;
    ed.pos = ed.len;
    redraw_from(0);
    left(ed.len - pos);
    ed.pos = pos;
}

static void insert(const char *s, size_t n) {
    if (ed.len + n > LINE_MAX_LEN) {
        puts_("\a");
        return;
    }
    memmove(ed.line + ed.pos + n, ed.line + ed.pos, ed.len - ed.pos);
    memcpy(ed.line + ed.pos, s, n);
    ed.len += n;
    size_t from = ed.pos;
    ed.pos += n;
    if (ed.pos == ed.len)
        put(s, n); /* typing at the end: just the echo, as the terminal itself would */
    else
        redraw_from(from);
}

/* Deletes n characters at `at` (the cursor moves there first). */
static void erase(size_t at, size_t n) {
    left(ed.pos - at);
    ed.pos = at;
    memmove(ed.line + at, ed.line + at + n, ed.len - at - n);
    ed.len -= n;
    redraw_from(at);
}

/* --- history ---------------------------------------------------------------------------------- */

static void history_add(const char *line, size_t len) {
    if (len == 0 || (history_count && strlen(history[history_count - 1]) == len &&
                     memcmp(history[history_count - 1], line, len) == 0))
        return;
    char *copy = malloc(len + 1);
    if (!copy)
        return;
    memcpy(copy, line, len);
    copy[len] = '\0';
    if (history_count == HISTORY_MAX) {
        free(history[0]);
        memmove(history, history + 1, (HISTORY_MAX - 1) * sizeof(history[0]));
        history_count--;
    }
    history[history_count++] = copy;
}

int edit_history(const char *const **lines) {
    *lines = (const char *const *)history;
    return history_count;
}

static void history_move(int step) {
    int to = ed.browsing + step;

    if (to < 0 || to > history_count) {
        puts_("\a");
        return;
    }
    if (ed.browsing == history_count) {
        memcpy(ed.draft, ed.line, ed.len);
        ed.draft[ed.len] = '\0';
    }
    ed.browsing = to;
    replace_line(to == history_count ? ed.draft : history[to]);
}

/* --- completion ------------------------------------------------------------------------------- */

struct matches {
    char common[LINE_MAX_LEN + 1]; /* what every match shares past the prefix */
    size_t count;
    bool dir; /* the one match is a directory */
};

/* Collects the names in directory `dir` that begin with prefix[0..plen), printing them too when
 * `show`. */
static void match_dir(const char *dir, const char *prefix, size_t plen, struct matches *m, bool show, bool programs) {
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, plen) != 0 || (e->d_name[0] == '.' && (plen == 0 || prefix[0] != '.')))
            continue;
        char path[512];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        bool is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        if (programs && is_dir)
            continue;
        const char *rest = e->d_name + plen;
        if (m->count++ == 0) {
            strncpy(m->common, rest, sizeof(m->common) - 1);
            m->dir = is_dir;
        } else {
            size_t i = 0;
            while (m->common[i] && m->common[i] == rest[i])
                i++;
            m->common[i] = '\0';
        }
        if (show) {
            puts_(e->d_name);
            puts_(is_dir ? "/  " : "  ");
        }
    }
    closedir(d);
}

/* Tab: completes the word before the cursor. The first word of a line, without a slash, is a
 * program in $PATH's directories; any other is a file name. One match is completed whole (and
 * followed by a space, or a slash for a directory); several, to what they share, and a second
 * Tab lists them. */
static void complete(bool list) {
    size_t start = ed.pos;
    while (start > 0 && ed.line[start - 1] != ' ' && ed.line[start - 1] != '\t')
        start--;
    size_t before = start;
    while (before > 0 && (ed.line[before - 1] == ' ' || ed.line[before - 1] == '\t'))
        before--;
    char word[LINE_MAX_LEN + 1];
    memcpy(word, ed.line + start, ed.pos - start);
    word[ed.pos - start] = '\0';
    bool command = before == 0 || strchr(";|&(", ed.line[before - 1]);
    char *slash = strrchr(word, '/');
    struct matches m = {.count = 0};

    for (int pass = 0; pass < (list ? 2 : 1); pass++) {
        bool show = pass == 1;
        if (show) {
            if (m.count < 2)
                return;
            puts_("\n");
        }
        m.count = 0;
        if (command && !slash) {
            const char *path = var_get("PATH");
            char dirs[512];
            strncpy(dirs, path ? path : "/bin", sizeof(dirs) - 1);
            dirs[sizeof(dirs) - 1] = '\0';
            for (char *dir = strtok(dirs, ":"); dir; dir = strtok(NULL, ":"))
                match_dir(dir, word, strlen(word), &m, show, true);
        } else if (slash) {
            char dir[LINE_MAX_LEN + 1];
            size_t dlen = (size_t)(slash - word);
            memcpy(dir, word, dlen);
            dir[dlen] = '\0';
            match_dir(dlen ? dir : "/", slash + 1, strlen(slash + 1), &m, show, false);
        } else {
            match_dir(".", word, strlen(word), &m, show, false);
        }
        if (show) {
            puts_("\n");
            redisplay();
            return;
        }
    }
    if (m.count == 0) {
        puts_("\a");
        return;
    }
    size_t n = strlen(m.common);
    if (n)
        insert(m.common, n);
    if (m.count == 1)
        insert(m.dir ? "/" : " ", 1);
    else if (!n)
        puts_("\a");
}

/* --- keys ------------------------------------------------------------------------------------- */

/*
 * The SIGINT handler sets `interrupted` whenever Ctrl-C comes, also while this file is not in
 * read (echoing the key before, say): a read begun after that would wait for a key. So the
 * handler also writes a byte to a pipe, and a key is waited for with select on the terminal and
 * that pipe together: a Ctrl-C before the select or during it ends the wait either way.
 */
static int wake_pipe[2] = {-1, -1};

void edit_wake(void) {
    if (wake_pipe[1] >= 0) {
        int saved = errno;
        (void)!write(wake_pipe[1], "", 1);
        errno = saved;
    }
}

static bool make_wake_pipe(void) {
    if (wake_pipe[0] >= 0)
        return true;
    if (pipe(wake_pipe) < 0)
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(wake_pipe[i], F_SETFL, O_NONBLOCK);
    }
    return true;
}

/* A key's byte; -1 at the end of input or an error, -2 when Ctrl-C interrupted the wait. */
static int read_byte(void) {
    unsigned char c;
    char drain[16];

    flush();
    for (;;) {
        if (interrupted)
            return -2;
        fd_set ready;
        FD_ZERO(&ready);
        FD_SET(ed.in, &ready);
        FD_SET(wake_pipe[0], &ready);
        int n = select((ed.in > wake_pipe[0] ? ed.in : wake_pipe[0]) + 1, &ready, NULL, NULL, NULL);
        if (n < 0 && errno != EINTR)
            return -1;
        if (n <= 0)
            continue;
        if (FD_ISSET(wake_pipe[0], &ready)) {
            while (read(wake_pipe[0], drain, sizeof(drain)) > 0)
                ;
            continue;
        }
        ssize_t got = read(ed.in, &c, 1);
        if (got == 1)
            return c;
        if (got < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

enum key { KEY_NONE = 256, KEY_UP, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END, KEY_DELETE };

/* After ESC: a CSI or SS3 sequence (ESC [ params final, ESC O final). */
static int read_escape(void) {
    int c = read_byte(), param = 0;

    if (c != '[' && c != 'O')
        return c < 0 ? c : KEY_NONE;
    for (;;) {
        c = read_byte();
        if (c < 0)
            return c;
        if (c >= '0' && c <= '9')
            param = param * 10 + (c - '0');
        else if (c >= 0x40 && c <= 0x7e)
            break;
    }
    switch (c) {
    case 'A':
        return KEY_UP;
    case 'B':
        return KEY_DOWN;
    case 'C':
        return KEY_RIGHT;
    case 'D':
        return KEY_LEFT;
    case 'H':
        return KEY_HOME;
    case 'F':
        return KEY_END;
    case '~':
        return param == 1 || param == 7   ? KEY_HOME
               : param == 4 || param == 8 ? KEY_END
               : param == 3               ? KEY_DELETE
                                          : KEY_NONE;
    default:
        return KEY_NONE;
    }
}

/* Acts on one key: 1 when the line is done, 0 to go on, -1 at the end of input, -2 interrupted. */
static int handle(int key, int *tabs) {
    if (key != '\t')
        *tabs = 0;
    switch (key) {
    case '\r':
    case '\n':
        put(ed.line + ed.pos, ed.len - ed.pos); /* the cursor to the end, then the newline */
        ed.pos = ed.len;
        puts_("\n");
        return 1;
    case CTRL('D'):
        if (ed.len == 0)
            return -1;
        /* fall through */
    case KEY_DELETE:
        if (ed.pos < ed.len)
            erase(ed.pos, 1);
        return 0;
    case DEL:
    case '\b':
        if (ed.pos > 0)
            erase(ed.pos - 1, 1);
        return 0;
    case CTRL('B'):
    case KEY_LEFT:
        if (ed.pos > 0) {
            left(1);
            ed.pos--;
        }
        return 0;
    case CTRL('F'):
    case KEY_RIGHT:
        if (ed.pos < ed.len)
            put(ed.line + ed.pos++, 1);
        return 0;
    case CTRL('A'):
    case KEY_HOME:
        left(ed.pos);
        ed.pos = 0;
        return 0;
    case CTRL('E'):
    case KEY_END:
        put(ed.line + ed.pos, ed.len - ed.pos);
        ed.pos = ed.len;
        return 0;
    case CTRL('U'):
        if (ed.pos > 0)
            erase(0, ed.pos);
        return 0;
    case CTRL('K'):
        ed.len = ed.pos;
        puts_("\x1b[K");
        return 0;
    case CTRL('W'): {
        size_t at = ed.pos;
        while (at > 0 && ed.line[at - 1] == ' ')
            at--;
        while (at > 0 && ed.line[at - 1] != ' ')
            at--;
        if (at < ed.pos)
            erase(at, ed.pos - at);
        return 0;
    }
    case CTRL('P'):
    case KEY_UP:
        history_move(-1);
        return 0;
    case CTRL('N'):
    case KEY_DOWN:
        history_move(1);
        return 0;
    case CTRL('L'):
        puts_("\x1b[H\x1b[2J");
        redisplay();
        return 0;
    case '\t':
        complete(++*tabs >= 2);
        return 0;
    case KEY_NONE:
        return 0;
    default:
        if (key >= ' ' && key < 256) {
            char c = (char)key;
            insert(&c, 1);
        }
        return 0;
    }
}

const char *edit_line(int in, int out, const char *prompt) {
    struct termios saved, raw;

    if (tcgetattr(in, &saved) < 0 || !make_wake_pipe())
        return NULL;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(in, TCSANOW, &raw);

    ed.in = in;
    ed.out = out;
    ed.prompt = prompt;
    ed.len = ed.pos = 0;
    ed.browsing = history_count;
    puts_(prompt);
    int done = 0, tabs = 0;
    while (done == 0) {
        int key = read_byte();
        if (key == ESC)
            key = read_escape();
        done = key < 0 ? key : handle(key, &tabs);
    }
    if (done == -2)
        puts_("^C");
    flush();
    tcsetattr(in, TCSANOW, &saved);
    if (done < 0)
        return NULL;
    history_add(ed.line, ed.len);
    ed.line[ed.len] = '\n';
    ed.line[ed.len + 1] = '\0';
    return ed.line;
}

bool edit_possible(int fd) {
    struct termios t;

    return isatty(fd) && tcgetattr(fd, &t) == 0;
}

#pragma clang attribute pop
