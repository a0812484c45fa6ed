/*
 * clv.c: discounted expected margin over a horizon (see clv.h). The
 * expected purchases are evaluated at each period's end once, so a horizon of
 * K periods costs K conditional expectations per customer.
 */
#include "analytics/clv.h"

#include <math.h>

#include "base/error.h"
#include "base/banned.h"

/* More periods than this is a caller's mistake (e.g. days with a step of a
 * second), not a horizon anybody plans. */
#define MAX_PERIODS 100000

int kh_clv_customer(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		    const struct kh_btyd_obs *o, const struct kh_clv_options *opt,
		    struct kh_clv_prediction *out)
{
	struct kh_clv_prediction p;
	double prev = 0, sum = 0, k_periods;
	long k, periods;
	int rc;

	if (!(opt->horizon > 0) || !(opt->step > 0) || !(opt->discount >= 0) ||
	    !(opt->margin >= 0) || !isfinite(opt->horizon) || !isfinite(opt->discount) ||
	    !isfinite(opt->margin))
		return KH_EINVAL;
	k_periods = ceil(opt->horizon / opt->step - 1e-12);
	if (k_periods > MAX_PERIODS)
		return KH_EINVAL;
	periods = k_periods < 1 ? 1 : (long)k_periods;
	p.p_alive = kh_bgnbd_p_alive(bg, o);
	if (isnan(p.p_alive))
		return KH_EINVAL;
	if ((rc = kh_gg_expected_spend(gg, o->x, o->mean_spend, &p.expected_spend)))
		return rc;
	for (k = 1; k <= periods; k++) {
		double t = k == periods ? opt->horizon : (double)k * opt->step, e;

		if ((rc = kh_bgnbd_expected(bg, o, t, &e)))
			return rc;
		sum += (e - prev) / pow(1 + opt->discount, t / opt->step);
		prev = e;
	}
	p.expected_purchases = prev;
	p.clv = opt->margin * p.expected_spend * sum;
	*out = p;
	return 0;
}

int kh_clv_predict(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		   const struct kh_btyd_obs *obs, size_t n, const struct kh_clv_options *opt,
		   struct kh_clv_prediction *out)
{
	int rc;

	for (size_t i = 0; i < n; i++)
		if ((rc = kh_clv_customer(bg, gg, &obs[i], opt, &out[i])))
			return rc;
	return 0;
}
