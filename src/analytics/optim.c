/*
 * optim.c: BFGS and Nelder-Mead (see optim.h). BFGS carries the inverse
 * Hessian and skips an update whose curvature y's is not positive, so a
 * non-convex stretch cannot make the search direction point uphill; a direction
 * that is not a descent direction resets the matrix to the identity.
 */
#include "analytics/optim.h"

#include <math.h>
#include <string.h>

#include "base/error.h"
#include "base/banned.h"

#define N KH_OPTIM_MAX_DIM

struct eval {
	const struct kh_optim_problem *p;
	int evals;
};

static double f_only(struct eval *e, const double *x)
{
	double f;

	e->evals++;
	f = e->p->fg(x, NULL, e->p->ctx);
	return isnan(f) ? INFINITY : f;
}

/* f and gradient; central differences when the problem has no gradient. */
static double f_grad(struct eval *e, const double *x, double *g)
{
	const struct kh_optim_problem *p = e->p;
	double f, xx[N];

	if (p->has_grad) {
		e->evals++;
		f = p->fg(x, g, p->ctx);
		return isnan(f) ? INFINITY : f;
	}
	f = f_only(e, x);
	memcpy(xx, x, sizeof(double) * (size_t)p->dim);
	for (int i = 0; i < p->dim; i++) {
		double h = 1e-6 * (fabs(x[i]) + 1), fp, fm;

		xx[i] = x[i] + h;
		fp = f_only(e, xx);
		xx[i] = x[i] - h;
		fm = f_only(e, xx);
		xx[i] = x[i];
		g[i] = (fp - fm) / (2 * h);
	}
	return f;
}

static void fill_defaults(const struct kh_optim_options *o, struct kh_optim_options *d)
{
	*d = o ? *o : (struct kh_optim_options){0};
	if (d->max_evals <= 0)
		d->max_evals = 5000;
	if (d->gtol <= 0)
		d->gtol = 1e-9;
	if (d->ftol <= 0)
		d->ftol = 1e-14;
	if (d->step <= 0)
		d->step = 0.5;
}

static double max_abs(const double *v, int n)
{
	double m = 0;

	for (int i = 0; i < n; i++)
		if (!(fabs(v[i]) <= m))
			m = fabs(v[i]);
	return m;
}

static void identity(double h[N][N], int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			h[i][j] = i == j;
}

int kh_optim_bfgs(const struct kh_optim_problem *p, double *x, const struct kh_optim_options *o,
		  struct kh_optim_result *res)
{
	struct kh_optim_options opt;
	struct eval e = {p, 0};
	double h[N][N], g[N], d[N], xn[N], gn[N], s[N], y[N], f, fn;
	int n = p->dim, iter = 0;
	bool converged = false, fresh = true;

	if (n < 1 || n > N)
		return KH_EINVAL;
	fill_defaults(o, &opt);
	f = f_grad(&e, x, g);
	if (!isfinite(f) || !isfinite(max_abs(g, n)))
		return KH_EINVAL;
	identity(h, n);
	while (e.evals < opt.max_evals) {
		double slope = 0, t = 1, ys = 0, hy[N], yhy = 0, dmax;

		if (max_abs(g, n) <= opt.gtol) {
			converged = true;
			break;
		}
		iter++;
		for (int i = 0; i < n; i++) {
			d[i] = 0;
			for (int j = 0; j < n; j++)
				d[i] -= h[i][j] * g[j];
			slope += d[i] * g[i];
		}
		if (!(slope < 0)) {
			identity(h, n);
			fresh = true;
			for (int i = 0; i < n; i++)
				d[i] = -g[i];
			slope = 0;
			for (int i = 0; i < n; i++)
				slope -= g[i] * g[i];
		}
		/* Keep the first trial step within a box of 5 in every coordinate:
		 * on log-parameters a longer step leaves the domain anyway. */
		dmax = max_abs(d, n);
		if (dmax > 5)
			t = 5 / dmax;
		/* Backtracking with the Armijo condition. */
		for (;;) {
			for (int i = 0; i < n; i++)
				xn[i] = x[i] + t * d[i];
			fn = f_grad(&e, xn, gn);
			if (isfinite(fn) && fn <= f + 1e-4 * t * slope && isfinite(max_abs(gn, n)))
				break;
			t *= 0.5;
			if (t < 1e-20 || e.evals >= opt.max_evals)
				break;
		}
		if (!(isfinite(fn) && fn <= f + 1e-4 * t * slope)) {
			/* No progress even along -g: as close to a minimum as the
			 * objective's rounding lets us get. Otherwise retry from -g. */
			if (fresh) {
				converged = max_abs(g, n) <= sqrt(opt.gtol);
				break;
			}
			identity(h, n);
			fresh = true;
			continue;
		}
		for (int i = 0; i < n; i++) {
			s[i] = xn[i] - x[i];
			y[i] = gn[i] - g[i];
			ys += y[i] * s[i];
		}
		if (f - fn <= opt.ftol * (fabs(f) + 1e-12) && max_abs(gn, n) <= sqrt(opt.gtol))
			converged = true;
		memcpy(x, xn, sizeof(double) * (size_t)n);
		memcpy(g, gn, sizeof(double) * (size_t)n);
		f = fn;
		if (converged)
			break;
		if (ys <= 1e-300)
			continue;
		fresh = false;
		/* H += (1 + y'Hy / y's) ss' / y's - (Hy s' + s y'H) / y's */
		for (int i = 0; i < n; i++) {
			hy[i] = 0;
			for (int j = 0; j < n; j++)
				hy[i] += h[i][j] * y[j];
			yhy += y[i] * hy[i];
		}
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				h[i][j] += (1 + yhy / ys) * s[i] * s[j] / ys -
					   (hy[i] * s[j] + s[i] * hy[j]) / ys;
	}
	res->fmin = f;
	res->gnorm = max_abs(g, n);
	res->evals = e.evals;
	res->iterations = iter;
	res->converged = converged || res->gnorm <= opt.gtol;
	return 0;
}

