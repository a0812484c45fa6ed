/*
 * clv.c: discounted expected margin over a horizon (see clv.h). The
 * expected purchases are evaluated at each period's end once, so a horizon of
 * K periods costs K conditional expectations per customer.
 */
#include "analytics/clv.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

/* More periods than this is a caller's mistake (e.g. days with a step of a
 * second), not a horizon anybody plans. */
#define MAX_PERIODS 100000

static bool options_ok(const struct kh_clv_options *opt)
{
	return opt->horizon > 0 && opt->step > 0 && opt->discount >= 0 && opt->margin >= 0 &&
	       isfinite(opt->horizon) && isfinite(opt->discount) && isfinite(opt->margin);
}

int kh_clv_plan_init(const struct kh_clv_options *opt, struct kh_clv_plan *plan)
{
	double k_periods;

	memset(plan, 0, sizeof(*plan));
	if (!options_ok(opt))
		return KH_EINVAL;
	k_periods = ceil(opt->horizon / opt->step - 1e-12);
	if (k_periods > MAX_PERIODS)
		return KH_EINVAL;
	plan->periods = k_periods < 1 ? 1 : (long)k_periods;
	plan->t = malloc((size_t)plan->periods * sizeof(double));
	plan->discount = malloc((size_t)plan->periods * sizeof(double));
	if (!plan->t || !plan->discount) {
		kh_clv_plan_release(plan);
		return KH_ENOMEM;
	}
	for (long k = 1; k <= plan->periods; k++) {
		double t = k == plan->periods ? opt->horizon : (double)k * opt->step;

		plan->t[k - 1] = t;
		plan->discount[k - 1] = pow(1 + opt->discount, t / opt->step);
	}
	return 0;
}

void kh_clv_plan_release(struct kh_clv_plan *plan)
{
	free(plan->t);
	free(plan->discount);
	memset(plan, 0, sizeof(*plan));
}

int kh_clv_curve(const struct kh_bgnbd_params *bg, const struct kh_clv_plan *plan, double x,
		 double T, double *curve)
{
	int rc;

	for (long k = 0; k < plan->periods; k++)
		if ((rc = kh_bgnbd_expected_if_alive(bg, x, T, plan->t[k], &curve[k])))
			return rc;
	return 0;
}

int kh_clv_from_curve(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		      const struct kh_btyd_obs *o, const struct kh_clv_options *opt,
		      const struct kh_clv_plan *plan, const double *curve, int curve_rc,
		      struct kh_clv_prediction *out)
{
	struct kh_clv_prediction p;
	double prev = 0, sum = 0;
	int rc;

	if (!options_ok(opt))
		return KH_EINVAL;
	p.p_alive = kh_bgnbd_p_alive(bg, o);
	if (isnan(p.p_alive))
		return KH_EINVAL;
	if ((rc = kh_gg_expected_spend(gg, o->x, o->mean_spend, &p.expected_spend)))
		return rc;
	if (curve_rc)
		return curve_rc;
	for (long k = 0; k < plan->periods; k++) {
		/* kh_bgnbd_expected's product, in its order */
		double e = curve[k] * p.p_alive;

		sum += (e - prev) / plan->discount[k];
		prev = e;
	}
	p.expected_purchases = prev;
	p.clv = opt->margin * p.expected_spend * sum;
	*out = p;
	return 0;
}

int kh_clv_customer(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		    const struct kh_btyd_obs *o, const struct kh_clv_options *opt,
		    struct kh_clv_prediction *out)
{
	struct kh_clv_plan plan;
	double *curve;
	int rc;

	if ((rc = kh_clv_plan_init(opt, &plan)))
		return rc;
	curve = malloc((size_t)plan.periods * sizeof(*curve));
	if (!curve) {
		kh_clv_plan_release(&plan);
		return KH_ENOMEM;
	}
	rc = kh_clv_from_curve(bg, gg, o, opt, &plan, curve,
			       kh_clv_curve(bg, &plan, o->x, o->T, curve), out);
	free(curve);
	kh_clv_plan_release(&plan);
	return rc;
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
