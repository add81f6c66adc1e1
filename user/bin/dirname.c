/*
 * dirname string: all of `string` but its last component (POSIX's steps): "a/b/" gives "a", a
 * name without a slash gives ".", and "/" or "/a" gives "/".
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    int i = 1;

    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (argc - i != 1) {
        fprintf(stderr, "usage: dirname string\n");
        return 2;
    }
    const char *s = argv[i];
    size_t end = strlen(s);
    while (end > 1 && s[end - 1] == '/') /* trailing slashes */
        end--;
    while (end > 0 && s[end - 1] != '/') /* the last component */
        end--;
    if (end == 0) {
        printf("%s\n", s[0] == '/' ? "/" : ".");
        return 0;
    }
    while (end > 1 && s[end - 1] == '/') /* the slashes before it */
        end--;
    printf("%.*s\n", (int)end, s);
    return 0;
}