int kh_optim_nelder_mead(const struct kh_optim_problem *p, double *x,
			 const struct kh_optim_options *o, struct kh_optim_result *res)
{
	struct kh_optim_options opt;
	struct eval e = {p, 0};
	double sx[N + 1][N], sf[N + 1], c[N], xr[N], xe[N], fr, fe;
	int n = p->dim, iter = 0;
	bool converged = false;

	if (n < 1 || n > N)
		return KH_EINVAL;
	fill_defaults(o, &opt);
	for (int k = 0; k <= n; k++) {
		memcpy(sx[k], x, sizeof(double) * (size_t)n);
		if (k > 0)
			sx[k][k - 1] += opt.step;
		sf[k] = f_only(&e, sx[k]);
	}
	if (!isfinite(sf[0]))
		return KH_EINVAL;
	while (e.evals < opt.max_evals) {
		int hi = 0, lo = 0, nh = 0;
		double size = 0;

		for (int k = 1; k <= n; k++) {
			if (sf[k] > sf[hi])
				hi = k;
			if (sf[k] < sf[lo])
				lo = k;
		}
		nh = lo == 0 ? 1 : 0;
		for (int k = 0; k <= n; k++)
			if (k != hi && sf[k] > sf[nh])
				nh = k;
		for (int k = 0; k <= n; k++)
			for (int i = 0; i < n; i++)
				if (fabs(sx[k][i] - sx[lo][i]) > size)
					size = fabs(sx[k][i] - sx[lo][i]);
		if (fabs(sf[hi] - sf[lo]) <= opt.ftol * (fabs(sf[lo]) + 1e-12) && size < 1e-9) {
			converged = true;
			break;
		}
		iter++;
		for (int i = 0; i < n; i++) {
			c[i] = 0;
			for (int k = 0; k <= n; k++)
				if (k != hi)
					c[i] += sx[k][i];
			c[i] /= n;
			xr[i] = c[i] + (c[i] - sx[hi][i]);
		}
		fr = f_only(&e, xr);
		if (fr < sf[lo]) {
			for (int i = 0; i < n; i++)
				xe[i] = c[i] + 2 * (c[i] - sx[hi][i]);
			fe = f_only(&e, xe);
			if (fe < fr) {
				memcpy(sx[hi], xe, sizeof(xe));
				sf[hi] = fe;
			} else {
				memcpy(sx[hi], xr, sizeof(xr));
				sf[hi] = fr;
			}
		} else if (fr < sf[nh]) {
			memcpy(sx[hi], xr, sizeof(xr));
			sf[hi] = fr;
		} else {
			/* Contract, outside or inside; shrink if that fails too. */
			bool outside = fr < sf[hi];

			for (int i = 0; i < n; i++)
				xe[i] = c[i] + (outside ? 0.5 : -0.5) * (c[i] - sx[hi][i]);
			fe = f_only(&e, xe);
			if (fe < (outside ? fr : sf[hi])) {
				memcpy(sx[hi], xe, sizeof(xe));
				sf[hi] = fe;
			} else {
				for (int k = 0; k <= n; k++) {
					if (k == lo)
						continue;
					for (int i = 0; i < n; i++)
						sx[k][i] = sx[lo][i] + 0.5 * (sx[k][i] - sx[lo][i]);
					sf[k] = f_only(&e, sx[k]);
				}
			}
		}
	}
	{
		int lo = 0;

		for (int k = 1; k <= n; k++)
			if (sf[k] < sf[lo])
				lo = k;
		memcpy(x, sx[lo], sizeof(double) * (size_t)n);
		res->fmin = sf[lo];
	}
	res->gnorm = NAN;
	res->evals = e.evals;
	res->iterations = iter;
	res->converged = converged;
	return 0;
}
