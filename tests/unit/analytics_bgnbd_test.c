/* analytics_bgnbd_test.c: the BG/NBD model: hand-computed likelihoods and
 * predictions, values checked with mpmath (30 digits, from the formulas of
 * Hardie's note "Implementing the BG/NBD model"), the published CDNOW
 * estimates, and recovery of known parameters from simulated data. */
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytics/bgnbd.h"
#include "base/csv.h"
#include "base/error.h"
#include "base/rng.h"

#define REL(got, want, tol)                                                                \
	do {                                                                               \
		double g_ = (got), w_ = (want);                                            \
		if (!(fabs(g_ - w_) <= (tol) * fabs(w_)))                                  \
			fail_msg("%s = %.17g, want %.17g", #got, g_, w_);                   \
	} while (0)

static const struct kh_bgnbd_params ones = {1, 1, 1, 1};
/* Fader, Hardie & Lee (2005), Table/estimates for CDNOW, as rounded in print */
static const struct kh_bgnbd_params published = {0.243, 4.414, 0.793, 2.426};

static void loglik_by_hand(void **state)
{
	struct kh_btyd_obs o0 = {0, 0, 1, 0}, o1 = {1, 1, 2, 0};
	double ll;

	/* r = alpha = a = b = 1, x = 0, T = 1:
	 * A1 = G(1) 1^1 / G(1) = 1, A2 = 1 (x = 0), A3 = (1 / (1 + 1))^1 = 1/2 */
	assert_int_equal(kh_bgnbd_loglik_one(&ones, &o0, &ll), 0);
	REL(ll, log(0.5), 1e-15);
	/* x = 1, t_x = 1, T = 2: A1 = G(2)/G(1) = 1, A2 = G(2) G(2) / (G(1) G(3))
	 * = 1/2, A3 = (1/3)^2 = 1/9, A4 = (1 / (1 + 1 - 1)) (1/2)^2 = 1/4;
	 * L = 1/2 (1/9 + 1/4) = 13/72 */
	assert_int_equal(kh_bgnbd_loglik_one(&ones, &o1, &ll), 0);
	REL(ll, log(13.0 / 72), 1e-15);
	/* the sum */
	{
		struct kh_btyd_obs both[2] = {o0, o1};

		assert_int_equal(kh_bgnbd_loglik(&ones, both, 2, &ll), 0);
		REL(ll, log(0.5 * 13.0 / 72), 1e-15);
	}
}

static void p_alive_by_hand(void **state)
{
	struct kh_btyd_obs o0 = {0, 0, 10, 0}, o1 = {1, 1, 2, 0};

	/* x = 0: cannot have dropped out */
	REL(kh_bgnbd_p_alive(&published, &o0), 1, 0);
	/* 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))
	 * = 1 / (1 + 1 (3/2)^2) = 4/13 */
	REL(kh_bgnbd_p_alive(&ones, &o1), 4.0 / 13, 1e-15);
	/* a customer who bought at T is more likely alive than one who
	 * stopped long ago */
	{
		struct kh_btyd_obs recent = {5, 30, 30, 0}, gone = {5, 5, 30, 0};

		assert_true(kh_bgnbd_p_alive(&published, &recent) >
			    kh_bgnbd_p_alive(&published, &gone));
	}
}

static void expected_by_hand(void **state)
{
	struct kh_bgnbd_params p = {1, 1, 2, 1};
	double e;

	/* r = alpha = 1, a = 2, b = 1: (a+b-1)/(a-1) = 2 and
	 * 2F1(1, 1; 2; z) = -ln(1 - z)/z with z = t/(1+t), so
	 * E[X(t)] = 2 [1 - 1/(1+t) (1+t) ln(1+t) / t] = 2 (1 - ln(1+t)/t);
	 * t = 1: 2 (1 - ln 2) = 0.6137056388801094 */
	assert_int_equal(kh_bgnbd_expected_new(&p, 1, &e), 0);
	REL(e, 2 * (1 - log(2)), 1e-14);
	/* t = 10: z = 10/11 > 0.9, the transformation branch (to ~1e-12) */
	assert_int_equal(kh_bgnbd_expected_new(&p, 10, &e), 0);
	REL(e, 2 * (1 - log(11) / 10), 1e-11);
	assert_int_equal(kh_bgnbd_expected_new(&p, 0, &e), 0);
	assert_true(e == 0);
}

static void expected_reference_values(void **state)
{
	static const struct {
		struct kh_btyd_obs o;
		double t, want, tol;
	} cases[] = {
		/* Hardie's example customer (x = 2, t_x = 30.43, T = 38.86):
		 * 1.226 purchases expected in the next 39 weeks */
		{{2, 30.43, 38.86, 0}, 39, 1.2260281747671444, 1e-12},
		/* a new customer: E[X(39)], E[X(78)] */
		{{0, 0, 0, 0}, 39, 1.1967231933208168, 1e-12},
		{{0, 0, 0, 0}, 78, 1.8605190579427685, 1e-12},
		/* far horizon, z = 10000/10034.4 close to 1: the z -> 1 - z branch */
		{{0, 0, 30, 0}, 10000, 7.2746956568508965, 1e-10},
		/* x in the hundreds and thousands: no overflow */
		{{300, 38, 38.86, 0}, 52, 123.34396145258663, 1e-12},
		{{5000, 38.86, 38.86, 0}, 52, 4286.5925197639303, 1e-11},
		{{5000, 38, 38.86, 0}, 52, 6.9317007497421024e-37, 1e-9},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double e = -1;

		assert_int_equal(kh_bgnbd_expected(&published, &cases[i].o, cases[i].t, &e), 0);
		if (!(fabs(e - cases[i].want) <= cases[i].tol * cases[i].want))
			fail_msg("case %zu: %.17g, want %.17g", i, e, cases[i].want);
	}
	/* P(alive) of the example customer: 0.72657857008067291 */
	{
		struct kh_btyd_obs o = {2, 30.43, 38.86, 0};

		REL(kh_bgnbd_p_alive(&published, &o), 0.72657857008067291, 1e-14);
	}
}

static void removable_singularity_at_a_1(void **state)
{
	struct kh_bgnbd_params p = published;
	struct kh_btyd_obs o = {1, 5, 30, 0};
	double e;

	/* mpmath at a = 1 + 3e-5 and a = 1 + 1e-40 (the limit; 80 digits, as
	 * the formula cancels 40 of them there), t = 52 */
	p.a = 1 + 3e-5;
	assert_int_equal(kh_bgnbd_expected(&p, &o, 52, &e), 0);
	REL(e, 0.46120315151430451, 1e-12);
	p.a = 1;
	assert_int_equal(kh_bgnbd_expected(&p, &o, 52, &e), 0);
	REL(e, 0.46121541559458962, 1e-12);
	/* and with z close to 1 (t = 2000, new customer) */
	assert_int_equal(kh_bgnbd_expected_new(&p, 2000, &e), 0);
	REL(e, 5.8366707537246858, 1e-11);
	p.a = 1 - 7e-5;
	assert_int_equal(kh_bgnbd_expected_new(&p, 2000, &e), 0);
	REL(e, 5.8373502855322368, 1e-11);
}

static void properties(void **state)
{
	struct kh_btyd_obs cust[] = {{0, 0, 20, 0}, {3, 10, 30, 0}, {12, 29, 30, 0}};
	double prev, e;

	for (size_t i = 0; i < 3; i++) {
		double pa = kh_bgnbd_p_alive(&published, &cust[i]);

		assert_true(pa > 0 && pa <= 1);
		prev = 0;
		/* more time, more purchases; never more than the alive customer's */
		for (double t = 1; t <= 520; t *= 2) {
			assert_int_equal(kh_bgnbd_expected(&published, &cust[i], t, &e), 0);
			assert_true(e > prev);
			prev = e;
		}
	}
	/* the conditional expectation at x = 0, T = 0 is the unconditional one */
	{
		struct kh_btyd_obs fresh = {0, 0, 0, 0};
		double a, b;

		assert_int_equal(kh_bgnbd_expected(&published, &fresh, 26, &a), 0);
		assert_int_equal(kh_bgnbd_expected_new(&published, 26, &b), 0);
		assert_true(a == b);
	}
}

static void bad_input(void **state)
{
	struct kh_bgnbd_params bad = {0, 1, 1, 1};
	struct kh_btyd_obs o = {1, 5, 4, 0}, ok = {1, 1, 4, 0};
	struct kh_bgnbd_params out = {42, 42, 42, 42};
	double v = 42;

	assert_int_equal(kh_bgnbd_loglik_one(&bad, &ok, &v), KH_EINVAL);
	/* t_x > T */
	assert_int_equal(kh_bgnbd_loglik_one(&ones, &o, &v), KH_EINVAL);
	assert_int_equal(kh_bgnbd_expected(&ones, &ok, -1, &v), KH_EINVAL);
	assert_true(v == 42);
	assert_true(isnan(kh_bgnbd_p_alive(&bad, &ok)));
	assert_int_equal(kh_bgnbd_fit(&ok, 0, &out, NULL), KH_EINVAL);
	assert_int_equal(kh_bgnbd_fit(&o, 1, &out, NULL), KH_EINVAL);
	assert_true(out.r == 42);
}

/* The CDNOW calibration summary (2,357 customers, weeks): ID,x,t_x,T[,...]. */
static size_t read_cdnow(const char *path, struct kh_btyd_obs *obs, size_t max)
{
	struct kh_csv csv;
	struct kh_error err = {0};
	FILE *fp = fopen(path, "rb");
	size_t nf, n = 0;

	if (!fp)
		fail_msg("cannot open %s (tests run from the project root)", path);
	kh_csv_init_file(&csv, fp, NULL);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0); /* header */
	while (kh_csv_next(&csv, &nf, &err) == 0 && nf >= 4 && n < max) {
		obs[n].x = (uint32_t)strtoul(kh_csv_field(&csv, 1, NULL), NULL, 10);
		obs[n].t_x = strtod(kh_csv_field(&csv, 2, NULL), NULL);
		obs[n].T = strtod(kh_csv_field(&csv, 3, NULL), NULL);
		obs[n].mean_spend = nf >= 5 ? strtod(kh_csv_field(&csv, 4, NULL), NULL) : 0;
		n++;
	}
	assert_int_equal(err.code, 0);
	kh_csv_release(&csv);
	fclose(fp);
	return n;
}

