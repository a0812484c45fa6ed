/* analytics_clv_test.c: discounted expected margin from BG/NBD and
 * Gamma-Gamma, by hand with parameters whose E[X(t)] has a closed form. */
#include "test.h"

#include <math.h>

#include "analytics/clv.h"
#include "base/error.h"

/* r = alpha = 1, a = 2, b = 1: E[X(t)] = 2 (1 - ln(1 + t) / t) for a new
 * customer (see analytics_bgnbd_test.c). Gamma-Gamma p = 2, q = 3, gamma =
 * 4: a new customer's expected spend is p gamma / (q - 1) = 4. */
static const struct kh_bgnbd_params bg = {1, 1, 2, 1};
static const struct kh_gg_params gg = {2, 3, 4};
static const struct kh_btyd_obs fresh = {0, 0, 0, 0};

static double ex(double t)
{
	return 2 * (1 - log1p(t) / t);
}

static void discounted_by_hand(void **state)
{
	struct kh_clv_options o = {.horizon = 2, .step = 1, .discount = 0.1, .margin = 0.5};
	struct kh_clv_prediction p;
	double want;

	/* two periods: 0.5 x 4 x (E(1) / 1.1 + (E(2) - E(1)) / 1.1^2), with
	 * E(1) = 2 (1 - ln 2) = 0.6137, E(2) = 2 - ln 3 = 0.9014: 1.5913 */
	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), 0);
	want = 0.5 * 4 * (ex(1) / 1.1 + (ex(2) - ex(1)) / (1.1 * 1.1));
	assert_true(fabs(p.clv - want) < 1e-13);
	assert_true(fabs(want - 1.5913360) < 1e-6);
	assert_true(fabs(p.expected_purchases - ex(2)) < 1e-14);
	assert_true(p.expected_spend == 4);
	assert_true(p.p_alive == 1);
	/* a last, shorter period is discounted from its own end: 2.5 / 1 */
	o.horizon = 2.5;
	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), 0);
	want += 0.5 * 4 * (ex(2.5) - ex(2)) / pow(1.1, 2.5);
	assert_true(fabs(p.clv - want) < 1e-13);
}

static void properties(void **state)
{
	struct kh_btyd_obs c = {3, 20, 30, 25.5};
	struct kh_clv_options one = {.horizon = 52, .step = 52, .discount = 0, .margin = 1};
	struct kh_clv_options many = {.horizon = 52, .step = 1, .discount = 0, .margin = 1};
	struct kh_clv_prediction a, b, batch[2];
	struct kh_btyd_obs both[2] = {fresh, c};

	/* without discounting the periods telescope: E[Y(52)] x spend */
	assert_int_equal(kh_clv_customer(&bg, &gg, &c, &one, &a), 0);
	assert_int_equal(kh_clv_customer(&bg, &gg, &c, &many, &b), 0);
	assert_true(fabs(a.clv - b.clv) < 1e-12 * a.clv);
	assert_true(fabs(a.clv - a.expected_purchases * a.expected_spend) < 1e-12 * a.clv);
	/* discounting lowers the value; so does a smaller margin, in proportion */
	many.discount = 0.01;
	assert_int_equal(kh_clv_customer(&bg, &gg, &c, &many, &b), 0);
	assert_true(b.clv < a.clv);
	many.margin = 0.25;
	assert_int_equal(kh_clv_customer(&bg, &gg, &c, &many, &a), 0);
	assert_true(fabs(a.clv - 0.25 * b.clv) < 1e-12 * b.clv);
	/* the batch gives the same as one at a time */
	assert_int_equal(kh_clv_predict(&bg, &gg, both, 2, &many, batch), 0);
	assert_true(batch[1].clv == a.clv);
}

static void bad_options(void **state)
{
	struct kh_clv_options o = {.horizon = 0, .step = 1, .discount = 0, .margin = 1};
	struct kh_gg_params q1 = {2, 1, 4};
	struct kh_clv_prediction p = {42, 42, 42, 42};

	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), KH_EINVAL);
	o.horizon = 10;
	o.step = 0;
	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), KH_EINVAL);
	/* a million periods is a unit mistake, not a horizon */
	o.step = 1e-5;
	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), KH_EINVAL);
	o.step = 1;
	o.discount = -0.1;
	assert_int_equal(kh_clv_customer(&bg, &gg, &fresh, &o, &p), KH_EINVAL);
	o.discount = 0;
	assert_int_equal(kh_clv_customer(&bg, &q1, &fresh, &o, &p), KH_EINVAL);
	assert_true(p.clv == 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(discounted_by_hand),
		cmocka_unit_test(properties),
		cmocka_unit_test(bad_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
