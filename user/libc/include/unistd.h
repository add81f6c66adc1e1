/* POSIX process, descriptor and directory calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <abi/fcntl.h> /* F_OK, R_OK, W_OK, X_OK */
#include <stddef.h>
#include <sys/types.h>

/*
 * The POSIX edition these headers follow, and the options the system really offers (docs/libc.md
 * says why each option is here or not). An option not defined here is not supported: sysconf
 * returns -1 for it and leaves errno alone.
 */
#define _POSIX_VERSION 200809L
#define _POSIX_JOB_CONTROL 1             /* process groups, sessions, SIGTSTP, tcsetpgrp */
#define _POSIX_MONOTONIC_CLOCK 200809L   /* CLOCK_MONOTONIC for clock_gettime */
#define _POSIX_NO_TRUNC 1                /* a component longer than NAME_MAX is ENAMETOOLONG */
#define _POSIX_VDISABLE 0                /* the c_cc value that turns a terminal key off */
#define _POSIX_MAPPED_FILES 200809L      /* mmap of regular files, msync */
#define _POSIX_MEMORY_PROTECTION 200809L /* mprotect */
#define _POSIX_THREADS 200809L           /* <pthread.h>: the kernel's threads, futex waits */
#define _POSIX_THREAD_ATTR_STACKSIZE 200809L
#define _POSIX_THREAD_ATTR_STACKADDR 200809L
#define _POSIX_THREAD_PROCESS_SHARED 200809L /* sync objects in MAP_SHARED memory */
#define _POSIX_BARRIERS 200809L
#define _POSIX_SPIN_LOCKS 200809L
#define _POSIX_READER_WRITER_LOCKS 200809L
#define _POSIX_CPUTIME 200809L             /* CLOCK_PROCESS_CPUTIME_ID, clock_getcpuclockid (own process) */
#define _POSIX_THREAD_CPUTIME 200809L      /* CLOCK_THREAD_CPUTIME_ID, pthread_getcpuclockid */
#define _POSIX_SEMAPHORES 200809L          /* <semaphore.h>, named (files of /tmp) and unnamed */
#define _POSIX_TIMERS 200809L              /* timer_create and its kin (<time.h>) */
#define _POSIX_PRIORITY_SCHEDULING 200809L /* SCHED_FIFO, SCHED_RR (<sched.h>) */

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
/* The calling thread's id (the process's id in its first thread); Linux's, not POSIX's. */
pid_t gettid(void);
/* User and group ids: real (get*id), effective (gete*id). set*id: as root all three (real,
 * effective, saved) ids change, otherwise only the effective one, to the real or saved id
 * (EPERM); EINVAL for an id above INT32_MAX, (uid_t)-1 among them. seteuid/setegid change only the effective id. */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int seteuid(uid_t uid);
int setegid(gid_t gid);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgrp(void);
/* XSI: makes the caller a process group leader unless it leads a session; returns its group. */
pid_t setpgrp(void);
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
/* Sets the size of the file at `path`, which the caller must be allowed to write (EACCES). */
int truncate(const char *path, off_t length);
/* Gives a file to `owner` and group `group`, (uid_t)-1 or (gid_t)-1 keeping one: root any ids;
 * the owner only its file's group, to its effective group; EPERM otherwise. */
int chown(const char *path, uid_t owner, gid_t group);
int fchown(int fd, uid_t owner, gid_t group);
/* Writes every file system's pending changes to its disk (never fails). */
void sync(void);
/* What was written to `fd`'s file is on its disk when this returns. 0, or -1 with errno EBADF,
 * EINVAL (a pipe, a terminal: nothing to write back), EIO. */
int fsync(int fd);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void *sbrk(intptr_t increment);
int brk(void *addr);
unsigned sleep(unsigned seconds);
/* SIGALRM in `seconds` (0: none), replacing any earlier alarm or ITIMER_REAL timer; returns the
 * seconds the earlier one had left (rounded to the nearest, at least 1), or 0. */
unsigned alarm(unsigned seconds);
/* Waits until a signal runs a handler (or ends the process); always -1/EINTR. */
int pause(void);
int usleep(useconds_t usec);
int isatty(int fd);

/* sysconf's names (values of our own). */
enum {
    _SC_ARG_MAX,
    _SC_CHILD_MAX,
    _SC_CLK_TCK,
    _SC_NGROUPS_MAX,
    _SC_OPEN_MAX,
    _SC_PAGESIZE,
    _SC_LINE_MAX,
    _SC_STREAM_MAX,
    _SC_ATEXIT_MAX,
    _SC_NPROCESSORS_CONF,
    _SC_NPROCESSORS_ONLN,
    _SC_VERSION,
    _SC_JOB_CONTROL,
    _SC_MONOTONIC_CLOCK,
    _SC_SAVED_IDS,
    _SC_MAPPED_FILES,
    _SC_MEMORY_PROTECTION,
    _SC_TIMERS,
    _SC_REALTIME_SIGNALS,
    _SC_THREADS,
    _SC_SEMAPHORES,
    _SC_FSYNC,
    _SC_PRIORITY_SCHEDULING,
    _SC_SHARED_MEMORY_OBJECTS,
    _SC_ASYNCHRONOUS_IO,
    _SC_CPUTIME,
    _SC_CLOCK_SELECTION,
    _SC_SPAWN,
    _SC_REGEXP,
    _SC_THREAD_CPUTIME,
    _SC_THREAD_KEYS_MAX,
    _SC_THREAD_STACK_MIN,
    _SC_THREAD_THREADS_MAX,
    _SC_THREAD_DESTRUCTOR_ITERATIONS,
    _SC_THREAD_ATTR_STACKSIZE,
    _SC_THREAD_ATTR_STACKADDR,
    _SC_THREAD_PROCESS_SHARED,
    _SC_BARRIERS,
    _SC_SPIN_LOCKS,
    _SC_READER_WRITER_LOCKS,
    _SC_SEM_NSEMS_MAX,
    _SC_SEM_VALUE_MAX,
    _SC_TIMER_MAX,
    _SC_DELAYTIMER_MAX,
};
#define _SC_PAGE_SIZE _SC_PAGESIZE

/*
 * The value of a system limit or option `name` (_SC_*): a limit the kernel or the libc enforces,
 * an option's _POSIX_* value, or -1 with errno unchanged for an option the system does not offer.
 * An unknown name is -1 with EINVAL.
 */
long sysconf(int name);

/* Makes system call `number` with up to six arguments (sys/syscall.h has the numbers). */
long syscall(long number, ...);

#endif
