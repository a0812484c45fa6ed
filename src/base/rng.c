/* rng.c: xoshiro256** and distributions (see rng.h). */
#include "base/rng.h"

#include <math.h>

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void kh_rng_seed(struct kh_rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t kh_rng_next(struct kh_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double kh_rng_uniform(struct kh_rng *r)
{
	return (double)(kh_rng_next(r) >> 11) * 0x1.0p-53;
}

int64_t kh_rng_range(struct kh_rng *r, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)(hi - lo) + 1;

	return lo + (int64_t)(span ? kh_rng_next(r) % span : kh_rng_next(r));
}

double kh_rng_exponential(struct kh_rng *r, double rate)
{
	return -log1p(-kh_rng_uniform(r)) / rate;
}

double kh_rng_normal(struct kh_rng *r)
{
	double u, v, s;

	do {
		u = 2 * kh_rng_uniform(r) - 1;
		v = 2 * kh_rng_uniform(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	return u * sqrt(-2 * log(s) / s);
}

double kh_rng_gamma(struct kh_rng *r, double shape, double scale)
{
	double d, c, x, v, u;

	if (shape < 1) {
		/* Boost: Gamma(a) = Gamma(a + 1) * U^(1/a). */
		u = kh_rng_uniform(r);
		return kh_rng_gamma(r, shape + 1, scale) * pow(u > 0 ? u : 0x1.0p-53, 1 / shape);
	}
	d = shape - 1.0 / 3;
	c = 1 / sqrt(9 * d);
	for (;;) {
		do {
			x = kh_rng_normal(r);
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		u = kh_rng_uniform(r);
		if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)))
			return d * v * scale;
	}
}

double kh_rng_beta(struct kh_rng *r, double a, double b)
{
	double x = kh_rng_gamma(r, a, 1), y = kh_rng_gamma(r, b, 1);

	return x / (x + y);
}

size_t kh_rng_weighted(struct kh_rng *r, const unsigned *weights, size_t n, unsigned total)
{
	uint64_t pick = kh_rng_next(r) % total;

	for (size_t i = 0; i < n; i++) {
		if (pick < weights[i])
			return i;
		pick -= weights[i];
	}
	return n - 1;
}
