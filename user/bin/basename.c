/*
 * basename string [suffix]: the last component of `string` (POSIX's steps: trailing slashes go,
 * then everything up to the last slash; "/" stays "/"), without `suffix` when it ends the
 * component and is not all of it.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    int i = 1;

    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (argc - i < 1 || argc - i > 2) {
        fprintf(stderr, "usage: basename string [suffix]\n");
        return 2;
    }
    char *s = argv[i];
    size_t end = strlen(s);
    while (end > 1 && s[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && s[start - 1] != '/')
        start--;
    if (end == 1 && s[0] == '/')
        start = 0; /* only slashes: "/" */
    size_t len = end - start;
    const char *suffix = argc - i == 2 ? argv[i + 1] : NULL;
    if (suffix && strlen(suffix) < len && memcmp(s + end - strlen(suffix), suffix, strlen(suffix)) == 0)
        len -= strlen(suffix);
    printf("%.*s\n", (int)len, s + start);
    return 0;
}
