/*
 * bgnbd.c: BG/NBD likelihood, fit and predictions (see bgnbd.h). The fit
 * evaluates the likelihood on distinct (x, t_x, T) with weights and computes
 * the gamma and digamma terms once per distinct x and the logarithms of
 * alpha + t once per distinct time, so a million customers cost a few
 * exponentials each per evaluation.
 */
#include "analytics/bgnbd.h"

#include <math.h>
#include <stdlib.h>

#include "analytics/fit.h"
#include "analytics/special.h"
#include "base/error.h"
#include "base/banned.h"

/* Log-parameters beyond this are taken as outside the domain (e^25 ~ 7e10). */
#define LOG_BOUND 25.0
/* Within this of a = 1 the expectation is interpolated (see below). */
#define A_NEAR_ONE 1e-4

static bool params_ok(const struct kh_bgnbd_params *p)
{
	return p->r > 0 && p->alpha > 0 && p->a > 0 && p->b > 0 && isfinite(p->r) &&
	       isfinite(p->alpha) && isfinite(p->a) && isfinite(p->b);
}

static bool obs_ok(const struct kh_btyd_obs *o)
{
	return isfinite(o->T) && isfinite(o->t_x) && o->t_x >= 0 && o->T >= o->t_x;
}

int kh_bgnbd_loglik_one(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o, double *ll)
{
	double x = o->x, r = p->r, al = p->alpha, a = p->a, b = p->b, l1, l2, l3, l4;

	if (!params_ok(p) || !obs_ok(o))
		return KH_EINVAL;
	l1 = kh_special_lgamma(r + x) - kh_special_lgamma(r) + r * log(al);
	l2 = kh_special_lgamma(a + b) + kh_special_lgamma(b + x) - kh_special_lgamma(b) - kh_special_lgamma(a + b + x);
	l3 = -(r + x) * log(al + o->T);
	if (o->x > 0) {
		l4 = log(a) - log(b + x - 1) - (r + x) * log(al + o->t_x);
		l3 = kh_special_logsumexp2(l3, l4);
	}
	*ll = l1 + l2 + l3;
	return 0;
}

int kh_bgnbd_loglik(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *obs, size_t n,
		    double *ll)
{
	double sum = 0, one;
	int rc;

	for (size_t i = 0; i < n; i++) {
		if ((rc = kh_bgnbd_loglik_one(p, &obs[i], &one)))
			return rc;
		sum += one;
	}
	*ll = sum;
	return 0;
}

struct group {
	double t_x, T, w;
	uint32_t x;
	uint32_t it_x, iT; /* t_x and T in fit_ctx.times */
};

/* The distinct times (t_x and T: at most a few thousand days among a million
 * customers), whose alpha + t and log(alpha + t) each evaluation works out
 * once, with the operands it would use per group. */
struct fit_ctx {
	const struct group *g;
	size_t ng;
	double wsum;
	double *times;
	size_t ntimes;
	double *at, *log_at; /* alpha + times[k], its log (scratch) */
};

static int cmp_group(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->t_x != b->t_x)
		return a->t_x < b->t_x ? -1 : 1;
	return (a->T > b->T) - (a->T < b->T);
}

/* Minus the mean log-likelihood at th = log(r, alpha, a, b), and its gradient
 * in th. Per distinct x the constant parts; per group two logs and one exp. */
