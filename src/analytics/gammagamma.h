/*
 * gammagamma.h: the Gamma-Gamma model of spend per transaction (Fader, Hardie
 * & Lee 2005, "RFM and CLV: using iso-value curves for customer base
 * analysis", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma model of
 * monetary value"): each transaction's amount is Gamma(p, nu), nu ~ Gamma(q,
 * gamma) across customers, independent of the purchase process. Fitted on the
 * customers with repeat purchases, on the mean of those repeat purchases.
 */
#ifndef KH_ANALYTICS_GAMMAGAMMA_H
#define KH_ANALYTICS_GAMMAGAMMA_H

#include <stddef.h>

#include "analytics/btyd.h"

struct kh_gg_params {
	double p, q, gamma;
};

/* Whether an obs takes part in the Gamma-Gamma likelihood: x > 0 and a
 * positive, finite mean spend. (A mean of 0 has zero density: such customers
 * are left out rather than making the likelihood -infinity.) */
bool kh_gg_usable(const struct kh_btyd_obs *o);

/* The log-likelihood of the usable obs[0..n) (others are skipped):
 *   ln G(px+q) - ln G(px) - ln G(q) + q ln gamma + (px-1) ln m + px ln x
 *   - (px+q) ln(gamma + m x)
 * Returns 0; KH_EINVAL for non-positive parameters. */
int kh_gg_loglik(const struct kh_gg_params *p, const struct kh_btyd_obs *obs, size_t n,
		 double *ll);

/* Maximum-likelihood estimates (BFGS with the analytic gradient on the
 * log-parameters, three starts, as kh_bgnbd_fit). Returns 0 (check
 * rep->converged); KH_ENOTFOUND when no obs is usable; KH_ENOMEM. */
int kh_gg_fit(const struct kh_btyd_obs *obs, size_t n, struct kh_gg_params *out,
	      struct kh_fit_report *rep);

/* E[M | p, q, gamma, x, m] = p (gamma + m x) / (p x + q - 1), the expected
 * spend per future transaction; for x = 0 the population mean p gamma /
 * (q - 1). Returns 0; KH_EINVAL when q <= 1 (the mean does not exist) or the
 * arguments are invalid. */
int kh_gg_expected_spend(const struct kh_gg_params *p, uint32_t x, double mean_spend,
			 double *out);

#endif
