/*
 * grid.c: the value grid (see grid.h for the rules). The axis cut points are
 * computed once over the whole population, then each customer is one lookup.
 */
#include "analytics/grid.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/rank.h"
#include "base/error.h"
#include "base/banned.h"

enum kh_grid_tier kh_grid_tier_of(int amount_level, int interval_level)
{
	/* rank 0 is the best on each axis: large amount, short interval */
	int rank = (2 - amount_level) + interval_level;

	return (enum kh_grid_tier)(KH_GRID_PLATINUM + rank);
}

const char *kh_grid_name(int tier)
{
	static const char *const names[] = {"", "platinum", "gold", "silver", "development",
					    "optimise"};

	return tier >= 0 && tier <= KH_GRID_OPTIMISE ? names[tier] : "";
}

/* Tertile cut points of the values, or the fixed ones where given. */
static int cut_points(const double *v, size_t n, double fixed_lo, double fixed_hi, double *lo,
		      double *hi)
{
	static const double q[2] = {1.0 / 3, 2.0 / 3};
	double t[2] = {NAN, NAN};
	int rc = 0;

	if (isnan(fixed_lo) || isnan(fixed_hi)) {
		rc = kh_rank_quantiles(v, n, q, 2, t);
		if (rc == KH_ENOTFOUND)
			rc = 0;
	}
	*lo = isnan(fixed_lo) ? t[0] : fixed_lo;
	*hi = isnan(fixed_hi) ? t[1] : fixed_hi;
	return rc;
}

int kh_grid_classify(const struct kh_customer_facts *c, size_t n, const struct kh_grid_params *p,
		     struct kh_grid_result *out, struct kh_grid_cuts *cuts)
{
	struct kh_grid_cuts k;
	double *iv = NULL, *am = NULL;
	int rc = KH_ENOMEM;

	if (p->interval_short_days > p->interval_long_days ||
	    p->amount_small_fen > p->amount_large_fen)
		return KH_EINVAL;
	iv = malloc((n ? n : 1) * sizeof(*iv));
	am = malloc((n ? n : 1) * sizeof(*am));
	if (!iv || !am)
		goto out;
	for (size_t i = 0; i < n; i++) {
		iv[i] = c[i].orders >= 2 ? c[i].avg_interval_days : NAN;
		am[i] = c[i].orders >= 1 ? (double)c[i].avg_amount_fen : NAN;
	}
	if ((rc = cut_points(iv, n, p->interval_short_days, p->interval_long_days,
			     &k.interval_short_days, &k.interval_long_days)) ||
	    (rc = cut_points(am, n, p->amount_small_fen, p->amount_large_fen, &k.amount_small_fen,
			     &k.amount_large_fen)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct kh_grid_result r = {KH_GRID_NONE, 0, 0};

		if (c[i].orders >= 1) {
			double a = am[i], t = iv[i];

			r.amount_level = a <= k.amount_small_fen  ? KH_GRID_LOW
					 : a > k.amount_large_fen ? KH_GRID_HIGH
								  : KH_GRID_MID;
			/* NaN (one order, or no interval cut points) is long. */
			r.interval_level = t <= k.interval_short_days  ? 0
					   : t <= k.interval_long_days ? 1
								       : 2;
			r.tier = (uint8_t)kh_grid_tier_of(r.amount_level, r.interval_level);
		}
		out[i] = r;
	}
	if (cuts)
		*cuts = k;
	rc = 0;
out:
	free(iv);
	free(am);
	return rc;
}
