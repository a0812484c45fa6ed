/*
 * whale.h: the cumulative profit ("whale") curve (DOMAIN 6, Kaplan's
 * "20/80/30"): customers sorted by profit, largest first; the curve climbs
 * above 100% of the total while profitable customers are added and falls as
 * the loss-makers come in. The summary gives the three figures people quote:
 * the share of total profit made by the top 20%, the peak of the curve, and
 * how much of that peak the worst 30% take away. O(n log n), one allocation.
 */
#ifndef KH_ANALYTICS_WHALE_H
#define KH_ANALYTICS_WHALE_H

#include <stddef.h>
#include <stdint.h>

struct kh_whale_params {
	double top_share;   /* 0.20 */
	double worst_share; /* 0.30 */
};

#define KH_WHALE_PARAMS_DEFAULT ((struct kh_whale_params){0.20, 0.30})

struct kh_whale_summary {
	double total;          /* sum of all profits, fen */
	double peak;           /* the highest cumulative profit (>= total, >= 0) */
	double peak_customers; /* share of customers at the peak, 0..1 */
	double top;            /* profit of the top ceil(top_share n) customers */
	double top_of_total;   /* top / total (NaN when total <= 0) */
	double peak_of_total;  /* peak / total (NaN when total <= 0) */
	double without_worst;  /* profit of all but the worst ceil(worst_share n) */
	double worst_cut;      /* (without_worst - total) / without_worst: the share
				* of that profit the worst customers cut (NaN when
				* without_worst <= 0) */
};

struct kh_whale_point {
	double customers; /* share of customers, 0..1 */
	double profit;    /* cumulative profit of the top customers, fen */
};

/* The summary into *sum and, if curve is not NULL, points + 1 points at
 * customer shares 0, 1/points, ..., 1 into curve[0..points] (the top
 * ceil(s n - 1e-9) customers at share s). Returns 0; KH_EINVAL for shares
 * outside 0..1 or curve without points; KH_ENOMEM. */
int kh_whale_curve(const int64_t *profit, size_t n, const struct kh_whale_params *p,
		   struct kh_whale_summary *sum, struct kh_whale_point *curve, size_t points);

#endif
