/*
 * btyd.h: what the "buy till you die" models (BG/NBD, Gamma-Gamma) share: the
 * per-customer calibration summary they are fitted on and the report of a
 * maximum-likelihood fit. Times are in one unit of the caller's choice (the
 * papers and `kehu clv` use weeks); every time argument of bgnbd.h and clv.h
 * must use the same unit.
 */
#ifndef KH_ANALYTICS_BTYD_H
#define KH_ANALYTICS_BTYD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kh_btyd_obs {
	uint32_t x;        /* repeat purchases in calibration: distinct purchase
			    * days after the first one */
	double t_x;        /* recency: first purchase to last purchase (0 if x = 0) */
	double T;          /* age: first purchase to the end of calibration, >= t_x */
	double mean_spend; /* mean amount of the x repeat purchases (the first
			    * purchase excluded); ignored when x = 0 */
};

struct kh_fit_report {
	double loglik;   /* at the estimate, summed over the customers used */
	double gnorm;    /* max |gradient| of the mean log-likelihood in log-parameters */
	size_t used;     /* customers the likelihood covers */
	int evals;       /* likelihood evaluations, all starts together */
	bool converged;  /* the gradient vanished (to 1e-6) at the estimate */
};

/* One line of a transaction log. */
struct kh_btyd_txn {
	uint32_t customer; /* 0 .. ncustomers - 1 */
	int32_t day;       /* days since 1970-01-01 */
	int64_t amount_fen;
};

/* Summarise a transaction log txn[0..n) (any order; reordered in place,
 * grouped by customer with days ascending) into obs[0..ncustomers):
 * same-day transactions of a customer are one purchase with the amounts
 * summed; for a customer whose first purchase is on or before cal_end,
 *   x = distinct purchase days up to cal_end, minus 1,
 *   t_x = (last such day - first day) / unit_days,
 *   T = (cal_end - first day) / unit_days,
 *   mean_spend = mean amount of the x repeat purchase days, in fen / 100
 *                (0 when x = 0; the first purchase is left out, as in the
 *                Gamma-Gamma papers),
 * and in_cal[c] = 1; other customers get in_cal[c] = 0 and a zero obs. The
 * number with in_cal set goes to *nin. unit_days is 7 for weeks. O(n) plus
 * a sort of each customer's days; one temporary copy of txn. Returns 0;
 * KH_EINVAL (a customer index >= ncustomers, unit_days <= 0); KH_ENOMEM. */
int kh_btyd_summarise(struct kh_btyd_txn *txn, size_t n, size_t ncustomers, int32_t cal_end,
		      double unit_days, struct kh_btyd_obs *obs, uint8_t *in_cal, size_t *nin);

#endif