static void cdnow_published_estimates(void **state)
{
	static struct kh_btyd_obs obs[3000];
	struct kh_bgnbd_params p;
	struct kh_fit_report rep;
	size_t n = read_cdnow("../shared/data/cdnow/cdnow_customers_summary.csv", obs, 3000);
	double ll_pub, sx = 0;

	assert_int_equal(n, 2357);
	for (size_t i = 0; i < n; i++)
		sx += obs[i].x;
	assert_true(sx == 2457); /* as the data README says */
	assert_int_equal(kh_bgnbd_fit(obs, n, &p, &rep), 0);
	assert_true(rep.converged);
	assert_int_equal(rep.used, 2357);
	/* Fader, Hardie & Lee (2005), "Counting your customers the easy way",
	 * Marketing Science 24(2), 275-284, and Hardie's note "Implementing the
	 * BG/NBD model": r = 0.243, alpha = 4.414, a = 0.793, b = 2.426,
	 * LL = -9582.4. Our fit: r 0.24259, alpha 4.41353, a 0.79289,
	 * b 2.42575, LL -9582.4256 (recency and T are rounded to 2 decimals in
	 * the file, hence the last digit). */
	assert_true(fabs(p.r - 0.243) < 0.0006);
	assert_true(fabs(p.alpha - 4.414) < 0.002);
	assert_true(fabs(p.a - 0.793) < 0.0006);
	assert_true(fabs(p.b - 2.426) < 0.002);
	assert_true(fabs(rep.loglik - -9582.4) < 0.05);
	/* the maximum is a maximum: the published (rounded) values are lower */
	assert_int_equal(kh_bgnbd_loglik(&published, obs, n, &ll_pub), 0);
	assert_true(ll_pub < rep.loglik);
	assert_true(ll_pub > rep.loglik - 0.01);
}