static double objective(const double *th, double *grad, void *vctx)
{
	const struct fit_ctx *c = vctx;
	double r, al, a, b, lal, ll = 0, gr = 0, gal = 0, ga = 0, gb = 0;
	double lg_r, lg_b, lg_ab, ps_r = 0, ps_b = 0, ps_ab = 0, la;
	size_t i = 0;

	for (int k = 0; k < 4; k++)
		if (!(fabs(th[k]) <= LOG_BOUND))
			return INFINITY;
	r = exp(th[0]), al = exp(th[1]), a = exp(th[2]), b = exp(th[3]);
	lal = th[1], la = th[2];
	for (size_t k = 0; k < c->ntimes; k++) {
		c->at[k] = al + c->times[k];
		c->log_at[k] = log(c->at[k]);
	}
	lg_r = kh_special_lgamma(r), lg_b = kh_special_lgamma(b), lg_ab = kh_special_lgamma(a + b);
	if (grad)
		ps_r = kh_special_digamma(r), ps_b = kh_special_digamma(b), ps_ab = kh_special_digamma(a + b);
	while (i < c->ng) {
		double x = c->g[i].x, rx = r + x, cx, l4c = 0, lbx = 0;
		double dr_c = 0, da_c = 0, db_c = 0, psum3 = 0, psum4 = 0, asum3 = 0, asum4 = 0;
		double wsum = 0, lsum = 0;
		uint32_t xi = c->g[i].x;

		cx = kh_special_lgamma(rx) - lg_r + r * lal;
		if (xi > 0) {
			cx += lg_ab + kh_special_lgamma(b + x) - lg_b - kh_special_lgamma(a + b + x);
			lbx = log(b + x - 1);
			l4c = la - lbx;
		}
		if (grad) {
			dr_c = kh_special_digamma(rx) - ps_r + lal;
			if (xi > 0) {
				double ps_abx = kh_special_digamma(a + b + x);

				da_c = ps_ab - ps_abx;
				db_c = ps_ab + kh_special_digamma(b + x) - ps_b - ps_abx;
			}
		}
		/* Sums over the groups of this x: the likelihood, and the
		 * weighted pieces of the gradient (w3, w4 are the shares of the
		 * two likelihood terms, "alive at T" and "dropped after t_x"). */
		for (; i < c->ng && c->g[i].x == xi; i++) {
			const struct group *g = &c->g[i];
			double lt = c->log_at[g->iT], l3 = -rx * lt, lse, w3 = 1, w4 = 0, ltx = 0;

			if (xi > 0) {
				double l4;

				ltx = c->log_at[g->it_x];
				l4 = l4c - rx * ltx;
				lse = kh_special_logsumexp2(l3, l4);
				w3 = exp(l3 - lse);
				w4 = exp(l4 - lse);
			} else {
				lse = l3;
			}
			lsum += g->w * lse;
			wsum += g->w;
			if (grad) {
				psum3 += g->w * w3 * lt;
				psum4 += g->w * w4 * ltx;
				asum3 += g->w * w3 / c->at[g->iT];
				asum4 += g->w * w4 / c->at[g->it_x];
				ga += g->w * w4 / a;
				gb -= g->w * w4 / (b + x - 1);
			}
		}
		ll += wsum * cx + lsum;
		if (grad) {
			gr += wsum * dr_c - psum3 - psum4;
			gal += wsum * r / al - rx * (asum3 + asum4);
			ga += wsum * da_c;
			gb += wsum * db_c;
		}
	}
	if (grad) {
		grad[0] = -gr * r / c->wsum;
		grad[1] = -gal * al / c->wsum;
		grad[2] = -ga * a / c->wsum;
		grad[3] = -gb * b / c->wsum;
	}
	return isfinite(ll) ? -ll / c->wsum : INFINITY;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

static uint32_t time_index(const double *times, size_t n, double t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (times[mid] < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

/* The distinct t_x and T of g[0..m) into c, and each group's indices. */
static int index_times(struct group *g, size_t m, struct fit_ctx *c)
{
	double *t = malloc((2 * m + 1) * sizeof(*t));
	size_t k = 0, u = 0;

	if (!t)
		return KH_ENOMEM;
	for (size_t i = 0; i < m; i++) {
		t[k++] = g[i].t_x;
		t[k++] = g[i].T;
	}
	qsort(t, k, sizeof(*t), cmp_double);
	for (size_t i = 0; i < k; i++)
		if (u == 0 || t[i] != t[u - 1])
			t[u++] = t[i];
	c->times = t;
	c->ntimes = u;
	c->at = malloc((u + 1) * sizeof(double));
	c->log_at = malloc((u + 1) * sizeof(double));
	if (!c->at || !c->log_at) {
		free(t);
		free(c->at);
		free(c->log_at);
		return KH_ENOMEM;
	}
	for (size_t i = 0; i < m; i++) {
		g[i].it_x = time_index(t, u, g[i].t_x);
		g[i].iT = time_index(t, u, g[i].T);
	}
	return 0;
}

int kh_bgnbd_fit(const struct kh_btyd_obs *obs, size_t n, struct kh_bgnbd_params *out,
		 struct kh_fit_report *rep)
{
	struct group *g;
	struct fit_ctx c = {0};
	struct kh_optim_problem prob = {.dim = 4, .fg = objective, .has_grad = true, .ctx = &c};
	struct kh_fit_report r = {0};
	double starts[3][KH_OPTIM_MAX_DIM], best[KH_OPTIM_MAX_DIM], sx = 0, sT = 0, rate;
	static const double r0[3] = {1, 0.3, 3}, a0[3] = {1, 0.5, 2}, b0[3] = {1, 3, 1};
	size_t m = 0;
	int rc;

	if (n == 0)
		return KH_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!obs_ok(&obs[i]))
			return KH_EINVAL;
	g = malloc(n * sizeof(*g));
	if (!g)
		return KH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		g[i] = (struct group){obs[i].x ? obs[i].t_x : 0, obs[i].T, 1, obs[i].x, 0, 0};
		sx += obs[i].x;
		sT += obs[i].T;
	}
	qsort(g, n, sizeof(*g), cmp_group);
	for (size_t i = 0; i < n; i++) {
		if (m > 0 && cmp_group(&g[m - 1], &g[i]) == 0)
			g[m - 1].w += 1;
		else
			g[m++] = g[i];
	}
	c.g = g;
	c.ng = m;
	c.wsum = (double)n;
	if ((rc = index_times(g, m, &c))) {
		free(g);
		return rc;
	}
	/* Start with the mean purchase rate r / alpha matching the data's. */
	rate = sx > 0 && sT > 0 ? sx / sT : (sT > 0 ? 1 / (sT / (double)n) : 1);
	for (int k = 0; k < 3; k++) {
		starts[k][0] = log(r0[k]);
		starts[k][1] = log(r0[k] / rate);
		starts[k][2] = log(a0[k]);
		starts[k][3] = log(b0[k]);
	}
	rc = kh_fit_multistart(&prob, (const double(*)[KH_OPTIM_MAX_DIM])starts, 3, best, &r);
	if (rc == 0) {
		out->r = exp(best[0]);
		out->alpha = exp(best[1]);
		out->a = exp(best[2]);
		out->b = exp(best[3]);
		r.loglik = -objective(best, NULL, &c) * c.wsum;
		r.used = n;
		if (rep)
			*rep = r;
	}
	free(c.times);
	free(c.at);
	free(c.log_at);
	free(g);
	return rc;
}

double kh_bgnbd_p_alive(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o)
{
	double u;

	if (!params_ok(p) || !obs_ok(o))
		return NAN;
	if (o->x == 0)
		return 1;
	u = log(p->a) - log(p->b + o->x - 1) +
	    (p->r + o->x) * (log(p->alpha + o->T) - log(p->alpha + o->t_x));
	return kh_special_logistic_neg(u);
}

/* (a+b+x-1)/(a-1) [1 - (1-z)^(a-1) F], F = 2F1(a+b-1-r, a-1; a+b+x-1; z),
 * written as -expm1(u) - e^u (F - 1) with u = (a-1) log(1-z) so that small t
 * keeps its precision. */
static int bracket(double r, double a, double b, double x, double z, double *out)
{
	double u, fm1, v;
	int rc;

	if ((rc = kh_special_hyp2f1_m1(a + b - 1 - r, a - 1, a + b + x - 1, z, &fm1)))
		return rc;
	u = (a - 1) * log1p(-z);
	v = -expm1(u) - exp(u) * fm1;
	*out = (a + b + x - 1) / (a - 1) * v;
	return isfinite(*out) ? 0 : KH_ELIMIT;
}

int kh_bgnbd_expected_if_alive(const struct kh_bgnbd_params *p, double x, double T, double t,
			       double *out)
{
	double z, e;
	int rc;

	z = t / (p->alpha + T + t);
	if (fabs(p->a - 1) < A_NEAR_ONE) {
		/* The removable singularity at a = 1: evaluate at 1 + k h, k =
		 * -2, -1, 1, 2, and interpolate (cubic, error O(h^4)). */
		static const double node[4] = {-2, -1, 1, 2};
		double h = A_NEAR_ONE, u = (p->a - 1) / h, v[4];

		e = 0;
		for (int k = 0; k < 4; k++)
			if ((rc = bracket(p->r, 1 + node[k] * h, p->b, x, z, &v[k])))
				return rc;
		for (int k = 0; k < 4; k++) {
			double l = 1;

			for (int j = 0; j < 4; j++)
				if (j != k)
					l *= (u - node[j]) / (node[k] - node[j]);
			e += l * v[k];
		}
	} else if ((rc = bracket(p->r, p->a, p->b, x, z, &e))) {
		return rc;
	}
	*out = e;
	return 0;
}

int kh_bgnbd_expected_from(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o,
			   double t, double if_alive, int if_alive_rc, double *out)
{
	if (!params_ok(p) || !obs_ok(o) || !(t >= 0) || !isfinite(t))
		return KH_EINVAL;
	if (t == 0) {
		*out = 0;
		return 0;
	}
	if (if_alive_rc)
		return if_alive_rc;
	*out = if_alive * kh_bgnbd_p_alive(p, o);
	return 0;
}

int kh_bgnbd_expected(const struct kh_bgnbd_params *p, const struct kh_btyd_obs *o, double t,
		      double *out)
{
	double e = 0;
	int rc = 0;

	if (params_ok(p) && obs_ok(o) && t > 0 && isfinite(t))
		rc = kh_bgnbd_expected_if_alive(p, o->x, o->T, t, &e);
	return kh_bgnbd_expected_from(p, o, t, e, rc, out);
}

int kh_bgnbd_expected_new(const struct kh_bgnbd_params *p, double t, double *out)
{
	struct kh_btyd_obs o = {0, 0, 0, 0};

	return kh_bgnbd_expected(p, &o, t, out);
}
