/* Time values crossing the system-call boundary. */
#ifndef ABI_TIME_H
#define ABI_TIME_H

#include <stdint.h>

struct abi_timespec {
    int32_t tv_sec;
    int32_t tv_nsec;
};

/* Linux i386's struct timeval and struct itimerval (the interval comes first). */
struct abi_timeval {
    int32_t tv_sec;
    int32_t tv_usec; /* 0..999999 */
};

struct abi_itimerval {
    struct abi_timeval it_interval; /* reloaded at each expiry; 0: once */
    struct abi_timeval it_value;    /* time to the next expiry; 0: disarmed */
};

/* times(2): processor time in clock ticks (TIMER_HZ, 100 a second; sysconf(_SC_CLK_TCK)). The
 * user time is the ticks that found the process in user mode, the system time those that found
 * it in the kernel; the children's are those of the children it reaped with waitpid, each with
 * its own reaped children's added. */
struct abi_tms {
    uint32_t tms_utime;
    uint32_t tms_stime;
    uint32_t tms_cutime;
    uint32_t tms_cstime;
};

/* setitimer's timers: real time (SIGALRM), the process's user time (SIGVTALRM), its user and
 * system time (SIGPROF). */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* timer_settime and timer_gettime: the time to the next expiry (0: disarmed) and the reload. */
struct abi_itimerspec {
    struct abi_timespec it_interval;
    struct abi_timespec it_value;
};
#define TIMER_ABSTIME 1 /* timer_settime: it_value is a time on the timer's clock, not from now */
/* The most expirations timer_getoverrun counts (DELAYTIMER_MAX; more read as this). */
#define ABI_DELAYTIMER_MAX 0x7FFFFFFF

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2 /* processor time the calling process used */
#define CLOCK_THREAD_CPUTIME_ID 3  /* processor time the calling thread used */

/*
 * The processor-time clock of thread `tid` of the caller's process (pthread_getcpuclockid), a
 * clock id other threads may read too: Linux's encoding, negative, so never one of the above.
 */
#define ABI_CLOCK_THREAD_CPU(tid) ((int32_t)(((uint32_t) ~(uint32_t)(tid) << 3) | 6u))
#define ABI_CLOCK_IS_THREAD_CPU(clock) ((clock) < 0 && ((clock)&7) == 6)
#define ABI_CLOCK_THREAD_TID(clock) ((int32_t) ~(((uint32_t)(clock) >> 3) | 0xE0000000u))

#endif
