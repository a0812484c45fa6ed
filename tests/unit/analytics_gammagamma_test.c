/* analytics_gammagamma_test.c: the Gamma-Gamma spend model: likelihood and
 * conditional mean by hand, the published CDNOW estimates, and recovery of
 * known parameters from data simulated by the model. */
#include "test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytics/gammagamma.h"
#include "base/csv.h"
#include "base/error.h"
#include "base/rng.h"

#define REL(got, want, tol)                                                                \
	do {                                                                               \
		double g_ = (got), w_ = (want);                                            \
		if (!(fabs(g_ - w_) <= (tol) * fabs(w_)))                                  \
			fail_msg("%s = %.17g, want %.17g", #got, g_, w_);                   \
	} while (0)

static void loglik_by_hand(void **state)
{
	struct kh_gg_params ones = {1, 1, 1}, p = {2, 3, 4};
	struct kh_btyd_obs a = {1, 0, 0, 1}, b = {2, 0, 0, 5}, skip[] = {{0, 0, 5, 0}, {3, 1, 5, 0}};
	double ll;

	/* p = q = gamma = 1, x = 1, m = 1: ln G(2) - ln G(1) - ln G(1) + 1 ln 1
	 * + 0 ln 1 + 1 ln 1 - 2 ln(1 + 1) = -2 ln 2 */
	assert_int_equal(kh_gg_loglik(&ones, &a, 1, &ll), 0);
	REL(ll, -2 * log(2), 1e-15);
	/* p = 2, q = 3, gamma = 4, x = 2, m = 5 (px = 4): ln G(7) - ln G(4)
	 * - ln G(3) + 3 ln 4 + 3 ln 5 + 4 ln 2 - 7 ln(4 + 10)
	 * = ln(720 / 6 / 2 * 64 * 125 * 16 / 14^7) = ln(7680000 / 105413504) */
	assert_int_equal(kh_gg_loglik(&p, &b, 1, &ll), 0);
	REL(ll, log(7680000.0 / 105413504.0), 1e-14);
	/* x = 0 and a zero mean are left out */
	assert_false(kh_gg_usable(&skip[0]));
	assert_false(kh_gg_usable(&skip[1]));
	assert_true(kh_gg_usable(&b));
	assert_int_equal(kh_gg_loglik(&p, skip, 2, &ll), 0);
	assert_true(ll == 0);
}

static void expected_spend(void **state)
{
	struct kh_gg_params p = {2, 3, 4}, q1 = {2, 1, 4};
	double e = 42;

	/* p (gamma + m x) / (p x + q - 1) = 2 (4 + 10) / (2 + 3 - 1) = 7: the
	 * weighted mean of the population mean p gamma / (q - 1) = 4 (weight
	 * (q - 1) / (px + q - 1) = 1/2) and the customer's own 10 (weight 1/2) */
	assert_int_equal(kh_gg_expected_spend(&p, 1, 10, &e), 0);
	REL(e, 7, 1e-15);
	assert_int_equal(kh_gg_expected_spend(&p, 0, 0, &e), 0);
	REL(e, 4, 1e-15);
	/* more purchases, more weight on the customer's own mean */
	assert_int_equal(kh_gg_expected_spend(&p, 100, 10, &e), 0);
	assert_true(e > 9.9 && e < 10);
	/* q <= 1: the population mean does not exist */
	e = 42;
	assert_int_equal(kh_gg_expected_spend(&q1, 1, 10, &e), KH_EINVAL);
	assert_int_equal(kh_gg_expected_spend(&p, 1, -1, &e), KH_EINVAL);
	assert_true(e == 42);
}

static void cdnow_published_estimates(void **state)
{
	static struct kh_btyd_obs obs[3000];
	const char *path = "../shared/data/cdnow/cdnow_customers_summary_with_transactions.csv";
	struct kh_csv csv;
	struct kh_error err = {0};
	struct kh_gg_params p, pub = {6.25, 3.74, 15.44};
	struct kh_fit_report rep;
	FILE *fp = fopen(path, "rb");
	size_t nf, n = 0, usable = 0;
	double ll_pub, mean = 0;

	if (!fp)
		fail_msg("cannot open %s (tests run from the project root)", path);
	kh_csv_init_file(&csv, fp, NULL);
	assert_int_equal(kh_csv_next(&csv, &nf, &err), 0); /* ID,x,t_x,T,zbar */
	while (kh_csv_next(&csv, &nf, &err) == 0 && nf == 5 && n < 3000) {
		obs[n].x = (uint32_t)strtoul(kh_csv_field(&csv, 1, NULL), NULL, 10);
		obs[n].t_x = strtod(kh_csv_field(&csv, 2, NULL), NULL);
		obs[n].T = strtod(kh_csv_field(&csv, 3, NULL), NULL);
		obs[n].mean_spend = strtod(kh_csv_field(&csv, 4, NULL), NULL);
		if (kh_gg_usable(&obs[n])) {
			usable++;
			mean += obs[n].mean_spend;
		}
		n++;
	}
	kh_csv_release(&csv);
	fclose(fp);
	assert_int_equal(n, 2357);
	/* the data README: 946 customers with x > 0, mean zbar 35.08 */
	assert_int_equal(usable, 946);
	assert_true(fabs(mean / usable - 35.08) < 0.005);
	assert_int_equal(kh_gg_fit(obs, n, &p, &rep), 0);
	assert_true(rep.converged);
	assert_int_equal(rep.used, 946);
	/* Fader, Hardie & Lee (2005), "RFM and CLV: using iso-value curves for
	 * customer base analysis", JMR 42(4), and Fader & Hardie (2013), "The
	 * Gamma-Gamma model of monetary value": p = 6.25, q = 3.74, gamma =
	 * 15.44. Our fit on this file (zbar rounded to cents): p 6.24880,
	 * q 3.74459, gamma 15.44775, LL -4055.923; scipy's Nelder-Mead on the
	 * same likelihood gives the same to 6 digits. */
	assert_true(fabs(p.p - 6.25) < 0.005);
	assert_true(fabs(p.q - 3.74) < 0.006);
	assert_true(fabs(p.gamma - 15.44) < 0.01);
	assert_true(fabs(rep.loglik - -4055.923) < 0.001);
	assert_int_equal(kh_gg_loglik(&pub, obs, n, &ll_pub), 0);
	assert_true(ll_pub < rep.loglik && ll_pub > rep.loglik - 0.01);
	/* the model's population mean spend, p gamma / (q - 1) = 35.171, is
	 * close to the sample's 35.08 */
	{
		double e;

		assert_int_equal(kh_gg_expected_spend(&p, 0, 0, &e), 0);
		assert_true(fabs(e - 35.171) < 0.001);
	}
}

static void no_usable_customer(void **state)
{
	struct kh_btyd_obs o[2] = {{0, 0, 5, 0}, {2, 1, 5, 0}};
	struct kh_gg_params p = {42, 42, 42};

	assert_int_equal(kh_gg_fit(o, 2, &p, NULL), KH_ENOTFOUND);
	assert_int_equal(kh_gg_fit(o, 0, &p, NULL), KH_ENOTFOUND);
	assert_true(p.p == 42);
}

/* The Gamma-Gamma story at the published CDNOW estimates: per customer nu ~
 * Gamma(q, rate gamma), x = 1..6 repeat purchases each ~ Gamma(p, rate nu);
 * the fit on the means must find p, q and gamma again. */
static void recovers_simulated_parameters(void **state)
{
	const struct kh_gg_params truth = {6.25, 3.74, 15.44};
	const size_t n = 23570;
	struct kh_btyd_obs *obs = malloc(n * sizeof(*obs));
	struct kh_gg_params p;
	struct kh_fit_report rep;
	struct kh_rng rng;
	double ll_truth;

	assert_non_null(obs);
	kh_rng_seed(&rng, 2013);
	for (size_t i = 0; i < n; i++) {
		double nu = kh_rng_gamma(&rng, truth.q, 1 / truth.gamma), sum = 0;
		uint32_t x = 1 + (uint32_t)kh_rng_range(&rng, 0, 5);

		for (uint32_t j = 0; j < x; j++)
			sum += kh_rng_gamma(&rng, truth.p, 1 / nu);
		obs[i] = (struct kh_btyd_obs){x, 1, 2, sum / x};
	}
	assert_int_equal(kh_gg_fit(obs, n, &p, &rep), 0);
	assert_true(rep.converged);
	assert_int_equal(rep.used, n);
	/* Over 8 seeds: standard deviations about 3% (p), 1% (q), 3.5% (gamma),
	 * at most 5%, 1.5%, 6%; the bounds are about 4 standard deviations. */
	if (fabs(p.p / truth.p - 1) > 0.12 || fabs(p.q / truth.q - 1) > 0.05 ||
	    fabs(p.gamma / truth.gamma - 1) > 0.15)
		fail_msg("recovered p %g q %g gamma %g", p.p, p.q, p.gamma);
	assert_int_equal(kh_gg_loglik(&truth, obs, n, &ll_truth), 0);
	assert_true(rep.loglik >= ll_truth && rep.loglik - ll_truth < 15);
	free(obs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loglik_by_hand),
		cmocka_unit_test(expected_spend),
		cmocka_unit_test(cdnow_published_estimates),
		cmocka_unit_test(recovers_simulated_parameters),
		cmocka_unit_test(no_usable_customer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
