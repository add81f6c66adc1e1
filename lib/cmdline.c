/* Kernel command-line lookup; see lib/cmdline.h. */
#include <lib/cmdline.h>
#include <lib/string.h>

bool cmdline_get(const char *cmdline, const char *key, char *value, size_t size) {
    size_t klen = strlen(key);
    const char *found = NULL;
    size_t found_len = 0;
    const char *p = cmdline;

    while (*p) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t wlen = (size_t)(p - word);
        if (wlen >= klen && strncmp(word, key, klen) == 0 && (wlen == klen || word[klen] == '=')) {
            found = wlen == klen ? word + klen : word + klen + 1;
            found_len = wlen == klen ? 0 : wlen - klen - 1;
        }
    }
    if (!found)
        return false;
    if (value && size) {
        size_t n = found_len < size - 1 ? found_len : size - 1;
        memcpy(value, found, n);
        value[n] = '\0';
    }
    return true;
}
