/*
 * bgnbd.h: the BG/NBD model of repeat buying (Fader, Hardie & Lee 2005,
 * "Counting your customers the easy way", Marketing Science 24(2); formulas as
 * in Hardie's note "Implementing the BG/NBD model"): while alive a customer
 * buys at Poisson rate lambda ~ Gamma(r, alpha); after each purchase they drop
 * out with probability p ~ Beta(a, b). All functions are pure; the caller owns
 * every array.
 */
#ifndef KH_ANALYTICS_BGNBD_H
#define KH_ANALYTICS_BGNBD_H

#include <stddef.h>

#include "analytics/btyd.h"

struct kh_bgnbd_params {
	double r, alpha; /* Gamma shape and rate of the purchase rate (alpha in time units) */
	double a, b;     /* Beta parameters of the drop-out probability */
};

/* The log-likelihood of one customer (x, t_x, T), computed in log space
 * (lgamma, log-sum-exp) so x in the thousands neither overflows nor loses
 * precision. Returns 0; KH_EINVAL for non-positive parameters or an obs with
 * t_x < 0, T < t_x or non-finite times (*ll untouched). */
int kh_bgnbd_loglik_one(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o, double *ll);

/* The sum over obs[0..n). Same errors. */
int kh_bgnbd_loglik(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *obs, size_t n,
		    double *ll);

/* Maximum-likelihood estimates from obs[0..n) into *out (and *rep if not
 * NULL). The customers are first merged into distinct (x, t_x, T) with
 * weights (one sort, one allocation), then BFGS with the analytic gradient on
 * the log-parameters runs from three starting points, the best is polished by
 * a fresh BFGS (and Nelder-Mead if BFGS stalls). Returns 0, also when the
 * optimiser did not converge (rep->converged false: e.g. no customer ever
 * bought again, so a and b are not identified); KH_EINVAL for n = 0 or a bad
 * obs; KH_ENOMEM. */
int kh_bgnbd_fit(const struct kh_btyd_obs *obs, size_t n, struct kh_bgnbd_params *out,
		 struct kh_fit_report *rep);

/* P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x)).
 * 1 for x = 0 (the model lets customers drop out only right after a purchase).
 * NAN for invalid parameters. */
double kh_bgnbd_p_alive(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o);

/* E[Y(t) | x, t_x, T]: expected purchases in the next t time units, into *out:
 *   (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)] P(alive),
 *   z = t / (alpha + T + t),
 * evaluated through Euler's transformation as (1-z)^(a-1) 2F1(a+b-1-r, a-1;
 * a+b+x-1; z), whose parameters do not grow with x (no overflow for large x).
 * a = 1 is a removable singularity: within 1e-4 of it the value is
 * interpolated from a = 1 -+ 1e-4, 1 -+ 2e-4 (cubic). Returns 0; KH_EINVAL
 * (bad parameters, obs or t < 0); KH_ELIMIT (2F1 did not converge). */
int kh_bgnbd_expected(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o, double t,
		      double *out);

/* The factor of E[Y(t) | x, t_x, T] above that is not P(alive): it depends
 * on x and T only, not on t_x, so customers who share x and T share it (the
 * full analysis works it out once per pair). Takes the checks of
 * kh_bgnbd_expected as done and t > 0. Returns 0 or KH_ELIMIT. */
int kh_bgnbd_expected_if_alive(const struct kh_bgnbd_params *p, double x, double T, double t,
			       double *out);

/* kh_bgnbd_expected from that factor and the code its computation returned
 * (same checks first, then if_alive x P(alive)). */
int kh_bgnbd_expected_from(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o,
			   double t, double if_alive, int if_alive_rc, double *out);

/* E[X(t)] for a customer just acquired (x = 0, t_x = 0, T = 0):
 *   (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].
 * Same errors. */
int kh_bgnbd_expected_new(const struct kh_bgnbd_params *p, double t, double *out);

#endif