/* One customer of the BG/NBD story, acquired T weeks before the end: rate
 * lambda ~ Gamma(r, alpha), drop-out p ~ Beta(a, b) after each repeat
 * purchase, exponential waiting times. */
static void simulate(struct kh_rng *rng, const struct kh_bgnbd_params *p, double T,
		     struct kh_btyd_obs *o)
{
	double lambda = kh_rng_gamma(rng, p->r, 1 / p->alpha), pd = kh_rng_beta(rng, p->a, p->b);
	double t = 0;

	*o = (struct kh_btyd_obs){0, 0, T, 0};
	for (;;) {
		t += kh_rng_exponential(rng, lambda);
		if (t > T)
			break;
		o->x++;
		o->t_x = t;
		if (kh_rng_uniform(rng) < pd)
			break;
	}
}

/* Simulate n customers of the BG/NBD process with parameters truth, each
 * observed for T_min + T_span * U(0,1) weeks, fit, and check that the
 * estimates land within the relative bounds (tol[0..3] for r, alpha, a, b)
 * and that the fit beats the truth on the sample by the few units that four
 * free parameters buy. */
static void check_recovery(const struct kh_bgnbd_params *truth, size_t n, uint64_t seed,
			   double T_min, double T_span, const double tol[4])
{
	struct kh_btyd_obs *obs = malloc(n * sizeof(*obs));
	struct kh_bgnbd_params p;
	struct kh_fit_report rep;
	struct kh_rng rng;
	double ll_truth;

	assert_non_null(obs);
	kh_rng_seed(&rng, seed);
	for (size_t i = 0; i < n; i++)
		simulate(&rng, truth, T_min + T_span * kh_rng_uniform(&rng), &obs[i]);
	assert_int_equal(kh_bgnbd_fit(obs, n, &p, &rep), 0);
	assert_true(rep.converged);
	if (fabs(p.r / truth->r - 1) > tol[0] || fabs(p.alpha / truth->alpha - 1) > tol[1] ||
	    fabs(p.a / truth->a - 1) > tol[2] || fabs(p.b / truth->b - 1) > tol[3])
		fail_msg("recovered r %g alpha %g a %g b %g", p.r, p.alpha, p.a, p.b);
	assert_int_equal(kh_bgnbd_loglik(truth, obs, n, &ll_truth), 0);
	assert_true(rep.loglik >= ll_truth);
	assert_true(rep.loglik - ll_truth < 20);
	free(obs);
}

