/*
 * fit.h: the multi-start driver both maximum-likelihood fits use: BFGS
 * from each starting point, a fresh BFGS from the best, Nelder-Mead then BFGS
 * again if that did not converge. Internal to src/analytics.
 */
#ifndef KH_ANALYTICS_FIT_H
#define KH_ANALYTICS_FIT_H

#include "analytics/btyd.h"
#include "analytics/optim.h"

/* Minimise p from the nstart points starts[k][0..p->dim) (log-parameters);
 * the best point goes to best[]. rep->evals and rep->converged and
 * rep->gnorm are filled; the caller fills loglik and used. Returns 0 or
 * KH_EINVAL when no starting point has a finite objective. */
int kh_fit_multistart(const struct kh_optim_problem *p, const double (*starts)[KH_OPTIM_MAX_DIM],
		      int nstart, double *best, struct kh_fit_report *rep);

#endif
