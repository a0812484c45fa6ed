/*
 * special.c: log-gamma with sign, digamma, log-sum-exp and 2F1 (see
 * special.h). The 2F1 series is summed with a tail estimate rather than a
 * fixed number of terms, because near z = 1 it converges only polynomially.
 */
#include "analytics/special.h"

#include <math.h>
#include <stdbool.h>

#include "base/error.h"
#include "base/banned.h"

#define SERIES_MAX_TERMS 1000000
#define SERIES_EPS 1e-16
/* Below this distance of c - a - b from an integer, 15.3.6 is interpolated. */
#ifndef NEAR_INTEGER
#define NEAR_INTEGER 2e-4
#endif

double kh_special_lgamma(double x)
{
	int sign;

	return lgamma_r(x, &sign);
}

double kh_special_lgamma_sign(double x, int *sign)
{
	double s, k;

	if (x > 0) {
		*sign = 1;
		return kh_special_lgamma(x);
	}
	if (x == floor(x)) {
		*sign = 0;
		return INFINITY;
	}
	/* Reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x). sin(pi x) is taken
	 * as +-sin(pi (x - round(x))): the difference is exact, so x close to a
	 * pole keeps its relative accuracy (reducing modulo 2 would not). */
	k = round(x);
	s = sin(M_PI * (x - k));
	if (fmod(k, 2) != 0)
		s = -s;
	*sign = s > 0 ? 1 : -1;
	return log(M_PI) - log(fabs(s)) - kh_special_lgamma(1 - x);
}

double kh_special_digamma(double x)
{
	double acc = 0, inv, inv2;

	if (!(x > 0) || !isfinite(x))
		return isinf(x) && x > 0 ? INFINITY : NAN;
	while (x < 10) {
		acc -= 1 / x;
		x += 1;
	}
	inv = 1 / x;
	inv2 = inv * inv;
	/* ln x - 1/(2x) - sum B_2k / (2k x^2k), k = 1..6 */
	return acc + log(x) - 0.5 * inv -
	       inv2 * (1.0 / 12 -
		       inv2 * (1.0 / 120 -
			       inv2 * (1.0 / 252 -
				       inv2 * (1.0 / 240 - inv2 * (1.0 / 132 - inv2 * 691.0 / 32760)))));
}

double kh_special_logsumexp2(double a, double b)
{
	double m = a > b ? a : b;

	if (m == -INFINITY)
		return -INFINITY;
	if (isinf(m) || isnan(a) || isnan(b))
		return isnan(a) || isnan(b) ? NAN : m;
	return m + log1p(exp(-fabs(a - b)));
}

double kh_special_logistic_neg(double u)
{
	if (u > 0) {
		double e = exp(-u);

		return e / (1 + e);
	}
	return 1 / (1 + exp(u));
}

static bool nonpositive_integer(double x)
{
	return x <= 0 && x == floor(x);
}

/* The power series sum_{n>=1} (a)_n (b)_n / ((c)_n n!) z^n. It stops when the
 * next term is below SERIES_EPS of the sum, judged with the geometric tail
 * bound term * rho / (1 - rho), rho the larger of the current term ratio and
 * |z| (the ratio's limit), so a slowly converging series is not cut early.
 * The precision is relative to the sum itself (rel_sum, for 2F1 - 1) or to
 * 1 + sum (for 2F1). */
static int series_m1(double a, double b, double c, double z, bool rel_sum, double *out)
{
	double term = 1, sum = 0, comp = 0;

	for (long n = 0; n < SERIES_MAX_TERMS; n++) {
		double dn = (double)n, ratio, rho, y, t;

		ratio = (a + dn) * (b + dn) / ((c + dn) * (dn + 1)) * z;
		term *= ratio;
		/* Kahan summation: thousands of terms near z = 1. */
		y = term - comp;
		t = sum + y;
		comp = (t - sum) - y;
		sum = t;
		if (term == 0)
			break;
		if (!isfinite(sum))
			return KH_ELIMIT;
		rho = fabs(ratio) > fabs(z) ? fabs(ratio) : fabs(z);
		if (rho < 1 && dn + 1 > -a && dn + 1 > -b && dn + 1 > -c &&
		    fabs(term) * rho / (1 - rho) <= SERIES_EPS * fabs(rel_sum ? sum : 1 + sum))
			goto done;
	}
	if (term != 0)
		return KH_ELIMIT;
done:
	*out = sum;
	return 0;
}

