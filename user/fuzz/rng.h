/*
 * The fuzzer's random numbers: splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", 2014). Small, fast on i386, and every stream is a pure function of the
 * 64-bit state it starts from, so a run is reproduced by its seed. The libc's rand() has one
 * global stream and 31 bits; the fuzzer needs many independent streams (one per batch, one per
 * forked process).
 */
#ifndef FUZZ_RNG_H
#define FUZZ_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rng {
    uint64_t state;
};

static inline uint64_t rng_next(struct rng *r) {
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A stream of its own for (seed, tag): batch `tag` of a seed, or a forked process. */
static inline struct rng rng_derive(uint64_t seed, uint64_t tag) {
    struct rng a = {seed};
    struct rng b = {rng_next(&a) ^ (tag * 0xD1B54A32D192ED03ull)};
    return (struct rng){rng_next(&b)};
}

static inline uint32_t rng_u32(struct rng *r) {
    return (uint32_t)(rng_next(r) >> 32);
}

/* Uniform in [0, n) for n > 0 (Lemire's multiply-shift, without the rejection step: the bias
 * of at most n / 2^32 does not matter here). */
static inline uint32_t rng_below(struct rng *r, uint32_t n) {
    return (uint32_t)(((uint64_t)rng_u32(r) * n) >> 32);
}

/* True with probability percent / 100. */
static inline bool rng_chance(struct rng *r, unsigned percent) {
    return rng_below(r, 100) < percent;
}

/* One element of a constant array. */
#define RNG_PICK(r, array) ((array)[rng_below((r), sizeof(array) / sizeof((array)[0]))])

#endif
