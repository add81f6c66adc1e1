/* The program bench.c execs: reports how long the exec took (argv[1], argv[2]: TSC and ns just
 * before execve) on descriptor 3. */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    uint64_t tsc = ((uint64_t)hi << 32) | lo;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;

    if (argc < 3)
        return 1;
    uint64_t result[2] = {tsc - strtoull(argv[1], NULL, 10), ns - strtoull(argv[2], NULL, 10)};
    write(3, result, sizeof(result));
    return 0;
}
