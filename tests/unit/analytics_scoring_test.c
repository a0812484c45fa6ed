/* analytics_scoring_test.c: weighted indicator scores (range, percentile,
 * reversed, missing) and the value pyramid. */
#include "test.h"

#include <math.h>
#include <string.h>

#include "analytics/scoring.h"
#include "base/error.h"

static const struct kh_score_indicator table[] = {
	{"satisfaction", "relationship", 2, KH_SCALE_RANGE, 1, 5, false},
	{"price_sensitivity", "characteristic", 1, KH_SCALE_RANGE, 1, 5, true},
	{"profit", "contribution", 1, KH_SCALE_PERCENTILE, 0, 1, false},
};

static void totals_by_hand(void **state)
{
	/* rows: satisfaction, price sensitivity, profit */
	const double v[] = {
		5,   1, 300, /* 100, 100 (reversed), top of 3 -> 100: (200+100+100)/4 = 100 */
		3,   3, 100, /* 50, 50, bottom -> 0: (100 + 50 + 0) / 4 = 37.5 */
		NAN, 5, 200, /* unknown, 0, middle -> 50: (0 + 50) / 2 = 25 */
		9,   0, NAN, /* clamped: 100 and 100, profit unknown: (200 + 100) / 3 = 100 */
	};
	double total[4], sub[12];

	assert_int_equal(kh_score_compute(table, 3, v, 4, total, sub), 0);
	assert_true(fabs(total[0] - 100) < 1e-12);
	assert_true(fabs(total[1] - 37.5) < 1e-12);
	assert_true(fabs(total[2] - 25) < 1e-12);
	assert_true(fabs(total[3] - 100) < 1e-12);
	assert_true(isnan(sub[2 * 3 + 0]));
	assert_true(sub[1 * 3 + 2] == 0 && sub[2 * 3 + 2] == 50 && sub[0 * 3 + 2] == 100);
	/* the same totals without the caller's sub-score array */
	{
		double t2[4];

		assert_int_equal(kh_score_compute(table, 3, v, 4, t2, NULL), 0);
		for (int i = 0; i < 4; i++)
			assert_true(t2[i] == total[i]);
	}
	/* nothing known: no total */
	{
		const double none[] = {NAN, NAN, NAN};
		double t;

		assert_int_equal(kh_score_compute(table, 3, none, 1, &t, NULL), 0);
		assert_true(isnan(t));
	}
}

static void default_table(void **state)
{
	size_t k;
	const struct kh_score_indicator *t = kh_score_default_table(&k);
	double w = 0, groups[3] = {0};
	double v[2 * 13], total[2];

	assert_int_equal(k, 13);
	for (size_t j = 0; j < k; j++) {
		w += t[j].weight;
		if (strcmp(t[j].group, "contribution") == 0)
			groups[0] += t[j].weight;
		else if (strcmp(t[j].group, "characteristic") == 0)
			groups[1] += t[j].weight;
		else if (strcmp(t[j].group, "relationship") == 0)
			groups[2] += t[j].weight;
		else
			fail_msg("unknown group %s", t[j].group);
	}
	/* weights sum to 1: 40% contribution, 30% characteristic, 30% relationship */
	assert_true(fabs(w - 1) < 1e-12);
	assert_true(fabs(groups[0] - 0.4) < 1e-12);
	assert_true(fabs(groups[1] - 0.3) < 1e-12);
	assert_true(fabs(groups[2] - 0.3) < 1e-12);
	/* the best possible customer and the worst */
	for (size_t j = 0; j < k; j++) {
		double lo = t[j].lower_is_better ? t[j].hi : t[j].lo;
		double hi = t[j].lower_is_better ? t[j].lo : t[j].hi;
		double best = t[j].scale == KH_SCALE_PERCENTILE ? 2 : hi;
		double worst = t[j].scale == KH_SCALE_PERCENTILE ? 1 : lo;

		v[j] = best;
		v[k + j] = worst;
	}
	assert_int_equal(kh_score_compute(t, k, v, 2, total, NULL), 0);
	assert_true(fabs(total[0] - 100) < 1e-9);
	assert_true(fabs(total[1]) < 1e-9);
}

static void pyramid(void **state)
{
	const double total[] = {10, 90, NAN, 50, 50, 70};
	const struct kh_pyramid_params thirds = {{1.0 / 3, 2.0 / 3, 0.9}};
	const struct kh_pyramid_params def = KH_PYRAMID_PARAMS_DEFAULT;
	uint8_t tier[6];

	/* five ranked (the NaN is not): 90 | 70 | 50 50 | 10; bounds ceil(5/3)
	 * = 2, ceil(10/3) = 4, ceil(4.5) = 5 -> 90, 70 key; 50, 50 major; 10
	 * ordinary */
	assert_int_equal(kh_score_pyramid(total, 6, &thirds, tier), 0);
	assert_int_equal(tier[1], KH_PYRAMID_KEY);
	assert_int_equal(tier[5], KH_PYRAMID_KEY);
	assert_int_equal(tier[3], KH_PYRAMID_MAJOR);
	assert_int_equal(tier[4], KH_PYRAMID_MAJOR);
	assert_int_equal(tier[0], KH_PYRAMID_ORDINARY);
	assert_int_equal(tier[2], KH_PYRAMID_NONE);
	/* defaults (1%, 5%, 20%) on five: 1 key, then ceil(0.25) = 1, ceil(1) =
	 * 1: everybody else small */
	assert_int_equal(kh_score_pyramid(total, 6, &def, tier), 0);
	assert_int_equal(tier[1], KH_PYRAMID_KEY);
	assert_int_equal(tier[5], KH_PYRAMID_SMALL);
	assert_string_equal(kh_score_pyramid_name(KH_PYRAMID_ORDINARY), "ordinary");
	assert_string_equal(kh_score_pyramid_name(KH_PYRAMID_NONE), "");
}

static void bad_tables(void **state)
{
	struct kh_score_indicator t[1] = {{"x", "g", 1, KH_SCALE_RANGE, 5, 5, false}};
	const double v[1] = {1};
	const struct kh_pyramid_params down = {{0.5, 0.2, 0.9}};
	double total = 42;
	uint8_t tier;

	assert_int_equal(kh_score_compute(t, 1, v, 1, &total, NULL), KH_EINVAL);
	t[0].hi = 6;
	t[0].weight = -1;
	assert_int_equal(kh_score_compute(t, 1, v, 1, &total, NULL), KH_EINVAL);
	t[0].weight = 0;
	assert_int_equal(kh_score_compute(t, 1, v, 1, &total, NULL), KH_EINVAL);
	assert_int_equal(kh_score_compute(t, 0, v, 1, &total, NULL), KH_EINVAL);
	assert_true(total == 42);
	assert_int_equal(kh_score_pyramid(v, 1, &down, &tier), KH_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(totals_by_hand),
		cmocka_unit_test(default_table),
		cmocka_unit_test(pyramid),
		cmocka_unit_test(bad_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
