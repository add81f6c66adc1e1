/*
 * sort [-r] [-n] [-u] [-k field[,field]] [file...]: the lines of the files (standard input for
 * none, or "-") in order, byte by byte (the C locale). -n compares the numbers the keys start
 * with (an optional '-', digits, a decimal part; none is 0); -r reverses the order; -k N sorts by
 * the N-th blank-separated field to the end of the line (to the end of field M with -k N,M),
 * each field starting at the blanks before it, as POSIX says. The sort is stable: lines whose
 * keys are equal stay in the order they came (coreutils' sort -s); -u keeps only the first of
 * them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: sort [-r] [-n] [-u] [-k field[,field]] [file...]\n"

static bool reverse, numeric, unique;
static long key_first = 0, key_last = 0; /* fields, from 1; 0: the whole line, to the end */

struct line {
    const char *text; /* without its newline */
    size_t len;
};

/* The key of a line: where it starts and its length. */
static void key_of(const struct line *l, const char **key, size_t *len) {
    const char *s = l->text, *end = l->text + l->len;

    if (key_first > 0) {
        /* Field N starts after N - 1 fields, each blanks then non-blanks. */
        for (long f = 1; f < key_first && s < end; f++) {
            while (s < end && (*s == ' ' || *s == '\t'))
                s++;
            while (s < end && *s != ' ' && *s != '\t')
                s++;
        }
        if (key_last >= key_first) {
            const char *e = s;
            for (long f = key_first; f <= key_last && e < end; f++) {
                while (e < end && (*e == ' ' || *e == '\t'))
                    e++;
                while (e < end && *e != ' ' && *e != '\t')
                    e++;
            }
            end = e;
        }
    }
    *key = s;
    *len = (size_t)(end - s);
}

/* The number a key starts with (blanks skipped), as a double: enough for whole numbers up to 2^53. */
static double number_of(const char *s, size_t len) {
    const char *end = s + len;
    double value = 0, scale = 1;
    bool negative = false;

    while (s < end && isblank((unsigned char)*s))
        s++;
    if (s < end && *s == '-') {
        negative = true;
        s++;
    }
    for (; s < end && isdigit((unsigned char)*s); s++)
        value = value * 10 + (*s - '0');
    if (s < end && *s == '.') {
        for (s++; s < end && isdigit((unsigned char)*s); s++)
            value += (*s - '0') * (scale /= 10);
    }
    return negative ? -value : value;
}

/* <0, 0, >0 as a comes before, with, or after b (before -r). */
static int compare_keys(const struct line *a, const struct line *b) {
    const char *ka, *kb;
    size_t la, lb;

    key_of(a, &ka, &la);
    key_of(b, &kb, &lb);
    if (numeric) {
        double na = number_of(ka, la), nb = number_of(kb, lb);
        return na < nb ? -1 : na > nb ? 1 : 0;
    }
    int c = memcmp(ka, kb, la < lb ? la : lb);
    return c ? c : la < lb ? -1 : la > lb ? 1 : 0;
}

static int compare(const struct line *a, const struct line *b) {
    int c = compare_keys(a, b);
    return reverse ? -c : c;
}

/* A merge sort: stable, which qsort is not. tmp has n entries. */
static void merge_sort(struct line *v, struct line *tmp, size_t n) {
    if (n < 2)
        return;
    size_t half = n / 2, i = 0, j = half, k = 0;
    merge_sort(v, tmp, half);
    merge_sort(v + half, tmp, n - half);
    while (i < half && j < n)
        tmp[k++] = compare(&v[j], &v[i]) < 0 ? v[j++] : v[i++]; /* ties: the earlier one first */
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof(*v));
}

static char *text;
static size_t text_len, text_room;

/* Appends all of f to text. 0, or -1 with errno. */
static int slurp(FILE *f) {
    size_t got;
    for (;;) {
        if (text_len == text_room) {
            size_t room = text_room ? 2 * text_room : 4096;
            char *bigger = realloc(text, room + 1);
            if (!bigger)
                return -1;
            text = bigger;
            text_room = room;
        }
        if ((got = fread(text + text_len, 1, text_room - text_len, f)) == 0)
            break;
        text_len += got;
    }
    if (ferror(f))
        return -1;
    /* Each file's last line ends here, with or without its newline. */
    if (text_len > 0 && text[text_len - 1] != '\n') {
        if (text_len == text_room) {
            char *bigger = realloc(text, text_room + 2);
            if (!bigger)
                return -1;
            text = bigger;
            text_room++;
        }
        text[text_len++] = '\n';
    }
    return 0;
}

static int field_number(const char *s, long *out) {
    char *end;
    *out = strtol(s, &end, 10);
    return *s >= '0' && *s <= '9' && *out > 0 && (*end == '\0' || *end == ',') ? (int)(end - s) : -1;
}

int main(int argc, char **argv) {
    int i = 1, status = 0;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'r') {
                reverse = true;
            } else if (*o == 'n') {
                numeric = true;
            } else if (*o == 'u') {
                unique = true;
            } else if (*o == 's') {
                /* already stable */
            } else if (*o == 'k') {
                const char *spec = o[1] ? o + 1 : i + 1 < argc ? argv[++i] : "";
                int n = field_number(spec, &key_first);
                key_last = 0;
                if (n < 0 || (spec[n] == ',' && (field_number(spec + n + 1, &key_last) < 0 ||
                                                 strchr(spec + n + 1, ',') || key_last < key_first))) {
                    fprintf(stderr, "sort: -k %s: not a field (N or N,M, from 1)\n" USAGE, spec);
                    return 2;
                }
                break;
            } else {
                fprintf(stderr, "sort: -%c: unknown option\n" USAGE, *o);
                return 2;
            }
        }
    }
    if (i == argc && slurp(stdin) < 0) {
        fprintf(stderr, "sort: -: %s\n", strerror(errno));
        return 2;
    }
    for (; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
        if (!f || slurp(f) < 0) {
            fprintf(stderr, "sort: %s: %s\n", argv[i], strerror(errno));
            status = 2;
        }
        if (f && f != stdin)
            fclose(f);
    }
    if (status)
        return status; /* POSIX: nothing sorted is printed when an input is missing */
    size_t n = 0;
    for (size_t k = 0; k < text_len; k++)
        n += text[k] == '\n';
    struct line *lines = malloc((n + 1) * sizeof(*lines)), *tmp = malloc((n + 1) * sizeof(*tmp));
    if (!lines || !tmp) {
        fprintf(stderr, "sort: %s\n", strerror(ENOMEM));
        return 2;
    }
    for (size_t k = 0, start = 0, l = 0; k < text_len; k++) {
        if (text[k] == '\n') {
            lines[l++] = (struct line){text + start, k - start};
            start = k + 1;
        }
    }
    merge_sort(lines, tmp, n);
    for (size_t k = 0; k < n; k++) {
        if (unique && k > 0 && compare_keys(&lines[k - 1], &lines[k]) == 0)
            continue;
        fwrite(lines[k].text, 1, lines[k].len, stdout);
        putchar('\n');
    }
    free(lines);
    free(tmp);
    free(text);
    return ferror(stdout) ? 2 : 0;
}
