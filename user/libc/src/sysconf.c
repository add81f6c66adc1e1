/*
 * sysconf: the kernel's limits, restated here because user space cannot include the kernel's
 * headers (the tests check each one against what the kernel does: sysconf_test, path_test,
 * pipe_atomic_test).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <unistd.h>

/*
 * Slots in the kernel's process table (PROC_TABLE_SIZE, proc/proc.h), every process of the
 * system in one: there are no users to share it out. The kernel's maxproc= lowers it, which is
 * why <limits.h> has no CHILD_MAX.
 */
#define PROC_TABLE_SIZE 128
#define TIMER_HZ 100 /* the timer's interrupts a second (arch/x86 timer.h) */
#define NO_OPTION (-1L)

long sysconf(int name) {
    switch (name) {
    case _SC_ARG_MAX:
        return ARG_MAX;
    case _SC_CHILD_MAX:
        return PROC_TABLE_SIZE;
    case _SC_CLK_TCK:
        return TIMER_HZ;
    case _SC_NGROUPS_MAX:
        return NGROUPS_MAX;
    case _SC_OPEN_MAX:
        return OPEN_MAX;
    case _SC_PAGESIZE:
        return PAGESIZE;
    case _SC_LINE_MAX:
        return LINE_MAX;
    case _SC_STREAM_MAX:
        return STREAM_MAX;
    case _SC_ATEXIT_MAX:
        return ATEXIT_MAX;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1; /* the kernel runs on the boot processor only */
    case _SC_VERSION:
        return _POSIX_VERSION;
    case _SC_JOB_CONTROL:
        return _POSIX_JOB_CONTROL;
    case _SC_MONOTONIC_CLOCK:
        return _POSIX_MONOTONIC_CLOCK;
    case _SC_MAPPED_FILES:
        return _POSIX_MAPPED_FILES;
    case _SC_MEMORY_PROTECTION:
        return _POSIX_MEMORY_PROTECTION;
    case _SC_THREADS:
        return _POSIX_THREADS;
    case _SC_THREAD_ATTR_STACKSIZE:
        return _POSIX_THREAD_ATTR_STACKSIZE;
    case _SC_THREAD_ATTR_STACKADDR:
        return _POSIX_THREAD_ATTR_STACKADDR;
    case _SC_THREAD_PROCESS_SHARED:
        return _POSIX_THREAD_PROCESS_SHARED;
    case _SC_BARRIERS:
        return _POSIX_BARRIERS;
    case _SC_SPIN_LOCKS:
        return _POSIX_SPIN_LOCKS;
    case _SC_READER_WRITER_LOCKS:
        return _POSIX_READER_WRITER_LOCKS;
    case _SC_SEMAPHORES:
        return _POSIX_SEMAPHORES;
    case _SC_CPUTIME:
        return _POSIX_CPUTIME;
    case _SC_THREAD_CPUTIME:
        return _POSIX_THREAD_CPUTIME;
    case _SC_THREAD_KEYS_MAX:
        return PTHREAD_KEYS_MAX;
    case _SC_THREAD_STACK_MIN:
        return PTHREAD_STACK_MIN;
    case _SC_THREAD_THREADS_MAX:
        return PTHREAD_THREADS_MAX;
    case _SC_THREAD_DESTRUCTOR_ITERATIONS:
        return PTHREAD_DESTRUCTOR_ITERATIONS;
    case _SC_SEM_NSEMS_MAX:
        return SEM_NSEMS_MAX;
    case _SC_SEM_VALUE_MAX:
        return SEM_VALUE_MAX;
    case _SC_TIMERS:
        return _POSIX_TIMERS;
    case _SC_PRIORITY_SCHEDULING:
        return _POSIX_PRIORITY_SCHEDULING;
    case _SC_TIMER_MAX:
        return TIMER_MAX;
    case _SC_DELAYTIMER_MAX:
        return DELAYTIMER_MAX;
    case _SC_SAVED_IDS:
    case _SC_REALTIME_SIGNALS:
    case _SC_FSYNC:
    case _SC_SHARED_MEMORY_OBJECTS:
    case _SC_ASYNCHRONOUS_IO:
    case _SC_CLOCK_SELECTION:
    case _SC_SPAWN:
    case _SC_REGEXP:
        return NO_OPTION;
    default:
        errno = EINVAL;
        return -1;
    }
}
