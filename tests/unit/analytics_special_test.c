/* analytics_special_test.c: log-gamma with sign, digamma, log-sum-exp and
 * 2F1, against closed forms and against values computed with mpmath 1.2.1
 * at 30 digits (mp.hyp2f1, mp.digamma, mp.gamma), quoted below. */
#include "test.h"

#include <math.h>

#include "analytics/special.h"
#include "base/error.h"

#define REL(got, want, tol) assert_true(fabs((got) - (want)) <= (tol) * fabs(want))

static void lgamma_with_sign(void **state)
{
	int s;

	/* Gamma(-0.5) = -2 sqrt(pi): log|.| = log(2 sqrt(pi)) = 1.2655121234846454 */
	REL(kh_special_lgamma_sign(-0.5, &s), 1.2655121234846454, 1e-14);
	assert_int_equal(s, -1);
	/* Gamma(-1.5) = 4 sqrt(pi) / 3 > 0: log = 0.8600470153764810 */
	REL(kh_special_lgamma_sign(-1.5, &s), 0.8600470153764810, 1e-14);
	assert_int_equal(s, 1);
	/* Gamma(-2.5) = -0.9453087204829419 */
	REL(kh_special_lgamma_sign(-2.5, &s), -0.0562437164976741, 1e-12);
	assert_int_equal(s, -1);
	/* next to a pole the relative accuracy holds: Gamma(-3 + 2^-30) =
	 * -178956970.876..., log|.| = 19.002655948740155 (2^-30 is exact in
	 * binary, so the input itself carries no rounding) */
	REL(kh_special_lgamma_sign(-3 + ldexp(1, -30), &s), 19.002655948740155, 1e-14);
	assert_int_equal(s, -1);
	/* Gamma(5) = 24 */
	REL(kh_special_lgamma_sign(5, &s), log(24), 1e-15);
	assert_int_equal(s, 1);
	/* poles */
	assert_true(isinf(kh_special_lgamma_sign(0, &s)));
	assert_int_equal(s, 0);
	assert_true(isinf(kh_special_lgamma_sign(-4, &s)));
	assert_int_equal(s, 0);
}

static void digamma_values(void **state)
{
	/* psi(1) = -Euler's gamma; psi(1/2) = -gamma - 2 ln 2 */
	REL(kh_special_digamma(1), -0.5772156649015329, 1e-14);
	REL(kh_special_digamma(0.5), -1.9635100260214235, 1e-14);
	REL(kh_special_digamma(0.01), -100.56088545786867, 1e-14);
	REL(kh_special_digamma(10), 2.2517525890667211, 1e-14);
	REL(kh_special_digamma(1234.5), 7.1180162318279978, 1e-14);
	/* the recurrence psi(x + 1) = psi(x) + 1/x across the switch at 10 */
	for (double x = 0.3; x < 30; x += 0.7)
		assert_true(fabs(kh_special_digamma(x + 1) - kh_special_digamma(x) - 1 / x) < 1e-13);
	assert_true(isnan(kh_special_digamma(0)));
	assert_true(isnan(kh_special_digamma(-1.5)));
}

static void logsumexp_and_logistic(void **state)
{
	/* no overflow: log(e^1000 + e^1000) = 1000 + ln 2 */
	REL(kh_special_logsumexp2(1000, 1000), 1000 + log(2), 1e-15);
	/* no underflow: log(e^-1000 + e^-1001) = -1000 + log1p(e^-1) */
	REL(kh_special_logsumexp2(-1000, -1001), -1000 + log1p(exp(-1)), 1e-15);
	assert_true(kh_special_logsumexp2(-INFINITY, 3) == 3);
	assert_true(kh_special_logsumexp2(-INFINITY, -INFINITY) == -INFINITY);
	/* 1 / (1 + e^u) */
	REL(kh_special_logistic_neg(0), 0.5, 1e-15);
	REL(kh_special_logistic_neg(800), exp(-800), 1e-12);
	assert_true(kh_special_logistic_neg(-800) == 1);
}

