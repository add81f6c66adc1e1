/*
 * 64-bit division helpers that clang calls on i386 for `uint64_t / x` and `%`. They normally come
 * from libgcc or compiler-rt; bare-metal images link no runtime library, so here they are.
 * Shift-and-subtract with a fast path when the divisor and quotient fit 32 bits.
 */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem);
uint64_t __udivdi3(uint64_t num, uint64_t den);
uint64_t __umoddi3(uint64_t num, uint64_t den);
int64_t __divdi3(int64_t num, int64_t den);
int64_t __moddi3(int64_t num, int64_t den);

uint64_t __udivmoddi4(uint64_t num, uint64_t den, uint64_t *rem) {
    uint64_t quot = 0;

    if (den == 0) {
        /* Like the hardware: dividing by zero traps (#DE), never returns garbage. */
        volatile uint32_t zero = 0;
        return 1 / zero;
    }
    if ((num >> 32) == 0) {
        uint32_t n = (uint32_t)num, d = (uint32_t)den;
        if ((den >> 32) != 0) {
            quot = 0;
        } else {
            quot = n / d;
            num = n % d;
        }
        if (rem)
            *rem = (den >> 32) ? n : num;
        return quot;
    }
    int shift = __builtin_clzll(den) - __builtin_clzll(num);
    if (shift < 0) {
        if (rem)
            *rem = num;
        return 0;
    }
    den <<= shift;
    for (; shift >= 0; shift--, den >>= 1) {
        quot <<= 1;
        if (num >= den) {
            num -= den;
            quot |= 1;
        }
    }
    if (rem)
        *rem = num;
    return quot;
}

uint64_t __udivdi3(uint64_t num, uint64_t den) {
    return __udivmoddi4(num, den, 0);
}

uint64_t __umoddi3(uint64_t num, uint64_t den) {
    uint64_t rem;

    __udivmoddi4(num, den, &rem);
    return rem;
}

int64_t __divdi3(int64_t num, int64_t den) {
    uint64_t n = num < 0 ? -(uint64_t)num : (uint64_t)num;
    uint64_t d = den < 0 ? -(uint64_t)den : (uint64_t)den;
    uint64_t q = __udivmoddi4(n, d, 0);

    return (num < 0) != (den < 0) ? -(int64_t)q : (int64_t)q;
}

int64_t __moddi3(int64_t num, int64_t den) {
    uint64_t n = num < 0 ? -(uint64_t)num : (uint64_t)num;
    uint64_t d = den < 0 ? -(uint64_t)den : (uint64_t)den;
    uint64_t r;

    __udivmoddi4(n, d, &r);
    return num < 0 ? -(int64_t)r : (int64_t)r;
}
