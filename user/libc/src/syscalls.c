/*
 * Thin wrappers over the system calls (docs/syscalls.md). The ones POSIX makes cancellation points
 * (read, write, open, close, fsync, msync, waitpid, sigsuspend, sigtimedwait, nanosleep, select,
 * fcntl's F_SETLKW) make their call through __sys_cp_<name> (internal.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/poweroff.h>
#include <sys/procinfo.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "internal.h"

pid_t fork(void) {
    __fork_prepare();
    long r = __sys_fork();
    if (r == 0)
        __fork_child();
    else
        __fork_parent();
    return (pid_t)__result(r);
}

void _exit(int status) {
    __sys_exit(status);
    for (;;)
        ;
}

pid_t getpid(void) {
    return (pid_t)__sys_getpid();
}
uid_t getuid(void) {
    return (uid_t)__sys_getuid(); /* never fails: every value is an id */
}
uid_t geteuid(void) {
    return (uid_t)__sys_geteuid();
}
gid_t getgid(void) {
    return (gid_t)__sys_getgid();
}
gid_t getegid(void) {
    return (gid_t)__sys_getegid();
}
int setuid(uid_t uid) {
    return (int)__result(__sys_setuid(uid));
}
int setgid(gid_t gid) {
    return (int)__result(__sys_setgid(gid));
}
int seteuid(uid_t uid) {
    return (int)__result(__sys_seteuid(uid));
}
int setegid(gid_t gid) {
    return (int)__result(__sys_setegid(gid));
}
pid_t getppid(void) {
    return (pid_t)__sys_getppid();
}
pid_t getpgid(pid_t pid) {
    return (pid_t)__result(__sys_getpgid(pid));
}
pid_t getpgrp(void) {
    return getpgid(0);
}
pid_t setpgrp(void) {
    int saved = errno;
    if (setpgid(0, 0) < 0) /* EPERM for a session leader, which keeps its group */
        errno = saved;
    return getpgrp();
}
int setpgid(pid_t pid, pid_t pgid) {
    return (int)__result(__sys_setpgid(pid, pgid));
}
pid_t setsid(void) {
    return (pid_t)__result(__sys_setsid());
}
pid_t getsid(pid_t pid) {
    return (pid_t)__result(__sys_getsid(pid));
}
ssize_t read(int fd, void *buf, size_t n) {
    return (ssize_t)__result(__sys_cp_read(fd, buf, n));
}
ssize_t write(int fd, const void *buf, size_t n) {
    return (ssize_t)__result(__sys_cp_write(fd, buf, n));
}
int close(int fd) {
    return (int)__result(__sys_cp_close(fd));
}
/* The same calls as no cancellation points, for the libc's own use (internal.h). */
ssize_t __read_nocancel(int fd, void *buf, size_t n) {
    return (ssize_t)__result(__sys_read(fd, buf, n));
}
ssize_t __write_nocancel(int fd, const void *buf, size_t n) {
    return (ssize_t)__result(__sys_write(fd, buf, n));
}
int __close_nocancel(int fd) {
    return (int)__result(__sys_close(fd));
}
pid_t __waitpid_nocancel(pid_t pid, int *status, int options) {
    return (pid_t)__result(__sys_waitpid(pid, status, options));
}
int dup(int fd) {
    return (int)__result(__sys_dup(fd));
}
int dup2(int fd, int newfd) {
    return (int)__result(__sys_dup2(fd, newfd));
}
int pipe(int fds[2]) {
    return (int)__result(__sys_pipe(fds));
}
off_t lseek(int fd, off_t off, int whence) {
    return (off_t)__result(__sys_lseek(fd, off, whence));
}
int chdir(const char *path) {
    return (int)__result(__sys_chdir(path));
}

char *getcwd(char *buf, size_t size) {
    return __result(__sys_getcwd(buf, size)) < 0 ? NULL : buf;
}

int execve(const char *path, char *const argv[], char *const envp[]) {
    return (int)__result(__sys_execve(path, argv, envp));
}

int execv(const char *path, char *const argv[]) {
    return execve(path, argv, environ);
}

int open(const char *path, int flags, ...) {
    uint32_t mode = 0;

    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)__result(__sys_cp_open(path, flags, mode));
}

