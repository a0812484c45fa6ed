/*
 * optim.h: small unconstrained minimisers for the maximum-likelihood fits:
 * BFGS with a backtracking line search (analytic or central-difference
 * gradient) and Nelder-Mead. Dimensions are tiny (the models have 3 or 4
 * parameters), so every work array lives on the stack: no allocation.
 */
#ifndef KH_ANALYTICS_OPTIM_H
#define KH_ANALYTICS_OPTIM_H

#include <stdbool.h>

#define KH_OPTIM_MAX_DIM 8

struct kh_optim_problem {
	int dim; /* 1..KH_OPTIM_MAX_DIM */
	/* The objective at x; if g is not NULL, also its gradient into g[0..dim).
	 * Return +INFINITY (or NAN) outside the domain; the minimisers then step
	 * back. When fg cannot give a gradient, set has_grad = false. */
	double (*fg)(const double *x, double *g, void *ctx);
	bool has_grad;
	void *ctx;
};

struct kh_optim_options {
	int max_evals;   /* objective evaluations in all, gradients included (0 = 5000) */
	double gtol;     /* BFGS: stop when max |g_i| <= gtol (0 = 1e-9) */
	double ftol;     /* stop when f improves by less than ftol * (|f| + 1e-12) (0 = 1e-14) */
	double step;     /* Nelder-Mead: initial simplex edge (0 = 0.5) */
};

struct kh_optim_result {
	double fmin;
	double gnorm;    /* max |g_i| at the end (BFGS), or NAN */
	int evals;
	int iterations;
	bool converged;
};

/* Minimise from x[0..dim) (replaced by the best point found). Returns 0 with
 * *res filled, also when the evaluation budget ran out (res->converged then
 * false); KH_EINVAL when dim is out of range or f(x) at the start is not
 * finite (x untouched). */
int kh_optim_bfgs(const struct kh_optim_problem *p, double *x, const struct kh_optim_options *o,
		  struct kh_optim_result *res);
int kh_optim_nelder_mead(const struct kh_optim_problem *p, double *x,
			 const struct kh_optim_options *o, struct kh_optim_result *res);

#endif
