/* errno and the error numbers (abi/errno.h has the values). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <abi/errno.h>

/*
 * The rest of POSIX's error numbers, with Linux's i386 values like the kernel's: no call of the
 * kernel returns them yet, but programs name them and strerror describes them.
 */
#define ETXTBSY 26
#define ENOMSG 42
#define EIDRM 43
#define ENOSTR 60
#define ENODATA 61
#define ETIME 62
#define ENOSR 63
#define ENOLINK 67
#define EPROTO 71
#define EMULTIHOP 72
#define EBADMSG 74
#define EILSEQ 84
#define ENOTSOCK 88
#define EDESTADDRREQ 89
#define EPROTOTYPE 91
#define ENOPROTOOPT 92
#define EPROTONOSUPPORT 93
#define ENOTSUP 95
#define EAFNOSUPPORT 97
#define EADDRINUSE 98
#define EADDRNOTAVAIL 99
#define ENETDOWN 100
#define ENETUNREACH 101
#define ENETRESET 102
#define ECONNABORTED 103
#define ECONNRESET 104
#define ENOBUFS 105
#define EISCONN 106
#define ENOTCONN 107
#define ECONNREFUSED 111
#define EHOSTUNREACH 113
#define EALREADY 114
#define EINPROGRESS 115
#define ESTALE 116
#define EDQUOT 122
#define EOWNERDEAD 130
#define ENOTRECOVERABLE 131
#define EOPNOTSUPP ENOTSUP

/* Each thread has its own errno (a thread-local variable of the libc). */
int *__errno_location(void);
#define errno (*__errno_location())

#endif
