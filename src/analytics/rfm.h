/*
 * rfm.h: RFM scores, 1 (worst) to 5 (best) per axis, by quintile of rank:
 * R from the last order date (more recent is better), F from the number of
 * orders, M from revenue. Customers without orders get 0 on every axis and
 * are left out of the ranking. Among the m customers with orders, sorted by
 * the metric ascending, a customer whose group of equal values starts at
 * position k (0-based) scores 1 + floor(5 k / m): equal values score alike,
 * and a value shared by many customers takes the score of the lowest of
 * their positions (so a heavy tie at the bottom, one order for most, stays
 * at 1). O(n log n), one allocation of n pairs.
 */
#ifndef KH_ANALYTICS_RFM_H
#define KH_ANALYTICS_RFM_H

#include <stddef.h>
#include <stdint.h>

#include "analytics/facts.h"

struct kh_rfm {
	uint8_t r, f, m; /* 1..5, or 0 without orders */
};

/* Score c[0..n) into out[0..n). Returns 0; KH_ENOMEM. */
int kh_rfm_score(const struct kh_customer_facts *c, size_t n, struct kh_rfm *out);

/* The general scorer behind it: scores 1..groups of v[0..n) by rank (ties
 * share the score of their first position) into score[0..n); entries with
 * include[i] == 0 (include may be NULL for all) get 0. */
int kh_rfm_quantile_scores(const double *v, const uint8_t *include, size_t n, unsigned groups,
			   uint8_t *score);

#endif
