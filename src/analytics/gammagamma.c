/*
 * gammagamma.c: Gamma-Gamma likelihood, fit and conditional mean (see
 * gammagamma.h). Only the usable customers enter the fit; their logs of x and
 * of the mean are taken once, before the optimiser runs, and the gamma terms
 * of each distinct x once per evaluation.
 */
#include "analytics/gammagamma.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "analytics/fit.h"
#include "analytics/special.h"
#include "base/error.h"
#include "base/banned.h"

#define LOG_BOUND 25.0

static bool params_ok(const struct kh_gg_params *p)
{
	return p->p > 0 && p->q > 0 && p->gamma > 0 && isfinite(p->p) && isfinite(p->q) &&
	       isfinite(p->gamma);
}

bool kh_gg_usable(const struct kh_btyd_obs *o)
{
	return o->x > 0 && o->mean_spend > 0 && isfinite(o->mean_spend);
}

static double loglik_one(double p, double q, double lg_q, double lgam, double gam, double x,
			 double lx, double m, double lm)
{
	double px = p * x;

	return kh_special_lgamma(px + q) - kh_special_lgamma(px) - lg_q + q * lgam + (px - 1) * lm + px * lx -
	       (px + q) * log(gam + m * x);
}

int kh_gg_loglik(const struct kh_gg_params *p, const struct kh_btyd_obs *obs, size_t n,
		 double *ll)
{
	double sum = 0, lg_q, lgam;

	if (!params_ok(p))
		return KH_EINVAL;
	lg_q = kh_special_lgamma(p->q);
	lgam = log(p->gamma);
	for (size_t i = 0; i < n; i++)
		if (kh_gg_usable(&obs[i]))
			sum += loglik_one(p->p, p->q, lg_q, lgam, p->gamma, obs[i].x, log(obs[i].x),
					  obs[i].mean_spend, log(obs[i].mean_spend));
	*ll = sum;
	return 0;
}

struct item {
	double x, lx, m, lm;
	uint32_t xi; /* x, the index of its terms in fit_ctx.per_x */
};

/* The terms that depend on x only (a few dozen distinct values among a
 * million customers), worked out once per evaluation with the same
 * operands as per customer. */
struct per_x {
	double lg_pxq, lg_px, ps_pxq, ps_px;
};

struct fit_ctx {
	const struct item *it;
	size_t n;
	uint32_t *xs; /* the distinct x */
	size_t nx;
	struct per_x *per_x; /* by x (scratch of each evaluation) */
};

static void fill_per_x(const struct fit_ctx *c, double p, double q, bool grad)
{
	for (size_t k = 0; k < c->nx; k++) {
		struct per_x *t = &c->per_x[c->xs[k]];
		double px = p * (double)c->xs[k];

		t->lg_pxq = kh_special_lgamma(px + q);
		t->lg_px = kh_special_lgamma(px);
		if (grad) {
			t->ps_pxq = kh_special_digamma(px + q);
			t->ps_px = kh_special_digamma(px);
		}
	}
}

/* Minus the mean log-likelihood at th = log(p, q, gamma) and its gradient. */
static double objective(const double *th, double *grad, void *vctx)
{
	const struct fit_ctx *c = vctx;
	double p, q, gam, lg_q, lgam, ll = 0, gp = 0, gq = 0, gg = 0, ps_q = 0;

	for (int k = 0; k < 3; k++)
		if (!(fabs(th[k]) <= LOG_BOUND))
			return INFINITY;
	p = exp(th[0]), q = exp(th[1]), gam = exp(th[2]);
	lg_q = kh_special_lgamma(q);
	lgam = th[2];
	if (grad)
		ps_q = kh_special_digamma(q);
	fill_per_x(c, p, q, grad != NULL);
	for (size_t i = 0; i < c->n; i++) {
		const struct item *t = &c->it[i];
		const struct per_x *tx = &c->per_x[t->xi];
		double px = p * t->x, lden = log(gam + t->m * t->x);

		ll += tx->lg_pxq - tx->lg_px - lg_q + q * lgam + (px - 1) * t->lm +
		      px * t->lx - (px + q) * lden;
		if (grad) {
			double ps_pxq = tx->ps_pxq;

			gp += t->x * (ps_pxq - tx->ps_px + t->lm + t->lx - lden);
			gq += ps_pxq - ps_q + lgam - lden;
			gg += q / gam - (px + q) / (gam + t->m * t->x);
		}
	}
	if (grad) {
		grad[0] = -gp * p / (double)c->n;
		grad[1] = -gq * q / (double)c->n;
		grad[2] = -gg * gam / (double)c->n;
	}
	return isfinite(ll) ? -ll / (double)c->n : INFINITY;
}

