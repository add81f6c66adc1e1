/* Standard I/O over file descriptors: stdout is line buffered, stderr unbuffered. */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 1024
#define FOPEN_MAX 32     /* streams open at once (STREAM_MAX): each holds a descriptor */
#define FILENAME_MAX 256 /* PATH_MAX */

typedef struct file FILE;

extern FILE *stdin, *stdout, *stderr;

/* Streams on files: fully buffered, flushed at fclose and at exit. mode: "r", "w", "a", "r+"... */
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(FILE *f, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int fputs(const char *s, FILE *f);
int putchar(int c);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int getchar(void);
int fgetc(FILE *f);
int getc(FILE *f);
char *fgets(char *buf, int size, FILE *f);
/* Reads a whole line (with its newline) into *line, grown with realloc as needed; its length,
 * or -1 at end of file or on an error. */
ssize_t getline(char **line, size_t *size, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);
int fflush(FILE *f);
int rename(const char *oldpath, const char *newpath);
/* Removes a file (unlink) or an empty directory (rmdir). */
int remove(const char *path);
int ferror(FILE *f);
int feof(FILE *f);
int fileno(FILE *f);
void perror(const char *s);
/* A stream's lock, which every call on it takes (recursive): a thread holds it across several
 * calls with these. ftrylockfile is 0 when it got it. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);

#endif
