/*
 * scoring.h: the weighted indicator score for big customers (DOMAIN 5, seed
 * 001) and the value pyramid it ranks them into. The caller owns the weight
 * table (editable by administrators) and a row-major matrix of raw values,
 * one row per customer and one column per indicator.
 *
 * Each raw value becomes a 0..100 sub-score: by range, 100 (v - lo) / (hi -
 * lo) clamped to 0..100, or by percentile, 100 k / (m - 1) where k is the
 * position of v's group of equal values among the m known values (ties
 * share the lowest position; a single known value scores 100). Indicators
 * where less is better are mirrored (100 - s). The total is the weighted mean
 * of the known sub-scores, sum w s / sum w over the indicators whose value
 * is not NaN, so a missing answer neither helps nor hurts; a customer with no
 * known indicator has total NaN and no tier.
 */
#ifndef KH_ANALYTICS_SCORING_H
#define KH_ANALYTICS_SCORING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum kh_score_scale {
	KH_SCALE_RANGE = 0,  /* linear between lo and hi */
	KH_SCALE_PERCENTILE, /* rank among the customers (money, counts) */
};

struct kh_score_indicator {
	const char *name;  /* machine name, e.g. "profit" */
	const char *group; /* "contribution", "characteristic", "relationship" */
	double weight;     /* >= 0; weights need not sum to 1 */
	enum kh_score_scale scale;
	double lo, hi;     /* the range for KH_SCALE_RANGE, lo < hi */
	bool lower_is_better;
};

/* The DOMAIN 5 indicator list with default weights (40% contribution, 30%
 * characteristic, 30% relationship). Static storage, *n set to its length. */
const struct kh_score_indicator *kh_score_default_table(size_t *n);

/* Sub-scores and totals for n customers and k indicators: values[i * k + j]
 * is customer i's raw value of indicator j (NaN = unknown). total[0..n) gets
 * the weighted score 0..100; sub[0..n*k) (may be NULL) the sub-scores.
 * Returns 0; KH_EINVAL for a bad table (negative weight, lo >= hi, all
 * weights 0, k = 0); KH_ENOMEM (percentile indicators sort one column). */
int kh_score_compute(const struct kh_score_indicator *table, size_t k, const double *values,
		     size_t n, double *total, double *sub);

/* The value pyramid (the classic customer pyramid: key, major, ordinary,
 * small), by rank of the total, largest first: tier t covers the ranks up to
 * ceil(cum_share[t] n), ties taking the tier of their first rank. */
enum kh_pyramid_tier {
	KH_PYRAMID_KEY = 0,
	KH_PYRAMID_MAJOR,
	KH_PYRAMID_ORDINARY,
	KH_PYRAMID_SMALL,
	KH_PYRAMID_NONE = 255, /* total NaN */
};

struct kh_pyramid_params {
	double cum_share[3]; /* top 1%, top 5%, top 20% by default; the rest small */
};

#define KH_PYRAMID_PARAMS_DEFAULT ((struct kh_pyramid_params){{0.01, 0.05, 0.20}})

/* Tiers of total[0..n) into tier[0..n). Customers with a NaN total are not
 * ranked (KH_PYRAMID_NONE) and do not count in n. Returns 0; KH_EINVAL for
 * shares not increasing within 0..1; KH_ENOMEM. */
int kh_score_pyramid(const double *total, size_t n, const struct kh_pyramid_params *p,
		     uint8_t *tier);

/* "key", "major", "ordinary", "small"; "" otherwise. */
const char *kh_score_pyramid_name(int tier);

#endif