static void hyp2f1_closed_forms(void **state)
{
	double v;

	/* 2F1(1, 1; 2; z) = -ln(1 - z) / z: c - a - b = 0, the integer case of
	 * the z -> 1 - z transformation when z > 0.9 */
	for (int k = 1; k < 10; k++) {
		double z = k / 10.0;

		assert_int_equal(kh_special_hyp2f1(1, 1, 2, z, &v), 0);
		REL(v, -log1p(-z) / z, 1e-12);
	}
	assert_int_equal(kh_special_hyp2f1(1, 1, 2, 0.9999, &v), 0);
	REL(v, 9.2112614981261054, 1e-11);
	/* 2F1(a, b; b; z) = (1 - z)^-a */
	assert_int_equal(kh_special_hyp2f1(0.7, 2.5, 2.5, 0.95, &v), 0);
	REL(v, pow(0.05, -0.7), 1e-11);
	/* 2F1(1/2, 1/2; 3/2; z^2) = asin(z) / z */
	assert_int_equal(kh_special_hyp2f1(0.5, 0.5, 1.5, 0.99 * 0.99, &v), 0);
	REL(v, asin(0.99) / 0.99, 1e-12);
	/* negative argument (Pfaff): 2F1(1/2, 1; 3/2; -z^2) = atan(z) / z */
	assert_int_equal(kh_special_hyp2f1(0.5, 1, 1.5, -0.9, &v), 0);
	REL(v, atan(sqrt(0.9)) / sqrt(0.9), 1e-13);
	/* terminating: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b+1)z^2 / (c(c+1));
	 * b = 3, c = 4, z = 0.5: 1 - 0.75 + 12 * 0.25 / 20 = 0.4 */
	assert_int_equal(kh_special_hyp2f1(-2, 3, 4, 0.5, &v), 0);
	REL(v, 0.4, 1e-15);
}

static void hyp2f1_reference_values(void **state)
{
	static const struct {
		double a, b, c, z, want;
	} cases[] = {
		/* mpmath: mp.dps = 30; mp.hyp2f1(a, b, c, z) */
		{0.3, 2.7, 1.9, 0.5, 1.3809086594901065},
		{0.243, 2.426, 2.219, 0.95, 2.4461866770309917},
		{1.97, -0.207, 2.219, 0.99, 0.55409633744080423},
		{1.97, -0.207, 102.219, 0.999, 0.99596812193978175},
		{2.5, 1.5, 4.1, -0.9, 0.53576598155106406},
		{1, 1, 2, 0.99, 4.6516870565536268},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double v = 0;

		assert_int_equal(kh_special_hyp2f1(cases[i].a, cases[i].b, cases[i].c, cases[i].z, &v), 0);
		if (fabs(v - cases[i].want) > 1e-11 * fabs(cases[i].want))
			fail_msg("2F1(%g, %g; %g; %g) = %.17g, want %.17g", cases[i].a, cases[i].b,
				 cases[i].c, cases[i].z, v, cases[i].want);
	}
}

static void hyp2f1_minus_one_keeps_precision(void **state)
{
	double v;

	/* 2F1(1, 1; 2; 1e-8) - 1 = 5.0000000333333336e-9 (mpmath) */
	assert_int_equal(kh_special_hyp2f1_m1(1, 1, 2, 1e-8, &v), 0);
	REL(v, 5.0000000333333336e-9, 1e-14);
	assert_int_equal(kh_special_hyp2f1_m1(1, 1, 2, 0, &v), 0);
	assert_true(v == 0);
}

static void hyp2f1_errors(void **state)
{
	double v = 42;

	assert_int_equal(kh_special_hyp2f1(1, 1, 2, 1, &v), KH_EINVAL);
	assert_int_equal(kh_special_hyp2f1(1, 1, 2, -1, &v), KH_EINVAL);
	assert_int_equal(kh_special_hyp2f1(1, 1, -2, 0.5, &v), KH_EINVAL);
	assert_int_equal(kh_special_hyp2f1(1, 1, 0, 0.5, &v), KH_EINVAL);
	assert_int_equal(kh_special_hyp2f1(NAN, 1, 2, 0.5, &v), KH_EINVAL);
	assert_true(v == 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lgamma_with_sign),
		cmocka_unit_test(digamma_values),
		cmocka_unit_test(logsumexp_and_logistic),
		cmocka_unit_test(hyp2f1_closed_forms),
		cmocka_unit_test(hyp2f1_reference_values),
		cmocka_unit_test(hyp2f1_minus_one_keeps_precision),
		cmocka_unit_test(hyp2f1_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
