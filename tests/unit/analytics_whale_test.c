/* analytics_whale_test.c: the cumulative profit curve and its 20/80/30
 * figures, by hand. */
#include "test.h"

#include <math.h>

#include "analytics/whale.h"
#include "base/error.h"

static void by_hand(void **state)
{
	/* sorted: 50 40 30 10 5 0 0 -5 -10 -20, total 100; running sums
	 * 50 90 120 130 135 135 135 130 120 100 */
	static const int64_t profit[] = {50, -10, 40, 0, 30, -20, 10, -5, 5, 0};
	const struct kh_whale_params p = KH_WHALE_PARAMS_DEFAULT;
	struct kh_whale_summary s;
	struct kh_whale_point curve[6];

	assert_int_equal(kh_whale_curve(profit, 10, &p, &s, curve, 5), 0);
	assert_true(s.total == 100);
	/* top 20% = 2 customers: 90, i.e. 90% of the total */
	assert_true(s.top == 90 && fabs(s.top_of_total - 0.9) < 1e-15);
	/* the peak, 135 = 135% of the total, first reached at 5 of 10 */
	assert_true(s.peak == 135 && fabs(s.peak_of_total - 1.35) < 1e-15);
	assert_true(s.peak_customers == 0.5);
	/* worst 30% = the last 3 (-5 -10 -20): without them 135, so they cut
	 * (135 - 100) / 135 = 25.9% */
	assert_true(s.without_worst == 135);
	assert_true(fabs(s.worst_cut - 35.0 / 135) < 1e-15);
	/* the curve at 0, 20, ..., 100% of customers */
	static const double want[] = {0, 90, 130, 135, 130, 100};
	for (int k = 0; k <= 5; k++) {
		assert_true(fabs(curve[k].customers - k / 5.0) < 1e-15);
		assert_true(curve[k].profit == want[k]);
	}
}

static void losses_overall(void **state)
{
	static const int64_t profit[] = {-5, -10};
	const struct kh_whale_params p = KH_WHALE_PARAMS_DEFAULT;
	struct kh_whale_summary s;

	/* nothing positive: the peak is 0 (nobody), shares are undefined */
	assert_int_equal(kh_whale_curve(profit, 2, &p, &s, NULL, 0), 0);
	assert_true(s.total == -15 && s.peak == 0 && s.peak_customers == 0);
	assert_true(isnan(s.top_of_total) && isnan(s.peak_of_total) && isnan(s.worst_cut));
	/* empty */
	assert_int_equal(kh_whale_curve(profit, 0, &p, &s, NULL, 0), 0);
	assert_true(s.total == 0);
}

static void bad_params(void **state)
{
	static const int64_t profit[] = {1};
	const struct kh_whale_params bad = {1.5, 0.3}, ok = KH_WHALE_PARAMS_DEFAULT;
	struct kh_whale_summary s = {.total = 42};
	struct kh_whale_point c[1];

	assert_int_equal(kh_whale_curve(profit, 1, &bad, &s, NULL, 0), KH_EINVAL);
	assert_int_equal(kh_whale_curve(profit, 1, &ok, &s, c, 0), KH_EINVAL);
	assert_true(s.total == 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(by_hand),
		cmocka_unit_test(losses_overall),
		cmocka_unit_test(bad_params),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