/* 1/Gamma products of 15.3.6 as sign * exp(log): the gammas can overflow. */
static double gamma_ratio(double n1, double n2, double d1, double d2)
{
	int s1, s2, s3, s4;
	double l = kh_special_lgamma_sign(n1, &s1) + kh_special_lgamma_sign(n2, &s2);
	double m1 = kh_special_lgamma_sign(d1, &s3), m2 = kh_special_lgamma_sign(d2, &s4);

	if (s3 == 0 || s4 == 0)
		return 0;
	return (double)(s1 * s2 * s3 * s4) * exp(l - m1 - m2);
}

/* A&S 15.3.6 for z in (0.9, 1): s = c - a - b must not be an integer. */
static int one_minus_z(double a, double b, double c, double z, double *out)
{
	double s = c - a - b, w = 1 - z, f1, f2, g1, g2;
	int rc;

	if ((rc = series_m1(a, b, 1 - s, w, false, &f1)) ||
	    (rc = series_m1(c - a, c - b, 1 + s, w, false, &f2)))
		return rc;
	g1 = gamma_ratio(c, s, c - a, c - b);
	g2 = gamma_ratio(c, -s, a, b);
	*out = g1 * (1 + f1) + pow(w, s) * g2 * (1 + f2);
	return isfinite(*out) ? 0 : KH_ELIMIT;
}

/* 2F1 - 1 on the whole domain; the transformation branch subtracts the 1,
 * which is harmless there since 2F1 is far from 1 close to z = 1. */
static int hyp_m1(double a, double b, double c, double z, bool rel_sum, double *out)
{
	double s = c - a - b, near, f;
	int rc;

	if (!isfinite(a) || !isfinite(b) || !isfinite(c) || !isfinite(z) || !(z > -1 && z < 1) ||
	    nonpositive_integer(c))
		return KH_EINVAL;
	if (z == 0 || a == 0 || b == 0) {
		*out = 0;
		return 0;
	}
	/* Terminating series (a or b a negative integer) and fast cases. */
	if (nonpositive_integer(a) || nonpositive_integer(b) || (z >= 0 && (z <= 0.9 || s >= 4)))
		return series_m1(a, b, c, z, rel_sum, out);
	if (z < 0) {
		/* Pfaff: F(a, b; c; z) = (1 - z)^-a F(a, c - b; c; z / (z - 1)),
		 * whose argument is in (0, 1/2): no alternating terms to cancel. */
		if ((rc = series_m1(a, c - b, c, z / (z - 1), false, &f)))
			return rc;
		*out = expm1(-a * log1p(-z)) + exp(-a * log1p(-z)) * f;
		return 0;
	}
	near = s - round(s);
	if (fabs(near) < NEAR_INTEGER) {
		/* 15.3.6 at c' = c0 + k h, k = -2, -1, 1, 2, where c0 - a - b is
		 * the integer itself, then cubic Lagrange interpolation at c: the
		 * error is O(h^4) in c, the cancellation between the two terms only
		 * about eps / h. */
		static const double node[4] = {-2, -1, 1, 2};
		double h = NEAR_INTEGER, c0 = c - near, u = near / h, v[4];

		for (int k = 0; k < 4; k++)
			if ((rc = one_minus_z(a, b, c0 + node[k] * h, z, &v[k])))
				return rc;
		f = 0;
		for (int k = 0; k < 4; k++) {
			double l = 1;

			for (int j = 0; j < 4; j++)
				if (j != k)
					l *= (u - node[j]) / (node[k] - node[j]);
			f += l * v[k];
		}
	} else if ((rc = one_minus_z(a, b, c, z, &f))) {
		return rc;
	}
	*out = f - 1;
	return 0;
}

int kh_special_hyp2f1_m1(double a, double b, double c, double z, double *out)
{
	return hyp_m1(a, b, c, z, true, out);
}

int kh_special_hyp2f1(double a, double b, double c, double z, double *out)
{
	double m1;
	int rc = hyp_m1(a, b, c, z, false, &m1);

	if (rc == 0)
		*out = 1 + m1;
	return rc;
}