int creat(const char *path, mode_t mode) {
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

_Static_assert(sizeof(struct flock) == sizeof(struct abi_flock), "struct flock is the kernel's struct abi_flock");
int fcntl(int fd, int cmd, ...) {
    va_list ap;

    va_start(ap, cmd);
    if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
        struct flock *lock = va_arg(ap, struct flock *);
        va_end(ap);
        /* F_SETLKW, which may wait, is a cancellation point (POSIX); the others are not. */
        return (int)__result(cmd == F_SETLKW ? __sys_cp_fcntl_lock(fd, cmd, lock) : __sys_fcntl_lock(fd, cmd, lock));
    }
    int arg = va_arg(ap, int); /* every other command reads at most an int; the others ignore it */
    va_end(ap);
    return (int)__result(__sys_fcntl(fd, cmd, arg));
}
int stat(const char *path, struct stat *st) {
    return (int)__result(__sys_stat(path, st));
}
int fstat(int fd, struct stat *st) {
    return (int)__result(__sys_fstat(fd, st));
}
int mkdir(const char *path, mode_t mode) {
    return (int)__result(__sys_mkdir(path, mode));
}
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags) {
    /* The kernel's form with a NULL path is futimens's; glibc refuses it here with EINVAL too. */
    if (!path) {
        errno = EINVAL;
        return -1;
    }
    return (int)__result(__sys_utimensat(dirfd, path, times, flags));
}
int futimens(int fd, const struct timespec times[2]) {
    return (int)__result(__sys_utimensat(fd, NULL, times, 0));
}
int utime(const char *path, const struct utimbuf *times) {
    struct timespec ts[2] = {{times ? times->actime : 0, times ? 0 : UTIME_NOW},
                             {times ? times->modtime : 0, times ? 0 : UTIME_NOW}};
    return utimensat(AT_FDCWD, path, ts, 0);
}
int unlink(const char *path) {
    return (int)__result(__sys_unlink(path));
}
int rmdir(const char *path) {
    return (int)__result(__sys_rmdir(path));
}
int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data) {
    (void)data;
    return (int)__result(__sys_mount(source, target, fstype, (unsigned)flags));
}
int umount(const char *target) {
    return (int)__result(__sys_umount(target));
}
int rename(const char *oldpath, const char *newpath) {
    return (int)__result(__sys_rename(oldpath, newpath));
}
int remove(const char *path) {
    int r = unlink(path);
    return r == 0 || errno != EISDIR ? r : rmdir(path);
}
int access(const char *path, int mode) {
    return (int)__result(__sys_access(path, mode));
}
void sync(void) {
    (void)__sys_sync();
}

int fsync(int fd) {
    return (int)__result(__sys_cp_fsync(fd));
}

int truncate(const char *path, off_t length) {
    return (int)__result(__sys_truncate(path, length));
}
mode_t umask(mode_t mask) {
    return (mode_t)__sys_umask(mask);
}
int chmod(const char *path, mode_t mode) {
    return (int)__result(__sys_chmod(path, mode));
}
int fchmod(int fd, mode_t mode) {
    return (int)__result(__sys_fchmod(fd, mode));
}
int chown(const char *path, uid_t owner, gid_t group) {
    return (int)__result(__sys_chown(path, owner, group));
}
int fchown(int fd, uid_t owner, gid_t group) {
    return (int)__result(__sys_fchown(fd, owner, group));
}
int ftruncate(int fd, off_t length) {
    return (int)__result(__sys_ftruncate(fd, length));
}
ssize_t getdents64(int fd, void *buf, size_t n) {
    return (ssize_t)__result(__sys_getdents64(fd, buf, n));
}

pid_t waitpid(pid_t pid, int *status, int options) {
    return (pid_t)__result(__sys_cp_waitpid(pid, status, options));
}

pid_t wait(int *status) {
    return waitpid(-1, status, 0);
}
int kill(pid_t pid, int sig) {
    return (int)__result(__sys_kill(pid, sig));
}
pid_t gettid(void) {
    return (pid_t)__sys_gettid();
}
int raise(int sig) {
    /* POSIX: pthread_kill(pthread_self(), sig); the handler runs in the calling thread. */
    return (int)__result(__sys_tgkill(getpid(), gettid(), sig));
}
int tgkill(pid_t pid, pid_t tid, int sig) {
    return (int)__result(__sys_tgkill(pid, tid, sig));
}
int sched_yield(void) {
    return (int)__result(__sys_sched_yield());
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
    return (int)__result(__sys_sigprocmask(how, set, old));
}