static void recovers_simulated_parameters(void **state)
{
	const struct kh_bgnbd_params truth = {0.5, 4.0, 0.8, 2.5};
	/* Over 8 seeds the estimates scattered by about 1% (r), 2% (alpha) and
	 * 5% (a, b): the bounds are about four times that. */
	const double tol[4] = {0.05, 0.08, 0.2, 0.2};

	/* acquisition spread over 39 weeks, observed 13 to 52 weeks */
	check_recovery(&truth, 20000, 7, 13, 39, tol);
}

/* The same at the published CDNOW estimates and with CDNOW's design: every
 * customer's first purchase in the first 12 of 39 weeks (T from 27 to 39),
 * ten times CDNOW's 2357 customers so that the estimates settle. */
static void recovers_cdnow_parameters_from_simulated_cdnow(void **state)
{
	/* Over 8 seeds the relative errors scattered with standard deviations
	 * of about 1.2% (r), 1.8% (alpha), 5% (a) and 8% (b), at most 2%, 3%,
	 * 10% and 18%: the bounds are about 4 standard deviations. */
	const double tol[4] = {0.05, 0.08, 0.2, 0.35};

	check_recovery(&published, 23570, 2005, 27, 12, tol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loglik_by_hand),
		cmocka_unit_test(p_alive_by_hand),
		cmocka_unit_test(expected_by_hand),
		cmocka_unit_test(expected_reference_values),
		cmocka_unit_test(removable_singularity_at_a_1),
		cmocka_unit_test(properties),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(cdnow_published_estimates),
		cmocka_unit_test(recovers_simulated_parameters),
		cmocka_unit_test(recovers_cdnow_parameters_from_simulated_cdnow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