/* The distinct x of it[0..n) into c (xs, nx, per_x). */
static int index_x(const struct item *it, size_t n, struct fit_ctx *c)
{
	uint32_t max = 0, *xs;
	bool *seen;
	size_t nx = 0;

	for (size_t i = 0; i < n; i++)
		max = it[i].xi > max ? it[i].xi : max;
	seen = calloc((size_t)max + 1, sizeof(*seen));
	xs = malloc(((size_t)max + 1) * sizeof(*xs));
	c->per_x = calloc((size_t)max + 1, sizeof(*c->per_x));
	if (!seen || !xs || !c->per_x) {
		free(seen);
		free(xs);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		seen[it[i].xi] = true;
	for (uint32_t x = 0; x <= max; x++)
		if (seen[x])
			xs[nx++] = x;
	free(seen);
	c->xs = xs;
	c->nx = nx;
	return 0;
}

int kh_gg_fit(const struct kh_btyd_obs *obs, size_t n, struct kh_gg_params *out,
	      struct kh_fit_report *rep)
{
	struct item *it;
	struct fit_ctx c = {0};
	struct kh_optim_problem prob = {.dim = 3, .fg = objective, .has_grad = true, .ctx = &c};
	struct kh_fit_report r = {0};
	double starts[3][KH_OPTIM_MAX_DIM], best[KH_OPTIM_MAX_DIM], msum = 0, mean;
	static const double p0[3] = {1, 5, 0.5}, q0[3] = {2, 3, 1.5};
	size_t m = 0;
	int rc;

	it = malloc((n ? n : 1) * sizeof(*it));
	if (!it)
		return KH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		if (!kh_gg_usable(&obs[i]))
			continue;
		it[m] = (struct item){obs[i].x, log(obs[i].x), obs[i].mean_spend,
				      log(obs[i].mean_spend), obs[i].x};
		msum += obs[i].mean_spend;
		m++;
	}
	if (m == 0) {
		free(it);
		return KH_ENOTFOUND;
	}
	c.it = it;
	c.n = m;
	if (index_x(it, m, &c)) {
		free(c.per_x);
		free(it);
		return KH_ENOMEM;
	}
	mean = msum / (double)m;
	/* Starts whose population mean p gamma / (q - 1) is the data's mean. */
	for (int k = 0; k < 3; k++) {
		starts[k][0] = log(p0[k]);
		starts[k][1] = log(q0[k]);
		starts[k][2] = log(mean * (q0[k] - 1) / p0[k]);
	}
	rc = kh_fit_multistart(&prob, (const double(*)[KH_OPTIM_MAX_DIM])starts, 3, best, &r);
	if (rc == 0) {
		out->p = exp(best[0]);
		out->q = exp(best[1]);
		out->gamma = exp(best[2]);
		r.loglik = -objective(best, NULL, &c) * (double)m;
		r.used = m;
		if (rep)
			*rep = r;
	}
	free(c.xs);
	free(c.per_x);
	free(it);
	return rc;
}

int kh_gg_expected_spend(const struct kh_gg_params *p, uint32_t x, double mean_spend,
			 double *out)
{
	if (!params_ok(p) || !(p->q > 1))
		return KH_EINVAL;
	if (x == 0) {
		*out = p->p * p->gamma / (p->q - 1);
		return 0;
	}
	if (!(mean_spend >= 0) || !isfinite(mean_spend))
		return KH_EINVAL;
	*out = p->p * (p->gamma + mean_spend * x) / (p->p * x + p->q - 1);
	return 0;
}
