/*
 * rank.h: the sorting and quantile helpers the classifiers share. Customers are
 * ranked through an array of (key, index) pairs so that one allocation of n
 * items serves a whole classification, and ties are broken by the index so that
 * every ranking is deterministic, whatever sort the C library uses.
 */
#ifndef KH_ANALYTICS_RANK_H
#define KH_ANALYTICS_RANK_H

#include <stdbool.h>
#include <stddef.h>

struct kh_rank_item {
	double key;
	size_t idx;
};

/* Sort items[0..n) by key, descending or ascending, ties by idx ascending.
 * NaN keys go last in both directions; -0 and +0 are equal. O(n) (radix)
 * for n >= 256 when the items come in ascending idx order, with a temporary
 * copy of 3n words; otherwise (or if that cannot be allocated) qsort,
 * O(n log n). */
void kh_rank_sort(struct kh_rank_item *items, size_t n, bool descending);

/* The q-quantile (0 <= q <= 1) of the ascending sorted[0..n), n > 0, by linear
 * interpolation between closest ranks (Hyndman & Fan type 7, R's default):
 * h = (n - 1) q, result = s[floor h] + (h - floor h)(s[floor h + 1] - s[floor h]). */
double kh_rank_quantile(const double *sorted, size_t n, double q);

/* The quantiles qs[0..nq) of the finite values among v[0..n) (NaN and
 * infinities are skipped) into cuts[0..nq). Returns 0; KH_ENOTFOUND when no
 * value is finite (cuts untouched); KH_ENOMEM. Allocates copies of v. */
int kh_rank_quantiles(const double *v, size_t n, const double *qs, size_t nq, double *cuts);

/* The mean of the finite values among v[0..n) into *mean; KH_ENOTFOUND if none. */
int kh_rank_mean(const double *v, size_t n, double *mean);

/* Share-of-count boundary: how many of n ranked items the first `share` of
 * them is, rounded up (so a positive share of a non-empty set is at least one
 * item) but tolerant of binary fractions: 0.05 * 100 gives 5, not 6. */
size_t kh_rank_count_share(double share, size_t n);

#endif
