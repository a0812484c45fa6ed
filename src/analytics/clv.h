/*
 * clv.h: customer lifetime value from the two fitted models: expected
 * purchases (BG/NBD) times expected spend (Gamma-Gamma) times the margin,
 * discounted period by period over a finite horizon, as in Fader, Hardie &
 * Lee (2005) and the lifetimes package. Pure; the caller owns the arrays.
 */
#ifndef KH_ANALYTICS_CLV_H
#define KH_ANALYTICS_CLV_H

#include <stddef.h>

#include "analytics/bgnbd.h"
#include "analytics/gammagamma.h"

struct kh_clv_options {
	double horizon;  /* how far ahead, in the models' time unit (> 0) */
	double step;     /* discounting period, same unit (> 0; e.g. a month) */
	double discount; /* discount rate per period (>= 0; e.g. 0.0080 a month) */
	double margin;   /* share of spend that is profit (0..1; 1 gives revenue) */
};

struct kh_clv_prediction {
	double p_alive;
	double expected_purchases; /* in the whole horizon */
	double expected_spend;     /* per purchase (Gamma-Gamma conditional mean) */
	double clv;                /* discounted expected margin over the horizon */
};

/* One customer:
 *   CLV = margin * E[M] * sum_{k=1..K} (E[Y(t_k)] - E[Y(t_{k-1})]) / (1 + d)^(t_k / step),
 *   t_k = min(k * step, horizon), K = ceil(horizon / step), t_0 = 0,
 * so each period's expected purchases are discounted from the period's end
 * (the last period may be shorter). Returns 0; KH_EINVAL for bad options or
 * parameters (q <= 1); KH_ELIMIT when a 2F1 does not converge. */
int kh_clv_customer(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		    const struct kh_btyd_obs *o, const struct kh_clv_options *opt,
		    struct kh_clv_prediction *out);

/* The same in three steps, for many customers: the period ends t_k and
 * their discount factors (1 + d)^(t_k / step) of the options, once; the
 * expected purchases if alive at each t_k (kh_bgnbd_expected_if_alive), once
 * per (x, T) since they do not depend on t_x; then each customer's CLV from
 * them. kh_clv_customer is these three steps, so the results are the same
 * to the last bit. */
struct kh_clv_plan {
	long periods;     /* K */
	double *t;        /* t_k at t[k - 1] */
	double *discount; /* (1 + d)^(t_k / step) at discount[k - 1] */
};

/* 0; KH_EINVAL for bad options (as kh_clv_customer), KH_ENOMEM. */
int kh_clv_plan_init(const struct kh_clv_options *opt, struct kh_clv_plan *plan);
void kh_clv_plan_release(struct kh_clv_plan *plan);

/* curve[0..periods) for customers with x repeat purchases and age T. 0, or
 * KH_ELIMIT when a 2F1 does not converge. */
int kh_clv_curve(const struct kh_bgnbd_params *bg, const struct kh_clv_plan *plan, double x,
		 double T, double *curve);

/* The prediction of customer o from the curve of its (x, T) and the code
 * kh_clv_curve returned for it (its error is returned after the checks
 * kh_clv_customer makes first). */
int kh_clv_from_curve(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		      const struct kh_btyd_obs *o, const struct kh_clv_options *opt,
		      const struct kh_clv_plan *plan, const double *curve, int curve_rc,
		      struct kh_clv_prediction *out);

/* The same for obs[0..n) into out[0..n); stops at the first error. */
int kh_clv_predict(const struct kh_bgnbd_params *bg, const struct kh_gg_params *gg,
		   const struct kh_btyd_obs *obs, size_t n, const struct kh_clv_options *opt,
		   struct kh_clv_prediction *out);

#endif
