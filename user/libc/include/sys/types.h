/* Basic system types. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef int ssize_t;
typedef int32_t off_t;
typedef uint32_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t dev_t;
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef int32_t time_t;
typedef int32_t blksize_t;
typedef int32_t blkcnt_t;
typedef int32_t suseconds_t;
typedef uint32_t useconds_t;
typedef int clockid_t;
typedef long clock_t;

#endif
