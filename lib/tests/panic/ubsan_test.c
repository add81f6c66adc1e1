/*
 * Each case commits one kind of undefined behaviour that -fsanitize=undefined checks in C, so the
 * debug kernel must panic with the kind, this file and the line (//lib:ubsan_ktest): together they
 * call every handler in lib/ubsan.c that the kernel's flags make clang emit.
 *
 * Operands come through volatiles, so that clang cannot see the undefined behaviour at compile
 * time (and warn, or fold it away). The accesses themselves are not volatile: clang does not check
 * volatile accesses for null, alignment or object size.
 */
#include <ktest/ktest.h>
#include <stdbool.h>
#include <stdint.h>

static volatile int sink;
static volatile int int_max = INT32_MAX, int_min = INT32_MIN;
static volatile int zero = 0, one = 1, minus_one = -1, four = 4, big = 65536, thirty_two = 32;
static volatile uintptr_t null_address = 0, near_top = 0xFFFFFFF0u;

KTEST(ubsan, signed_add_overflow) {
    sink = int_max + one;
}

KTEST(ubsan, signed_sub_overflow) {
    sink = int_min - one;
}

KTEST(ubsan, signed_mul_overflow) {
    sink = big * big;
}

KTEST(ubsan, negate_overflow) {
    sink = -int_min;
}

KTEST(ubsan, divide_by_zero) {
    sink = four / zero;
}

KTEST(ubsan, division_overflow) {
    sink = int_min / minus_one;
}

KTEST(ubsan, shift_too_far) {
    sink = one << thirty_two;
}

KTEST(ubsan, shift_overflow) {
    sink = int_max << four;
}

KTEST(ubsan, index_out_of_bounds) {
    int array[4] = {1, 2, 3, 4};

    sink = array[four];
}

KTEST(ubsan, misaligned_load) {
    static uint32_t words[2];

    sink = *(int *)((char *)words + one);
}

KTEST(ubsan, null_store) {
    *(int *)null_address = 1;
}

KTEST(ubsan, object_too_small) {
    static char two[2] __aligned(4);

    sink = *(int *)two;
}

KTEST(ubsan, unreachable) {
    if (one)
        __builtin_unreachable();
}

KTEST(ubsan, invalid_bool) {
    static volatile unsigned char byte = 2;

    sink = *(volatile bool *)&byte;
}

KTEST(ubsan, vla_bound_not_positive) {
    char vla[minus_one];

    vla[0] = 1;
    sink = vla[0];
}

KTEST(ubsan, pointer_overflow) {
    char *p = (char *)near_top;

    sink = (int)(uintptr_t)(p + 0x20);
}

static __attribute__((noinline, nonnull)) int first(const int *p) {
    return *p;
}

KTEST(ubsan, null_to_nonnull_argument) {
    sink = first((const int *)null_address);
}

static __attribute__((noinline, returns_nonnull)) int *never_null(void) {
    return (int *)null_address;
}

KTEST(ubsan, null_from_returns_nonnull) {
    sink = *never_null();
}

KTEST(ubsan, ctz_of_zero) {
    sink = __builtin_ctz((unsigned)zero);
}

KTEST(ubsan, false_alignment_assumption) {
    static char bytes[128] __aligned(64);
    const int *p = __builtin_assume_aligned(bytes + one, 64);

    sink = *p;
}