int sigpending(sigset_t *set) {
    return (int)__result(__sys_sigpending(set));
}

int sigsuspend(const sigset_t *mask) {
    return (int)__result(__sys_cp_sigsuspend(mask));
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
    return (int)__result(__sys_cp_sigtimedwait(set, info, timeout));
}

int sigaltstack(const stack_t *ss, stack_t *old) {
    return (int)__result(__sys_sigaltstack(ss, old));
}

int procinfo(struct abi_procinfo *buf, unsigned count) {
    return (int)__result(__sys_procinfo(buf, count));
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    long r = __sys_mmap((uintptr_t)addr, len, (uint32_t)prot, (uint32_t)flags, fd, off);
    /* Addresses above 2 GiB look negative; only -4095..-1 are errors. */
    return __result(r) == -1 && r >= -MAX_ERRNO ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t len) {
    return (int)__result(__sys_munmap((uintptr_t)addr, len));
}

int mprotect(void *addr, size_t len, int prot) {
    return (int)__result(__sys_mprotect((uintptr_t)addr, len, (uint32_t)prot));
}

int msync(void *addr, size_t len, int flags) {
    return (int)__result(__sys_cp_msync((uintptr_t)addr, len, (uint32_t)flags));
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
    return (int)__result(__sys_cp_nanosleep(req, rem));
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    return (int)__result(__sys_clock_gettime(clock, ts));
}

int clock_getres(clockid_t clock, struct timespec *res) {
    return (int)__result(__sys_clock_getres(clock, res));
}
int clock_getcpuclockid(pid_t pid, clockid_t *clock) {
    /* The kernel reads only the caller's own processor time (CLOCK_PROCESS_CPUTIME_ID). */
    if (pid != 0 && pid != getpid())
        return kill(pid, 0) == 0 || errno == EPERM ? EPERM : ESRCH;
    *clock = CLOCK_PROCESS_CPUTIME_ID;
    return 0;
}

int gettimeofday(struct timeval *tv, void *tz) {
    struct timespec ts;

    if (tz) {
        struct timezone utc = {0, 0};
        memcpy(tz, &utc, sizeof(utc));
    }
    if (!tv)
        return 0;
    clock_gettime(CLOCK_REALTIME, &ts);
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = (suseconds_t)(ts.tv_nsec / 1000);
    return 0;
}

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds, fd_set *restrict exceptfds,
           struct timeval *restrict timeout) {
    return (int)__result(__sys_cp_select(nfds, readfds, writefds, exceptfds, timeout));
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old) {
    return (int)__result(__sys_setitimer(which, value, old));
}

int getitimer(int which, struct itimerval *value) {
    return (int)__result(__sys_getitimer(which, value));
}

unsigned alarm(unsigned seconds) {
    struct itimerval value = {{0, 0}, {seconds > INT32_MAX ? INT32_MAX : (time_t)seconds, 0}}, old;

    if (setitimer(ITIMER_REAL, &value, &old))
        return 0;
    if (!old.it_value.tv_sec && !old.it_value.tv_usec)
        return 0;
    unsigned left = (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
    return left ? left : 1;
}

time_t time(time_t *t) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

unsigned sleep(unsigned seconds) {
    struct timespec req = {(time_t)seconds, 0}, rem = {0, 0};
    return nanosleep(&req, &rem) ? (unsigned)rem.tv_sec + (rem.tv_nsec > 0) : 0;
}

int usleep(useconds_t usec) {
    struct timespec req = {(time_t)(usec / 1000000), (long)(usec % 1000000) * 1000};
    return nanosleep(&req, NULL);
}

int poweroff(int wait_status) {
    return (int)__result(__sys_poweroff(wait_status));
}

long syscall(long number, ...) {
    va_list ap;
    long a[6];

    va_start(ap, number);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    return __result(__syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}

_Static_assert(sizeof(struct utsname) == sizeof(struct abi_utsname),
               "struct utsname is the kernel's struct abi_utsname");

int uname(struct utsname *name) {
    return (int)__result(__sys_uname(name));
}
