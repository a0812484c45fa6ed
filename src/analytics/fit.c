/*
 * fit.c: the multi-start driver (see fit.h). Several starts cost
 * little with an analytic gradient and protect against the flat ridges these
 * likelihoods have when a parameter is weakly identified.
 */
#include "analytics/fit.h"

#include <math.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

#define CONVERGED_GNORM 1e-6

int kh_fit_multistart(const struct kh_optim_problem *p, const double (*starts)[KH_OPTIM_MAX_DIM],
		      int nstart, double *best, struct kh_fit_report *rep)
{
	struct kh_optim_options opt = {.max_evals = 3000, .gtol = 1e-10};
	struct kh_optim_result res;
	double x[KH_OPTIM_MAX_DIM], fbest = INFINITY, g[KH_OPTIM_MAX_DIM];
	size_t sz = sizeof(double) * (size_t)p->dim;
	int evals = 0;

	for (int k = 0; k < nstart; k++) {
		memcpy(x, starts[k], sz);
		if (kh_optim_bfgs(p, x, &opt, &res))
			continue;
		evals += res.evals;
		if (res.fmin < fbest) {
			fbest = res.fmin;
			memcpy(best, x, sz);
		}
	}
	if (!isfinite(fbest))
		return KH_EINVAL;
	/* A fresh inverse-Hessian often finishes what a long run left. */
	memcpy(x, best, sz);
	if (kh_optim_bfgs(p, x, &opt, &res) == 0) {
		evals += res.evals;
		if (res.fmin <= fbest) {
			fbest = res.fmin;
			memcpy(best, x, sz);
		}
	}
	p->fg(best, g, p->ctx);
	evals++;
	rep->gnorm = 0;
	for (int i = 0; i < p->dim; i++)
		if (!(fabs(g[i]) <= rep->gnorm))
			rep->gnorm = fabs(g[i]);
	if (!(rep->gnorm <= CONVERGED_GNORM)) {
		memcpy(x, best, sz);
		if (kh_optim_nelder_mead(p, x, &opt, &res) == 0) {
			evals += res.evals;
			if (kh_optim_bfgs(p, x, &opt, &res) == 0)
				evals += res.evals;
			if (res.fmin <= fbest) {
				fbest = res.fmin;
				memcpy(best, x, sz);
			}
		}
		p->fg(best, g, p->ctx);
		evals++;
		rep->gnorm = 0;
		for (int i = 0; i < p->dim; i++)
			if (!(fabs(g[i]) <= rep->gnorm))
				rep->gnorm = fabs(g[i]);
	}
	rep->evals = evals;
	rep->converged = rep->gnorm <= CONVERGED_GNORM;
	return 0;
}
