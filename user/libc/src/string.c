/* The string functions programs want beyond lib/string.c. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    return p ? memcpy(p, s, n) : NULL;
}

char *strndup(const char *s, size_t n) {
    size_t len = strnlen(s, n);
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

char *strncat(char *restrict dst, const char *restrict src, size_t n) {
    char *d = dst + strlen(dst);
    while (n-- && *src)
        *d++ = *src++;
    *d = '\0';
    return dst;
}

size_t strspn(const char *s, const char *accept) {
    size_t n = 0;
    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject) {
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept) {
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

char *strtok(char *restrict s, const char *restrict delim) {
    static char *saved;

    if (!s)
        s = saved;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        saved = NULL;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end)
        *end++ = '\0';
    else
        end = NULL;
    saved = end;
    return s;
}

char *strerror(int err) {
    static const char *const messages[] = {
        [0] = "Success",
        [EPERM] = "Operation not permitted",
        [ENOENT] = "No such file or directory",
        [ESRCH] = "No such process",
        [EINTR] = "Interrupted system call",
        [EIO] = "Input/output error",
        [E2BIG] = "Argument list too long",
        [ENOEXEC] = "Exec format error",
        [EBADF] = "Bad file descriptor",
        [ECHILD] = "No child processes",
        [EAGAIN] = "Resource temporarily unavailable",
        [ENOMEM] = "Cannot allocate memory",
        [EACCES] = "Permission denied",
        [EFAULT] = "Bad address",
        [EBUSY] = "Device or resource busy",
        [EEXIST] = "File exists",
        [ENODEV] = "No such device",
        [ENOTDIR] = "Not a directory",
        [EISDIR] = "Is a directory",
        [EINVAL] = "Invalid argument",
        [EMFILE] = "Too many open files",
        [ENOTTY] = "Inappropriate ioctl for device",
        [ENOSPC] = "No space left on device",
        [ESPIPE] = "Illegal seek",
        [EROFS] = "Read-only file system",
        [EPIPE] = "Broken pipe",
        [ERANGE] = "Numerical result out of range",
        [ENAMETOOLONG] = "File name too long",
        [ENOSYS] = "Function not implemented",
        [ENOTEMPTY] = "Directory not empty",
    };
    static char unknown[32];

    if (err >= 0 && err < (int)(sizeof(messages) / sizeof(messages[0])) && messages[err])
        return (char *)messages[err];
    snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
    return unknown;
}
