/*
 * rng.h: a small, fast, seedable pseudo-random generator (xoshiro256**,
 * seeded through splitmix64) and the distributions the demo data and the
 * simulation tests draw from. Same seed, same sequence, on every machine.
 */
#ifndef KH_RNG_H
#define KH_RNG_H

#include <stddef.h>
#include <stdint.h>

struct kh_rng {
	uint64_t s[4];
};

void kh_rng_seed(struct kh_rng *r, uint64_t seed);
uint64_t kh_rng_next(struct kh_rng *r);
/* Uniform in [0, 1). */
double kh_rng_uniform(struct kh_rng *r);
/* Uniform integer in [lo, hi]. */
int64_t kh_rng_range(struct kh_rng *r, int64_t lo, int64_t hi);
double kh_rng_exponential(struct kh_rng *r, double rate);
double kh_rng_normal(struct kh_rng *r);
/* Gamma(shape, scale), Marsaglia-Tsang. */
double kh_rng_gamma(struct kh_rng *r, double shape, double scale);
double kh_rng_beta(struct kh_rng *r, double a, double b);
/* Index drawn with probability weights[i] / sum. */
size_t kh_rng_weighted(struct kh_rng *r, const unsigned *weights, size_t n, unsigned total);

#endif
