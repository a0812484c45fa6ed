/* analytics_quadrant_test.c: 2x2 splits at the median, the mean and fixed
 * cuts, unknown metrics, and the names of the five matrices. */
#include "test.h"

#include <math.h>

#include "analytics/quadrant.h"
#include "base/error.h"

static void median_split_by_hand(void **state)
{
	/* medians of 1 2 3 4 and of 4 3 2 1 are both 2.5 */
	static const double x[] = {1, 2, 3, 4}, y[] = {4, 3, 2, 1};
	const struct kh_axis_cut med = {KH_CUT_MEDIAN, 0};
	uint8_t q[4];
	double cx, cy;

	assert_int_equal(kh_quadrant_split(x, y, 4, &med, &med, q, &cx, &cy), 0);
	assert_true(cx == 2.5 && cy == 2.5);
	assert_int_equal(q[0], KH_QUAD_LH);
	assert_int_equal(q[1], KH_QUAD_LH);
	assert_int_equal(q[2], KH_QUAD_HL);
	assert_int_equal(q[3], KH_QUAD_HL);
}

static void mean_fixed_and_unknown(void **state)
{
	/* x: the mean of the known values (1 + 1 + 1 + 9) / 4 = 3, so only 9
	 * is high; y cut fixed at 5 (a value equal to the cut is low) */
	static const double x[] = {1, 1, 1, 9, NAN}, y[] = {0, 5, 10, 5, 5};
	const struct kh_axis_cut mean = {KH_CUT_MEAN, 0}, fixed = {KH_CUT_FIXED, 5};
	const struct kh_axis_cut med = {KH_CUT_MEDIAN, 0};
	uint8_t q[5];
	double cx, cy;

	assert_int_equal(kh_quadrant_split(x, y, 5, &mean, &fixed, q, &cx, &cy), 0);
	assert_true(cx == 3 && cy == 5);
	assert_int_equal(q[0], KH_QUAD_LL);
	assert_int_equal(q[1], KH_QUAD_LL); /* y = 5 is at the cut: low */
	assert_int_equal(q[2], KH_QUAD_LH);
	assert_int_equal(q[3], KH_QUAD_HL);
	assert_int_equal(q[4], KH_QUAD_NONE);
	/* medians: x of 1 1 1 9 is 1, y of 0 5 5 5 10 is 5 */
	assert_int_equal(kh_quadrant_split(x, y, 5, &med, &med, q, &cx, NULL), 0);
	assert_true(cx == 1);
	assert_int_equal(q[0], KH_QUAD_LL);
	assert_int_equal(q[2], KH_QUAD_LH);
	assert_int_equal(q[3], KH_QUAD_HL);
	/* no known value on an axis: the cut is NaN and everyone unknown... */
	{
		static const double nx[] = {NAN, NAN};

		assert_int_equal(kh_quadrant_split(nx, y, 2, &med, &med, q, &cx, &cy), 0);
		assert_true(isnan(cx));
		assert_int_equal(q[0], KH_QUAD_NONE);
	}
	/* ... a fixed cut must be a number */
	{
		const struct kh_axis_cut bad = {KH_CUT_FIXED, NAN};

		assert_int_equal(kh_quadrant_split(x, y, 5, &bad, &med, q, NULL, NULL),
				 KH_EINVAL);
	}
}

static void names(void **state)
{
	/* the sources' order: both high / x high only / y high only / both low */
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_HH), "best");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_HL), "stranger");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_LH),
			    "fatal_attraction");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_RESPONSE, KH_QUAD_LL), "ghost");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_HH), "golden");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_HL), "at_risk");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_LH),
			    "dont_over_serve");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VALUE_LOYALTY, KH_QUAD_LL), "marginal");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_BENEFIT, KH_QUAD_HL), "selling");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_BENEFIT, KH_QUAD_LH), "networking");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_VOLUME_PROFIT, KH_QUAD_HH), "core");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_HL),
			    "secondary");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_LH),
			    "potential");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_CURRENT_POTENTIAL, KH_QUAD_NONE), "");
	assert_string_equal(kh_quadrant_name(KH_MATRIX_COUNT, 0), "");
	assert_string_equal(kh_matrix_name(KH_MATRIX_BENEFIT), "benefit");
	assert_string_equal(kh_matrix_name(KH_MATRIX_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median_split_by_hand),
		cmocka_unit_test(mean_fixed_and_unknown),
		cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
