/* POSIX process, descriptor and directory calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <abi/fcntl.h> /* F_OK, R_OK, W_OK, X_OK */
#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern char **environ;

pid_t fork(void);
__attribute__((noreturn)) void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
off_t lseek(int fd, off_t offset, int whence);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int unlink(const char *path);
int rmdir(const char *path);
int access(const char *path, int mode);
int ftruncate(int fd, off_t length);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void *sbrk(intptr_t increment);
int brk(void *addr);
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
int isatty(int fd);

/* Makes system call `number` with up to six arguments (sys/syscall.h has the numbers). */
long syscall(long number, ...);

#endif
